package dev.parley.standalone;

import dev.parley.core.ChatConfig;
import dev.parley.standalone.Http.Reply;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.parley.standalone.Http.assertError;
import static dev.parley.standalone.Http.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /api/search} end to end on the standalone server and its default storage (JPA on an H2
 * file, searched through the Lucene index beside it): who finds what, the current state of a hit,
 * paging, the refusals of bad input, and many senders with a searcher at once.
 */
class SearchRestTest {
    private static final AtomicInteger NAMES = new AtomicInteger();

    @TempDir
    static Path dataDir;
    static StandaloneServer server;
    static Http http;

    @BeforeAll
    static void start() throws Exception {
        server = StandaloneServer.create(StandaloneConfig.builder()
                .port(0)
                .dataDir(dataDir)
                .chat(ChatConfig.builder().passwordHashCost(4).sendRate(1_000_000, 1_000_000).build())
                .build()).start();
        http = new Http(server.url());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String user(String prefix) {
        return prefix + NAMES.incrementAndGet();
    }

    private static String room(String ownerToken, String visibility, String... members) {
        return http.createRoom(ownerToken, "search-" + NAMES.incrementAndGet(), visibility, members);
    }

    private static long post(String token, String room, String text) {
        return http.postMessage(token, room, json("text", text)).getJsonNumber("id").longValue();
    }

    private static Reply search(String token, String query) {
        return http.get("/api/search?" + query, token);
    }

    private static String q(String words) {
        return "q=" + URLEncoder.encode(words, StandardCharsets.UTF_8);
    }

    private static List<Long> hits(String token, String words) {
        Reply r = search(token, q(words));
        assertEquals(200, r.status(), r.text());
        List<Long> out = new ArrayList<>();
        for (JsonValue v : r.object().getJsonArray("messages")) {
            out.add(v.asJsonObject().getJsonNumber("id").longValue());
        }
        return out;
    }


    @Test
    void aPrivateRoomIsNotFoundByAUserWhoLeftItNorDirectRoomsByOthers() {
        String alice = user("alice");
        String bob = user("bob");
        String carol = user("carol");
        String aliceToken = http.login(alice);
        String bobToken = http.login(bob);
        String carolToken = http.login(carol);
        String board = room(aliceToken, "private", bob);
        String word = "zanzibar" + NAMES.incrementAndGet();
        long secret = post(aliceToken, board, "the " + word + " merger");
        Reply dm = http.post("/api/dm/" + carol + "/messages", aliceToken, json("text", word + " gift for you"));
        assertEquals(201, dm.status(), dm.text());
        long gift = dm.object().getJsonNumber("id").longValue();

        assertEquals(List.of(gift, secret), hits(aliceToken, word));
        assertEquals(List.of(secret), hits(bobToken, word));
        assertEquals(List.of(gift), hits(carolToken, word));
        Reply left = http.post("/api/rooms/" + board + "/leave", bobToken, "");
        assertTrue(left.status() / 100 == 2, left.text());
        assertEquals(List.of(), hits(bobToken, word), "bob left the room");
        assertError(403, "FORBIDDEN", search(bobToken, q(word) + "&room=" + board));
        assertError(403, "FORBIDDEN", search(bobToken, q(word) + "&room=" + dm.object().getString("room")));
        assertError(404, "NOT_FOUND", search(bobToken, q(word) + "&room=no-such-room"));
    }

    @Test
    void hitsShowTheCurrentTextNewestFirstAndPageWithBefore() {
        String alice = user("alice");
        String token = http.login(alice);
        String room = room(token, "public");
        String word = "quokka" + NAMES.incrementAndGet();
        List<Long> posted = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            posted.add(post(token, room, "Report " + i + " about the " + word.toUpperCase()));
        }
        long gone = post(token, room, word + " to delete");
        assertEquals(204, http.delete("/api/rooms/" + room + "/messages/" + gone, token).status());
        Reply edit = http.patch("/api/rooms/" + room + "/messages/" + posted.get(0), token,
                json("text", "renamed " + word + " summary"));
        assertEquals(200, edit.status(), edit.text());

        Reply first = search(token, q(word.substring(0, 5) + " rep") + "&limit=2&room=" + room);
        assertEquals(200, first.status(), first.text());
        JsonObject page = first.object();
        assertTrue(page.getBoolean("hasMore"));
        assertEquals(2, page.getJsonArray("messages").size());
        assertEquals(posted.get(4), page.getJsonArray("messages").getJsonObject(0).getJsonNumber("id").longValue());
        assertEquals(room, page.getJsonArray("messages").getJsonObject(0).getString("room"));
        long last = page.getJsonArray("messages").getJsonObject(1).getJsonNumber("id").longValue();
        JsonObject rest = search(token, q(word + " report") + "&before=" + last).object();
        assertFalse(rest.getBoolean("hasMore"));
        assertEquals(2, rest.getJsonArray("messages").size(), "report 0 was renamed, the deleted one is gone");

        JsonObject renamed = search(token, q("summary " + word)).object().getJsonArray("messages").getJsonObject(0);
        assertEquals("renamed " + word + " summary", renamed.getString("text"));
        assertTrue(renamed.containsKey("editedAt"));
        assertEquals(List.of(), hits(token, "delete " + word));
    }

