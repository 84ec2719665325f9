package dev.parley.standalone;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The page's look and habits: light and dark themes (the system's, or the toggle's, remembered),
 * avatars and grouped runs of messages, day separators, relative times, the keyboard shortcuts
 * and the 390 px layout. Saves the light, dark and phone screenshots.
 */
class LookBrowserIT extends BrowserTest {
    private static String background(WebDriver d) {
        return (String) js(d).executeScript("return getComputedStyle(document.documentElement).backgroundColor");
    }

    /** Headless Chromium keeps windows at least 500 px wide: a phone's viewport is emulated instead. */
    static WebDriver asPhone(WebDriver d) {
        ((ChromeDriver) d).executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", true));
        return d;
    }

    private WebDriver phone(String name) throws IOException {
        return asPhone(browser(name, "390,844"));
    }

    @Test
    void theThemeFollowsTheSystemUntilToggledAndTheToggleIsRemembered() throws IOException {
        WebDriver alice = browser("alice");
        register(alice, "alice");
        say(alice, "Good **morning**, everyone :wave:");
        message(alice, "Good morning, everyone 👋");
        String light = background(alice);
        assertEquals("rgb(246, 247, 249)", light);
        assertEquals("false", alice.findElement(By.id("theme-button")).getAttribute("aria-pressed"));
        screenshot(alice, "light");

        click(alice, By.id("theme-button"));
        assertEquals("dark", js(alice).executeScript("return document.documentElement.dataset.theme"));
        assertEquals("rgb(18, 21, 27)", background(alice));
        assertEquals("true", alice.findElement(By.id("theme-button")).getAttribute("aria-pressed"));
        screenshot(alice, "dark");

        alice.navigate().refresh();
        waitFor(alice).until(ExpectedConditions.visibilityOfElementLocated(By.id("app")));
        assertEquals("rgb(18, 21, 27)", background(alice), "the pick survives a reload");
        click(alice, By.id("theme-button"));
        assertEquals(light, background(alice));

        // A browser whose system is dark gets the dark theme without any pick.
        WebDriver night = browser("night");
        ((ChromeDriver) night).executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
        night.get(server.url().toString());
        waitFor(night).until(ExpectedConditions.visibilityOfElementLocated(By.id("login-username")));
        assertNull(js(night).executeScript("return document.documentElement.dataset.theme || null"));
        assertEquals("rgb(18, 21, 27)", background(night));
    }

