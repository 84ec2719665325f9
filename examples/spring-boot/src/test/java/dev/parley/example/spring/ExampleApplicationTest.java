package dev.parley.example.spring;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The example with Parley's own accounts ({@code parley.identity=parley}): the contract's main
 * paths under {@code /chat} on Tomcat, Jersey and Hibernate over an in-memory H2 database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.address=127.0.0.1",
        "spring.datasource.url=jdbc:h2:mem:example-open;DB_CLOSE_DELAY=-1"})
class ExampleApplicationTest {
    @TempDir
    static Path files;

    @DynamicPropertySource
    static void filesDirectory(DynamicPropertyRegistry registry) {
        registry.add("parley.files-directory", () -> files.toString());
    }

    @LocalServerPort
    int port;

    private ChatClient client() {
        return new ChatClient(port);
    }

    @Test
    void registerLoginRoomsSendOverTheWebSocketAndResumeWithSince() throws Exception {
        ChatClient c = client();
        String token = c.token("alice");
        String[] auth = {"Authorization", "Bearer " + token};

        JsonNode me = ChatClient.json(c.send("GET", "/chat/api/me", null, auth));
        assertEquals("alice", me.get("username").asText());
        HttpResponse<String> rooms = c.send("GET", "/chat/api/rooms", null, auth);
        assertEquals(200, rooms.statusCode());
        assertTrue(rooms.body().contains("\"general\""), rooms.body());
        HttpResponse<String> created = c.send("POST", "/chat/api/rooms",
                ChatClient.body(Map.of("id", "spring", "visibility", "public")), auth);
        assertEquals(201, created.statusCode(), created.body());

        long first;
        try (ChatClient.Socket ws = c.socket("?token=" + token)) {
            assertEquals("alice", ws.next("welcome").get("user").get("username").asText());
            ws.send(Map.of("type", "subscribe", "room", "spring"));
            long lastSeq = ws.next("subscribed").get("lastSeq").asLong();
            ws.send(Map.of("type", "send", "room", "spring", "text", "hello from Tomcat", "clientMsgId", "c1"));
            JsonNode ack = ws.next("ack");
            assertEquals("c1", ack.get("clientMsgId").asText());
            first = ack.get("seq").asLong();
            assertEquals(lastSeq + 1, first);
            JsonNode message = ws.next("message").get("message");
            assertEquals("hello from Tomcat", message.get("text").asText());
            assertEquals(first, message.get("seq").asLong());
        }

        HttpResponse<String> later = c.send("POST", "/chat/api/rooms/spring/messages",
                ChatClient.body(Map.of("text", "while you were away", "clientMsgId", "c2")), auth);
        assertEquals(201, later.statusCode(), later.body());
        HttpResponse<String> again = c.send("POST", "/chat/api/rooms/spring/messages",
                ChatClient.body(Map.of("text", "while you were away", "clientMsgId", "c2")), auth);
        assertEquals(ChatClient.json(later).get("id"), ChatClient.json(again).get("id"), "a repeat is stored once");

        try (ChatClient.Socket ws = c.socket("", auth)) {
            ws.next("welcome");
            ws.send(Map.of("type", "subscribe", "room", "spring", "since", first));
            ws.next("subscribed");
            JsonNode replayed = ws.next("message").get("message");
            assertEquals(first + 1, replayed.get("seq").asLong());
            assertEquals("while you were away", replayed.get("text").asText());
        }

        JsonNode page = ChatClient.json(c.send("GET", "/chat/api/rooms/spring/messages", null, auth));
        assertEquals(2, page.get("messages").size());
    }

    @Test
    void aSharedFileIsStoredAndDownloadedByMembers() throws Exception {
        ChatClient c = client();
        String[] auth = {"Authorization", "Bearer " + c.token("filer")};
        assertEquals(201, c.send("POST", "/chat/api/rooms", ChatClient.body(Map.of("id", "files", "visibility", "public")), auth).statusCode());
        byte[] content = "the minutes of the meeting\n".getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> uploaded = c.upload("/chat/api/rooms/files/files", "minutes.txt", content, auth);
        assertEquals(201, uploaded.statusCode(), uploaded.body());
        JsonNode file = ChatClient.json(uploaded).get("file");
        assertEquals("minutes.txt", file.get("name").asText());
        assertEquals("FILE_SHARED", ChatClient.json(uploaded).get("message").get("kind").asText());

        HttpResponse<byte[]> download = c.bytes("/chat/api/files/" + file.get("id").asText(), auth);
        assertEquals(200, download.statusCode());
        assertArrayEquals(content, download.body());
        assertTrue(download.headers().firstValue("Content-Disposition").orElse("").contains("minutes.txt"));
        assertEquals(401, c.bytes("/chat/api/files/" + file.get("id").asText()).statusCode());
    }

