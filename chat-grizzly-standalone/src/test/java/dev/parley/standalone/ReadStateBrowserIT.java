package dev.parley.standalone;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Read state in the page: unread and mention badges from the room listing, kept live and cleared by
 * reading (here or on another device), the "New messages" divider after a reload, the marker the
 * page moves on the server as messages come into view, mentions marked in text, the {@code @}
 * autocomplete, the tab title, a refused read said in a toast, and mention notifications while the
 * tab is hidden. Two users: alice in Chromium, bobby over REST.
 *
 * <p>Notifications: the permission is granted through Chromium's DevTools protocol
 * ({@code Browser.grantPermissions}), and {@code window.Notification} is wrapped by a script that
 * runs before the page's own ({@code Page.addScriptToEvaluateOnNewDocument}): the wrapper calls the
 * real constructor and records each notification, so the test sees what the page showed. A hidden
 * tab is simulated by redefining {@code document.visibilityState} and firing {@code visibilitychange}.
 */
class ReadStateBrowserIT extends BrowserTest {

    private static String badge(WebDriver d, String room, String kind) {
        return (String) js(d).executeScript("const b = document.querySelector("
                + "'button.room-item[data-room-id=\"' + arguments[0] + '\"] .' + arguments[1]);"
                + "return b ? b.textContent : '';", room, kind);
    }

    private static void awaitBadges(WebDriver d, String room, String unread, String mentions) {
        awaitEquals(d, unread, x -> badge(x, room, "unread-badge"), "unread badge of " + room);
        awaitEquals(d, mentions, x -> badge(x, room, "mention-badge"), "mention badge of " + room);
    }

    private static long postIn(Http http, String token, String room, String text) {
        return http.postMessage(token, room, Json.createObjectBuilder().add("text", text).build()).getJsonNumber("seq").longValue();
    }

    private static long marker(Http http, String token, String room, String user) {
        Http.Reply r = http.get("/api/rooms/" + room + "/reads", token);
        assertEquals(200, r.status(), r.text());
        for (JsonValue v : Json.createReader(new java.io.StringReader(r.text())).readArray()) {
            JsonObject o = v.asJsonObject();
            if (o.getString("username").equals(user)) {
                return o.getJsonNumber("lastReadSeq").longValue();
            }
        }
        throw new AssertionError(user + " not in the reads of " + room + ": " + r.text());
    }

    private void awaitMarker(WebDriver d, Http http, String token, String room, String user, long seq) {
        long[] last = {-1};
        try {
            waitFor(d).until(x -> (last[0] = marker(http, token, room, user)) == seq);
        } catch (org.openqa.selenium.TimeoutException e) {
            assertEquals(seq, last[0], "the marker of " + user + " in " + room + " on the server");
        }
    }

    private static void open(WebDriver d, String list, String room) {
        click(d, By.cssSelector("#" + list + " button.room-item[data-room-id='" + room + "']"));
        // the sidebar is redrawn as counts change: a button found may be replaced before it is read
        waitFor(d).ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(x -> "true".equals(x.findElement(By.cssSelector(
                "button.room-item[data-room-id='" + room + "']")).getAttribute("aria-current")));
    }

    private static void awaitTitle(WebDriver d, String title) {
        awaitEquals(d, title, WebDriver::getTitle, "the tab title");
    }

    /** Where the divider is: the text of the message right after it (the day separator skipped), or null. */
    private static String afterDivider(WebDriver d) {
        return (String) js(d).executeScript("const div = document.querySelector('#message-list > li.unread-divider');"
                + "if (!div) return null; let n = div.nextElementSibling;"
                + "while (n && !n.matches('li.message')) n = n.nextElementSibling;"
                + "return n ? n.querySelector('.text').textContent : '(nothing)';");
    }

