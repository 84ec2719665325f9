package dev.parley.standalone;

import jakarta.json.Json;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Accounts in the web page, in real Chromium: the profile dialog (display name, password change
 * with its errors beside the fields), display names shown instead of usernames, and blocking from
 * a member's menu and a direct conversation's header.
 */
class AccountsBrowserIT extends BrowserTest {

    private static String text(WebDriver d, String css) {
        return (String) js(d).executeScript("const e = document.querySelector(arguments[0]); return e ? e.textContent : null;", css);
    }

    private void openProfile(WebDriver d) {
        click(d, By.id("profile-button"));
        waitFor(d).until(ExpectedConditions.visibilityOfElementLocated(By.id("profile-display-name")));
    }

    @Test
    void aDisplayNameSetInTheProfileIsShownToOthersInMessagesAndMembers() throws IOException {
        WebDriver alice = browser("alice");
        WebDriver bob = browser("bob");
        register(alice, "alice");
        register(bob, "bob");

        openProfile(alice);
        alice.findElement(By.id("profile-display-name")).sendKeys("x".repeat(64) + "y");
        awaitEquals(alice, "x".repeat(64), d -> value(d, "profile-display-name"), "the field holds 64 characters at most");
        js(alice).executeScript("document.getElementById('profile-display-name').removeAttribute('maxlength');"
                + "document.getElementById('profile-display-name').value = arguments[0];", "z".repeat(65));
        click(alice, By.id("profile-name-save"));
        waitFor(alice).until(d -> !text(d, "#profile-display-name-error").isEmpty());
        assertEquals("true", alice.findElement(By.id("profile-display-name")).getAttribute("aria-invalid"));

        js(alice).executeScript("document.getElementById('profile-display-name').value = '';");
        alice.findElement(By.id("profile-display-name")).sendKeys("Alice Liddell");
        click(alice, By.id("profile-name-save"));
        waitFor(alice).until(ExpectedConditions.textToBe(By.id("current-user"), "Alice Liddell"));
        assertEquals("", text(alice, "#profile-display-name-error"));
        click(alice, By.id("profile-close"));

        say(alice, "hello from alice");
        message(bob, "hello from alice");
        // Display names are not pushed live: bob's page learns the new one when it next reads the
        // members (opening a room, a reload), as the web page README says.
        bob.navigate().refresh();
        waitFor(bob).until(ExpectedConditions.attributeToBe(By.id("connection-status"), "data-state", "online"));
        message(bob, "hello from alice");
        awaitEquals(bob, "Alice Liddell", d -> (String) js(d).executeScript(
                "const li = [...document.querySelectorAll('#message-list li.message[data-from=\"alice\"]')].pop();"
                        + "return li ? li.querySelector('.meta .from').textContent : null;"), "bob sees alice's display name");
        assertEquals("@alice", js(bob).executeScript(
                "return [...document.querySelectorAll('#message-list li.message[data-from=\"alice\"]')].pop()"
                        + ".querySelector('.meta .from').title;"), "the username stays reachable as a tooltip");
        // At this width the members panel is shown beside the messages.
        waitFor(bob).until(d -> "Alice Liddell".equals(text(d, "#member-list li[data-username=\"alice\"] .member-name")));
    }

