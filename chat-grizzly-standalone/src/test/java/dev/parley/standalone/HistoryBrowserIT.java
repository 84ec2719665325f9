package dev.parley.standalone;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.io.IOException;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reading history: scrolling up loads older pages without moving what is on screen, the view stays
 * at the bottom as messages come in unless the user scrolled up (then "New messages" takes them
 * down), and what is typed stays with its room.
 */
class HistoryBrowserIT extends BrowserTest {
    private static double number(Object o) {
        return ((Number) o).doubleValue();
    }

    private static long count(WebDriver d) {
        return (Long) js(d).executeScript("return document.querySelectorAll('#message-list li.message[data-seq]').length");
    }

    private static String status(WebDriver d) {
        return (String) js(d).executeScript("return document.getElementById('history-status').textContent");
    }

    private static boolean atStart(WebDriver d) {
        return "Start of the conversation".equals(status(d));
    }

    private static double fromBottom(WebDriver d) {
        return number(js(d).executeScript("const a = document.getElementById('message-area');"
                + "return a.scrollHeight - a.scrollTop - a.clientHeight;"));
    }

    @Test
    void scrollingUpLoadsOlderPagesAndKeepsWhatIsOnScreenInPlace() throws IOException {
        Http http = new Http(server.url());
        WebDriver alice = browser("alice");
        register(alice, "alice");
        String bob = http.login("bobby");
        assertEquals(200, http.post("/api/rooms/general/join", bob, "").status());
        for (int i = 1; i <= 130; i++) {
            post(http, bob, "history " + i, null, null);
        }
        alice.navigate().refresh();
        message(alice, "history 130");
        long first = count(alice);
        assertTrue(first < 100, "one page first, not everything: " + first);

        // Each scroll to the top loads the page before; the message the reader had at the top of the
        // view stays at the same place on screen, though the seam regroups it (it joins the run of the
        // older page) and moves the day separator above it.
        for (int round = 0; round < 5 && !atStart(alice); round++) {
            long before = count(alice);
            @SuppressWarnings("unchecked")
            Map<String, Object> anchor = (Map<String, Object>) js(alice).executeScript(
                    "const a = document.getElementById('message-area'); a.scrollTop = 0;"
                            + "const li = document.querySelector('#message-list li.message[data-seq]');"
                            + "return {seq: li.dataset.seq, top: li.getBoundingClientRect().top};");
            waitFor(alice).withMessage(() -> "an older page after " + before + " items, status: " + status(alice))
                    .until(d -> count(d) > before);
            double after = number(js(alice).executeScript(
                    "return document.querySelector(`#message-list li.message[data-seq=\"${arguments[0]}\"]`).getBoundingClientRect().top",
                    anchor.get("seq")));
            Object diag = js(alice).executeScript("const a = document.getElementById('message-area');"
                    + "const li = document.querySelector(`#message-list li.message[data-seq=\"${arguments[0]}\"]`);"
                    + "const around = []; let n = li; for (let i = 0; i < 3 && n.previousElementSibling; i++) n = n.previousElementSibling;"
                    + "for (let i = 0; i < 7 && n; i++, n = n.nextElementSibling) around.push(n.className + '@' + Math.round(n.getBoundingClientRect().top) + 'h' + Math.round(n.getBoundingClientRect().height));"
                    + "return JSON.stringify({st: a.scrollTop, sh: a.scrollHeight, ch: a.clientHeight, around});", anchor.get("seq"));
            assertEquals(number(anchor.get("top")), after, 2.0, "the message that was at the top stays where it was: " + diag);
        }
        js(alice).executeScript("document.getElementById('message-area').scrollTop = 0");
        waitFor(alice).until(ExpectedConditions.textToBe(By.id("history-status"), "Start of the conversation"));
        assertEquals("history 1", js(alice).executeScript(
                "return [...document.querySelectorAll('#message-list li.kind-chat .text')][0].textContent"));
    }

    @Test
    void newMessagesKeepTheBottomInViewUnlessTheUserReadsAbove() throws IOException {
        Http http = new Http(server.url());
        WebDriver alice = browser("alice");
        register(alice, "alice");
        String bob = http.login("bobby");
        assertEquals(200, http.post("/api/rooms/general/join", bob, "").status());
        for (int i = 1; i <= 40; i++) {
            post(http, bob, "filler " + i, null, null);
        }
        message(alice, "filler 40");
        waitFor(alice).until(d -> fromBottom(d) < 5);
        post(http, bob, "seen at once", null, null);
        message(alice, "seen at once");
        waitFor(alice).until(d -> fromBottom(d) < 5);
        assertTrue(!alice.findElement(By.id("new-messages")).isDisplayed(), "no button at the bottom");

        js(alice).executeScript("const a = document.getElementById('message-area'); a.scrollTop = a.scrollHeight / 2;");
        double reading = number(js(alice).executeScript("return document.getElementById('message-area').scrollTop"));
        post(http, bob, "below one", null, null);
        post(http, bob, "below two", null, null);
        message(alice, "below two");
        waitFor(alice).until(ExpectedConditions.textToBe(By.cssSelector("#new-messages .new-count"), "2 new messages"));
        assertEquals(reading, number(js(alice).executeScript("return document.getElementById('message-area').scrollTop")), 2.0,
                "the view stays where the user reads");
        click(alice, By.id("new-messages"));
        waitFor(alice).until(d -> fromBottom(d) < 5);
        waitFor(alice).until(ExpectedConditions.invisibilityOfElementLocated(By.id("new-messages")));
    }

    @Test
    void aDraftStaysWithItsRoomAcrossSwitches() throws IOException {
        Http http = new Http(server.url());
        WebDriver alice = browser("alice");
        register(alice, "alice");
        String token = token(http, "alice");
        assertEquals(201, http.post("/api/rooms", token, Http.json("id", "side", "visibility", "public")).status());
        waitFor(alice).until(ExpectedConditions.textToBePresentInElementLocated(By.id("room-list"), "side"));

        alice.findElement(By.id("message-input")).sendKeys("a half-written thought");
        click(alice, By.cssSelector("#room-list .room-item[data-room-id='side']"));
        waitFor(alice).until(ExpectedConditions.textToBe(By.id("room-title"), "#side"));
        assertEquals("", value(alice, "message-input"), "the draft does not follow into another room");
        alice.findElement(By.id("message-input")).sendKeys("for the side room");
        click(alice, By.cssSelector("#room-list .room-item[data-room-id='general']"));
        waitFor(alice).until(ExpectedConditions.textToBe(By.id("room-title"), "#general"));
        assertEquals("a half-written thought", value(alice, "message-input"));
        click(alice, By.cssSelector("#room-list .room-item[data-room-id='side']"));
        waitFor(alice).until(ExpectedConditions.textToBe(By.id("room-title"), "#side"));
        assertEquals("for the side room", value(alice, "message-input"));

        // Sent, a draft is gone: the room opens with an empty composer next time.
        alice.findElement(By.id("send-button")).click();
        message(alice, "for the side room");
        click(alice, By.cssSelector("#room-list .room-item[data-room-id='general']"));
        waitFor(alice).until(ExpectedConditions.textToBe(By.id("room-title"), "#general"));
        click(alice, By.cssSelector("#room-list .room-item[data-room-id='side']"));
        waitFor(alice).until(ExpectedConditions.textToBe(By.id("room-title"), "#side"));
        assertEquals("", value(alice, "message-input"));
    }
}