    @Test
    void badgesCountLiveClearWhenReadHereOrOnAnotherDeviceAndFollowTheTitle() throws IOException {
        WebDriver alice = browser("alice");
        register(alice, "alice");
        Http http = new Http(server.url());
        String aliceToken = token(http, "alice");
        String bob = http.login("bobby");
        http.createRoom(bob, "side", "private", "alice");
        waitFor(alice).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#room-list [data-room-id='side']")));
        awaitTitle(alice, "Parley");

        postIn(http, bob, "side", "first of three");
        postIn(http, bob, "side", "are you there @alice?");
        long third = postIn(http, bob, "side", "third of three");
        awaitBadges(alice, "side", "3", "@1");
        awaitTitle(alice, "(3) Parley");
        assertEquals("side, 3 unread, 1 mention", alice.findElement(By.cssSelector(
                "#room-list [data-room-id='side']")).getAttribute("aria-label"));

        // After a reload the counts come from GET /api/rooms.
        alice.navigate().refresh();
        waitFor(alice).until(ExpectedConditions.attributeToBe(By.id("connection-status"), "data-state", "online"));
        awaitBadges(alice, "side", "3", "@1");
        awaitTitle(alice, "(3) Parley");

        open(alice, "room-list", "side");
        awaitBadges(alice, "side", "", "");
        awaitTitle(alice, "Parley");
        awaitMarker(alice, http, aliceToken, "side", "alice", third);
        awaitEquals(alice, "first of three", ReadStateBrowserIT::afterDivider, "the divider before bob's first message");
        @SuppressWarnings("unchecked")
        Map<String, Object> mention = (Map<String, Object>) js(alice).executeScript(
                "const li = [...document.querySelectorAll('#message-list li.message')]"
                        + ".find(l => l.querySelector('.text') && l.querySelector('.text').textContent === 'are you there @alice?');"
                        + "const m = li.querySelector('.text .mention');"
                        + "return {text: m.textContent, me: m.classList.contains('mention-me'), li: li.classList.contains('mentions-me')};");
        assertEquals(Map.of("text", "@alice", "me", true, "li", true), mention);

        // Read elsewhere: alice's other device moves her marker; this page hears it and clears the badge.
        open(alice, "room-list", "general");
        postIn(http, bob, "side", "one more");
        long last = postIn(http, bob, "side", "and @alice again");
        awaitBadges(alice, "side", "2", "@1");
        awaitTitle(alice, "(2) Parley");
        assertEquals(204, http.post("/api/rooms/side/read", aliceToken, Json.createObjectBuilder().add("seq", last).build()).status());
        awaitBadges(alice, "side", "", "");
        awaitTitle(alice, "Parley");

        // A refused read (a seq beyond the room's last) is said, not swallowed.
        js(alice).executeScript("import(new URL('js/readstate.js', document.baseURI).href)"
                + ".then(m => m.markRead('side', 99999));");
        waitFor(alice).until(ExpectedConditions.textToBePresentInElementLocated(By.id("toasts"),
                "Could not mark #side as read: seq 99999 is beyond the last seq"));
        awaitBadges(alice, "side", "", "");
        assertEquals(last, marker(http, aliceToken, "side", "alice"), "the refused read moved nothing");
        assertEquals(List.of(), consoleErrors(alice));
    }

    @Test
    void theDividerMarksWhereTheUserLeftOffAfterAReloadAndStaysWhileTheMarkerMoves() throws IOException {
        WebDriver alice = browser("alice");
        register(alice, "alice");
        Http http = new Http(server.url());
        String aliceToken = token(http, "alice");
        String bob = http.login("bobby");
        assertEquals(200, http.post("/api/rooms/general/join", bob, "").status());
        postIn(http, bob, "general", "seen one");
        long seen = postIn(http, bob, "general", "seen two");
        message(alice, "seen two");
        awaitMarker(alice, http, aliceToken, "general", "alice", seen);
        assertEquals(null, afterDivider(alice), "messages read as they come get no divider");

        alice.get("about:blank");
        postIn(http, bob, "general", "while away 1");
        postIn(http, bob, "general", "while away 2");
        long away = postIn(http, bob, "general", "while away 3");
        alice.get(server.url().toString());
        waitFor(alice).until(ExpectedConditions.textToBePresentInElementLocated(By.id("room-title"), "general"));
        message(alice, "while away 3");
        awaitEquals(alice, "while away 1", ReadStateBrowserIT::afterDivider, "the divider before the first unread message");
        awaitMarker(alice, http, aliceToken, "general", "alice", away);
        postIn(http, bob, "general", "live after the reload");
        message(alice, "live after the reload");
        assertEquals("while away 1", afterDivider(alice), "the divider stays where the user left off");
        assertTrue((Boolean) js(alice).executeScript("const div = document.querySelector('#message-list > li.unread-divider');"
                + "const seen = [...document.querySelectorAll('#message-list li.message')].find(l => l.querySelector('.text')"
                + " && l.querySelector('.text').textContent === 'seen two');"
                + "return !!(seen.compareDocumentPosition(div) & Node.DOCUMENT_POSITION_FOLLOWING);"), "read messages stay above it");
        screenshot(alice, "unread-divider");
    }

