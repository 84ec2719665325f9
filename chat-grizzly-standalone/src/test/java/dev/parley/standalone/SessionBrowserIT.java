package dev.parley.standalone;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The composer's text limit, a clean console on load, and the session kept per browser. */
class SessionBrowserIT extends BrowserTest {
    @Test
    void aTextOverTheLimitIsKeptWholeCountedAndNotSent() throws IOException {
        WebDriver alice = browser("alice");
        register(alice, "alice");
        say(alice, "a first, short message");
        message(alice, "a first, short message");
        WebElement note = alice.findElement(By.id("message-limit"));
        assertTrue(!note.isDisplayed(), "no counter far from the limit");

        String near = "n".repeat(TEXT_LIMIT - 100);
        paste(alice, "message-input", near);
        waitFor(alice).until(ExpectedConditions.textToBePresentInElement(note, (TEXT_LIMIT - 100) + " / " + TEXT_LIMIT));
        assertTrue(alice.findElement(By.id("send-button")).isEnabled(), "under the limit it can be sent");

        String over = "o".repeat(150);
        paste(alice, "message-input", over);
        alice.findElement(By.id("message-input")).sendKeys("typed");
        int length = TEXT_LIMIT + 55;
        waitFor(alice).until(ExpectedConditions.textToBePresentInElement(note, length + " / " + TEXT_LIMIT));
        assertTrue(note.getText().contains("55 too many"), note.getText());
        assertEquals(near + over + "typed", value(alice, "message-input"), "nothing cut from the paste or the typing");
        assertTrue(!alice.findElement(By.id("send-button")).isEnabled(), "Send refuses a text over the limit");
        assertEquals("true", alice.findElement(By.id("message-input")).getAttribute("aria-invalid"));

        alice.findElement(By.id("message-input")).sendKeys(Keys.ENTER);
        // Enter was handled (a keydown is synchronous): a message sent would be a pending item already.
        assertEquals(0L, js(alice).executeScript("return document.querySelectorAll('#message-list li.message.pending').length"));
        assertEquals(near + over + "typed", value(alice, "message-input"), "Enter neither sends nor cuts it");
        Http.Reply page = new Http(server.url()).get("/api/rooms/general/messages", token(new Http(server.url()), "alice"));
        assertEquals(200, page.status(), page.text());
        assertTrue(!page.text().contains("nnnnnnnnnn"), "the server got nothing");

        // Shortened under the limit, it goes.
        js(alice).executeScript("const t = document.getElementById('message-input'); t.select(); document.execCommand('insertText', false, 'short again');");
        waitFor(alice).until(d -> d.findElement(By.id("send-button")).isEnabled());
        waitFor(alice).until(ExpectedConditions.invisibilityOf(note));
    }

