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
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.parley.standalone.Http.json;
import static dev.parley.standalone.WsClient.frame;
import static dev.parley.standalone.WsClient.seconds;
import static dev.parley.standalone.WsClient.type;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Accounts end to end on the standalone server and its default storage (JPA on an H2 file): the
 * display name wherever a user is returned, the password change revoking other tokens and closing
 * their sockets, blocks refusing direct messages over REST and the WebSocket, and every bad input
 * answered with the contract's code, changing nothing.
 */
class AccountsHttpTest {
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

    private static Reply patchMe(String token, JsonObject body) {
        return http.patch("/api/me", token, body);
    }

    private static void assertError(Reply r, int status, String code) {
        assertEquals(status, r.status(), r.text());
        assertEquals(code, r.object().getString("error"), r.text());
        assertTrue(!r.object().getString("message").isBlank());
    }

    @Test
    void aDisplayNameIsReturnedWhereverTheUserIs() {
        String alice = user("alice");
        String token = http.login(alice);
        Reply set = patchMe(token, json("displayName", "  Alice Liddell  "));
        assertEquals(200, set.status(), set.text());
        assertEquals("Alice Liddell", set.object().getString("displayName"));
        assertEquals(alice, set.object().getString("username"));
        assertEquals("Alice Liddell", http.get("/api/me", token).object().getString("displayName"));
        assertEquals("Alice Liddell", http.get("/api/users/" + alice.toUpperCase(), token).object().getString("displayName"));
        Reply login = http.post("/api/auth/login", null, json("username", alice, "password", "secret-" + alice));
        assertEquals("Alice Liddell", login.object().getJsonObject("user").getString("displayName"));
        assertEquals(200, http.post("/api/rooms/general/join", token, "").status());
        JsonObject member = http.get("/api/rooms/general/members", token).array().getValuesAs(JsonObject.class).stream()
                .filter(m -> m.getString("username").equals(alice)).findFirst().orElseThrow();
        assertEquals("Alice Liddell", member.getString("displayName"));
        try (WsClient ws = WsClient.open(server.url(), token)) {
            assertEquals("Alice Liddell", ws.await(type("welcome")).getJsonObject("user").getString("displayName"));
        }

        Reply unchanged = patchMe(token, Json.createObjectBuilder().build());
        assertEquals("Alice Liddell", unchanged.object().getString("displayName"), "a body without the field changes nothing");
        Reply cleared = patchMe(token, Json.createObjectBuilder().addNull("displayName").build());
        assertEquals(200, cleared.status(), cleared.text());
        assertEquals(JsonValue.NULL, cleared.object().get("displayName"));
        assertEquals(JsonValue.NULL, http.get("/api/me", token).object().get("displayName"));
        patchMe(token, json("displayName", "Alice"));
        assertEquals(JsonValue.NULL, patchMe(token, json("displayName", "")).object().get("displayName"), "empty clears too");
    }

