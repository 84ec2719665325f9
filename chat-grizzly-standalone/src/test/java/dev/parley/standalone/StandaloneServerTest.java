package dev.parley.standalone;

import dev.parley.core.ChatConfig;
import dev.parley.protocol.InputRules;
import dev.parley.standalone.Http.Reply;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.parley.standalone.Http.json;
import static dev.parley.standalone.WsClient.frame;
import static dev.parley.standalone.WsClient.messageWithText;
import static dev.parley.standalone.WsClient.type;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The wire contract end to end through a running {@link StandaloneServer} on its default storage
 * (H2 file under a temporary data directory), over HTTP and WebSocket clients of the JDK.
 */
class StandaloneServerTest {
    static final String ALLOWED_ORIGIN = "https://app.example.com";
    static final int MAX_UPLOAD = 64 * 1024;
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
                .maxUploadBytes(MAX_UPLOAD)
                .corsOrigin(ALLOWED_ORIGIN)
                .build()).start();
        http = new Http(server.url());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A fresh user name, so that the tests sharing the server do not meet. */
    static String name(String prefix) {
        return prefix + NAMES.incrementAndGet();
    }

    @Test
    void listensOnLoopbackAtThePickedPort() {
        assertTrue(server.port() > 0);
        assertEquals(URI.create("http://127.0.0.1:" + server.port() + "/"), server.url());
        assertTrue(Files.isDirectory(dataDir.resolve("db")), "the embedded database lives under the data dir");
        assertTrue(Files.isDirectory(dataDir.resolve("files")));
    }

    @Test
    void healthAndOpenApiNeedNoToken() {
        Reply health = http.get("/api/health");
        assertEquals(200, health.status());
        assertEquals("UP", health.object().getString("status"));
        Reply openapi = http.get("/api/openapi.json");
        assertEquals(200, openapi.status());
        assertTrue(openapi.object().getJsonObject("paths").containsKey("/api/rooms/{id}/messages")
                        || openapi.object().getJsonObject("paths").containsKey("/rooms/{id}/messages"),
                "openapi.json describes the room messages: " + openapi.object().getJsonObject("paths").keySet());
    }

    @Test
    void inputRulesAndLimitsAreServedToAnyoneAsConfigured() {
        Reply config = http.get("/api/config");
        assertEquals(200, config.status());
        JsonObject o = config.object();
        assertEquals(MAX_UPLOAD, o.getJsonNumber("maxUploadBytes").longValue());
        assertEquals(ChatConfig.defaults().maxTextLength(), o.getInt("maxTextLength"));
        assertEquals(InputRules.USERNAME_PATTERN, o.getString("usernamePattern"));
        assertEquals(InputRules.ROOM_ID_PATTERN, o.getString("roomIdPattern"));
        assertEquals(InputRules.DIRECT_ROOM_PREFIX, o.getString("directRoomPrefix"));
        assertEquals(InputRules.MIN_PASSWORD, o.getInt("minPasswordLength"));
    }

    @Test
    void registerLoginAndMe() {
        String alice = name("alice");
        Reply registered = http.post("/api/auth/register", null, json("username", alice, "password", "correct-horse"));
        assertEquals(201, registered.status(), registered.text());
        assertEquals(alice, registered.object().getString("username"));
        assertEquals(409, http.post("/api/auth/register", null, json("username", alice, "password", "correct-horse")).status());
        assertEquals(401, http.post("/api/auth/login", null, json("username", alice, "password", "wrong-horse!")).status());

        Reply login = http.post("/api/auth/login", null, json("username", alice, "password", "correct-horse"));
        assertEquals(200, login.status());
        assertEquals("Bearer", login.object().getString("tokenType"));
        Reply me = http.get("/api/me", login.object().getString("token"));
        assertEquals(200, me.status());
        assertEquals(alice, me.object().getString("username"));
    }

    @Test
    void roomsCreateJoinAndMembers() {
        String owner = http.login(name("owner"));
        String guest = http.login(name("guest"));
        String room = "room-" + NAMES.incrementAndGet();
        Reply created = http.post("/api/rooms", owner, json("id", room, "name", "Team", "visibility", "public"));
        assertEquals(201, created.status(), created.text());
        assertEquals(409, http.post("/api/rooms", owner, json("id", room)).status());

        Reply listed = http.get("/api/rooms", guest);
        assertEquals(200, listed.status());
        JsonObject listing = listed.array().stream().map(JsonValue::asJsonObject)
                .filter(r -> r.getString("id").equals(room)).findFirst().orElseThrow();
        assertFalse(listing.getBoolean("member"));
        assertTrue(listed.array().stream().anyMatch(r -> r.asJsonObject().getString("id").equals("general")));

        assertEquals(200, http.post("/api/rooms/" + room + "/join", guest, "").status());
        Reply members = http.get("/api/rooms/" + room + "/members", guest);
        assertEquals(200, members.status());
        assertEquals(2, members.array().size(), members.text());
    }

    @Test
    void messageSentOverWebSocketIsBroadcastToEverySubscriber() {
        String alice = http.login(name("alice"));
        String bob = http.login(name("bob"));
        String room = "chat-" + NAMES.incrementAndGet();
        assertEquals(201, http.post("/api/rooms", alice, json("id", room)).status());
        assertEquals(200, http.post("/api/rooms/" + room + "/join", bob, "").status());

        try (WsClient a = WsClient.open(server.url(), alice); WsClient b = WsClient.openWithHeader(server.url(), bob)) {
            a.await(type("welcome"));
            b.await(type("welcome"));
            a.send(frame("subscribe", "room", room));
            b.send(frame("subscribe", "room", room));
            a.await(type("subscribed"));
            b.await(type("subscribed"));

            a.send(frame("send", "room", room, "text", "hello over the socket", "clientMsgId", "c-1"));
            JsonObject ack = a.await(type("ack"));
            assertEquals("c-1", ack.getString("clientMsgId"));
            JsonObject received = b.await(messageWithText("hello over the socket")).getJsonObject("message");
            assertEquals(ack.getJsonNumber("seq").longValue(), received.getJsonNumber("seq").longValue());
            assertEquals("CHAT", received.getString("kind"));
            a.await(messageWithText("hello over the socket"));

            a.send(frame("ping"));
            a.await(type("pong"));
        }
    }

    /**
     * Message frames are written pre-framed (one encoding shared by every subscriber): frames of each
     * length class and multi-byte text arrive whole and in order, to several subscribers at once.
     */
    @Test
    void longAndNonAsciiMessagesReachEverySubscriberWhole() {
        String alice = http.login(name("alice"));
        String room = "framing-" + NAMES.incrementAndGet();
        assertEquals(201, http.post("/api/rooms", alice, json("id", room)).status());
        List<String> readers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String token = http.login(name("reader"));
            assertEquals(200, http.post("/api/rooms/" + room + "/join", token, "").status());
            readers.add(token);
        }
        List<String> texts = List.of("a", "x".repeat(100), "y".repeat(200), "\u00e9\u20ac\uD83D\uDE00 ".repeat(500),
                "z".repeat(4000));
        List<WsClient> clients = new ArrayList<>();
        try {
            for (String token : readers) {
                WsClient c = WsClient.open(server.url(), token);
                clients.add(c);
                c.await(type("welcome"));
                c.send(frame("subscribe", "room", room));
                c.await(type("subscribed"));
            }
            try (WsClient a = WsClient.open(server.url(), alice)) {
                a.await(type("welcome"));
                for (int i = 0; i < texts.size(); i++) {
                    a.send(frame("send", "room", room, "text", texts.get(i), "clientMsgId", "long-" + i));
                    a.await(type("ack"));
                }
            }
            for (WsClient c : clients) {
                long seq = 0;
                for (String text : texts) {
                    JsonObject m = c.await(messageWithText(text)).getJsonObject("message");
                    assertTrue(m.getJsonNumber("seq").longValue() > seq, "in order");
                    seq = m.getJsonNumber("seq").longValue();
                }
            }
        } finally {
            clients.forEach(WsClient::close);
        }
    }

    @Test
    void historyPagesAscendingWithHasMore() {
        String alice = http.login(name("alice"));
        String room = "hist-" + NAMES.incrementAndGet();
        assertEquals(201, http.post("/api/rooms", alice, json("id", room)).status());
        for (int i = 1; i <= 5; i++) {
            assertEquals(201, http.post("/api/rooms/" + room + "/messages", alice, json("text", "m" + i)).status());
        }
        Reply latest = http.get("/api/rooms/" + room + "/messages?limit=2", alice);
        assertEquals(200, latest.status());
        List<String> texts = latest.object().getJsonArray("messages").stream()
                .map(m -> m.asJsonObject().getString("text")).toList();
        assertEquals(List.of("m4", "m5"), texts);
        assertTrue(latest.object().getBoolean("hasMore"));

        long oldest = latest.object().getJsonArray("messages").getJsonObject(0).getJsonNumber("seq").longValue();
        Reply before = http.get("/api/rooms/" + room + "/messages?limit=2&before=" + oldest, alice);
        assertEquals(List.of("m2", "m3"), before.object().getJsonArray("messages").stream()
                .map(m -> m.asJsonObject().getString("text")).toList());
    }

    @Test
    void fileUploadedToARoomDownloadsWithItsNameAndType() {
        String alice = http.login(name("alice"));
        String bob = http.login(name("bob"));
        assertEquals(200, http.post("/api/rooms/general/join", alice, "").status());
        assertEquals(200, http.post("/api/rooms/general/join", bob, "").status());
        byte[] content = "col1,col2\n1,2\n".getBytes(StandardCharsets.UTF_8);
        Reply uploaded = http.upload("/api/rooms/general/files", alice, "report.csv", "text/csv", content);
        assertEquals(201, uploaded.status(), uploaded.text());
        JsonObject file = uploaded.object().getJsonObject("file");
        assertEquals("report.csv", file.getString("name"));
        assertEquals(content.length, file.getJsonNumber("size").longValue());
        assertEquals("FILE_SHARED", uploaded.object().getJsonObject("message").getString("kind"));

        Reply download = http.get("/api/files/" + file.getString("id"), bob);
        assertEquals(200, download.status());
        assertEquals(new String(content, StandardCharsets.UTF_8), download.text());
        assertTrue(download.header("Content-Type").orElseThrow().startsWith("text/csv"));
        assertTrue(download.header("Content-Disposition").orElseThrow().contains("attachment"));
        assertTrue(download.header("Content-Disposition").orElseThrow().contains("report.csv"));
        assertTrue(Files.exists(dataDir.resolve("files")), "files are kept under <data-dir>/files");
    }

    @Test
    void uploadAboveTheLimitIsRefusedWith413() {
        String alice = http.login(name("alice"));
        assertEquals(200, http.post("/api/rooms/general/join", alice, "").status());
        Reply refused = http.upload("/api/rooms/general/files", alice, "big.bin", "application/octet-stream",
                new byte[MAX_UPLOAD + 1]);
        assertEquals(413, refused.status(), refused.text());
        assertEquals("TOO_LARGE", refused.object().getString("error"));

        // Far over the limit: refused from its Content-Length, before the body is read.
        Reply huge = http.upload("/api/rooms/general/files", alice, "huge.bin", "application/octet-stream",
                new byte[MAX_UPLOAD * 4]);
        assertEquals(413, huge.status(), huge.text());
        assertEquals("TOO_LARGE", huge.object().getString("error"));
        assertTrue(huge.object().getString("message").startsWith("the upload declares"), huge.text());
    }

    @Test
    void directMessageReachesTheRecipientsSocketUnsubscribed() {
        String aliceName = name("alice");
        String bobName = name("bob");
        String alice = http.login(aliceName);
        String bob = http.login(bobName);
        try (WsClient b = WsClient.open(server.url(), bob)) {
            b.await(type("welcome"));
            Reply sent = http.post("/api/dm/" + bobName + "/messages", alice, json("text", "psst"));
            assertEquals(201, sent.status(), sent.text());
            assertEquals("PRIVATE", sent.object().getString("kind"));
            JsonObject received = b.await(messageWithText("psst")).getJsonObject("message");
            assertEquals("PRIVATE", received.getString("kind"));
            assertEquals(aliceName, received.getString("from"));
        }
        Reply history = http.get("/api/dm/" + aliceName + "/messages", bob);
        assertEquals(200, history.status());
        assertEquals("psst", history.object().getJsonArray("messages").getJsonObject(0).getString("text"));
    }

    @Test
    void announcementByAnAdminReachesEveryConnectedUser() {
        String boss = http.login("boss");
        String carol = http.login(name("carol"));
        assertEquals(403, http.post("/api/announcements", carol, json("text", "not mine to say")).status());
        try (WsClient c = WsClient.open(server.url(), carol)) {
            c.await(type("welcome"));
            Reply posted = http.post("/api/announcements", boss, json("text", "maintenance at noon"));
            assertEquals(202, posted.status(), posted.text());
            JsonObject message = c.await(messageWithText("maintenance at noon")).getJsonObject("message");
            assertEquals("SYSTEM", message.getString("kind"));
        }
        Reply latest = http.get("/api/announcements/latest", carol);
        assertEquals(200, latest.status());
    }

    @Test
    void eventsLongPollReturnsOnceAMessageArrives() throws Exception {
        String dave = http.login(name("dave"));
        String room = "poll-" + NAMES.incrementAndGet();
        assertEquals(201, http.post("/api/rooms", dave, json("id", room)).status());
        long cursor = http.get("/api/events?after=0&wait=0", dave).object().getJsonNumber("cursor").longValue();

        CompletableFuture<Reply> poll = CompletableFuture.supplyAsync(
                () -> http.get("/api/events?wait=20&after=" + cursor, dave));
        assertEquals(201, http.post("/api/rooms/" + room + "/messages", dave, json("text", "wake up")).status());
        Reply events = poll.get(15, TimeUnit.SECONDS);
        assertEquals(200, events.status());
        assertTrue(events.object().getJsonArray("events").stream()
                .anyMatch(e -> e.asJsonObject().getString("text").equals("wake up")), events.text());
    }

    @Test
    void badInputsGetTheContractsErrorBodies() {
        String erin = http.login(name("erin"));
        Reply malformed = http.post("/api/rooms", erin, "{\"id\": ");
        assertEquals(400, malformed.status());
        assertEquals("BAD_REQUEST", malformed.object().getString("error"));

        Reply unknownRoute = http.get("/api/no/such/route", erin);
        assertEquals(404, unknownRoute.status());
        assertEquals("NOT_FOUND", unknownRoute.object().getString("error"));
        assertTrue(unknownRoute.header("Content-Type").orElseThrow().startsWith("application/json"));

        Reply unknownPage = http.get("/no-such-page.html");
        assertEquals(404, unknownPage.status());
        assertEquals("NOT_FOUND", unknownPage.object().getString("error"));

        Reply noToken = http.get("/api/rooms");
        assertEquals(401, noToken.status());
        assertEquals("UNAUTHORIZED", noToken.object().getString("error"));
        assertEquals(401, http.get("/api/rooms", "not-a-token").status());

        String owner = http.login(name("owner"));
        String secret = "secret-" + NAMES.incrementAndGet();
        assertEquals(201, http.post("/api/rooms", owner, json("id", secret, "visibility", "private")).status());
        Reply nonMember = http.get("/api/rooms/" + secret + "/messages", erin);
        assertEquals(403, nonMember.status());
        assertEquals("FORBIDDEN", nonMember.object().getString("error"));
        assertEquals(403, http.post("/api/rooms/" + secret + "/join", erin, "").status());
    }

    @Test
    void handshakeWithoutAValidTokenIsRefusedWith401BeforeAnySession() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        Throwable missing = WsClient.refusal(client.newWebSocketBuilder(), WsClient.ws(server.url(), ""));
        WebSocketHandshakeException refused = assertInstanceOf(WebSocketHandshakeException.class, missing);
        assertEquals(401, refused.getResponse().statusCode());
        assertTrue(String.valueOf(refused.getResponse().body()).contains("UNAUTHORIZED"), String.valueOf(refused.getResponse().body()));

        Throwable bad = WsClient.refusal(client.newWebSocketBuilder(), WsClient.ws(server.url(), "?token=forged"));
        assertEquals(401, assertInstanceOf(WebSocketHandshakeException.class, bad).getResponse().statusCode());

        Throwable badHeader = WsClient.refusal(client.newWebSocketBuilder().header("Authorization", "Bearer forged"),
                WsClient.ws(server.url(), ""));
        assertEquals(401, assertInstanceOf(WebSocketHandshakeException.class, badHeader).getResponse().statusCode());
    }

    @Test
    void loggedOutTokenCanNoLongerOpenASocket() {
        String token = http.login(name("frank"));
        assertEquals(204, http.post("/api/auth/logout", token, "").status());
        assertEquals(401, http.get("/api/me", token).status());
        Throwable refused = WsClient.refusal(HttpClient.newHttpClient().newWebSocketBuilder(), WsClient.ws(server.url(), "?token=" + token));
        assertEquals(401, assertInstanceOf(WebSocketHandshakeException.class, refused).getResponse().statusCode());
    }

    @Test
    void handshakeFromAForeignPageIsRefusedButTheServersOwnAndAllowedOriginsPass() {
        String token = http.login(name("gina"));
        HttpClient client = HttpClient.newHttpClient();
        Throwable foreign = WsClient.refusal(client.newWebSocketBuilder().header("Origin", "https://evil.example"),
                WsClient.ws(server.url(), "?token=" + token));
        WebSocketHandshakeException refused = assertInstanceOf(WebSocketHandshakeException.class, foreign);
        assertEquals(403, refused.getResponse().statusCode());

        String own = "http://127.0.0.1:" + server.port();
        for (String origin : List.of(own, ALLOWED_ORIGIN)) {
            try (WsClient accepted = WsClient.open(client.newWebSocketBuilder().header("Origin", origin), server.url(), token)) {
                accepted.await(type("welcome"));
            }
        }
    }

    @Test
    void refusalsOfAForeignPageNameTheOptionThatAllowsItsOrigin() {
        String token = http.login(name("hilda"));
        Throwable foreign = WsClient.refusal(HttpClient.newHttpClient().newWebSocketBuilder().header("Origin", "https://evil.example"),
                WsClient.ws(server.url(), "?token=" + token));
        String body = String.valueOf(assertInstanceOf(WebSocketHandshakeException.class, foreign).getResponse().body());
        assertTrue(body.contains("FORBIDDEN") && body.contains("--cors-origin https://evil.example"), body);

        Reply preflight = http.send(HttpRequest.newBuilder(http.uri("/api/rooms"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST")
                .build());
        assertEquals(403, preflight.status());
        assertTrue(preflight.object().getString("message").contains("--cors-origin https://evil.example"), preflight.text());
    }

    @Test
    void corsAllowsOnlyTheConfiguredOrigins() {
        HttpRequest preflight = HttpRequest.newBuilder(http.uri("/api/rooms"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", ALLOWED_ORIGIN)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type")
                .build();
        Reply allowed = http.send(preflight);
        assertEquals(204, allowed.status(), allowed.text());
        assertEquals(ALLOWED_ORIGIN, allowed.header("Access-Control-Allow-Origin").orElseThrow());
        assertTrue(allowed.header("Access-Control-Allow-Headers").orElseThrow().contains("Authorization"));
        assertTrue(allowed.header("Access-Control-Allow-Methods").orElseThrow().contains("POST"));

        Reply foreign = http.send(HttpRequest.newBuilder(http.uri("/api/rooms"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST")
                .build());
        assertEquals(403, foreign.status());
        assertTrue(foreign.header("Access-Control-Allow-Origin").isEmpty());

        Reply error = http.send(HttpRequest.newBuilder(http.uri("/api/rooms")).header("Origin", ALLOWED_ORIGIN).GET().build());
        assertEquals(401, error.status());
        assertEquals(ALLOWED_ORIGIN, error.header("Access-Control-Allow-Origin").orElseThrow(),
                "a page must be able to read the error body too");
        Reply plain = http.send(HttpRequest.newBuilder(http.uri("/api/health")).header("Origin", "https://evil.example").GET().build());
        assertEquals(200, plain.status());
        assertTrue(plain.header("Access-Control-Allow-Origin").isEmpty());
    }

    @Test
    void webPageIsServedAtTheRoot() {
        Reply root = http.get("/");
        assertEquals(200, root.status());
        assertTrue(root.header("Content-Type").orElseThrow().startsWith("text/html"));
        assertTrue(root.text().contains("login-screen"), "the chat page from chat-jakarta");
        assertEquals(200, http.get("/index.html").status());
    }

    @Test
    void docsPageLoadsSwaggerUiFromTheWebjarOverOpenApiJson() {
        for (String path : List.of("/docs", "/docs/")) {
            Reply docs = http.get(path);
            assertEquals(200, docs.status(), path);
            assertTrue(docs.text().contains("swagger-ui-bundle.js"), docs.text());
            assertFalse(docs.text().contains("${"), "the webjar version is filled in");
        }
        Reply script = http.get("/docs/docs.js");
        assertTrue(script.text().contains("/api/openapi.json"));
        String bundle = http.get("/docs").text().replaceAll("(?s).*src=\"([^\"]*swagger-ui-bundle\\.js)\".*", "$1");
        Reply js = http.get(bundle);
        assertEquals(200, js.status(), bundle);
        assertTrue(js.bytes().length > 100_000, "the real Swagger UI bundle");
    }

    @Test
    void serverPingsIdleWebSockets() {
        // A second server with a short interval: the first one pings every 30 s.
        try (StandaloneServer fast = StandaloneServer.create(StandaloneConfig.builder().port(0).inMemory()
                .chat(ChatConfig.builder().passwordHashCost(4).build())
                .pingInterval(Duration.ofMillis(200)).build()).start()) {
            String token = new Http(fast.url()).login("pinged");
            try (WsClient socket = WsClient.open(fast.url(), token)) {
                socket.await(type("welcome"));
                socket.firstPing.orTimeout(10, TimeUnit.SECONDS).join();
                assertTrue(socket.pings.get() >= 1);
                assertFalse(socket.closed.isDone(), "a client answering pings stays connected");
            }
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
