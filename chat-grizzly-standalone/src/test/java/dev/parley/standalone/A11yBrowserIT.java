package dev.parley.standalone;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The page audited by axe-core (WCAG 2.1 A and AA) in each state a user meets: the login screen, a
 * conversation holding every kind of item (rich text, a quoted reply, a thread's root, reactions, a file,
 * the unread divider, a mention, another room's badges), the thread panel, the emoji picker, the
 * create-room dialog, and the 390 px layout; each in the light and the dark theme. A serious or
 * critical violation fails the test with axe's explanation.
 */
class A11yBrowserIT extends BrowserTest {

    private static void audit(WebDriver d, String state, List<String> found) {
        for (String v : Axe.seriousViolations(d)) {
            found.add(state + ": " + v);
        }
    }

    /** Both themes of the page as it is now. */
    private static void auditBothThemes(WebDriver d, String state, List<String> found) {
        for (String theme : List.of("light", "dark")) {
            js(d).executeScript("document.documentElement.dataset.theme = arguments[0]", theme);
            audit(d, state + " (" + theme + ")", found);
        }
        js(d).executeScript("delete document.documentElement.dataset.theme");
    }

    @Test
    void theAuditFindsALowContrastTextThatIsPutIntoThePage() throws IOException {
        WebDriver d = browser("probe");
        d.get(server.url().toString());
        waitFor(d).until(ExpectedConditions.visibilityOfElementLocated(By.id("login-username")));
        js(d).executeScript("const p = document.createElement('p'); p.id = 'faint'; p.textContent = 'faint words';"
                + "p.style.color = '#bbbbbb'; p.style.background = '#ffffff'; document.getElementById('login-form').append(p);");
        List<String> violations = Axe.seriousViolations(d);
        assertTrue(violations.stream().anyMatch(v -> v.startsWith("color-contrast: #faint")), Axe.describe(violations));
    }

    @Test
    void everyStateOfThePageHasNoSeriousViolationsInEitherTheme() throws IOException {
        List<String> found = new ArrayList<>();
        WebDriver alice = browser("alice");
        alice.get(server.url().toString());
        waitFor(alice).until(ExpectedConditions.visibilityOfElementLocated(By.id("login-username")));
        auditBothThemes(alice, "login", found);

        register(alice, "alice");
        Http http = new Http(server.url());
        String aliceToken = token(http, "alice");
        String bob = http.login("bobby");
        assertEquals(200, http.post("/api/rooms/general/join", bob, "").status());
        // Read up to here; what bob writes next comes while alice is away, so the divider shows on her return.
        String seen = post(http, bob, "Morning all, the **release** is at `15:00`", null, null);
        message(alice, "Morning all, the release is at 15:00");
        alice.get("about:blank");
        String root = post(http, bob, "Where shall we have lunch?", null, null);
        post(http, aliceToken, "The usual place?", null, root);
        post(http, bob, "> quoted\nand a list:\n- one\n- two\n\nsee https://example.com", seen, null);
        post(http, bob, "@alice can you review?", null, null);
        assertEquals(201, http.upload("/api/rooms/general/files", bob, "notes.txt", "text/plain",
                "minutes\n".getBytes(StandardCharsets.UTF_8)).status());
        int reacted = http.put("/api/rooms/general/messages/" + seen + "/reactions/%F0%9F%8E%89", bob).status();
        assertTrue(reacted == 200 || reacted == 204, "reacted: " + reacted);
        http.createRoom(bob, "design", "private", "alice");
        http.postMessage(bob, "design", Http.json("text", "@alice which logo?"));
        http.createRoom(bob, "news", "private", "alice");
        http.postMessage(bob, "news", Http.json("text", "the build is green"));

        alice.get(server.url().toString());
        waitFor(alice).until(ExpectedConditions.attributeToBe(By.id("connection-status"), "data-state", "online"));
        message(alice, "@alice can you review?");
        waitFor(alice).until(d -> !d.findElements(By.cssSelector("#message-list > li.unread-divider")).isEmpty());
        waitFor(alice).until(d -> !d.findElements(By.cssSelector("#room-list [data-room-id='design'] .mention-badge")).isEmpty());
        waitFor(alice).until(d -> !d.findElements(By.cssSelector("#room-list [data-room-id='news'] .unread-badge")).isEmpty());
        waitFor(alice).until(d -> !d.findElements(By.cssSelector("#message-list .reaction-chip")).isEmpty());
        waitFor(alice).until(d -> !d.findElements(By.cssSelector("#message-list .replies-link")).isEmpty());
        auditBothThemes(alice, "a conversation", found);

        js(alice).executeScript("document.querySelector('#message-list li.message[data-id=\"' + arguments[0] + '\"]"
                + " .msg-actions [data-action=\"thread\"]').click()", root);
        waitFor(alice).until(ExpectedConditions.visibilityOfElementLocated(By.id("thread-panel")));
        waitFor(alice).until(ExpectedConditions.textToBePresentInElementLocated(By.id("thread-list"), "The usual place?"));
        auditBothThemes(alice, "the thread panel", found);
        click(alice, By.id("thread-close"));
        waitFor(alice).until(ExpectedConditions.invisibilityOfElementLocated(By.id("thread-panel")));

        js(alice).executeScript("document.querySelector('#message-list li.message[data-id=\"' + arguments[0] + '\"]"
                + " .msg-actions [data-action=\"react\"]').click()", root);
        waitFor(alice).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".picker .picker-field")));
        auditBothThemes(alice, "the emoji picker", found);
        alice.switchTo().activeElement().sendKeys(org.openqa.selenium.Keys.ESCAPE);
        waitFor(alice).until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".picker"), 0));

        click(alice, By.id("new-room-button"));
        waitFor(alice).until(ExpectedConditions.visibilityOfElementLocated(By.id("create-room-id")));
        auditBothThemes(alice, "the create-room dialog", found);
        click(alice, By.id("create-room-cancel"));

        WebDriver phone = LookBrowserIT.asPhone(browser("phone", "390,844"));
        register(phone, "phoebe");
        say(phone, "a message from a phone");
        message(phone, "a message from a phone");
        auditBothThemes(phone, "390 px", found);

        assertEquals(List.of(), found, Axe.describe(found));
    }
}
