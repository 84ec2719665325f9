package dev.parley.standalone;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The search box: results with room, author and the matched words marked, and the jump to a message in its room. */
class SearchBrowserIT extends BrowserTest {

    @Test
    void aResultShowsWhereAndWhoWithTheMatchesMarkedAndOpensTheMessageInItsHistory() throws IOException {
        WebDriver alice = browser("alice");
        register(alice, "alice");
        Http http = new Http(server.url());
        String aliceToken = token(http, "alice");
        String bobToken = http.login("bobby");
        assertEquals(201, http.post("/api/rooms", bobToken, Http.json("id", "vault", "visibility", "private")).status());
        assertEquals(201, http.post("/api/rooms/vault/messages", bobToken, Http.json("text", "kiwi orchard secret")).status());
        String target = post(http, aliceToken, "Where is the Kiwi orchard map?", null, null);
        for (int i = 0; i < 130; i++) {
            post(http, aliceToken, "filler line " + i, null, null);
        }
        // A fresh load holds only the latest page, so the target is not on the page yet.
        alice.navigate().refresh();
        waitFor(alice).until(ExpectedConditions.attributeToBe(By.id("connection-status"), "data-state", "online"));
        message(alice, "filler line 129");

        alice.findElement(By.id("search-input")).sendKeys("kiwi orch" + Keys.ENTER);
        waitFor(alice).until(ExpectedConditions.textToBePresentInElementLocated(By.id("search-status"), "1 message"));
        @SuppressWarnings("unchecked")
        Map<String, Object> shown = (Map<String, Object>) js(alice).executeScript(
                "const b = document.querySelector('#search-results .search-result');"
                        + "return {room: b.querySelector('.search-room').textContent, from: b.querySelector('.search-from').textContent,"
                        + " text: b.querySelector('.search-text').textContent,"
                        + " marks: [...b.querySelectorAll('mark')].map(m => m.textContent), id: b.dataset.id,"
                        + " count: document.querySelectorAll('#search-results .search-result').length};");
        assertEquals("#general", shown.get("room"));
        assertEquals("alice", shown.get("from"));
        assertEquals("Where is the Kiwi orchard map?", shown.get("text"));
        assertEquals(List.of("Kiwi", "orch"), shown.get("marks"));
        assertEquals(target, shown.get("id"));
        assertEquals(1L, shown.get("count"), "bob's private room stays out of alice's results");
        assertTrue((Boolean) js(alice).executeScript("return document.querySelector("
                + "'#message-list .message[data-id=\"' + arguments[0] + '\"]') === null;", target),
                "the message is older than the page loaded so far");

        click(alice, By.cssSelector("#search-results .search-result"));
        waitFor(alice).withMessage("the jump loads the history back to the message and shows it").until(d -> (Boolean) js(d).executeScript(
                "const el = document.querySelector('#message-list .message[data-id=\"' + arguments[0] + '\"]');"
                        + "if (!el || !el.classList.contains('search-target')) return false;"
                        + "const r = el.getBoundingClientRect(), a = document.getElementById('message-area').getBoundingClientRect();"
                        + "return r.top >= a.top && r.bottom <= a.bottom;", target));
        screenshot(alice, "search-jump");

        alice.findElement(By.id("search-input")).clear();
        alice.findElement(By.id("search-input")).sendKeys("?!" + Keys.ENTER);
        waitFor(alice).until(ExpectedConditions.textToBePresentInElementLocated(By.id("search-status"), "Type a word"));
        alice.findElement(By.id("search-input")).clear();
        alice.findElement(By.id("search-input")).sendKeys("nothingmatchesthis" + Keys.ENTER);
        waitFor(alice).until(ExpectedConditions.textToBePresentInElementLocated(By.id("search-status"), "No message holds"));
        alice.findElement(By.id("search-close")).click();
        waitFor(alice).until(ExpectedConditions.invisibilityOfElementLocated(By.id("search-panel")));
        assertEquals(List.of(), consoleErrors(alice));
    }
}
