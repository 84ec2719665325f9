package dev.parley.standalone;

import dev.parley.core.ChatConfig;
import dev.parley.standalone.Http.Reply;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.parley.standalone.Http.assertError;
import static dev.parley.standalone.Http.json;
import static dev.parley.standalone.WsClient.type;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The message lifecycle (edit, delete, react, reply, threads) end to end on the standalone server
 * and its default storage (JPA on an H2 file): the REST endpoints with their refusals, the frames
 * over a real WebSocket, and many members reacting at once.
 */
class MessageLifecycleTest {
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
                .chat(ChatConfig.builder().passwordHashCost(4).build())
                .admin("boss")
                .build()).start();
        http = new Http(server.url());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A private room of a fresh owner and members; returns the room id. */
    private static String room(String owner, String... members) {
        return http.createRoom(owner, "life-" + NAMES.incrementAndGet(), "private", members);
    }

    private static String user(String prefix) {
        return prefix + NAMES.incrementAndGet();
    }

    private static JsonObject post(String token, String room, JsonObject body) {
        return http.postMessage(token, room, body);
    }

    private static long lastSeq(String token, String room) {
        return http.lastSeq(token, room);
    }

    private static String emoji(String e) {
        return URLEncoder.encode(e, StandardCharsets.UTF_8).replace("+", "%20");
    }


    @Test
    void editDeleteReactAndReadTheCurrentStateOverRest() {
        String alice = user("alice");
        String bob = user("bob");
        String aliceToken = http.login(alice);
        String bobToken = http.login(bob);
        String room = room(aliceToken, bob);
        JsonObject m = post(aliceToken, room, json("text", "helo"));
        String path = "/api/rooms/" + room + "/messages/" + m.getJsonNumber("id").longValue();

        Reply edited = http.patch(path, aliceToken, json("text", "hello"));
        assertEquals(200, edited.status(), edited.text());
        assertEquals("hello", edited.object().getString("text"));
        assertTrue(edited.object().containsKey("editedAt"));

        assertEquals(204, http.put(path + "/reactions/" + emoji("🎉"), bobToken).status());
        assertEquals(204, http.put(path + "/reactions/" + emoji("🎉"), aliceToken).status());
        assertEquals(204, http.put(path + "/reactions/" + emoji(":+1:"), bobToken).status());
        JsonObject seenByBob = http.get(path, bobToken).object();
        assertEquals("hello", seenByBob.getString("text"));
        assertEquals(Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("emoji", "🎉").add("count", 2).add("me", true))
                .add(Json.createObjectBuilder().add("emoji", ":+1:").add("count", 1).add("me", true)).build(),
                seenByBob.getJsonArray("reactions"));
        assertFalse(http.get(path, aliceToken).object().getJsonArray("reactions").getJsonObject(1).getBoolean("me"));

        long before = lastSeq(aliceToken, room);
        assertEquals(204, http.put(path + "/reactions/" + emoji("🎉"), bobToken).status(), "adding it again");
        assertEquals(204, http.delete(path + "/reactions/" + emoji("🙈"), bobToken).status(), "removing one not there");
        assertEquals(before, lastSeq(aliceToken, room), "no-ops post nothing");
        assertEquals(204, http.delete(path + "/reactions/" + emoji(":+1:"), bobToken).status());

        var page = http.get("/api/rooms/" + room + "/messages", bobToken).object().getJsonArray("messages");
        List<String> kinds = new ArrayList<>();
        page.forEach(v -> kinds.add(v.asJsonObject().getString("kind")));
        assertEquals(List.of("CHAT", "EDIT", "REACTION", "REACTION", "REACTION", "REACTION"),
                kinds.subList(kinds.size() - 6, kinds.size()), "the page is a slice of the log");

        assertEquals(204, http.delete(path, aliceToken).status());
        JsonObject gone = http.get(path, bobToken).object();
        assertTrue(gone.getBoolean("deleted"));
        assertEquals("", gone.getString("text"));
        assertFalse(gone.containsKey("reactions"));
        before = lastSeq(aliceToken, room);
        assertEquals(204, http.delete(path, aliceToken).status(), "deleting twice");
        assertEquals(before, lastSeq(aliceToken, room));
        var edits = http.get("/api/rooms/" + room + "/messages", bobToken).object().getJsonArray("messages");
        edits.stream().map(v -> v.asJsonObject()).filter(o -> o.getString("kind").equals("EDIT"))
                .forEach(o -> assertEquals("", o.getString("text"), "an edit of a deleted message reads empty"));
    }

    @Test
    void refusalsAnswerTheContractsErrorAndPostNothing() {
        String alice = user("alice");
        String bob = user("bob");
        String carol = user("carol");
        String aliceToken = http.login(alice);
        String bobToken = http.login(bob);
        String carolToken = http.login(carol);
        String room = room(aliceToken, bob);
        JsonObject m = post(aliceToken, room, json("text", "mine"));
        String path = "/api/rooms/" + room + "/messages/" + m.getJsonNumber("id").longValue();
        long before = lastSeq(aliceToken, room);

        assertError(403, "FORBIDDEN", http.patch(path, bobToken, json("text", "yours")));
        assertError(403, "FORBIDDEN", http.delete(path, bobToken));
        assertError(403, "FORBIDDEN", http.put(path + "/reactions/x", carolToken));
        assertError(403, "FORBIDDEN", http.get(path, carolToken));
        assertError(400, "BAD_REQUEST", http.patch(path, aliceToken, json("text", "")));
        assertError(400, "BAD_REQUEST", http.patch(path, aliceToken, Json.createObjectBuilder().build()));
        assertError(400, "BAD_REQUEST", http.put(path + "/reactions/" + "x".repeat(33), bobToken));
        assertError(404, "NOT_FOUND", http.get("/api/rooms/" + room + "/messages/999999", aliceToken));
        assertError(404, "NOT_FOUND", http.get("/api/rooms/" + room + "/messages/abc", aliceToken));
        assertError(404, "NOT_FOUND", http.patch("/api/rooms/" + room + "/messages/999999", aliceToken, json("text", "x")));
        assertError(404, "NOT_FOUND", http.put("/api/rooms/" + room + "/messages/999999/reactions/x", bobToken));
        assertError(404, "NOT_FOUND", http.post("/api/rooms/" + room + "/messages", aliceToken,
                Json.createObjectBuilder().add("text", "r").add("replyTo", 999999).build()));
        assertError(400, "BAD_REQUEST", http.post("/api/rooms/" + room + "/messages", aliceToken,
                Json.createObjectBuilder().add("text", "r").add("thread", "abc").build()));
        assertEquals(before, lastSeq(aliceToken, room), "no refusal posted anything");
        for (int i = 0; i < 20; i++) {
            assertEquals(204, http.put(path + "/reactions/e" + i, bobToken).status());
        }
        before = lastSeq(aliceToken, room);
        assertError(409, "CONFLICT", http.put(path + "/reactions/e20", aliceToken));
        assertEquals(before, lastSeq(aliceToken, room), "the 21st emoji posted nothing");
        assertEquals(204, http.delete(path, aliceToken).status());
        before = lastSeq(aliceToken, room);
        assertError(409, "CONFLICT", http.patch(path, aliceToken, json("text", "back")));
        assertError(409, "CONFLICT", http.put(path + "/reactions/x", bobToken));
        assertEquals(before, lastSeq(aliceToken, room), "no refusal posted anything");
    }

    @Test
    void threadsAndRepliesOverRest() {
        String alice = user("alice");
        String bob = user("bob");
        String aliceToken = http.login(alice);
        String bobToken = http.login(bob);
        String room = room(aliceToken, bob);
        long root = post(aliceToken, room, json("text", "topic")).getJsonNumber("id").longValue();
        JsonObject quote = post(bobToken, room, Json.createObjectBuilder().add("text", "re").add("replyTo", root).build());
        assertEquals(root, quote.getJsonNumber("replyTo").longValue());
        long r1 = post(bobToken, room, Json.createObjectBuilder().add("text", "r1").add("thread", root).build())
                .getJsonNumber("id").longValue();
        post(aliceToken, room, Json.createObjectBuilder().add("text", "r2").add("thread", root).build());
        JsonObject rootNow = http.get("/api/rooms/" + room + "/messages/" + root, bobToken).object();
        assertEquals(2, rootNow.getInt("replies"));
        assertTrue(rootNow.containsKey("lastReplyAt"));
        JsonObject thread = http.get("/api/rooms/" + room + "/threads/" + root + "?limit=1", bobToken).object();
        assertEquals("r2", thread.getJsonArray("messages").getJsonObject(0).getString("text"));
        assertTrue(thread.getBoolean("hasMore"));
        assertError(400, "BAD_REQUEST", http.post("/api/rooms/" + room + "/messages", bobToken,
                Json.createObjectBuilder().add("text", "deeper").add("thread", r1).build()));
        assertError(404, "NOT_FOUND", http.get("/api/rooms/" + room + "/threads/999999", bobToken));
        assertError(400, "BAD_REQUEST", http.get("/api/rooms/" + room + "/threads/" + root + "?limit=0", bobToken));
    }

    @Test
    void directRoomIdsWorkOnTheMessageEndpointsForTheirTwoMembers() {
        String alice = user("alice");
        String bob = user("bob");
        String aliceToken = http.login(alice);
        String bobToken = http.login(bob);
        String carolToken = http.login(user("carol"));
        Reply dm = http.post("/api/dm/" + bob + "/messages", aliceToken, json("text", "psst"));
        assertEquals(201, dm.status(), dm.text());
        String room = dm.object().getString("room");
        String path = "/api/rooms/" + room + "/messages/" + dm.object().getJsonNumber("id").longValue();
        assertEquals(200, http.patch(path, aliceToken, json("text", "psst!")).status());
        assertEquals(204, http.put(path + "/reactions/" + emoji("👀"), bobToken).status());
        assertEquals("psst!", http.get(path, bobToken).object().getString("text"));
        assertEquals(403, http.get(path, carolToken).status());
        JsonObject reply = http.post("/api/dm/" + alice + "/messages", bobToken,
                Json.createObjectBuilder().add("text", "yes?").add("replyTo", dm.object().getJsonNumber("id").longValue())
                        .build()).object();
        assertEquals(dm.object().getJsonNumber("id").longValue(), reply.getJsonNumber("replyTo").longValue());
    }

    @Test
    void framesOverARealSocketAreAckedAndFannedOut() {
        String alice = user("alice");
        String bob = user("bob");
        String aliceToken = http.login(alice);
        String bobToken = http.login(bob);
        String room = room(aliceToken, bob);
        long id = post(aliceToken, room, json("text", "x")).getJsonNumber("id").longValue();
        try (WsClient a = WsClient.open(server.url(), aliceToken); WsClient b = WsClient.open(server.url(), bobToken)) {
            for (WsClient c : List.of(a, b)) {
                c.send(WsClient.frame("subscribe", "room", room));
                c.await(type("subscribed"));
            }
            b.send(Json.createObjectBuilder().add("type", "react").add("room", room).add("id", id).add("emoji", "👍")
                    .add("active", true).add("clientMsgId", "r-1").build());
            JsonObject ack = b.await(f -> type("ack").test(f) && "r-1".equals(f.getString("clientMsgId", "")));
            JsonObject seen = a.await(f -> type("message").test(f)
                    && "REACTION".equals(f.getJsonObject("message").getString("kind")));
            assertEquals(ack.getJsonNumber("seq").longValue(), seen.getJsonObject("message").getJsonNumber("seq").longValue());
            assertEquals("👍", seen.getJsonObject("message").getString("emoji"));
            assertEquals(id, seen.getJsonObject("message").getJsonNumber("target").longValue());

            a.send(Json.createObjectBuilder().add("type", "edit").add("room", room).add("id", id).add("text", "y")
                    .add("clientMsgId", "e-1").build());
            a.await(f -> type("ack").test(f) && "e-1".equals(f.getString("clientMsgId", "")));
            a.send(Json.createObjectBuilder().add("type", "react").add("room", room).add("id", id).add("emoji", "🙈")
                    .add("active", false).add("clientMsgId", "r-2").build());
            JsonObject noOp = a.await(f -> type("ack").test(f) && "r-2".equals(f.getString("clientMsgId", "")));
            assertFalse(noOp.containsKey("id"), "nothing was posted: " + noOp);
            b.send(Json.createObjectBuilder().add("type", "edit").add("room", room).add("id", id).add("text", "z")
                    .add("clientMsgId", "e-2").build());
            JsonObject refused = b.await(type("error"));
            assertEquals("FORBIDDEN", refused.getString("code"));
            assertEquals("e-2", refused.getString("ref"));
        }
    }

    @Test
    void twentyMembersReactingAndUnreactingAtOnceEndWithTheirLastActions() throws Exception {
        String owner = http.login(user("owner"));
        List<String> names = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            names.add(user("m"));
            tokens.add(http.login(names.get(i)));
        }
        String room = room(owner, names.toArray(String[]::new));
        String path = "/api/rooms/" + room + "/messages/" + post(owner, room, json("text", "vote")).getJsonNumber("id")
                .longValue() + "/reactions/" + emoji("👍");
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Future<Boolean>> last = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String token = tokens.get(i);
                Random random = new Random(i);
                Callable<Boolean> member = () -> {
                    boolean on = false;
                    for (int step = 0; step < 6; step++) {
                        on = random.nextBoolean();
                        Reply r = on ? http.put(path, token) : http.delete(path, token);
                        assertEquals(204, r.status(), r.text());
                    }
                    return on;
                };
                last.add(pool.submit(member));
            }
            int expected = 0;
            for (Future<Boolean> f : last) {
                expected += f.get(60, TimeUnit.SECONDS) ? 1 : 0;
            }
            var reactions = http.get(path.substring(0, path.indexOf("/reactions/")), owner).object()
                    .getJsonArray("reactions");
            assertEquals(expected, reactions == null || reactions.isEmpty() ? 0 : reactions.getJsonObject(0).getInt("count"));
        } finally {
            pool.shutdownNow();
        }
    }
}