    @Test
    void theAtAutocompleteOffersTheRoomsMembersAndInsertsTheMention() throws IOException {
        WebDriver alice = browser("alice");
        register(alice, "alice");
        Http http = new Http(server.url());
        String aliceToken = token(http, "alice");
        for (String u : List.of("bobby", "bonnie", "carol")) {
            assertEquals(200, http.post("/api/rooms/general/join", http.login(u), "").status());
        }
        waitFor(alice).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#member-list li[data-username='carol']")));
        WebElement input = alice.findElement(By.id("message-input"));
        input.sendKeys("hi @bo");
        waitFor(alice).until(ExpectedConditions.visibilityOfElementLocated(By.id("message-input-mentions")));
        assertEquals(List.of("bobby", "bonnie"), js(alice).executeScript(
                "return [...document.querySelectorAll('#message-input-mentions [role=option]')].map(o => o.dataset.username);"));
        assertEquals("message-input-mentions", input.getAttribute("aria-controls"));
        input.sendKeys(Keys.ARROW_DOWN);
        assertEquals("message-input-mentions-1", input.getAttribute("aria-activedescendant"));
        input.sendKeys(Keys.ARROW_UP, Keys.ARROW_UP); // back to the first, then around to the last
        assertEquals("message-input-mentions-1", input.getAttribute("aria-activedescendant"));
        input.sendKeys(Keys.ARROW_DOWN); // around to the first
        assertEquals("message-input-mentions-0", input.getAttribute("aria-activedescendant"));
        input.sendKeys(Keys.ENTER); // takes the name, sends nothing
        assertEquals("hi @bobby ", value(alice, "message-input"));
        assertFalse(alice.findElement(By.id("message-input-mentions")).isDisplayed());

        input.sendKeys("and @C");
        waitFor(alice).until(ExpectedConditions.visibilityOfElementLocated(By.id("message-input-mentions")));
        input.sendKeys(Keys.ESCAPE);
        assertFalse(alice.findElement(By.id("message-input-mentions")).isDisplayed());
        assertEquals("hi @bobby and @C", value(alice, "message-input"), "Escape closes the list and keeps the text");
        input.sendKeys("a");
        waitFor(alice).until(ExpectedConditions.visibilityOfElementLocated(By.id("message-input-mentions")));
        input.sendKeys(Keys.TAB);
        assertEquals("hi @bobby and @carol ", value(alice, "message-input"));
        input.sendKeys("look", Keys.ENTER);

        Map<String, String> sent = message(alice, "hi @bobby and @carol look");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> marks = (List<Map<String, Object>>) js(alice).executeScript(
                "const li = document.querySelector('#message-list li.message[data-seq=\"' + arguments[0] + '\"]');"
                        + "return [...li.querySelectorAll('.text .mention')].map(m => ({text: m.textContent, me: m.classList.contains('mention-me')}));",
                sent.get("seq"));
        assertEquals(List.of(Map.of("text", "@bobby", "me", false), Map.of("text", "@carol", "me", false)), marks);
        Http.Reply page = http.get("/api/rooms/general/messages?limit=1", aliceToken);
        assertTrue(page.text().contains("\"mentions\":[\"bobby\",\"carol\"]"), page.text());
    }

    @Test
    void aMentionWhileTheTabIsHiddenNotifiesOnceTheBellIsOn() throws IOException {
        WebDriver alice = browser("alice");
        ChromeDriver chrome = (ChromeDriver) alice;
        URI url = URI.create(server.url().toString());
        chrome.executeCdpCommand("Browser.grantPermissions", Map.of(
                "origin", url.getScheme() + "://" + url.getHost() + ":" + url.getPort(), "permissions", List.of("notifications")));
        chrome.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
                "window.__notes = []; window.__asked = 0; const Real = window.Notification;"
                        + "window.Notification = class extends Real {"
                        + "  constructor(title, options) { super(title, options); window.__notes.push({title, body: options && options.body}); }"
                        + "  static requestPermission() { window.__asked++; return Real.requestPermission(); } };"
                        + "window.__hide = (hidden) => { Object.defineProperty(document, 'visibilityState', {configurable: true,"
                        + "  get: () => hidden ? 'hidden' : 'visible'}); document.dispatchEvent(new Event('visibilitychange')); };"));
        register(alice, "alice");
        Http http = new Http(server.url());
        String aliceToken = token(http, "alice");
        String bob = http.login("bobby");
        assertEquals(200, http.post("/api/rooms/general/join", bob, "").status());
        WebElement bell = alice.findElement(By.id("notify-button"));
        assertEquals("false", bell.getAttribute("aria-pressed"), "off until the user turns it on");

        js(alice).executeScript("window.__hide(true);");
        postIn(http, bob, "general", "@alice before the bell");
        awaitBadges(alice, "general", "1", "@1");
        awaitTitle(alice, "(1) Parley");
        assertEquals(0L, js(alice).executeScript("return window.__notes.length;"), "no notification before the bell is on");

        bell.click();
        waitFor(alice).until(ExpectedConditions.attributeToBe(By.id("notify-button"), "aria-pressed", "true"));
        postIn(http, bob, "general", "nothing for alice here");
        long ping = postIn(http, bob, "general", "@alice are you there?");
        awaitBadges(alice, "general", "3", "@2");
        awaitTitle(alice, "(3) Parley");
        awaitEquals(alice, "1", d -> String.valueOf(js(d).executeScript("return window.__notes.length;")), "one notification");
        assertEquals(Map.of("title", "bobby mentioned you in #general", "body", "@alice are you there?"),
                js(alice).executeScript("return window.__notes[0];"));
        assertEquals(0L, js(alice).executeScript("return window.__asked;"), "a permission already granted is not asked for again");
        assertTrue(marker(http, aliceToken, "general", "alice") < ping, "nothing is marked read while the tab is hidden");

        js(alice).executeScript("window.__hide(false);");
        awaitBadges(alice, "general", "", "");
        awaitTitle(alice, "Parley");
        awaitMarker(alice, http, aliceToken, "general", "alice", ping);
        postIn(http, bob, "general", "@alice seen live");
        message(alice, "@alice seen live");
        assertEquals(1L, js(alice).executeScript("return window.__notes.length;"), "no notification while the tab is visible");

        bell.click();
        waitFor(alice).until(ExpectedConditions.attributeToBe(By.id("notify-button"), "aria-pressed", "false"));
    }
}