    @Test
    void badInputIsABadRequestAndNoTokenUnauthorized() {
        String token = http.login(user("dave"));
        assertError(400, "BAD_REQUEST", search(token, ""));
        assertError(400, "BAD_REQUEST", search(token, "q="));
        assertError(400, "BAD_REQUEST", search(token, q("   ")));
        assertError(400, "BAD_REQUEST", search(token, q("?!.,")));
        assertError(400, "BAD_REQUEST", search(token, q("x".repeat(10_000))));
        assertError(400, "BAD_REQUEST", search(token, q("a b c d e f g h i j k l m n o p q")));
        assertError(400, "BAD_REQUEST", search(token, q("hello") + "&limit=0"));
        assertError(400, "BAD_REQUEST", search(token, q("hello") + "&limit=101"));
        assertError(400, "BAD_REQUEST", search(token, q("hello") + "&limit=ten"));
        assertError(400, "BAD_REQUEST", search(token, q("hello") + "&before=-3"));
        assertError(400, "BAD_REQUEST", search(token, q("hello") + "&before=abc"));
        assertError(401, "UNAUTHORIZED", search(null, q("hello")));
        assertEquals(200, search(token, q("hello") + "&limit=100").status());
    }

    @Test
    void everyAcknowledgedMessageIsFoundWhileManySendAndOneSearches() throws Exception {
        String owner = user("owner");
        String ownerToken = http.login(owner);
        List<String> names = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            names.add(user("sender"));
            tokens.add(http.login(names.get(i)));
        }
        String room = room(ownerToken, "private", names.toArray(String[]::new));
        String word = "wombat" + NAMES.incrementAndGet();
        ExecutorService pool = Executors.newFixedThreadPool(9);
        try {
            List<Future<Long>> sent = new ArrayList<>();
            for (int i = 0; i < 160; i++) {
                String token = tokens.get(i % tokens.size());
                int n = i;
                sent.add(pool.submit(() -> post(token, room, word + " number " + n)));
                if (i % 20 == 0) {
                    pool.submit(() -> search(ownerToken, q(word)).status());
                }
            }
            long newest = 0;
            for (Future<Long> f : sent) {
                newest = Math.max(newest, f.get(60, TimeUnit.SECONDS));
            }
            int found = 0;
            String before = "";
            while (true) {
                JsonObject page = search(ownerToken, q(word) + "&limit=100" + before).object();
                found += page.getJsonArray("messages").size();
                if (found == page.getJsonArray("messages").size()) {
                    assertEquals(newest, page.getJsonArray("messages").getJsonObject(0).getJsonNumber("id").longValue());
                }
                if (!page.getBoolean("hasMore")) {
                    break;
                }
                var list = page.getJsonArray("messages");
                before = "&before=" + list.getJsonObject(list.size() - 1).getJsonNumber("id").longValue();
            }
            assertEquals(160, found);
        } finally {
            pool.shutdownNow();
        }
    }
}
