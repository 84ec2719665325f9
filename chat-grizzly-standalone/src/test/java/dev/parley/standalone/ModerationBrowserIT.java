package dev.parley.standalone;

import jakarta.json.Json;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Moderation on the page, in real Chromium: the owner's settings dialog (topic, read-only) and its
 * ban list, the member menu (mute, ban for a chosen time), the topic in the header, a composer that
 * says why it is closed, and the acts shown as system lines to everyone in the room.
 */
class ModerationBrowserIT extends BrowserTest {

    private static String lines(WebDriver d) {
        return (String) js(d).executeScript("return [...document.querySelectorAll('#message-list li.message')]"
                + ".filter(li => li.dataset.kind === 'MODERATION' || li.dataset.kind === 'ROOM_UPDATED')"
                + ".map(li => li.dataset.kind + ':' + li.querySelector('.text').textContent).join('\\n');");
    }

    private void open(WebDriver d, String room) {
        click(d, By.cssSelector("#room-list button.room-item[data-room-id='" + room + "']"));
        waitFor(d).until(ExpectedConditions.textToBePresentInElementLocated(By.id("room-title"), room));
    }

    @Test
    void theOwnerSetsTopicAndReadOnlyMutesAndBansFromThePageAndTheMemberSeesWhy() throws IOException {
        WebDriver alice = browser("alice");
        register(alice, "alice");
        WebDriver bob = browser("bob");
        register(bob, "bob");
        Http http = new Http(server.url());
        String aliceToken = token(http, "alice");
        assertEquals(201, http.post("/api/rooms", aliceToken, Json.createObjectBuilder().add("id", "team").build()).status());
        assertEquals(200, http.post("/api/rooms/team/join", token(http, "bob"), "").status());
        open(alice, "team");
        open(bob, "team");

        click(alice, By.id("room-settings-button"));
        waitFor(alice).until(ExpectedConditions.visibilityOfElementLocated(By.id("room-settings-topic"))).sendKeys("Release plans");
        click(alice, By.id("room-settings-readonly"));
        click(alice, By.id("room-settings-save"));
        for (WebDriver d : new WebDriver[]{alice, bob}) {
            waitFor(d).until(ExpectedConditions.textToBePresentInElementLocated(By.id("room-topic"), "Release plans"));
            waitFor(d).until(x -> lines(x).contains("ROOM_UPDATED:"));
        }
        waitFor(bob).until(ExpectedConditions.textToBePresentInElementLocated(By.id("composer-block"), "read-only"));
        assertTrue(!bob.findElement(By.id("message-input")).isEnabled(), "a member's composer is closed in a read-only room");
        assertTrue(alice.findElement(By.id("message-input")).isEnabled(), "the owner still posts");

        click(alice, By.id("room-settings-button"));
        click(alice, By.id("room-settings-readonly"));
        click(alice, By.id("room-settings-save"));
        waitFor(bob).until(d -> d.findElement(By.id("message-input")).isEnabled());

        click(alice, By.cssSelector("#member-list li[data-username='bob'] .member-menu-button"));
        click(alice, By.cssSelector("#member-list li[data-username='bob'] .member-moderate"));
        new Select(waitFor(alice).until(ExpectedConditions.visibilityOfElementLocated(By.id("member-mute-time"))))
                .selectByVisibleText("10 minutes");
        click(alice, By.id("member-mute"));
        waitFor(bob).until(ExpectedConditions.textToBePresentInElementLocated(By.id("composer-block"), "muted until"));
        assertTrue(!bob.findElement(By.id("message-input")).isEnabled());
        waitFor(alice).until(d -> lines(d).contains("bob was muted by alice"));

        click(alice, By.cssSelector("#member-list li[data-username='bob'] .member-menu-button"));
        click(alice, By.cssSelector("#member-list li[data-username='bob'] .member-moderate"));
        new Select(waitFor(alice).until(ExpectedConditions.visibilityOfElementLocated(By.id("member-ban-time"))))
                .selectByVisibleText("1 day");
        alice.findElement(By.id("member-ban-reason")).sendKeys("spam");
        click(alice, By.id("member-ban"));
        waitFor(alice).until(d -> lines(d).contains("bob was banned by alice"));
        waitFor(bob).until(d -> d.findElements(By.cssSelector("#room-list button.room-item[data-room-id='team']")).isEmpty());

        click(alice, By.id("room-settings-button"));
        waitFor(alice).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#ban-list li[data-username='bob']"),
                "spam"));
        click(alice, By.cssSelector("#ban-list li[data-username='bob'] .unban"));
        waitFor(alice).until(ExpectedConditions.textToBePresentInElementLocated(By.id("ban-list"), "Nobody is banned"));
        assertEquals(200, http.post("/api/rooms/team/join", token(http, "bob"), "").status(), "unbanned from the page");
    }

    @Test
    void aMemberMutedLongBeforeTheLoadedPageFindsTheComposerClosedOnOpeningTheRoom() throws IOException {
        WebDriver bob = browser("bob");
        register(bob, "bob");
        Http http = new Http(server.url());
        assertEquals(201, http.post("/api/auth/register", null, Json.createObjectBuilder().add("username", "alice")
                .add("password", "password-of-alice").build()).status());
        String aliceToken = token(http, "alice");
        assertEquals(201, http.post("/api/rooms", aliceToken, Json.createObjectBuilder().add("id", "quiet").build()).status());
        assertEquals(200, http.post("/api/rooms/quiet/join", token(http, "bob"), "").status());
        String until = java.time.Instant.now().plus(java.time.Duration.ofHours(2)).toString();
        assertEquals(204, http.post("/api/rooms/quiet/mutes", aliceToken, Json.createObjectBuilder().add("username", "bob")
                .add("until", until).build()).status());
        // Far more than a page: the MODERATION entry is not among what the page loads.
        for (int i = 0; i < 120; i++) {
            assertEquals(201, http.post("/api/rooms/quiet/messages", aliceToken,
                    Json.createObjectBuilder().add("text", "filler " + i).build()).status());
        }
        bob.navigate().refresh();
        waitFor(bob).until(ExpectedConditions.attributeToBe(By.id("connection-status"), "data-state", "online"));
        open(bob, "quiet");
        message(bob, "filler 119");
        waitFor(bob).until(ExpectedConditions.textToBePresentInElementLocated(By.id("composer-block"), "muted until"));
        assertTrue(!bob.findElement(By.id("message-input")).isEnabled(), "the composer is closed");
        assertTrue(!lines(bob).contains("muted"), "learnt from the room list, not from an entry on the page");
        assertEquals(204, http.delete("/api/rooms/quiet/mutes/bob", aliceToken).status());
        waitFor(bob).until(d -> d.findElement(By.id("message-input")).isEnabled());
    }
}