    @Test
    void badDisplayNamesAnswer400AndChangeNothing() {
        String token = http.login(user("carol"));
        patchMe(token, json("displayName", "Carol"));
        assertError(patchMe(token, json("displayName", "x".repeat(65))), 400, "BAD_REQUEST");
        assertError(patchMe(token, json("displayName", "new\nline")), 400, "BAD_REQUEST");
        assertError(patchMe(token, Json.createObjectBuilder().add("displayName", 7).build()), 400, "BAD_REQUEST");
        assertError(http.send(http.request("/api/me", token).header("Content-Type", "application/json")
                .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString("{not json")).build()), 400, "BAD_REQUEST");
        assertError(http.send(http.request("/api/me", token).header("Content-Type", "application/json")
                .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString("[1]")).build()), 400, "BAD_REQUEST");
        assertError(patchMe(null, json("displayName", "Nobody")), 401, "UNAUTHORIZED");
        assertEquals("Carol", http.get("/api/me", token).object().getString("displayName"));
        assertEquals(200, patchMe(token, json("displayName", "y".repeat(64))).status());
    }

    @Test
    void aPasswordChangeRevokesTheOtherTokensAndClosesTheirSocketsWith1008() {
        String dave = user("dave");
        String kept = http.login(dave);
        String other = http.login(dave);
        try (WsClient keptSocket = WsClient.open(server.url(), kept);
             WsClient otherSocket = WsClient.open(server.url(), other)) {
            keptSocket.await(type("welcome"));
            otherSocket.await(type("welcome"));
            Reply changed = http.post("/api/me/password", kept, json("current", "secret-" + dave, "new", "brand-new-secret"));
            assertEquals(204, changed.status(), changed.text());
            assertEquals(1008, otherSocket.closeCode(seconds(15)));
            keptSocket.send(frame("ping"));
            keptSocket.await(type("pong"));
        }
        assertEquals(200, http.get("/api/me", kept).status(), "the caller's token stays valid");
        assertError(http.get("/api/me", other), 401, "UNAUTHORIZED");
        assertEquals(401, http.post("/api/auth/login", null, json("username", dave, "password", "secret-" + dave)).status());
        assertEquals(200, http.post("/api/auth/login", null, json("username", dave, "password", "brand-new-secret")).status());
        Throwable refused = WsClient.refusal(java.net.http.HttpClient.newHttpClient().newWebSocketBuilder(),
                WsClient.ws(server.url(), "?token=" + other));
        assertTrue(refused != null, "a new socket with the revoked token is refused");
    }

    @Test
    void badPasswordChangesAnswerTheContractCodeAndChangeNothing() {
        String erin = user("erin");
        String token = http.login(erin);
        String other = http.login(erin);
        String right = "secret-" + erin;
        WsClient otherSocket = WsClient.open(server.url(), other);
        otherSocket.await(type("welcome"));
        assertError(http.post("/api/me/password", token, json("current", "wrong-password", "new", "brand-new-secret")),
                403, "FORBIDDEN");
        assertError(http.post("/api/me/password", token, json("current", right, "new", "short")), 400, "BAD_REQUEST");
        assertError(http.post("/api/me/password", token, json("new", "brand-new-secret")), 400, "BAD_REQUEST");
        assertError(http.post("/api/me/password", token, json("current", right)), 400, "BAD_REQUEST");
        assertError(http.post("/api/me/password", token, "{"), 400, "BAD_REQUEST");
        assertError(http.post("/api/me/password", token, Json.createObjectBuilder().add("current", right).add("new", 12345678)
                .build()), 400, "BAD_REQUEST");
        assertError(http.post("/api/me/password", null, json("current", right, "new", "brand-new-secret")), 401, "UNAUTHORIZED");
        assertEquals(200, http.get("/api/me", other).status(), "no token was revoked");
        try (otherSocket) {
            otherSocket.send(frame("ping"));
            otherSocket.await(type("pong"));
        }
        assertEquals(200, http.post("/api/auth/login", null, json("username", erin, "password", right)).status());
    }

    @Test
    void aBlockedUsersDirectMessagesAnswer403OverRestAndTheWebSocket() {
        String frank = user("frank");
        String gina = user("gina");
        String frankToken = http.login(frank);
        String ginaToken = http.login(gina);
        assertEquals(201, http.post("/api/dm/" + frank + "/messages", ginaToken, json("text", "before")).status());

        assertEquals(204, http.put("/api/me/blocks/" + gina, frankToken).status());
        assertEquals(204, http.put("/api/me/blocks/" + gina.toUpperCase(), frankToken).status(), "twice is a no-op");
        List<String> blocked = http.get("/api/me/blocks", frankToken).array().getValuesAs(JsonObject.class).stream()
                .map(o -> o.getString("username")).toList();
        assertEquals(List.of(gina), blocked);

        assertError(http.post("/api/dm/" + frank + "/messages", ginaToken, json("text", "after")), 403, "FORBIDDEN");
        String dm = "dm." + frank + "." + gina;
        assertError(http.post("/api/rooms/" + dm + "/messages", ginaToken, json("text", "after")), 403, "FORBIDDEN");
        try (WsClient ws = WsClient.open(server.url(), ginaToken)) {
            ws.await(type("welcome"));
            ws.send(frame("dm", "to", frank, "text", "over the socket", "clientMsgId", "c-1"));
            JsonObject error = ws.await(type("error"));
            assertEquals("FORBIDDEN", error.getString("code"));
            assertEquals("c-1", error.getString("ref"));
            ws.send(frame("send", "room", dm, "text", "into the room", "clientMsgId", "c-2"));
            JsonObject second = ws.await(type("error"));
            assertEquals("FORBIDDEN", second.getString("code"));
            assertEquals("c-2", second.getString("ref"));
        }
        assertEquals(201, http.post("/api/dm/" + gina + "/messages", frankToken, json("text", "the blocker may write")).status());
        assertEquals(List.of("before", "the blocker may write"), http.get("/api/dm/" + gina + "/messages", frankToken).object()
                .getJsonArray("messages").getValuesAs(JsonObject.class).stream().map(m -> m.getString("text")).toList());

        assertEquals(204, http.delete("/api/me/blocks/" + gina, frankToken).status());
        assertEquals(204, http.delete("/api/me/blocks/" + gina, frankToken).status(), "unblocking twice is a no-op");
        assertEquals(0, http.get("/api/me/blocks", frankToken).array().size());
        assertEquals(201, http.post("/api/dm/" + frank + "/messages", ginaToken, json("text", "again")).status());
    }

    @Test
    void blocksOfYourselfOrUnknownUsersAnswerTheContractCodeAndChangeNothing() {
        String hank = user("hank");
        String token = http.login(hank);
        assertError(http.put("/api/me/blocks/" + hank, token), 400, "BAD_REQUEST");
        assertError(http.put("/api/me/blocks/nobody-at-all", token), 404, "NOT_FOUND");
        assertError(http.put("/api/me/blocks/bad%20name", token), 404, "NOT_FOUND");
        assertError(http.delete("/api/me/blocks/nobody-at-all", token), 404, "NOT_FOUND");
        assertError(http.put("/api/me/blocks/" + hank, null), 401, "UNAUTHORIZED");
        assertError(http.get("/api/me/blocks", null), 401, "UNAUTHORIZED");
        assertEquals(0, http.get("/api/me/blocks", token).array().size());
    }
}
