package dev.parley.standalone;

import dev.parley.core.ChatConfig;
import dev.parley.standalone.Http.Reply;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
import static dev.parley.standalone.WsClient.type;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Read markers, unread counts and mentions end to end on the standalone server and its default
 * storage (JPA on an H2 file): the REST endpoints with their refusals, the {@code read} and
 * {@code mention} frames over real WebSockets, many clients marking at once, and markers that
 * survive a restart.
 */
class ReadStateHttpTest {
    private static final AtomicInteger NAMES = new AtomicInteger();

    @TempDir
    static Path dataDir;
    static StandaloneServer server;
    static Http http;

    @BeforeAll
    static void start() {
        server = start(dataDir);
        http = new Http(server.url());
    }

    private static StandaloneServer start(Path dir) {
        try {
            return StandaloneServer.create(StandaloneConfig.builder().port(0).dataDir(dir)
                    .chat(ChatConfig.builder().passwordHashCost(4).build()).build()).start();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String user(String prefix) {
        return prefix + NAMES.incrementAndGet();
    }

    private static String room(String ownerToken, String... members) {
        return http.createRoom(ownerToken, "read-" + NAMES.incrementAndGet(), "private", members);
    }

    private static JsonObject post(String token, String room, String text) {
        return http.postMessage(token, room, json("text", text));
    }

    private static Reply read(String token, String room, String body) {
        return http.post("/api/rooms/" + room + "/read", token, body);
    }

    private static JsonObject listing(String token, String room) {
        Reply r = http.get("/api/rooms", token);
        assertEquals(200, r.status(), r.text());
        return r.array().stream().map(JsonValue::asJsonObject).filter(o -> o.getString("id").equals(room))
                .findFirst().orElseThrow();
    }


    @Test
    void theRoomListCarriesCountsThatAMarkerClears() {
        String alice = user("alice");
        String bob = user("bob");
        String aliceToken = http.login(alice);
        String bobToken = http.login(bob);
        String room = room(aliceToken, bob);
        post(aliceToken, room, "hello @" + bob.toUpperCase());
        JsonObject last = post(aliceToken, room, "second");
        long lastSeq = last.getJsonNumber("seq").longValue();

        JsonObject before = listing(bobToken, room);
        assertEquals(lastSeq, before.getJsonNumber("lastSeq").longValue());
        assertEquals(0, before.getJsonNumber("lastReadSeq").longValue());
        assertEquals(2, before.getInt("unread"));
        assertEquals(1, before.getInt("mentions"));
        JsonObject general = listing(bobToken, "general");
        assertFalse(general.getBoolean("member"));
        assertFalse(general.containsKey("unread"), "no counts on a room the caller is not in");

        assertEquals(204, read(bobToken, room, "{\"seq\":" + lastSeq + "}").status());
        JsonObject after = listing(bobToken, room);
        assertEquals(lastSeq, after.getJsonNumber("lastReadSeq").longValue());
        assertEquals(0, after.getInt("unread"));
        assertEquals(0, after.getInt("mentions"));
        assertEquals(204, read(bobToken, room, "{\"seq\":1}").status(), "an older seq is a no-op");
        assertEquals(lastSeq, listing(bobToken, room).getJsonNumber("lastReadSeq").longValue());

        Reply reads = http.get("/api/rooms/" + room + "/reads", aliceToken);
        assertEquals(200, reads.status(), reads.text());
        assertEquals(Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("username", alice).add("lastReadSeq", 0))
                .add(Json.createObjectBuilder().add("username", bob).add("lastReadSeq", lastSeq)).build(), reads.array());
    }

    @Test
    void mentionsAreOnTheMessageAndFollowEdits() {
        String alice = user("alice");
        String bob = user("bob");
        String aliceToken = http.login(alice);
        http.login(bob);
        String room = room(aliceToken, bob);
        JsonObject m = post(aliceToken, room, "hi @" + bob);
        assertEquals(Json.createArrayBuilder().add(bob).build(), m.getJsonArray("mentions"));
        String path = "/api/rooms/" + room + "/messages/" + m.getJsonNumber("id").longValue();
        Reply edited = http.patch(path, aliceToken, json("text", "hi all"));
        assertEquals(200, edited.status(), edited.text());
        assertFalse(edited.object().containsKey("mentions"), "absent when empty: " + edited.text());
        assertFalse(http.get(path, aliceToken).object().containsKey("mentions"));
    }

    @Test
    void badMarkersAnswerTheContractsErrorsAndChangeNothing() {
        String alice = user("alice");
        String bob = user("bob");
        String carol = user("carol");
        String aliceToken = http.login(alice);
        String bobToken = http.login(bob);
        String carolToken = http.login(carol);
        String room = room(aliceToken, bob);
        long seq = post(aliceToken, room, "hello").getJsonNumber("seq").longValue();
        assertEquals(204, read(bobToken, room, "{\"seq\":" + (seq - 1) + "}").status());

        assertError(400, "BAD_REQUEST", read(bobToken, room, "{\"seq\":" + (seq + 1) + "}"));
        assertError(400, "BAD_REQUEST", read(bobToken, room, "{\"seq\":-1}"));
        assertError(400, "BAD_REQUEST", read(bobToken, room, "{\"seq\":\"3\"}"));
        assertError(400, "BAD_REQUEST", read(bobToken, room, "{\"seq\":2.5}"));
        assertError(400, "BAD_REQUEST", read(bobToken, room, "{}"));
        assertError(400, "BAD_REQUEST", read(bobToken, room, "not json"));
        assertError(400, "BAD_REQUEST", read(bobToken, room, ""));
        assertError(403, "FORBIDDEN", read(carolToken, room, "{\"seq\":1}"));
        assertError(403, "FORBIDDEN", http.get("/api/rooms/" + room + "/reads", carolToken));
        assertError(404, "NOT_FOUND", read(bobToken, "no-such-room", "{\"seq\":0}"));
        assertError(401, "UNAUTHORIZED", read(null, room, "{\"seq\":1}"));
        assertEquals(seq - 1, listing(bobToken, room).getJsonNumber("lastReadSeq").longValue(), "nothing changed");
    }

    @Test
    void readAndMentionFramesTravelOverWebSockets() {
        String alice = user("alice");
        String bob = user("bob");
        String aliceToken = http.login(alice);
        String bobToken = http.login(bob);
        String room = room(aliceToken, bob);
        WsClient phone = WsClient.open(server.url(), bobToken);
        WsClient laptop = WsClient.open(server.url(), bobToken);
        WsClient a = WsClient.open(server.url(), aliceToken);
        for (WsClient c : List.of(phone, laptop, a)) {
            c.await(type("welcome"));
        }
        a.send(Json.createObjectBuilder().add("type", "subscribe").add("room", room).build());
        a.await(type("subscribed"));

        JsonObject m = post(aliceToken, room, "look @" + bob);
        JsonObject mention = laptop.await(type("mention"));
        assertEquals(m.getJsonNumber("id").longValue(), mention.getJsonObject("message").getJsonNumber("id").longValue());

        long seq = m.getJsonNumber("seq").longValue();
        phone.send(Json.createObjectBuilder().add("type", "read").add("room", room).add("seq", seq).build());
        JsonObject expected = Json.createObjectBuilder().add("type", "read").add("room", room).add("user", bob)
                .add("seq", seq).build();
        assertEquals(expected, laptop.await(type("read")));
        assertEquals(expected, a.await(type("read")));

        phone.send(Json.createObjectBuilder().add("type", "read").add("room", room).add("seq", seq + 9).build());
        JsonObject error = phone.await(type("error"));
        assertEquals("BAD_REQUEST", error.getString("code"));
        assertEquals(room, error.getString("ref"));
        phone.send(Json.createObjectBuilder().add("type", "read").add("room", room).build());
        assertEquals("BAD_REQUEST", phone.await(type("error")).getString("code"));
        for (WsClient c : List.of(phone, laptop, a)) {
            c.close();
        }
    }

    @Test
    void manyClientsMarkingAtOnceEndAtTheHighestSeqEach() throws Exception {
        String owner = user("owner");
        String ownerToken = http.login(owner);
        List<String> members = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String name = user("reader");
            members.add(name);
            tokens.add(http.login(name));
        }
        String room = room(ownerToken, members.toArray(String[]::new));
        long last = 0;
        for (int i = 0; i < 20; i++) {
            last = post(ownerToken, room, "m" + i).getJsonNumber("seq").longValue();
        }
        long lastSeq = last;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (String token : tokens) {
                done.add(pool.submit(() -> {
                    for (long s = 1; s <= lastSeq; s++) {
                        assertEquals(204, read(token, room, "{\"seq\":" + s + "}").status());
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        Reply reads = http.get("/api/rooms/" + room + "/reads", ownerToken);
        reads.array().stream().map(JsonValue::asJsonObject).filter(o -> !o.getString("username").equals(owner))
                .forEach(o -> assertEquals(lastSeq, o.getJsonNumber("lastReadSeq").longValue(), o.toString()));
        for (String token : tokens) {
            assertEquals(0, listing(token, room).getInt("unread"));
        }
    }

    @Test
    void markersSurviveARestart(@TempDir Path otherDir) {
        StandaloneServer first = start(otherDir);
        Http h = new Http(first.url());
        String aliceToken = h.login("alice");
        String bobToken = h.login("bob");
        assertEquals(201, h.post("/api/rooms", aliceToken, Json.createObjectBuilder().add("id", "kept")
                .add("visibility", "private").add("members", Json.createArrayBuilder().add("bob")).build()).status());
        Reply m = h.post("/api/rooms/kept/messages", aliceToken, json("text", "remember me"));
        long seq = m.object().getJsonNumber("seq").longValue();
        assertEquals(204, h.post("/api/rooms/kept/read", bobToken, "{\"seq\":" + seq + "}").status());
        first.close();

        StandaloneServer second = start(otherDir);
        try {
            Http again = new Http(second.url());
            String token = again.login("bob");
            JsonObject kept = again.get("/api/rooms", token).array().stream().map(JsonValue::asJsonObject)
                    .filter(o -> o.getString("id").equals("kept")).findFirst().orElseThrow();
            assertEquals(seq, kept.getJsonNumber("lastReadSeq").longValue());
            assertEquals(0, kept.getInt("unread"));
        } finally {
            second.close();
        }
    }
}
