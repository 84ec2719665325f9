package dev.parley.standalone;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The offline queue: messages typed while the server is away are shown as queued, kept in the browser
 * over a reload (js/outbox.js) and, once the server is back, sent in the order typed and stored once
 * each, whether the page reconnected by itself or was loaded anew. The server is stopped and started
 * again on the same port and data directory, as a restart or a network cut looks to the page.
 */
class OfflineBrowserIT extends BrowserTest {

    private static String connection(WebDriver d) {
        return d.findElement(By.id("connection-status")).getAttribute("data-state");
    }

    @SuppressWarnings("unchecked")
    private static List<String> pendingStatuses(WebDriver d) {
        return (List<String>) js(d).executeScript("return [...document.querySelectorAll('#message-list li.message.pending')]"
                + ".map(li => li.querySelector('.text').textContent + ' / ' + li.querySelector('.pending-status').textContent)");
    }

    /** The texts of general's stored messages that start with {@code prefix}, in seq order. */
    private List<String> stored(String token, String prefix) {
        Http http = new Http(server.url());
        return http.get("/api/rooms/general/messages?limit=100", token).object().getJsonArray("messages").stream()
                .map(v -> ((JsonObject) v).getString("text", ""))
                .filter(t -> t.startsWith(prefix))
                .toList();
    }

    private int stopServer() {
        int port = server.url().getPort();
        server.close();
        server = null;
        return port;
    }

    @Test
    void messagesTypedWhileTheServerIsAwayAreQueuedKeptOverAReloadAndStoredOnceInOrder() throws IOException {
        WebDriver alice = browser("alice");
        register(alice, "alice");
        String token = token(new Http(server.url()), "alice");
        say(alice, "queue: before the outage");
        message(alice, "queue: before the outage");

        int port = stopServer();
        waitFor(alice).until(d -> !"online".equals(connection(d)));
        say(alice, "queue: typed offline, first");
        say(alice, "queue: typed offline, second");
        awaitEquals(alice, "[queue: typed offline, first / queued: sent when back online,"
                        + " queue: typed offline, second / queued: sent when back online]",
                d -> pendingStatuses(d).toString(), "both shown as queued");

        // The tab goes away while the server is down (a reload could not load the page), and comes back later.
        alice.get("about:blank");
        server = startServer(port);
        alice.get(server.url().toString());
        waitFor(alice).until(ExpectedConditions.attributeToBe(By.id("connection-status"), "data-state", "online"));
        message(alice, "queue: typed offline, first");
        message(alice, "queue: typed offline, second");
        assertEquals(List.of("queue: before the outage", "queue: typed offline, first", "queue: typed offline, second"),
                stored(token, "queue: "));
        waitFor(alice).until(d -> js(d).executeScript("return localStorage.getItem('parley.outbox.alice')") == null);
        assertEquals(List.of(), pendingStatuses(alice));
    }

    @Test
    void aPageThatReconnectsByItselfSendsTheQueueOnceAndAReloadAfterSendsNothingAgain() throws IOException {
        WebDriver alice = browser("alice");
        register(alice, "alice");
        String token = token(new Http(server.url()), "alice");

        int port = stopServer();
        waitFor(alice).until(d -> !"online".equals(connection(d)));
        say(alice, "again: one");
        say(alice, "again: two");
        say(alice, "again: three");
        awaitEquals(alice, "3", d -> String.valueOf(pendingStatuses(d).size()), "three queued");

        server = startServer(port);
        waitFor(alice).until(ExpectedConditions.attributeToBe(By.id("connection-status"), "data-state", "online"));
        message(alice, "again: three");
        waitFor(alice).until(d -> pendingStatuses(d).isEmpty());
        assertNull(js(alice).executeScript("return localStorage.getItem('parley.outbox.alice')"), "the queue is empty once acked");

        alice.navigate().refresh();
        waitFor(alice).until(ExpectedConditions.attributeToBe(By.id("connection-status"), "data-state", "online"));
        message(alice, "again: three");
        assertEquals(List.of(), pendingStatuses(alice));
        assertEquals(List.of("again: one", "again: two", "again: three"), stored(token, "again: "));
    }
}
