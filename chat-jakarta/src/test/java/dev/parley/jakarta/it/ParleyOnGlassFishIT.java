package dev.parley.jakarta.it;

import dev.parley.core.engine.TestImages;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Parley embedded in a WAR on GlassFish 7 with nothing but {@code parley.*} context parameters,
 * on its default store (the JPA unit over the server's default data source, in JTA
 * transactions, on the managed executor), driven over real HTTP and a real WebSocket. One deployment serves every test; each test uses
 * its own users and rooms.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ParleyOnGlassFishIT {
    private static final AtomicInteger NAMES = new AtomicInteger();
    /** The one foreign origin the deployment allows. */
    private static final String ALLOWED_ORIGIN = "https://app.example.com";

    @ArquillianResource
    private URL deployment;

    @Deployment(testable = false)
    static WebArchive war() {
        return TestWar.create("parley-it", Map.of(
                "parley.admins", "boss",
                "parley.maxUploadBytes", "64KiB",
                "parley.allowedOrigins", ALLOWED_ORIGIN), TestPrincipalFilter.class);
    }

    /** Arquillian reports "localhost"; the server listens on 127.0.0.1 only. */
    private URI base() {
        return URI.create("http://127.0.0.1:" + deployment.getPort() + deployment.getPath());
    }

    private Http http() {
        return new Http(base());
    }

    private static String name(String prefix) {
        return prefix + "_" + NAMES.incrementAndGet();
    }

    private URI ws(String query) {
        return URI.create("ws://127.0.0.1:" + deployment.getPort() + deployment.getPath() + "ws" + query);
    }

    @Test
    void registerLoginMeAndLogoutFollowTheContract() {
        Http http = http();
        String alice = name("alice");
        JsonObject credentials = Json.createObjectBuilder().add("username", alice).add("password", "correct horse").build();
        Http.Answer registered = http.post("/api/auth/register", null, credentials);
        assertEquals(201, registered.status(), registered.body());
        assertEquals(alice, registered.json().getString("username"));
        assertTrue(registered.json().containsKey("id") && registered.json().containsKey("createdAt"));
        http.post("/api/auth/register", null, credentials).assertError(409, "CONFLICT");

        Http.Answer login = http.post("/api/auth/login", null, credentials);
        assertEquals(200, login.status(), login.body());
        assertEquals("Bearer", login.json().getString("tokenType"));
        assertEquals(alice, login.json().getJsonObject("user").getString("username"));
        String token = login.json().getString("token");

        Http.Answer me = http.get("/api/me", token);
        assertEquals(200, me.status(), me.body());
        assertEquals(alice, me.json().getString("username"));
        Http.Answer profile = http.get("/api/users/" + alice, token);
        assertEquals(200, profile.status(), profile.body());
        assertFalse(profile.json().getBoolean("online"));

        assertEquals(204, http.post("/api/auth/logout", token, "").status());
        http.get("/api/me", token).assertError(401, "UNAUTHORIZED");
        CompletionException refused = assertThrows(CompletionException.class,
                () -> http.client().newWebSocketBuilder().buildAsync(ws("?token=" + token), new WsClient()).join());
        assertEquals(401, assertInstanceOf(WebSocketHandshakeException.class, refused.getCause()).getResponse().statusCode());
    }

    @Test
    void badInputsAnswerTheContractErrors() {
        Http http = http();
        http.post("/api/auth/register", null, "{\"username\": 5, \"password\": \"correct horse\"}").assertError(400, "BAD_REQUEST");
        http.post("/api/auth/register", null, "{\"username\": \"x\", \"password\": \"correct horse\"}").assertError(400, "BAD_REQUEST");
        http.post("/api/auth/register", null, "{\"username\": \"" + name("shorty") + "\", \"password\": \"short\"}").assertError(400, "BAD_REQUEST");
        http.post("/api/auth/register", null, "{\"username\": ").assertError(400, "BAD_REQUEST");
        http.post("/api/auth/login", null, "{\"username\": \"nobody_here\", \"password\": \"whatever1\"}").assertError(401, "UNAUTHORIZED");
        http.get("/api/me", null).assertError(401, "UNAUTHORIZED");
        http.get("/api/rooms", "not-a-token").assertError(401, "UNAUTHORIZED");
        String token = http.registerAndLogin(name("carol"));
        http.get("/api/users/" + name("ghost"), token).assertError(404, "NOT_FOUND");
        http.get("/api/rooms/general/messages?limit=abc", token).assertError(400, "BAD_REQUEST");
        http.get("/api/rooms/general/messages?limit=0", token).assertError(400, "BAD_REQUEST");
        http.get("/api/rooms/general/messages?limit=201", token).assertError(400, "BAD_REQUEST");
        http.post("/api/rooms", token, "{\"id\": \"Bad Id!\"}").assertError(400, "BAD_REQUEST");
        http.get("/api/no/such/endpoint", token).assertError(404, "NOT_FOUND");
        http.send(http.request("/api/me", token).DELETE()).assertError(405, "BAD_REQUEST");
    }

    @Test
    void openEndpointsNeedNoToken() {
        Http http = http();
        Http.Answer health = http.get("/api/health", null);
        assertEquals(200, health.status(), health.body());
        assertEquals("UP", health.json().getString("status"));
        Http.Answer openApi = http.get("/api/openapi.json", null);
        assertEquals(200, openApi.status());
        assertTrue(openApi.json().getJsonObject("paths").containsKey("/rooms/{id}/messages"));
    }

    @Test
    void roomsMembershipAndHistoryOverHttp() {
        Http http = http();
        String owner = http.registerAndLogin(name("owner"));
        String other = http.registerAndLogin(name("other"));
        String room = "it-room-" + NAMES.incrementAndGet();
        Http.Answer created = http.post("/api/rooms", owner, Json.createObjectBuilder().add("id", room).add("visibility", "public").build());
        assertEquals(201, created.status(), created.body());
        assertEquals("public", created.json().getString("visibility"));
        http.post("/api/rooms", owner, Json.createObjectBuilder().add("id", room).build()).assertError(409, "CONFLICT");

        assertTrue(http.get("/api/rooms", other).array().stream()
                .anyMatch(r -> r.asJsonObject().getString("id").equals(room) && !r.asJsonObject().getBoolean("member")));
        http.get("/api/rooms/" + room + "/messages", other).assertError(403, "FORBIDDEN");
        http.post("/api/rooms/" + room + "/messages", other, "{\"text\":\"hi\"}").assertError(403, "FORBIDDEN");
        assertEquals(200, http.post("/api/rooms/" + room + "/join", other, "").status());
        assertEquals(2, http.get("/api/rooms/" + room + "/members", owner).array().size());

        for (int i = 1; i <= 3; i++) {
            Http.Answer posted = http.post("/api/rooms/" + room + "/messages", owner,
                    Json.createObjectBuilder().add("text", "line " + i).add("clientMsgId", "c" + i).build());
            assertEquals(201, posted.status(), posted.body());
            assertEquals("CHAT", posted.json().getString("kind"));
        }
        Http.Answer again = http.post("/api/rooms/" + room + "/messages", owner, "{\"text\":\"line 1\",\"clientMsgId\":\"c1\"}");
        assertEquals(201, again.status());
        Http.Answer page = http.get("/api/rooms/" + room + "/messages?limit=2", other);
        assertEquals(200, page.status(), page.body());
        var messages = page.json().getJsonArray("messages");
        assertEquals(2, messages.size());
        assertTrue(page.json().getBoolean("hasMore"));
        long first = messages.getJsonObject(0).getJsonNumber("seq").longValue();
        assertEquals(first + 1, messages.getJsonObject(1).getJsonNumber("seq").longValue());
        assertEquals("line 3", messages.getJsonObject(1).getString("text"));
        Http.Answer older = http.get("/api/rooms/" + room + "/messages?before=" + first + "&limit=50", other);
        assertFalse(older.json().getBoolean("hasMore"));

        String secret = "it-secret-" + NAMES.incrementAndGet();
        assertEquals(201, http.post("/api/rooms", owner, Json.createObjectBuilder().add("id", secret).add("visibility", "private").build()).status());
        http.get("/api/rooms/" + secret, other).assertError(404, "NOT_FOUND");
        http.post("/api/rooms/" + secret + "/join", other, "").assertError(403, "FORBIDDEN");
        String otherName = http.get("/api/me", other).json().getString("username");
        // a private room is invisible to a non-member, even when trying to add members to it
        http.post("/api/rooms/" + secret + "/members", other, Json.createObjectBuilder().add("username", otherName).build())
                .assertError(404, "NOT_FOUND");
        Http.Answer added = http.post("/api/rooms/" + secret + "/members", owner, Json.createObjectBuilder().add("username", otherName).build());
        assertEquals(200, added.status(), added.body());
        assertTrue(added.array().stream().anyMatch(m -> m.asJsonObject().getString("username").equals(otherName)
                && m.asJsonObject().getString("role").equals("member")), added.body());
        assertEquals(200, http.get("/api/rooms/" + secret + "/messages", other).status());
        http.post("/api/rooms/" + secret + "/members", owner, "{\"username\": 42}").assertError(400, "BAD_REQUEST");
    }

    @Test
    void webSocketSubscribesSendsAndReceivesTheBroadcastWithItsSeq() throws Exception {
        Http http = http();
        String alice = name("wsalice");
        String aliceToken = http.registerAndLogin(alice);
        String bobToken = http.registerAndLogin(name("wsbob"));
        String room = "it-ws-" + NAMES.incrementAndGet();
        assertEquals(201, http.post("/api/rooms", aliceToken, Json.createObjectBuilder().add("id", room).build()).status());
        assertEquals(200, http.post("/api/rooms/" + room + "/join", bobToken, "").status());

        try (WsClient a = WsClient.connect(http.client(), ws("?token=" + aliceToken));
             WsClient b = connectWithHeader(http, bobToken)) {
            assertEquals(alice, a.awaitType("welcome").getJsonObject("user").getString("username"));
            b.awaitType("welcome");
            assertTrue(http.get("/api/users/online", bobToken).array().stream()
                    .anyMatch(u -> u.asJsonObject().getString("username").equals(alice)), "alice is online");
            a.send(Json.createObjectBuilder().add("type", "subscribe").add("room", room).build());
            b.send(Json.createObjectBuilder().add("type", "subscribe").add("room", room).build());
            long lastSeq = a.awaitType("subscribed").getJsonNumber("lastSeq").longValue();
            b.awaitType("subscribed");

            a.send(Json.createObjectBuilder().add("type", "send").add("room", room).add("text", "hello bob").add("clientMsgId", "m-1").build());
            JsonObject ack = a.awaitType("ack");
            assertEquals("m-1", ack.getString("clientMsgId"));
            assertEquals(lastSeq + 1, ack.getJsonNumber("seq").longValue());
            JsonObject received = b.await(f -> "message".equals(f.getString("type"))
                    && "hello bob".equals(f.getJsonObject("message").getString("text")), "the broadcast");
            assertEquals(lastSeq + 1, received.getJsonObject("message").getJsonNumber("seq").longValue());
            assertEquals(alice, received.getJsonObject("message").getString("from"));

            a.send("{this is not json");
            assertEquals("BAD_REQUEST", a.awaitType("error").getString("code"));
            a.send("{\"type\":\"send\",\"room\":\"" + room + "\",\"text\":\"" + "x".repeat(70 * 1024) + "\",\"clientMsgId\":\"big\"}");
            assertEquals("TOO_LARGE", a.awaitType("error").getString("code"));
            a.send("{\"type\":\"ping\"}");
            a.awaitType("pong");
            assertFalse(a.closedWith().isDone(), "the socket stays open after refused frames");

            Http.Answer history = http.get("/api/rooms/" + room + "/messages?after=" + lastSeq, bobToken);
            assertEquals("hello bob", history.json().getJsonArray("messages").getJsonObject(0).getString("text"));
        }
    }

    @Test
    void messagesAreEditedReactedToAnsweredInThreadsAndDeleted() throws Exception {
        Http http = http();
        String aliceToken = http.registerAndLogin(name("lcalice"));
        String bobToken = http.registerAndLogin(name("lcbob"));
        String room = "it-life-" + NAMES.incrementAndGet();
        assertEquals(201, http.post("/api/rooms", aliceToken, Json.createObjectBuilder().add("id", room).build()).status());
        assertEquals(200, http.post("/api/rooms/" + room + "/join", bobToken, "").status());
        long id = http.post("/api/rooms/" + room + "/messages", aliceToken, "{\"text\":\"helo\"}").json()
                .getJsonNumber("id").longValue();
        String path = "/api/rooms/" + room + "/messages/" + id;

        try (WsClient b = connectWithHeader(http, bobToken)) {
            b.awaitType("welcome");
            b.send(Json.createObjectBuilder().add("type", "subscribe").add("room", room).build());
            b.awaitType("subscribed");
            Http.Answer edited = http.patch(path, aliceToken, Json.createObjectBuilder().add("text", "hello").build());
            assertEquals(200, edited.status(), edited.body());
            assertEquals("hello", edited.json().getString("text"));
            JsonObject edit = b.await(f -> "message".equals(f.getString("type"))
                    && "EDIT".equals(f.getJsonObject("message").getString("kind")), "the EDIT entry").getJsonObject("message");
            assertEquals(id, edit.getJsonNumber("target").longValue());

            b.send(Json.createObjectBuilder().add("type", "react").add("room", room).add("id", id).add("emoji", "🎉")
                    .add("active", true).add("clientMsgId", "r-1").build());
            JsonObject ack = b.await(f -> "ack".equals(f.getString("type")) && "r-1".equals(f.getString("clientMsgId", "")),
                    "the reaction's ack");
            assertEquals(edit.getJsonNumber("seq").longValue() + 1, ack.getJsonNumber("seq").longValue());
        }
        assertEquals(204, http.put(path + "/reactions/%F0%9F%91%8D", aliceToken).status());
        JsonObject now = http.get(path, bobToken).json();
        assertEquals("hello", now.getString("text"));
        assertEquals(2, now.getJsonArray("reactions").size());
        assertTrue(now.getJsonArray("reactions").getJsonObject(0).getBoolean("me"));

        Http.Answer reply = http.post("/api/rooms/" + room + "/messages", bobToken,
                Json.createObjectBuilder().add("text", "in thread").add("thread", id).build());
        assertEquals(201, reply.status(), reply.body());
        assertEquals(1, http.get(path, aliceToken).json().getInt("replies"));
        assertEquals("in thread", http.get("/api/rooms/" + room + "/threads/" + id, aliceToken).json()
                .getJsonArray("messages").getJsonObject(0).getString("text"));

        http.patch(path, bobToken, Json.createObjectBuilder().add("text", "mine now").build()).assertError(403, "FORBIDDEN");
        http.delete(path, bobToken).assertError(403, "FORBIDDEN");
        assertEquals(204, http.delete(path, aliceToken).status());
        assertTrue(http.get(path, bobToken).json().getBoolean("deleted"));
        http.patch(path, aliceToken, Json.createObjectBuilder().add("text", "back").build()).assertError(409, "CONFLICT");
        http.get("/api/rooms/" + room + "/messages/424242", bobToken).assertError(404, "NOT_FOUND");
    }

    /** Authenticates the handshake with the header instead of the query parameter. */
    private WsClient connectWithHeader(Http http, String token) {
        return WsClient.connect(http.client(), ws(""), token);
    }

    @Test
    void nonMemberSubscribingToAPrivateRoomGetsForbiddenFrame() throws Exception {
        Http http = http();
        String owner = http.registerAndLogin(name("privowner"));
        String outsider = http.registerAndLogin(name("outsider"));
        String room = "it-priv-" + NAMES.incrementAndGet();
        assertEquals(201, http.post("/api/rooms", owner, Json.createObjectBuilder().add("id", room).add("visibility", "private").build()).status());
        try (WsClient ws = WsClient.connect(http.client(), ws("?token=" + outsider))) {
            ws.awaitType("welcome");
            ws.send(Json.createObjectBuilder().add("type", "send").add("room", room).add("text", "let me in").add("clientMsgId", "x1").build());
            JsonObject error = ws.awaitType("error");
            assertTrue(error.getString("code").equals("FORBIDDEN") || error.getString("code").equals("NOT_FOUND"), error.toString());
            assertEquals("x1", error.getString("ref"));
        }
    }

    @Test
    void idleSocketOutlivesTheHttpKeepAliveTimeout() throws Exception {
        Http http = http();
        String token = http.registerAndLogin(name("idle"));
        try (WsClient ws = WsClient.connect(http.client(), ws("?token=" + token))) {
            ws.awaitType("welcome");
            long idleMillis = (LocalGlassFish.KEEP_ALIVE_SECONDS + 2) * 1000L;
            assertThrows(TimeoutException.class, () -> ws.closedWith().get(idleMillis, TimeUnit.MILLISECONDS),
                    "the server closed an idle WebSocket");
            ws.send("{\"type\":\"ping\"}");
            ws.awaitType("pong");
        }
    }

    @Test
    void handshakeWithoutOrWithBadTokenIsRefusedWith401() {
        Http http = http();
        for (URI uri : new URI[] {ws(""), ws("?token=forged")}) {
            CompletionException failure = assertThrows(CompletionException.class,
                    () -> http.client().newWebSocketBuilder().buildAsync(uri, new WsClient()).join());
            WebSocketHandshakeException handshake = assertInstanceOf(WebSocketHandshakeException.class, failure.getCause());
            assertEquals(401, handshake.getResponse().statusCode());
            assertTrue(String.valueOf(handshake.getResponse().body()).contains("UNAUTHORIZED"));
        }
    }

    @Test
    void filesUploadDownloadAndSizeLimit() {
        Http http = http();
        String token = http.registerAndLogin(name("sharer"));
        String room = "it-files-" + NAMES.incrementAndGet();
        assertEquals(201, http.post("/api/rooms", token, Json.createObjectBuilder().add("id", room).build()).status());
        byte[] content = "col1,col2\n1,2\n".getBytes(StandardCharsets.UTF_8);
        Http.Answer uploaded = http.send(Multipart.file(http.request("/api/rooms/" + room + "/files", token),
                "../report \"Q1\".csv", "text/csv", content));
        assertEquals(201, uploaded.status(), uploaded.body());
        JsonObject file = uploaded.json().getJsonObject("file");
        assertEquals(content.length, file.getJsonNumber("size").longValue());
        assertEquals("FILE_SHARED", uploaded.json().getJsonObject("message").getString("kind"));

        HttpResponse<byte[]> download = http.bytes("/api/files/" + file.getString("id"), token);
        assertEquals(200, download.statusCode());
        assertArrayEquals(content, download.body());
        assertTrue(download.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        String disposition = download.headers().firstValue("Content-Disposition").orElse("");
        assertTrue(disposition.startsWith("attachment; filename=\""), disposition);
        assertFalse(disposition.contains("..") || disposition.contains("/"), disposition);

        String stranger = http.registerAndLogin(name("stranger"));
        assertEquals(403, http.bytes("/api/files/" + file.getString("id"), stranger).statusCode());

        // In the WAR too, an image gets its thumbnail at upload (chat-core, kept in the file store).
        Http.Answer image = http.send(Multipart.file(http.request("/api/rooms/" + room + "/files", token),
                "scan.png", "image/png", TestImages.greyPng(800, 400)));
        assertEquals(201, image.status(), image.body());
        String imageId = image.json().getJsonObject("file").getString("id");
        HttpResponse<byte[]> thumbnail = http.bytes("/api/files/" + imageId + "/thumbnail", token);
        assertEquals(200, thumbnail.statusCode());
        assertEquals("image/jpeg", thumbnail.headers().firstValue("Content-Type").orElse(""));
        assertTrue(thumbnail.body().length > 100 && (thumbnail.body()[0] & 0xff) == 0xff, "JPEG bytes");
        assertEquals(403, http.bytes("/api/files/" + imageId + "/thumbnail", stranger).statusCode());
        assertEquals(404, http.bytes("/api/files/" + file.getString("id") + "/thumbnail", token).statusCode(), "a CSV has none");

        http.send(Multipart.file(http.request("/api/rooms/" + room + "/files", token), "big.bin",
                "application/octet-stream", new byte[65 * 1024])).assertError(413, "TOO_LARGE");
        http.post("/api/rooms/" + room + "/files", token, "{\"file\": \"no\"}").assertError(415, "BAD_REQUEST");
    }

    @Test
    void directMessagesAnnouncementsAndEvents() throws Exception {
        Http http = http();
        String amy = name("amy");
        String amyToken = http.registerAndLogin(amy);
        String ben = name("ben");
        String benToken = http.registerAndLogin(ben);

        Http.Answer dm = http.post("/api/dm/" + ben + "/messages", amyToken, "{\"text\":\"psst\"}");
        assertEquals(201, dm.status(), dm.body());
        assertEquals("PRIVATE", dm.json().getString("kind"));
        long dmId = dm.json().getJsonNumber("id").longValue();
        Http.Answer thread = http.get("/api/dm/" + amy + "/messages", benToken);
        assertEquals("psst", thread.json().getJsonArray("messages").getJsonObject(0).getString("text"));

        Http.Answer events = http.get("/api/events?after=" + (dmId - 1), benToken);
        assertEquals(200, events.status(), events.body());
        assertEquals(dmId, events.json().getJsonArray("events").getJsonObject(0).getJsonNumber("id").longValue());
        http.get("/api/events?after=abc", benToken).assertError(400, "BAD_REQUEST");

        var held = http.client().sendAsync(http.request("/api/events?after=" + dmId + "&wait=20", benToken).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, http.post("/api/dm/" + ben + "/messages", amyToken, "{\"text\":\"still there?\"}").status());
        HttpResponse<String> woke = held.get(15, TimeUnit.SECONDS);
        assertEquals(200, woke.statusCode());
        assertTrue(woke.body().contains("still there?"), woke.body());

        assertEquals(204, http.get("/api/announcements/latest", amyToken).status());
        http.post("/api/announcements", amyToken, "{\"text\":\"hear ye\"}").assertError(403, "FORBIDDEN");
        String boss = http.registerAndLogin("boss");
        try (WsClient listener = WsClient.connect(http.client(), ws("?token=" + benToken))) {
            listener.awaitType("welcome");
            assertEquals(202, http.post("/api/announcements", boss, "{\"text\":\"maintenance at noon\"}").status());
            JsonObject system = listener.await(f -> "message".equals(f.getString("type"))
                    && "SYSTEM".equals(f.getJsonObject("message").getString("kind")), "the announcement");
            assertEquals("maintenance at noon", system.getJsonObject("message").getString("text"));
        }
        Http.Answer latest = http.get("/api/announcements/latest", amyToken);
        assertEquals(200, latest.status());
        assertEquals("maintenance at noon", latest.json().getString("text"));
    }

    @Test
    void containerPrincipalIsAcceptedWithoutBearerToken() {
        Http http = http();
        String name = name("sso");
        Http.Answer me = http.send(http.request("/api/me", null).header(TestPrincipalFilter.HEADER, name).GET());
        assertEquals(200, me.status(), me.body());
        assertEquals(name, me.json().getString("username"));
        Http.Answer rooms = http.send(http.request("/api/rooms", null).header(TestPrincipalFilter.HEADER, name).GET());
        assertEquals(200, rooms.status(), rooms.body());
        assertTrue(rooms.array().stream().anyMatch(r -> r.asJsonObject().getString("id").equals("general")));
        Http.Answer session = http.send(http.request("/api/auth/session", null).header(TestPrincipalFilter.HEADER, name).GET());
        assertEquals(200, session.status(), session.body());
        assertEquals(name, session.json().getString("username"));
        assertEquals(204, http.get("/api/auth/session", null).status(), "nobody signed in: no content, and no 401");
    }

    @Test
    void aContainerPrincipalInTheAdminRoleIsAServerAdmin() {
        Http http = http();
        String owner = name("roomowner");
        String ops = name("ssoops");
        String plain = name("ssoplain");
        String ownerToken = http.registerAndLogin(owner);
        String room = "adm" + NAMES.incrementAndGet();
        assertEquals(201, http.post("/api/rooms", ownerToken,
                "{\"id\":\"" + room + "\",\"visibility\":\"private\"}").status());
        // Without the role: not a member of the private room, so it does not exist for them.
        Http.Answer refused = http.send(http.request("/api/rooms/" + room + "/members", null)
                .header(TestPrincipalFilter.HEADER, plain).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + plain + "\"}")));
        assertEquals(404, refused.status(), refused.body());
        // In parley-admin (the default parley.adminRole): acts as owner of every room.
        Http.Answer added = http.send(http.request("/api/rooms/" + room + "/members", null)
                .header(TestPrincipalFilter.HEADER, ops).header(TestPrincipalFilter.ROLES_HEADER, "staff,parley-admin")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + ops + "\"}")));
        assertEquals(200, added.status(), added.body());
        Http.Answer renamed = http.send(http.request("/api/rooms/" + room, null)
                .header(TestPrincipalFilter.HEADER, ops).header(TestPrincipalFilter.ROLES_HEADER, "parley-admin")
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"topic\":\"run by ops\"}")));
        assertEquals(200, renamed.status(), renamed.body());
        assertEquals("run by ops", renamed.json().getString("topic"));
        Http.Answer members = http.get("/api/rooms/" + room + "/members", ownerToken);
        assertTrue(members.array().stream().map(m -> m.asJsonObject())
                .anyMatch(m -> m.getString("username").equals(ops) && m.getString("role").equals("admin")), members.body());
        // The container takes the role back: so does Parley, at the next request.
        Http.Answer announce = http.send(http.request("/api/announcements", null)
                .header(TestPrincipalFilter.HEADER, ops).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"no longer\"}")));
        assertEquals(403, announce.status(), announce.body());
        assertEquals("FORBIDDEN", announce.json().getString("error"));
    }

    @Test
    void aContainerUsersPasswordIsNotParleysButTheDisplayNameAndBlocksWork() {
        Http http = http();
        String name = name("ssopw");
        String other = name("ssopeer");
        http.send(http.request("/api/me", null).header(TestPrincipalFilter.HEADER, other).GET());
        Http.Answer change = http.send(http.request("/api/me/password", null).header(TestPrincipalFilter.HEADER, name)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"current\":\"whatever1\",\"new\":\"whatever2\"}")));
        assertEquals(403, change.status(), change.body());
        assertEquals("FORBIDDEN", change.json().getString("error"));
        Http.Answer named = http.send(http.request("/api/me", null).header(TestPrincipalFilter.HEADER, name)
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"displayName\":\"Single Sign-On\"}")));
        assertEquals(200, named.status(), named.body());
        assertEquals("Single Sign-On", named.json().getString("displayName"));
        Http.Answer block = http.send(http.request("/api/me/blocks/" + other, null).header(TestPrincipalFilter.HEADER, name)
                .PUT(HttpRequest.BodyPublishers.noBody()));
        assertEquals(204, block.status(), block.body());
        Http.Answer refused = http.send(http.request("/api/dm/" + name + "/messages", null).header(TestPrincipalFilter.HEADER, other)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"hi\"}")));
        assertEquals(403, refused.status(), refused.body());
    }

    @Test
    void handshakeFromAForeignPageIsRefusedWith403ButTheOwnAndTheConfiguredOriginsPass() throws Exception {
        Http http = http();
        String token = http.registerAndLogin(name("paged"));
        CompletionException failure = assertThrows(CompletionException.class,
                () -> WsClient.builder(http.client(), null, "https://evil.example").buildAsync(ws("?token=" + token), new WsClient()).join());
        WebSocketHandshakeException refused = assertInstanceOf(WebSocketHandshakeException.class, failure.getCause());
        assertEquals(403, refused.getResponse().statusCode());
        String body = String.valueOf(refused.getResponse().body());
        assertTrue(body.contains("FORBIDDEN") && body.contains("parley.allowedOrigins"), body);

        for (String origin : new String[] {ALLOWED_ORIGIN, "http://127.0.0.1:" + deployment.getPort(), null}) {
            try (WsClient accepted = WsClient.connect(http.client(), ws("?token=" + token), null, origin)) {
                accepted.awaitType("welcome");
            }
        }
    }

    @Test
    void corsAnswersTheConfiguredOriginOnly() {
        Http http = http();
        Http.Answer allowed = http.send(http.request("/api/rooms", null).header("Origin", ALLOWED_ORIGIN)
                .header("Access-Control-Request-Method", "POST").method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertEquals(204, allowed.status(), allowed.body());
        assertEquals(ALLOWED_ORIGIN, allowed.header("Access-Control-Allow-Origin").orElse(""));
        assertTrue(allowed.header("Access-Control-Allow-Methods").orElse("").contains("POST"));

        http.send(http.request("/api/rooms", null).header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST").method("OPTIONS", HttpRequest.BodyPublishers.noBody()))
                .assertError(403, "FORBIDDEN");

        Http.Answer error = http.send(http.request("/api/rooms", null).header("Origin", ALLOWED_ORIGIN).GET());
        assertEquals(401, error.status());
        assertEquals(ALLOWED_ORIGIN, error.header("Access-Control-Allow-Origin").orElse(""),
                "a page must be able to read the error body too");
    }

    @Test
    void uploadDeclaringFarMoreThanTheLimitIsRefusedFromItsLength() {
        Http http = http();
        String token = http.registerAndLogin(name("hoarder"));
        assertEquals(200, http.post("/api/rooms/general/join", token, "").status());
        Http.Answer refused = http.send(Multipart.file(http.request("/api/rooms/general/files", token), "huge.bin",
                "application/octet-stream", new byte[256 * 1024])).assertError(413, "TOO_LARGE");
        assertTrue(refused.json().getString("message").startsWith("the upload declares"), refused.body());
    }
}