    @Test
    void aPasswordChangeInOneBrowserSignsTheOtherOutAndTheWrongPasswordIsSaidBesideTheField() throws IOException {
        WebDriver first = browser("first");
        WebDriver second = browser("second");
        register(first, "carol");
        second.get(server.url().toString());
        waitFor(second).until(ExpectedConditions.visibilityOfElementLocated(By.id("login-username"))).sendKeys("carol");
        second.findElement(By.id("login-password")).sendKeys("password-of-carol");
        second.findElement(By.id("login-button")).click();
        waitFor(second).until(ExpectedConditions.attributeToBe(By.id("connection-status"), "data-state", "online"));

        openProfile(first);
        first.findElement(By.id("profile-current-password")).sendKeys("not-the-password");
        first.findElement(By.id("profile-new-password")).sendKeys("carol-new-secret");
        click(first, By.id("profile-password-save"));
        waitFor(first).until(d -> !text(d, "#profile-current-password-error").isEmpty());
        assertEquals("true", first.findElement(By.id("profile-current-password")).getAttribute("aria-invalid"));
        assertTrue(second.findElement(By.id("app")).isDisplayed(), "a refused change signs nobody out");

        js(first).executeScript("document.getElementById('profile-current-password').value = '';"
                + "document.getElementById('profile-new-password').value = '';");
        first.findElement(By.id("profile-current-password")).sendKeys("password-of-carol");
        first.findElement(By.id("profile-new-password")).sendKeys("short");
        click(first, By.id("profile-password-save"));
        waitFor(first).until(d -> !text(d, "#profile-new-password-error").isEmpty());

        js(first).executeScript("document.getElementById('profile-new-password').value = '';");
        first.findElement(By.id("profile-new-password")).sendKeys("carol-new-secret");
        click(first, By.id("profile-password-save"));
        waitFor(second).until(ExpectedConditions.visibilityOfElementLocated(By.id("login-username")));
        assertTrue(!second.findElement(By.id("app")).isDisplayed(), "the other browser is signed out");
        waitFor(first).until(d -> value(d, "profile-current-password").isEmpty());
        assertEquals("", text(first, "#profile-current-password-error"));
        click(first, By.id("profile-close"));
        say(first, "still signed in here");
        message(first, "still signed in here");
        waitFor(first).until(ExpectedConditions.attributeToBe(By.id("connection-status"), "data-state", "online"));

        second.findElement(By.id("login-username")).clear();
        second.findElement(By.id("login-username")).sendKeys("carol");
        second.findElement(By.id("login-password")).clear();
        second.findElement(By.id("login-password")).sendKeys("carol-new-secret");
        second.findElement(By.id("login-button")).click();
        waitFor(second).until(ExpectedConditions.visibilityOfElementLocated(By.id("app")));
    }

    @Test
    void blockingFromTheMemberMenuRefusesTheirDirectMessagesAndTheHeaderUnblocks() throws IOException {
        WebDriver dora = browser("dora");
        WebDriver eve = browser("eve");
        register(dora, "dora");
        register(eve, "eve");
        Http http = new Http(server.url());

        waitFor(dora).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#member-list li[data-username=\"eve\"]")));
        click(dora, By.cssSelector("#member-list li[data-username=\"eve\"] .member-menu-button"));
        click(dora, By.cssSelector("#member-list li[data-username=\"eve\"] .member-block"));
        waitFor(dora).until(d -> "Unblock".equals(text(d, "#member-list li[data-username=\"eve\"] .member-block")));
        String eveToken = token(http, "eve");
        Http.Reply refused = http.post("/api/dm/dora/messages", eveToken, Json.createObjectBuilder().add("text", "hi").build());
        assertEquals(403, refused.status(), refused.text());

        // Eve's page says so when she writes to dora.
        eve.findElement(By.id("new-dm-username")).sendKeys("dora");
        eve.findElement(By.id("new-dm-button")).click();
        waitFor(eve).until(ExpectedConditions.textToBePresentInElementLocated(By.id("room-title"), "dora"));
        say(eve, "are you there?");
        waitFor(eve).until(d -> (Boolean) js(d).executeScript(
                "return [...document.querySelectorAll('.toast')].some(t => /does not accept/.test(t.textContent))"
                        + " || [...document.querySelectorAll('#message-list li')].some(li => /does not accept/.test(li.textContent));"));

        // Dora writes to eve (a block is one-way), then unblocks her from the conversation's header.
        dora.findElement(By.id("new-dm-username")).sendKeys("eve");
        dora.findElement(By.id("new-dm-button")).click();
        waitFor(dora).until(ExpectedConditions.textToBePresentInElementLocated(By.id("room-title"), "eve"));
        waitFor(dora).until(d -> "Unblock".equals(text(d, "#block-peer-button")) && d.findElement(By.id("block-peer-button")).isDisplayed());
        click(dora, By.id("block-peer-button"));
        waitFor(dora).until(d -> "Block".equals(text(d, "#block-peer-button")));
        assertEquals(0, http.get("/api/me/blocks", token(http, "dora")).array().size());
        assertEquals(201, http.post("/api/dm/dora/messages", eveToken, Json.createObjectBuilder().add("text", "hi").build()).status());
    }
}
