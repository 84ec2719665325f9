package dev.parley.standalone;

import dev.parley.core.ChatConfig;
import dev.parley.standalone.Http.Reply;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.parley.standalone.Http.assertError;
import static dev.parley.standalone.Http.json;
import static dev.parley.standalone.WsClient.type;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Moderation and room administration end to end on the standalone server and its default storage
 * (JPA on an H2 file): {@code PATCH /api/rooms/{id}}, roles, kicks, bans and mutes over REST with
 * their refusals, what they do to live sockets, the audit through {@code kind}, and bans that
 * survive a restart.
 */
class ModerationRestTest {
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

    private static String user(String prefix) {
        return prefix + NAMES.incrementAndGet();
    }

    /** A public room of {@code ownerToken} that {@code members} joined; returns its id. */
    private static String room(String ownerToken, String... memberTokens) {
        String id = "mod-" + NAMES.incrementAndGet();
        Reply created = http.post("/api/rooms", ownerToken, Json.createObjectBuilder().add("id", id).build());
        assertEquals(201, created.status(), created.text());
        for (String t : memberTokens) {
            assertEquals(200, http.post("/api/rooms/" + id + "/join", t, "").status());
        }
        return id;
    }

    private static long lastSeq(String token, String room) {
        return http.lastSeq(token, room);
    }

    private static JsonObject lastEntry(String token, String room) {
        return lastEntry(http, token, room);
    }

    private static JsonObject lastEntry(Http on, String token, String room) {
        Reply page = on.get("/api/rooms/" + room + "/messages?limit=1", token);
        assertEquals(200, page.status(), page.text());
        JsonArray messages = page.object().getJsonArray("messages");
        return messages.getJsonObject(messages.size() - 1);
    }


    private static Reply setRole(String token, String room, String username, String role) {
        return http.put("/api/rooms/" + room + "/members/" + username, token, json("role", role));
    }

    @Test
    void patchSetsTopicAndReadOnlyAndAReadOnlyRoomRefusesMembersOverRestAndWebSocket() {
        String alice = user("alice");
        String bob = user("bob");
        String aliceToken = http.login(alice);
        String bobToken = http.login(bob);
        String room = room(aliceToken, bobToken);
        Reply patched = http.patch("/api/rooms/" + room, aliceToken, Json.createObjectBuilder()
                .add("topic", "release planning").add("readOnly", true).build());
        assertEquals(200, patched.status(), patched.text());
        assertEquals("release planning", patched.object().getString("topic"));
        assertTrue(patched.object().getBoolean("readOnly"));
        assertEquals("release planning", http.get("/api/rooms/" + room, bobToken).object().getString("topic"));
        JsonObject entry = lastEntry(aliceToken, room);
        assertEquals("ROOM_UPDATED", entry.getString("kind"));
        assertEquals(alice, entry.getString("by"));
        assertEquals("release planning", entry.getString("topic"));
        assertTrue(entry.getBoolean("readOnly"));
        assertFalse(entry.containsKey("name"), "only what changed");

        assertError(403, "FORBIDDEN", http.post("/api/rooms/" + room + "/messages", bobToken, json("text", "hi")));
        try (WsClient ws = WsClient.open(server.url(), bobToken)) {
            ws.await(type("welcome"));
            ws.send(WsClient.frame("send", "room", room, "text", "hi", "clientMsgId", "ro-1"));
            JsonObject error = ws.await(type("error"));
            assertEquals("FORBIDDEN", error.getString("code"));
            assertEquals("ro-1", error.getString("ref"));
        }
        assertEquals(201, http.post("/api/rooms/" + room + "/messages", aliceToken, json("text", "owner speaks")).status());
        assertError(403, "FORBIDDEN", http.patch("/api/rooms/" + room, bobToken, json("topic", "mine now")));
    }