    @Test
    void aRefusalByTheServerLeavesTheTextInTheComposerWithItsReason() throws IOException {
        WebDriver alice = browser("alice");
        // The page is told a higher limit than the server keeps, so that the server is the one to refuse.
        ((ChromeDriver) alice).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
                "const realFetch = window.fetch; window.fetch = async (...args) => { const res = await realFetch(...args);"
                        + " if (!String(args[0]).endsWith('/api/config')) return res; const c = await res.json();"
                        + " c.maxTextLength = " + (TEXT_LIMIT * 2) + ";"
                        + " return new Response(JSON.stringify(c), {status: 200, headers: {'Content-Type': 'application/json'}}); };"));
        register(alice, "alice");
        String text = "r".repeat(TEXT_LIMIT + 10);
        paste(alice, "message-input", text);
        alice.findElement(By.id("send-button")).click();
        WebElement note = alice.findElement(By.id("message-limit"));
        waitFor(alice).until(ExpectedConditions.textToBePresentInElement(note, "the limit is " + TEXT_LIMIT));
        assertEquals(text, value(alice, "message-input"), "the refused text is back in the composer, whole");
        assertEquals(0L, js(alice).executeScript("return document.querySelectorAll('#message-list li.message.pending').length"),
                "no failed bubble beside it");
        alice.findElement(By.id("message-input")).sendKeys(Keys.BACK_SPACE);
        waitFor(alice).until(d -> !d.findElement(By.id("message-limit")).getText().contains("the limit is"));
    }

    @Test
    void aFreshLoadAsksNothingThatAnswers401() throws IOException {
        WebDriver visitor = browser("visitor");
        visitor.get(server.url().toString());
        // The login form takes the focus once the page has asked who is signed in (nobody).
        waitFor(visitor).until(d -> "login-username".equals(d.switchTo().activeElement().getAttribute("id")));
        waitFor(visitor).until(ExpectedConditions.visibilityOfElementLocated(By.id("login-screen")));
        assertEquals(List.of(), consoleErrors(visitor), "the console of a fresh load");

        register(visitor, "vera");
        visitor.findElement(By.id("logout-button")).click();
        waitFor(visitor).until(ExpectedConditions.visibilityOfElementLocated(By.id("login-username")));
        visitor.navigate().refresh();
        waitFor(visitor).until(d -> "login-username".equals(d.switchTo().activeElement().getAttribute("id")));
        assertEquals(List.of(), consoleErrors(visitor), "the console after a logout and a reload");
    }

    /** Alice in general, then in a room of her own that she opens in the page. */
    private String aliceInLaunch(WebDriver alice) {
        register(alice, "alice");
        String token = token(new Http(server.url()), "alice");
        assertEquals(201, new Http(server.url()).post("/api/rooms", token, Http.json("id", "launch", "visibility", "public")).status());
        click(alice, By.cssSelector("#room-list button.room-item[data-room-id='launch']"));
        waitFor(alice).until(ExpectedConditions.textToBePresentInElementLocated(By.id("room-title"), "launch"));
        return token;
    }

    @Test
    void aReloadKeepsTheSessionAndTheOpenRoom() throws IOException {
        WebDriver alice = browser("alice");
        aliceInLaunch(alice);
        say(alice, "before the reload");
        message(alice, "before the reload");
        alice.navigate().refresh();
        waitFor(alice).until(ExpectedConditions.visibilityOfElementLocated(By.id("app")));
        waitFor(alice).until(ExpectedConditions.textToBePresentInElementLocated(By.id("room-title"), "launch"));
        message(alice, "before the reload");
        assertTrue(!alice.findElement(By.id("login-screen")).isDisplayed(), "no login after a reload");
        waitFor(alice).until(ExpectedConditions.attributeToBe(By.id("connection-status"), "data-state", "online"));
    }

    @Test
    void aSecondTabIsSignedInAndALogoutInOneEndsTheOther() throws IOException {
        WebDriver alice = browser("alice");
        aliceInLaunch(alice);
        String first = alice.getWindowHandle();

        alice.switchTo().newWindow(WindowType.TAB);
        alice.get(server.url().toString());
        waitFor(alice).until(ExpectedConditions.visibilityOfElementLocated(By.id("app")));
        waitFor(alice).until(ExpectedConditions.textToBePresentInElementLocated(By.id("current-user"), "alice"));
        waitFor(alice).until(ExpectedConditions.textToBePresentInElementLocated(By.id("room-title"), "launch"));
        assertTrue(!alice.findElement(By.id("login-screen")).isDisplayed(), "the second tab asks no login");
        waitFor(alice).until(ExpectedConditions.attributeToBe(By.id("connection-status"), "data-state", "online"));
        String second = alice.getWindowHandle();

        alice.switchTo().window(first);
        alice.findElement(By.id("logout-button")).click();
        waitFor(alice).until(ExpectedConditions.visibilityOfElementLocated(By.id("login-username")));

        alice.switchTo().window(second);
        waitFor(alice).until(ExpectedConditions.visibilityOfElementLocated(By.id("login-username")));
        assertTrue(!alice.findElement(By.id("app")).isDisplayed(), "the other tab is signed out too");
        alice.navigate().refresh();
        waitFor(alice).until(d -> "login-username".equals(d.switchTo().activeElement().getAttribute("id")));
        assertTrue(!alice.findElement(By.id("app")).isDisplayed(), "and stays signed out after a reload");
    }
}