    @Test
    void errorsUnderChatHaveTheContractsBody() throws Exception {
        ChatClient c = client();
        assertError(c.send("GET", "/chat/api/me", null), 401, "UNAUTHORIZED");
        assertError(c.send("GET", "/chat/api/me", null, "Authorization", "Bearer not-a-token"), 401, "UNAUTHORIZED");
        assertError(c.send("POST", "/chat/api/auth/register", "{\"username\":"), 400, "BAD_REQUEST");
        assertError(c.send("POST", "/chat/api/auth/register", ChatClient.body(Map.of("username", "x", "password", "secret-password"))),
                400, "BAD_REQUEST");
        String[] auth = {"Authorization", "Bearer " + c.token("errors")};
        assertError(c.send("GET", "/chat/api/rooms/no-such-room", null, auth), 404, "NOT_FOUND");
        assertError(c.send("GET", "/chat/api/no/such/route", null, auth), 404, "NOT_FOUND");
        assertError(c.send("POST", "/chat/api/rooms", "{\"id\":\"Not A Room Id\"}", auth), 400, "BAD_REQUEST");
        // what Spring MVC and Tomcat answer under /chat: the contract's body, not Boot's error page
        assertError(c.send("GET", "/chat/no-such-file.js", null), 404, "NOT_FOUND");
        assertError(c.send("DELETE", "/chat/index.html", null), 405, "BAD_REQUEST");
        assertError(c.send("GET", "/chat/ws", null), 401, "UNAUTHORIZED");
        // and outside /chat the application's own error handling is untouched
        HttpResponse<String> appError = c.send("GET", "/no-such-page", null);
        assertEquals(404, appError.statusCode());
        assertTrue(ChatClient.json(appError).has("timestamp"), appError.body());
    }

    @Test
    void aHandshakeWithoutAValidTokenOrFromAForeignPageIsRefused() throws Exception {
        ChatClient c = client();
        CompletionException e = assertThrows(CompletionException.class, () -> c.socket("?token=forged"));
        assertEquals(401, ChatClient.refusedStatus(e));
        CompletionException foreign = assertThrows(CompletionException.class,
                () -> c.socket("?token=" + c.token("origin"), "Origin", "https://evil.example"));
        assertEquals(403, ChatClient.refusedStatus(foreign));
    }

    @Test
    void thePageIsServedUnderThePrefixBesideTheApplicationsOwn() throws Exception {
        ChatClient c = client();
        HttpResponse<String> page = c.send("GET", "/chat/", null, "Accept", "text/html");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("app.js"), "chat-jakarta's page");
        HttpResponse<String> bare = c.send("GET", "/chat", null, "Accept", "text/html");
        assertEquals(302, bare.statusCode());
        assertTrue(bare.headers().firstValue("Location").orElse("").endsWith("/chat/"));
        assertEquals(200, c.send("GET", "/chat/app.js", null, "Accept", "*/*").statusCode());
        HttpResponse<String> home = c.send("GET", "/", null, "Accept", "text/html");
        assertEquals(200, home.statusCode());
        assertTrue(home.body().contains("<h1>Notes</h1>"), "the application's own page at /");
        assertFalse(home.body().contains("app.js"));

        HttpResponse<String> note = c.send("POST", "/notes", ChatClient.body(Map.of("text", "buy milk")));
        assertEquals(201, note.statusCode(), note.body());
        assertTrue(c.send("GET", "/notes", null).body().contains("buy milk"));
        assertEquals("{\"status\":\"UP\"}", c.send("GET", "/chat/api/health", null).body());
    }

    static void assertError(HttpResponse<String> response, int status, String code) throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), response.headers().toString());
        JsonNode body = ChatClient.json(response);
        assertEquals(code, body.path("error").asText(), response.body());
        assertTrue(body.path("message").isTextual(), response.body());
        assertFalse(body.has("timestamp"), response.body());
    }
}