    @Test
    void rolesKicksBansAndMutesOverRestEndLiveSubscriptionsAndShowInTheAudit() {
        String alice = user("alice");
        String bob = user("bob");
        String carol = user("carol");
        String aliceToken = http.login(alice);
        String bobToken = http.login(bob);
        String carolToken = http.login(carol);
        String room = room(aliceToken, bobToken, carolToken);

        Reply promoted = setRole(aliceToken, room, carol, "moderator");
        assertEquals(200, promoted.status(), promoted.text());
        assertEquals("moderator", promoted.object().getString("role"));

        try (WsClient ws = WsClient.open(server.url(), bobToken)) {
            ws.await(type("welcome"));
            ws.send(WsClient.frame("subscribe", "room", room));
            ws.await(type("subscribed"));
            assertEquals(204, http.delete("/api/rooms/" + room + "/members/" + bob, carolToken).status());
            JsonObject unsubscribed = ws.await(type("unsubscribed"));
            assertEquals(room, unsubscribed.getString("room"));
            assertEquals("kicked", unsubscribed.getString("reason"));
            JsonObject removed = ws.await(f -> "room".equals(f.getString("type", "")) && "removed".equals(f.getString("event")));
            assertEquals(room, removed.getJsonObject("room").getString("id"));
        }
        assertError(403, "FORBIDDEN", http.get("/api/rooms/" + room + "/messages", bobToken));
        assertEquals(200, http.post("/api/rooms/" + room + "/join", bobToken, "").status(), "a kicked user may come back");

        String until = Instant.now().plusSeconds(3600).toString();
        try (WsClient ws = WsClient.open(server.url(), bobToken)) {
            ws.await(type("welcome"));
            ws.send(WsClient.frame("subscribe", "room", room));
            ws.await(type("subscribed"));
            Reply banned = http.post("/api/rooms/" + room + "/bans", carolToken, Json.createObjectBuilder()
                    .add("username", bob).add("until", until).add("reason", "spam").build());
            assertEquals(204, banned.status(), banned.text());
            assertEquals("banned", ws.await(type("unsubscribed")).getString("reason"));
        }
        assertError(403, "FORBIDDEN", http.post("/api/rooms/" + room + "/join", bobToken, ""));
        JsonArray bans = http.get("/api/rooms/" + room + "/bans", aliceToken).array();
        assertEquals(1, bans.size());
        JsonObject ban = bans.getJsonObject(0);
        assertEquals(bob, ban.getString("username"));
        assertEquals(carol, ban.getString("by"));
        assertEquals(Instant.parse(until).toEpochMilli(), Instant.parse(ban.getString("until")).toEpochMilli());
        assertEquals("spam", ban.getString("reason"));
        assertError(403, "FORBIDDEN", http.get("/api/rooms/" + room + "/bans", bobToken));
        assertEquals(204, http.delete("/api/rooms/" + room + "/bans/" + bob, aliceToken).status());
        assertEquals(0, http.get("/api/rooms/" + room + "/bans", aliceToken).array().size());
        assertEquals(200, http.post("/api/rooms/" + room + "/join", bobToken, "").status());

        assertEquals(204, http.post("/api/rooms/" + room + "/mutes", carolToken, json("username", bob)).status());
        assertError(403, "FORBIDDEN", http.post("/api/rooms/" + room + "/messages", bobToken, json("text", "let me")));
        assertEquals(200, http.get("/api/rooms/" + room + "/messages", bobToken).status(), "a muted member still reads");
        assertEquals(204, http.delete("/api/rooms/" + room + "/mutes/" + bob, carolToken).status());
        assertEquals(201, http.post("/api/rooms/" + room + "/messages", bobToken, json("text", "thanks")).status());

        JsonArray audit = http.get("/api/rooms/" + room + "/messages?kind=MODERATION", aliceToken).object()
                .getJsonArray("messages");
        assertEquals(List.of("role", "kick", "ban", "unban", "mute", "unmute"),
                audit.getValuesAs(JsonObject.class).stream().map(o -> o.getString("action")).toList());
        assertTrue(audit.getValuesAs(JsonObject.class).stream().allMatch(o -> o.containsKey("by") && o.containsKey("user")));
        assertEquals(2, http.get("/api/rooms/" + room + "/messages?kind=MODERATION&limit=2", aliceToken).object()
                .getJsonArray("messages").size());
    }