    @Test
    void runsOfOneAuthorShareAnAvatarUnderADaySeparatorWithRelativeTimes() throws IOException {
        WebDriver alice = browser("alice");
        WebDriver bob = browser("bobby");
        register(alice, "alice");
        register(bob, "bobby");
        say(alice, "first of a run");
        message(bob, "first of a run");
        say(alice, "second of a run");
        message(bob, "second of a run");
        say(bob, "an answer");
        message(bob, "an answer");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) js(bob).executeScript(
                "return [...document.querySelectorAll('#message-list li.message.has-avatar[data-seq]')].map(li => ({"
                        + " text: li.querySelector('.text').textContent, grouped: li.classList.contains('grouped'),"
                        + " initials: li.querySelector('.avatar').textContent,"
                        + " avatarShown: getComputedStyle(li.querySelector('.avatar')).display !== 'none',"
                        + " colour: getComputedStyle(li.querySelector('.avatar')).backgroundColor,"
                        + " time: li.querySelector('time').textContent, title: li.querySelector('time').title}));");
        assertEquals(3, items.size(), items.toString());
        assertEquals(List.of(false, true, false), items.stream().map(i -> i.get("grouped")).toList());
        assertEquals(List.of(true, false, true), items.stream().map(i -> i.get("avatarShown")).toList());
        assertEquals("A", items.get(0).get("initials"));
        assertEquals("B", items.get(2).get("initials"));
        assertNotEquals(items.get(0).get("colour"), items.get(2).get("colour"));
        assertEquals("now", items.get(0).get("time"));
        assertTrue(((String) items.get(0).get("title")).matches(".*\\d{1,2}:\\d{2}.*"), "the exact time on hover");
        // Alice's page draws her avatar in the same colour as Bob's page does.
        assertEquals(items.get(0).get("colour"), js(alice).executeScript(
                "return getComputedStyle(document.querySelector('#message-list li.message.has-avatar .avatar')).backgroundColor"));
        assertEquals(List.of("Today"), js(bob).executeScript(
                "return [...document.querySelectorAll('#message-list .day-separator')].map(s => s.textContent)"));
        assertEquals(Boolean.TRUE, js(bob).executeScript(
                "const s = document.querySelector('#message-list .day-separator');"
                        + "return s.nextElementSibling === document.querySelector('#message-list li.message');"),
                "the separator comes before the day's first item");
    }

    @Test
    void daySeparatorsGroupingAndRelativeTimesAsUnits() throws IOException {
        WebDriver page = browser("unit");
        page.get(server.url().toString());
        @SuppressWarnings("unchecked")
        Map<String, Object> out = (Map<String, Object>) js(page).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "Promise.all([import('./js/timeline.js'), import('./js/avatar.js')]).then(([t, a]) => {"
                        + "  const now = new Date(2026, 11, 7, 12, 0, 0);"
                        + "  const at = (d, h, m) => new Date(2026, 11, d, h, m).toISOString();"
                        + "  const item = (from, iso) => { const li = document.createElement('li');"
                        + "    li.className = 'message has-avatar'; li.dataset.from = from;"
                        + "    const meta = document.createElement('div'); meta.className = 'meta'; const tm = document.createElement('time');"
                        + "    tm.setAttribute('datetime', iso); meta.append(tm); li.append(meta); return li; };"
                        + "  const list = document.createElement('ul');"
                        + "  list.append(item('ann', at(5, 9, 0)), item('ann', at(5, 9, 3)), item('ann', at(5, 9, 20)),"
                        + "    item('ann', at(6, 23, 59)), item('ben', at(7, 11, 58)), item('ben', at(7, 11, 59)));"
                        + "  const first = t.arrange(list, now); const second = t.arrange(list, now);"
                        + "  done({ first, second,"
                        + "    shape: [...list.children].map(li => li.classList.contains('day-separator') ? 'day:' + li.dataset.day"
                        + "      : (li.classList.contains('grouped') ? 'g' : 'm')),"
                        + "    labels: [...list.querySelectorAll('.day-separator')].slice(1).map(s => s.textContent),"
                        + "    rel: [t.relativeTime(new Date(2026, 11, 7, 11, 59, 30).toISOString(), now, 'en'), t.relativeTime(at(7, 11, 15), now, 'en'),"
                        + "      t.relativeTime(at(7, 8, 0), now, 'en'), t.relativeTime(at(6, 14, 5), now, 'en').startsWith('yesterday')],"
                        + "    initials: [a.initials('mary.jones'), a.initials('bob'), a.initials('x_y-z')],"
                        + "    sameColour: a.avatarColour('Alice') === a.avatarColour('alice') });"
                        + "}, (e) => done({ error: String(e) }));");
        assertNull(out.get("error"));
        assertEquals(Boolean.TRUE, out.get("first"));
        assertEquals(Boolean.FALSE, out.get("second"), "a second pass changes nothing");
        assertEquals(List.of("day:2026-12-05", "m", "g", "m", "day:2026-12-06", "m", "day:2026-12-07", "m", "g"), out.get("shape"));
        assertEquals(List.of("Yesterday", "Today"), out.get("labels"));
        assertEquals(List.of("now", "45 min. ago", "4 hr. ago", true), out.get("rel"));
        assertEquals(List.of("MJ", "B", "XY"), out.get("initials"));
        assertEquals(Boolean.TRUE, out.get("sameColour"));
    }

    @Test
    void upEditsTheLastOwnMessageEscapeCancelsAndCtrlKSwitchesRooms() throws IOException {
        WebDriver alice = browser("alice");
        register(alice, "alice");
        say(alice, "a message with a tpyo");
        String seq = message(alice, "a message with a tpyo").get("seq");
        waitFor(alice).until(d -> !d.findElements(By.cssSelector("#message-list li.message[data-id]:not(.pending) [data-action='edit']")).isEmpty());

        alice.findElement(By.id("message-input")).sendKeys(Keys.ARROW_UP);
        waitFor(alice).until(d -> "a message with a tpyo".equals(js(d).executeScript(
                "const b = document.activeElement; return b && b.classList.contains('edit-box') ? b.value : null")));
        alice.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        waitFor(alice).until(d -> d.findElements(By.cssSelector("#message-list .edit-box")).isEmpty());
        waitFor(alice).until(d -> "message-input".equals(js(d).executeScript("return document.activeElement.id")));

        alice.findElement(By.id("message-input")).sendKeys(Keys.ARROW_UP);
        waitFor(alice).until(d -> !d.findElements(By.cssSelector("#message-list .edit-box")).isEmpty());
        js(alice).executeScript("const b = document.activeElement; b.select();");
        alice.switchTo().activeElement().sendKeys("a message without a typo", Keys.ENTER);
        assertEquals(seq, message(alice, "a message without a typo").get("seq"));

        Http http = new Http(server.url());
        String token = token(http, "alice");
        assertEquals(201, http.post("/api/rooms", token, Http.json("id", "project-x", "visibility", "public")).status());
        waitFor(alice).until(ExpectedConditions.textToBePresentInElementLocated(By.id("room-list"), "project-x"));
        alice.findElement(By.id("message-input")).sendKeys(Keys.chord(Keys.CONTROL, "k"));
        waitFor(alice).until(ExpectedConditions.visibilityOfElementLocated(By.id("switcher-input"))).sendKeys("proj");
        assertEquals(List.of("project-x"), js(alice).executeScript(
                "return [...document.querySelectorAll('#switcher-list [role=option] .switcher-name')].map(o => o.textContent)"));
        alice.switchTo().activeElement().sendKeys(Keys.ENTER);
        waitFor(alice).until(ExpectedConditions.textToBe(By.id("room-title"), "#project-x"));
        assertEquals(Boolean.FALSE, js(alice).executeScript("return document.getElementById('switcher').open"));
        assertEquals("message-input", js(alice).executeScript("return document.activeElement.id"));
    }

    /** The picture of the README: a morning's conversation, with rich text, a reaction, a quoted reply and another room's badges. */
    @Test
    void aMorningConversationForTheReadme() throws IOException {
        Http http = new Http(server.url());
        WebDriver alice = browser("alice", "1280,800");
        register(alice, "alice");
        String bob = http.login("bob.stone");
        String carol = http.login("carol");
        for (String t : List.of(bob, carol)) {
            assertEquals(200, http.post("/api/rooms/general/join", t, "").status());
        }
        String morning = post(http, bob, "Morning all :wave: the **2.0 release** is today at 15:00", null, null);
        post(http, carol, "I pushed the fix for `parseRoomId`, review at https://example.com/parley/pull/42", null, null);
        String freeze = post(http, bob, "Shall we freeze `main` at noon?", null, null);
        post(http, carol, "Yes, and before that:\n- tag `v2.0.0`\n- update the _changelog_\n- run the browser tests", freeze, null);
        post(http, bob, "```\nPARLEY_TEST_BROWSER=1 mvn -B verify\n```\nall green here :white_check_mark:", null, null);
        for (String t : List.of(carol, token(http, "alice"))) {
            int status = http.put("/api/rooms/general/messages/" + morning + "/reactions/%F0%9F%8E%89", t).status();
            assertTrue(status == 200 || status == 204, "reacted: " + status);
        }
        // Another room with news for alice: its badges (unread, a mention) show in the sidebar.
        http.createRoom(bob, "design", "private", "alice", "carol");
        http.postMessage(carol, "design", Http.json("text", "New logo drafts are in the shared folder"));
        http.postMessage(bob, "design", Http.json("text", "@alice which one do you like best?"));
        waitFor(alice).until(d -> !d.findElements(By.cssSelector("#message-list .text pre")).isEmpty());
        waitFor(alice).until(ExpectedConditions.textToBePresentInElementLocated(By.id("room-list"), "design"));
        say(alice, "Thanks both :tada: I'll write the announcement");
        message(alice, "Thanks both 🎉 I'll write the announcement");
        js(alice).executeScript("document.activeElement.blur()");
        screenshot(alice, "readme");
    }

    @Test
    void aPhoneOf390PixelsShowsEverythingWithoutClipping() throws IOException {
        WebDriver phone = phone("phone");
        register(phone, "phoebe");
        assertEquals(390L, js(phone).executeScript("return document.documentElement.clientWidth"));
        say(phone, "A message from a phone, long enough to wrap over more than one line of the narrow screen, "
                + "with a link https://example.com/a/rather/long/path/that/must/wrap/somewhere and `code`");
        message(phone, "A message from a phone, long enough to wrap over more than one line of the narrow screen, "
                + "with a link https://example.com/a/rather/long/path/that/must/wrap/somewhere and code");
        @SuppressWarnings("unchecked")
        List<String> clipped = (List<String>) js(phone).executeScript(
                "const w = document.documentElement.clientWidth; const out = [];"
                        + "if (document.documentElement.scrollWidth > w) out.push('page ' + document.documentElement.scrollWidth);"
                        + "for (const el of document.querySelectorAll('.topbar > *, .room-header > *, .composer > *, #message-list li.message')) {"
                        + "  const r = el.getBoundingClientRect(); const cs = getComputedStyle(el);"
                        + "  if (cs.display === 'none' || cs.visibility === 'hidden' || r.width === 0 || el.classList.contains('visually-hidden')) continue;"
                        + "  if (r.left < -0.5 || r.right > w + 0.5) out.push((el.id || el.className) + ' ' + r.left + '..' + r.right);"
                        + "  if (el.scrollWidth > el.clientWidth + 1 && cs.overflowX !== 'auto' && el.tagName !== 'TEXTAREA'"
                        + "      && cs.textOverflow !== 'ellipsis') out.push((el.id || el.className) + ' overflows');"
                        + "}"
                        + "const t = document.getElementById('message-input');"
                        + "if (t.scrollWidth > t.clientWidth + 1) out.push('composer placeholder');"
                        + "return out;");
        assertEquals(List.of(), clipped);
        screenshot(phone, "phone-390");
        click(phone, By.id("theme-button"));
        screenshot(phone, "phone-390-dark");
    }
}
