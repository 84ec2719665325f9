package dev.parley.example.spring;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletionException;

import static dev.parley.example.spring.ExampleApplicationTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The example's {@code secured} profile: {@code parley.identity=spring-security}, so the user
 * Spring Security authenticated (HTTP Basic here) is Parley's user, over HTTP and for the
 * WebSocket handshake, and Parley's own register and login are refused.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.address=127.0.0.1",
        "spring.datasource.url=jdbc:h2:mem:example-secured;DB_CLOSE_DELAY=-1"})
@ActiveProfiles("secured")
class SecuredExampleTest {
    @LocalServerPort
    int port;

    private static String[] basic(String user, String password) {
        return new String[]{"Authorization", "Basic "
                + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8))};
    }

    @Test
    void theSpringSecurityUserIsTheParleyUserOverHttp() throws Exception {
        ChatClient c = new ChatClient(port);
        JsonNode me = ChatClient.json(c.send("GET", "/chat/api/me", null, basic("alice", "alice-password")));
        assertEquals("alice", me.get("username").asText());
        JsonNode session = ChatClient.json(c.send("GET", "/chat/api/auth/session", null, basic("alice", "alice-password")));
        assertEquals("alice", session.get("username").asText());
        HttpResponse<String> posted = c.send("POST", "/chat/api/rooms", ChatClient.body(Map.of("id", "secured", "visibility", "public")),
                basic("alice", "alice-password"));
        assertEquals(201, posted.statusCode(), posted.body());
        assertEquals("alice", ChatClient.json(posted).get("owner").asText());
    }

    @Test
    void refusalsHaveTheContractsBody() throws Exception {
        ChatClient c = new ChatClient(port);
        assertError(c.send("GET", "/chat/api/me", null), 401, "UNAUTHORIZED");
        assertError(c.send("GET", "/chat/api/me", null, basic("alice", "wrong-password")), 401, "UNAUTHORIZED");
        String credentials = ChatClient.body(Map.of("username", "mallory", "password", "secret-password"));
        assertError(c.send("POST", "/chat/api/auth/register", credentials, basic("bob", "bob-password")), 403, "FORBIDDEN");
        assertError(c.send("POST", "/chat/api/auth/login", credentials, basic("bob", "bob-password")), 403, "FORBIDDEN");
        assertEquals(200, c.send("GET", "/chat/api/health", null).statusCode());
    }

    @Test
    void theWebSocketHandshakeTakesTheSpringSecurityUser() throws Exception {
        ChatClient c = new ChatClient(port);
        try (ChatClient.Socket ws = c.socket("", basic("bob", "bob-password"))) {
            assertEquals("bob", ws.next("welcome").get("user").get("username").asText());
            ws.send(Map.of("type", "subscribe", "room", "general"));
            JsonNode subscribed = ws.next("subscribed", "error");
            if ("error".equals(subscribed.get("type").asText())) { // not a member of general yet
                assertEquals(200, c.send("POST", "/chat/api/rooms/general/join", null, basic("bob", "bob-password")).statusCode());
                ws.send(Map.of("type", "subscribe", "room", "general"));
                ws.next("subscribed");
            }
            ws.send(Map.of("type", "send", "room", "general", "text", "signed in by Spring", "clientMsgId", "s1"));
            assertEquals("s1", ws.next("ack").get("clientMsgId").asText());
        }
        CompletionException refused = assertThrows(CompletionException.class, () -> c.socket(""));
        assertEquals(401, ChatClient.refusedStatus(refused));
    }
}