    @Test
    void badInputAnswersTheContractsCodeAndChangesNothing() {
        String alice = user("alice");
        String bob = user("bob");
        String carol = user("carol");
        String dave = user("dave");
        String aliceToken = http.login(alice);
        String bobToken = http.login(bob);
        String carolToken = http.login(carol);
        http.login(dave);
        String room = room(aliceToken, bobToken, carolToken);
        assertEquals(200, setRole(aliceToken, room, bob, "admin").status());
        assertEquals(200, setRole(aliceToken, room, carol, "moderator").status());
        String base = "/api/rooms/" + room;
        assertEquals(200, http.post(base + "/join", http.login("boss"), "").status(), "a server admin, listed as admin");
        long seq = lastSeq(aliceToken, room);
        String members = http.get(base + "/members", aliceToken).text();
        try (WsClient bobSocket = WsClient.open(server.url(), bobToken);
             WsClient carolSocket = WsClient.open(server.url(), carolToken)) {
            for (WsClient ws : List.of(bobSocket, carolSocket)) {
                ws.await(type("welcome"));
                ws.send(WsClient.frame("subscribe", "room", room));
                ws.await(type("subscribed"));
            }
            refuseBadModeration(base, room, alice, bob, carol, dave, aliceToken, bobToken, carolToken);
            for (WsClient ws : List.of(bobSocket, carolSocket)) {
                ws.send(WsClient.frame("ping"));
                ws.await(type("pong"));
                // Every frame the refusals could have caused arrived before the pong.
                for (String kind : List.of("message", "unsubscribed", "room")) {
                    assertThrows(AssertionError.class, () -> ws.await(type(kind), java.time.Duration.ZERO),
                            "a refused act reaches no socket: no " + kind + " frame");
                }
            }
        }

        assertEquals(seq, lastSeq(aliceToken, room), "no refusal posted anything");
        assertEquals(members, http.get(base + "/members", aliceToken).text(), "no role or membership changed");
        assertEquals(0, http.get(base + "/bans", aliceToken).array().size());
        JsonObject shown = http.get("/api/rooms/" + room, aliceToken).object();
        assertEquals("", shown.getString("topic"));
        assertFalse(shown.getBoolean("readOnly"));
        assertEquals(201, http.post(base + "/messages", carolToken, json("text", "not muted")).status());
    }

    private static void refuseBadModeration(String base, String room, String alice, String bob, String carol, String dave,
                                            String aliceToken, String bobToken, String carolToken) {

        assertError(403, "FORBIDDEN", http.delete(base + "/members/" + bob, carolToken));
        assertError(403, "FORBIDDEN", http.post(base + "/bans", bobToken, json("username", alice)));
        assertError(403, "FORBIDDEN", setRole(bobToken, room, carol, "admin"));
        assertError(400, "BAD_REQUEST", setRole(aliceToken, room, carol, "overlord"));
        assertError(400, "BAD_REQUEST", setRole(aliceToken, room, carol, "owner"));
        assertError(400, "BAD_REQUEST", http.post(base + "/bans", aliceToken, json("username", carol, "until", "tomorrow")));
        assertError(400, "BAD_REQUEST", http.post(base + "/bans", aliceToken,
                json("username", carol, "until", "2001-01-01T00:00:00Z")));
        assertError(400, "BAD_REQUEST", http.post(base + "/mutes", aliceToken,
                json("username", carol, "until", "2001-01-01T00:00:00Z")));
        assertError(404, "NOT_FOUND", http.delete(base + "/members/" + dave, aliceToken));
        assertError(404, "NOT_FOUND", http.post(base + "/mutes", aliceToken, json("username", dave)));
        assertError(404, "NOT_FOUND", http.delete(base + "/members/nobody-at-all", aliceToken));
        assertError(404, "NOT_FOUND", http.post("/api/rooms/no-such-room/bans", aliceToken, json("username", bob)));
        assertError(400, "BAD_REQUEST", http.post(base + "/bans", aliceToken, "{}"));
        assertError(400, "BAD_REQUEST", http.post(base + "/bans", aliceToken, "not json"));
        assertError(400, "BAD_REQUEST", http.patch(base, aliceToken, json("readOnly", "yes")));
        assertError(400, "BAD_REQUEST", http.patch(base, aliceToken, json("topic", "x".repeat(501))));
        assertError(400, "BAD_REQUEST", http.patch(base, aliceToken, Json.createObjectBuilder().build()));
        assertError(400, "BAD_REQUEST", http.get(base + "/messages?kind=NOPE", aliceToken));
        assertError(400, "BAD_REQUEST", http.get("/api/events?kind=NOPE", aliceToken));
        assertError(400, "BAD_REQUEST", http.get("/api/events?kind=", aliceToken));
        assertError(403, "FORBIDDEN", http.post(base + "/mutes", carolToken, json("username", bob)));
        assertError(403, "FORBIDDEN", http.delete(base + "/members/" + alice, bobToken));
        assertError(403, "FORBIDDEN", http.delete(base + "/members/boss", carolToken));
        assertError(403, "FORBIDDEN", http.post(base + "/bans", bobToken, json("username", "boss")));
        assertError(401, "UNAUTHORIZED", http.delete(base + "/members/" + carol, null));
    }

