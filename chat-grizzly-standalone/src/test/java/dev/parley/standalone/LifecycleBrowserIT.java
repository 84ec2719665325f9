package dev.parley.standalone;

import org.junit.jupiter.api.Test;
import jakarta.json.Json;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementNotInteractableException;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The message lifecycle in the page: reactions, edits, deletions, threads and quoted replies, live and after a reload. */
class LifecycleBrowserIT extends BrowserTest {
    private static final String THUMBS = "\uD83D\uDC4D";
    private static final String PARTY = "\uD83C\uDF89";
    private static final String TIMELINE = "#message-list";
    private static final String THREAD = "#thread-panel";

    @Test
    void reactionsCountLiveForEveryoneAndHighlightTheReadersOwn() throws IOException {
        WebDriver alice = browser("alice");
        WebDriver bob = browser("bobby");
        register(alice, "alice");
        register(bob, "bobby");
        say(alice, "React to this, please");
        String id = bubbleId(bob, TIMELINE, "React to this, please");

        react(bob, TIMELINE, id, THUMBS);
        awaitEquals(alice, THUMBS + "1", d -> chips(d, TIMELINE, id), "Alice sees Bob's reaction live");
        chip(alice, id, THUMBS).click();
        awaitEquals(alice, THUMBS + "2*", d -> chips(d, TIMELINE, id), "Alice's own reaction is highlighted");
        awaitEquals(bob, THUMBS + "2*", d -> chips(d, TIMELINE, id), "Bob's too, on his page");
        chip(bob, id, THUMBS).click();
        awaitEquals(alice, THUMBS + "1*", d -> chips(d, TIMELINE, id), "Bob took his back");
        awaitEquals(bob, THUMBS + "1", d -> chips(d, TIMELINE, id), "Bob's chip is no longer his");

        // The picker is used from the keyboard, and Escape gives the focus back to its button.
        hover(alice, TIMELINE, id, "react");
        waitFor(alice).until(d -> THUMBS.equals(d.switchTo().activeElement().getAttribute("data-emoji")));
        alice.switchTo().activeElement().sendKeys(Keys.ARROW_RIGHT);
        assertEquals("\u2764\uFE0F", alice.switchTo().activeElement().getAttribute("data-emoji"));
        alice.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        waitFor(alice).until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".picker"), 0));
        assertEquals("react", alice.switchTo().activeElement().getAttribute("data-action"));

        // Any emoji can be typed; the server's limit of 20 different ones is said on the message.
        hover(alice, TIMELINE, id, "react");
        WebElement field = waitFor(alice).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".picker .picker-field")));
        field.sendKeys(":tada:", Keys.ENTER);
        awaitEquals(bob, THUMBS + "1," + ":tada:1", d -> chips(d, TIMELINE, id), "a typed reaction reaches Bob");
        Http http = new Http(server.url());
        String carol = http.login("carol");
        assertEquals(200, http.post("/api/rooms/general/join", carol, "").status());
        for (int i = 0; i < 18; i++) {
            assertEquals(204, http.put("/api/rooms/general/messages/" + id + "/reactions/r" + i, carol).status());
        }
        waitFor(alice).until(d -> chips(d, TIMELINE, id).split(",").length == 20);
        hover(alice, TIMELINE, id, "react");
        waitFor(alice).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".picker .picker-field")))
                .sendKeys("one-more", Keys.ENTER);
        WebElement error = waitFor(alice).until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(TIMELINE + " li.message[data-id='" + id + "'] .msg-error")));
        assertTrue(error.getText().contains("at most 20"), error.getText());
    }

    @Test
    void editsAndDeletionsReachTheOtherPageLiveAndOnlyTheAuthorMayEdit() throws IOException {
        WebDriver alice = browser("alice");
        WebDriver bob = browser("bobby");
        register(alice, "alice");
        register(bob, "bobby");
        say(alice, "See you at the meeting on Tusday");
        String id = bubbleId(bob, TIMELINE, "See you at the meeting on Tusday");
        bubbleId(alice, TIMELINE, "See you at the meeting on Tusday");
        assertEquals(0L, js(bob).executeScript("return document.querySelectorAll(arguments[0]).length",
                TIMELINE + " li.message[data-id='" + id + "'] [data-action='edit'], "
                        + TIMELINE + " li.message[data-id='" + id + "'] [data-action='delete']"),
                "Bob may neither edit nor delete Alice's message");

        // Escape leaves the message as it was.
        hover(alice, TIMELINE, id, "edit");
        WebElement box = waitFor(alice).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".edit-box")));
        box.sendKeys(" (draft)", Keys.ESCAPE);
        waitFor(alice).until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".edit-box"), 0));
        bubbleId(alice, TIMELINE, "See you at the meeting on Tusday");

        hover(alice, TIMELINE, id, "edit");
        box = waitFor(alice).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".edit-box")));
        box.sendKeys(Keys.chord(Keys.CONTROL, "a"), "See you at the meeting on Tuesday", Keys.ENTER);
        assertEquals(id, bubbleId(bob, TIMELINE, "See you at the meeting on Tuesday"), "the edit reaches Bob live");
        WebElement edited = bob.findElement(By.cssSelector(TIMELINE + " li.message[data-id='" + id + "'] .meta .edited"));
        assertEquals("(edited)", edited.getText());
        assertTrue(edited.getAttribute("title").startsWith("Edited "), "the edit time as a tooltip");

        hover(alice, TIMELINE, id, "delete");
        click(alice, By.cssSelector(TIMELINE + " li.message[data-id='" + id + "'] [data-action='delete-confirm']"));
        awaitEquals(bob, "This message was deleted", d -> text(d, TIMELINE, id), "Bob sees the placeholder live");
        assertEquals(0, bob.findElements(By.cssSelector(TIMELINE + " li.message[data-id='" + id + "'] .msg-actions")).size(),
                "nothing left to act on");
    }

    @Test
    void aThreadIsCountedOnItsRootAndAnsweredLiveInItsPanel() throws IOException {
        WebDriver alice = browser("alice");
        WebDriver bob = browser("bobby", "390,844"); // a phone: the thread covers the timeline
        register(alice, "alice");
        register(bob, "bobby");
        say(alice, "Where shall we have lunch?");
        String root = bubbleId(bob, TIMELINE, "Where shall we have lunch?");

        hover(bob, TIMELINE, root, "thread");
        waitFor(bob).until(ExpectedConditions.visibilityOfElementLocated(By.id("thread-panel")));
        Map<?, ?> cover = (Map<?, ?>) js(bob).executeScript("const p = document.getElementById('thread-panel').getBoundingClientRect();"
                + "const a = document.getElementById('message-area').getBoundingClientRect();"
                + "return {covers: p.left <= a.left + 1 && p.right >= a.right - 1 && p.top <= a.top + 1};");
        assertEquals(Boolean.TRUE, cover.get("covers"), "on a phone the thread covers the timeline");
        assertTrue(bob.findElement(By.id("thread-back")).isDisplayed(), "with a way back");
        bob.findElement(By.id("thread-input")).sendKeys("The new noodle place", Keys.ENTER);
        bubbleId(bob, THREAD, "The new noodle place");

        awaitEquals(alice, "1 reply", d -> repliesLink(d, root), "Alice sees the reply counted live on the root");
        assertEquals(0L, js(alice).executeScript("return [...document.querySelectorAll('#message-list .text')]"
                + ".filter(t => t.textContent === 'The new noodle place').length"), "a reply in a thread stays out of the timeline");
        click(alice, By.cssSelector(TIMELINE + " li.message[data-id='" + root + "'] .replies-link"));
        bubbleId(alice, THREAD, "The new noodle place");
        // The panel re-renders its root when the thread's page arrives: read it once it holds still.
        waitFor(alice).ignoring(StaleElementReferenceException.class).until(d -> "Where shall we have lunch?".equals(
                d.findElement(By.cssSelector("#thread-root li.message .text")).getText()));
        WebElement input = alice.findElement(By.id("thread-input"));
        assertEquals("thread-input", alice.switchTo().activeElement().getAttribute("id"), "the panel's composer has the focus");
        input.sendKeys("Count me in", Keys.ENTER);
        bubbleId(bob, THREAD, "Count me in");
        awaitEquals(alice, "2 replies", d -> repliesLink(d, root), "the count follows");

        alice.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        waitFor(alice).until(ExpectedConditions.invisibilityOfElementLocated(By.id("thread-panel")));
        click(bob, By.id("thread-back"));
        waitFor(bob).until(ExpectedConditions.invisibilityOfElementLocated(By.id("thread-panel")));
        awaitEquals(bob, "2 replies", d -> repliesLink(d, root), "Bob's timeline counts both");
    }

    @Test
    void aQuotedReplyInADirectConversationShowsWhatItAnswers() throws IOException {
        WebDriver alice = browser("alice");
        WebDriver bob = browser("bobby");
        register(alice, "alice");
        register(bob, "bobby");
        alice.findElement(By.id("new-dm-username")).sendKeys("bobby");
        alice.findElement(By.id("new-dm-button")).click();
        waitFor(alice).until(ExpectedConditions.textToBePresentInElementLocated(By.id("room-title"), "@bobby"));
        alice.findElement(By.id("message-input")).sendKeys("Which day suits you?", Keys.chord(Keys.SHIFT, Keys.ENTER),
                "I am free most of the week.", Keys.ENTER);
        click(bob, By.cssSelector("#dm-list button.room-item[data-room-id='dm.alice.bobby']"));
        String asked = bubbleId(bob, TIMELINE, "Which day suits you?\nI am free most of the week.");

        hover(bob, TIMELINE, asked, "reply");
        waitFor(bob).until(ExpectedConditions.textToBePresentInElementLocated(By.id("reply-bar"), "alice"));
        assertEquals("message-input", bob.switchTo().activeElement().getAttribute("id"), "the composer takes the reply");
        say(bob, "Thursday");
        String reply = bubbleId(alice, TIMELINE, "Thursday");
        By quote = By.cssSelector(TIMELINE + " li.message[data-id='" + reply + "'] .quote");
        awaitEquals(alice, "alice: Which day suits you?", d -> quoteOf(d, reply), "the quote: author and first line");
        assertTrue(bob.findElement(By.id("reply-bar")).getAttribute("hidden") != null, "the reply bar goes once sent");
        click(alice, quote);
        waitFor(alice).until(d -> asked.equals(d.switchTo().activeElement().getAttribute("data-id")));

        react(alice, TIMELINE, reply, PARTY);
        awaitEquals(bob, PARTY + "1", d -> chips(d, TIMELINE, reply), "reactions in a direct conversation");
    }

    @Test
    void aReloadShowsEveryMessageAsItIsNow() throws IOException {
        WebDriver alice = browser("alice");
        WebDriver bob = browser("bobby");
        register(alice, "alice");
        register(bob, "bobby");
        Http http = new Http(server.url());
        String aliceToken = token(http, "alice");
        String bobToken = token(http, "bobby");
        String welcome = post(http, aliceToken, "Welcome to the project room!", null, null);
        String agenda = post(http, aliceToken, "Agenda for Thursday: the release, then the roadmap", null, null);
        String gone = post(http, bobToken, "Sorry, wrong room", null, null);
        String plan = post(http, bobToken, "I will bring the release notes", agenda, null);
        post(http, aliceToken, "Thanks, that helps a lot", null, plan);
        post(http, bobToken, "Draft is in the shared folder", null, plan);
        assertEquals(200, http.patch("/api/rooms/general/messages/" + welcome, aliceToken,
                Json.createObjectBuilder().add("text", "Welcome to the project room, everyone!").build()).status());
        assertEquals(204, http.delete("/api/rooms/general/messages/" + gone, bobToken).status());
        for (String[] r : new String[][] {{bobToken, welcome, THUMBS}, {aliceToken, agenda, THUMBS},
                {bobToken, agenda, THUMBS}, {bobToken, agenda, PARTY}}) {
            assertEquals(204, http.put("/api/rooms/general/messages/" + r[1] + "/reactions/"
                    + java.net.URLEncoder.encode(r[2], StandardCharsets.UTF_8), r[0]).status());
        }

        for (WebDriver d : List.of(alice, bob)) {
            d.navigate().refresh();
            waitFor(d).until(ExpectedConditions.attributeToBe(By.id("connection-status"), "data-state", "online"));
            bubbleId(d, TIMELINE, "Welcome to the project room, everyone!");
            assertEquals("(edited)", d.findElement(By.cssSelector(TIMELINE + " li.message[data-id='" + welcome + "'] .edited")).getText());
            assertEquals("This message was deleted", text(d, TIMELINE, gone));
            awaitEquals(d, "2 replies", x -> repliesLink(x, plan), "the reply count from history");
            assertEquals("alice: Agenda for Thursday: the release, then the roadmap", quoteOf(d, plan));
        }
        assertEquals(THUMBS + "2*," + PARTY + "1", chips(alice, TIMELINE, agenda), "Alice's own reaction highlighted, not Bob's");
        assertEquals(THUMBS + "2*," + PARTY + "1*", chips(bob, TIMELINE, agenda), "Bob's own reactions highlighted");
        assertEquals(THUMBS + "1", chips(alice, TIMELINE, welcome));
        assertEquals(0L, js(alice).executeScript("return [...document.querySelectorAll('#message-list .text')]"
                + ".filter(t => t.textContent === 'Draft is in the shared folder').length"), "thread replies stay in their thread");

        // The picture: reactions, an edited message, a quote and the thread panel open.
        click(alice, By.cssSelector(TIMELINE + " li.message[data-id='" + plan + "'] .replies-link"));
        bubbleId(alice, THREAD, "Draft is in the shared folder");
        alice.findElement(By.id("thread-input")).sendKeys("Great, I will review it tonight");
        new Actions(alice).moveToElement(alice.findElement(By.id("thread-title"))).perform(); // no hover toolbar
        screenshot(alice, "chat");
    }

    /** The id of the message item under {@code scope} whose own text is {@code text}, once it is shown. */
    private static String bubbleId(WebDriver driver, String scope, String text) {
        return waitFor(driver).withMessage("a message \"" + text + "\" in " + scope).until(d -> (String) js(d).executeScript(
                "const li = [...document.querySelectorAll(arguments[0] + ' li.message[data-id]')]"
                        + ".find(li => { const t = li.querySelector(':scope > .text'); return t && t.textContent === arguments[1]; });"
                        + "return li ? li.dataset.id : null;", scope, text));
    }

    /** The reaction chips of a message as "emoji count" items, a star on the reader's own: "👍2*,🎉1". */
    private static String chips(WebDriver driver, String scope, String id) {
        return (String) js(driver).executeScript("return [...document.querySelectorAll(arguments[0] + ' li.message[data-id=\"'"
                + " + arguments[1] + '\"] .reaction-chip')].map(c => c.querySelector('.reaction-emoji').textContent"
                + " + c.querySelector('.reaction-count').textContent + (c.getAttribute('aria-pressed') === 'true' ? '*' : ''))"
                + ".join(',')", scope, id);
    }

    private static String text(WebDriver driver, String scope, String id) {
        return (String) js(driver).executeScript("const t = document.querySelector(arguments[0] + ' li.message[data-id=\"'"
                + " + arguments[1] + '\"] > .text'); return t ? t.textContent : null;", scope, id);
    }

    /** "author: first line" of the quote on a message of the timeline. */
    private static String quoteOf(WebDriver driver, String id) {
        return (String) js(driver).executeScript("const q = document.querySelector('#message-list li.message[data-id=\"'"
                + " + arguments[0] + '\"] .quote'); if (!q) return null; const f = q.querySelector('.quote-from');"
                + "return (f ? f.textContent + ': ' : '') + q.querySelector('.quote-text').textContent;", id);
    }

    private static String repliesLink(WebDriver driver, String id) {
        return (String) js(driver).executeScript("const b = document.querySelector('#message-list li.message[data-id=\"'"
                + " + arguments[0] + '\"] .replies-link'); return b ? b.textContent : null;", id);
    }

    private static WebElement chip(WebDriver driver, String id, String emoji) {
        return waitFor(driver).until(ExpectedConditions.elementToBeClickable(By.cssSelector(
                TIMELINE + " li.message[data-id='" + id + "'] .reaction-chip[data-emoji='" + emoji + "']")));
    }

    /** Points at a message, which shows its actions, and clicks one of them. */
    private static void hover(WebDriver driver, String scope, String id, String action) {
        waitFor(driver).ignoring(StaleElementReferenceException.class).ignoring(ElementNotInteractableException.class).until(d -> {
            WebElement li = d.findElement(By.cssSelector(scope + " li.message[data-id='" + id + "']"));
            new Actions(d).moveToElement(li).perform();
            li.findElement(By.cssSelector(":scope > .msg-actions [data-action='" + action + "']")).click();
            return true;
        });
    }

    /** Reacts to a message with one of the picker's common emoji. */
    private static void react(WebDriver driver, String scope, String id, String emoji) {
        hover(driver, scope, id, "react");
        click(driver, By.cssSelector(".picker .picker-emoji[data-emoji='" + emoji + "']"));
    }
}