    @Test
    void aMemberLearnsTheirOwnMuteFromTheRoomListAndTheEventsFeedFiltersByKind() {
        String alice = user("alice");
        String bob = user("bob");
        String aliceToken = http.login(alice);
        String bobToken = http.login(bob);
        String room = room(aliceToken, bobToken);
        long start = http.get("/api/events", bobToken).object().getJsonNumber("cursor").longValue();
        String until = Instant.now().plusSeconds(3600).toString();
        assertEquals(204, http.post("/api/rooms/" + room + "/mutes", aliceToken, json("username", bob, "until", until)).status());
        assertEquals(201, http.post("/api/rooms/" + room + "/messages", aliceToken, json("text", "after the mute")).status());

        JsonObject listed = listing(bobToken, room);
        assertTrue(listed.getBoolean("muted"), listed.toString());
        assertEquals(Instant.parse(until).toEpochMilli(), Instant.parse(listed.getString("mutedUntil")).toEpochMilli());
        assertFalse(listing(aliceToken, room).containsKey("muted"), "absent for a member who is not muted");

        JsonObject audit = http.get("/api/events?after=" + start + "&kind=MODERATION,ROOM_UPDATED", bobToken).object();
        List<JsonObject> events = audit.getJsonArray("events").getValuesAs(JsonObject.class);
        assertEquals(List.of("mute"), events.stream().map(e -> e.getString("action")).toList());
        assertEquals(alice, events.get(0).getString("by"));
        long cursor = audit.getJsonNumber("cursor").longValue();
        assertTrue(cursor > events.get(0).getJsonNumber("id").longValue(), "the cursor is past the CHAT message read after it");
        assertEquals(0, http.get("/api/events?after=" + cursor + "&kind=MODERATION", bobToken).object()
                .getJsonArray("events").size());

        assertEquals(204, http.delete("/api/rooms/" + room + "/mutes/" + bob, aliceToken).status());
        assertFalse(listing(bobToken, room).containsKey("muted"), "lifted");
    }

    private static JsonObject listing(String token, String room) {
        return http.get("/api/rooms", token).array().getValuesAs(JsonObject.class).stream()
                .filter(r -> r.getString("id").equals(room)).findFirst().orElseThrow();
    }

    @Test
    void aBanAndAMuteSurviveARestart(@TempDir Path dir) throws IOException {
        String room;
        try (StandaloneServer first = restartable(dir)) {
            Http h = new Http(first.url());
            String aliceToken = h.login("alice");
            String bobToken = h.login("bob");
            String carolToken = h.login("carol");
            room = "kept";
            assertEquals(201, h.post("/api/rooms", aliceToken, Json.createObjectBuilder().add("id", room).build()).status());
            assertEquals(200, h.post("/api/rooms/" + room + "/join", carolToken, "").status());
            assertEquals(200, h.patch("/api/rooms/" + room, aliceToken, json("topic", "kept topic")).status());
            assertEquals(204, h.post("/api/rooms/" + room + "/bans", aliceToken, json("username", "bob")).status());
            assertEquals(204, h.post("/api/rooms/" + room + "/mutes", aliceToken, json("username", "carol")).status());
            assertError(403, "FORBIDDEN", h.post("/api/rooms/" + room + "/join", bobToken, ""));
        }
        try (StandaloneServer second = restartable(dir)) {
            Http h = new Http(second.url());
            assertError(403, "FORBIDDEN", h.post("/api/rooms/" + room + "/join", h.login("bob"), ""));
            assertError(403, "FORBIDDEN", h.post("/api/rooms/" + room + "/messages", h.login("carol"), json("text", "hi")));
            String aliceToken = h.login("alice");
            assertEquals("kept topic", h.get("/api/rooms/" + room, aliceToken).object().getString("topic"));
            JsonObject entry = lastEntry(h, aliceToken, room);
            assertEquals("MODERATION", entry.getString("kind"));
            assertEquals("mute", entry.getString("action"));
            assertEquals("carol", entry.getString("user"));
        }
    }

    private static StandaloneServer restartable(Path dir) throws IOException {
        return StandaloneServer.create(StandaloneConfig.builder().port(0).dataDir(dir)
                .chat(ChatConfig.builder().passwordHashCost(4).build()).build()).start();
    }
}
