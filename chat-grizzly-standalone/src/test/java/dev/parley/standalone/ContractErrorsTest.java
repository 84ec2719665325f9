package dev.parley.standalone;

import dev.parley.core.ChatConfig;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What Grizzly refuses before Jersey sees a request answers the contract's JSON error too: written
 * over a raw socket, since no HTTP client sends these.
 */
class ContractErrorsTest {
    static StandaloneServer server;

    @BeforeAll
    static void start() throws Exception {
        server = StandaloneServer.create(StandaloneConfig.builder().port(0).inMemory()
                .chat(ChatConfig.builder().passwordHashCost(4).build()).build()).start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static RawHttp.Answer get(String target) {
        return RawHttp.exchange(server.port(), "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    }

    private static JsonObject assertError(RawHttp.Answer answer, int status, String code) {
        assertEquals(status, answer.status(), answer::toString);
        assertTrue(answer.header("Content-Type").orElse("").startsWith("application/json"), answer::toString);
        assertEquals(1, answer.head().toLowerCase(java.util.Locale.ROOT).split("\ncontent-type:", -1).length - 1,
                () -> "one Content-Type: " + answer);
        JsonObject body = answer.json();
        assertEquals(code, body.getString("error"), answer::toString);
        assertFalse(body.getString("message").isBlank(), answer::toString);
        assertFalse(answer.body().contains("Exception") || answer.body().contains("\tat "), "no stack trace: " + answer);
        return body;
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/rooms/..%2Fx/messages", "/api/users/..%2F", "/api/rooms/a%2fb", "/..%2F..%2Fetc%2Fpasswd"})
    void anEncodedSlashInAPathIsABadRequest(String target) {
        JsonObject body = assertError(get(target), 400, "BAD_REQUEST");
        assertTrue(body.getString("message").contains("%2F"), body::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/rooms/%zz", "/%", "/api/rooms/a%00b", "/api/users/%E0%A4"})
    void aPathThatDoesNotDecodeIsABadRequest(String target) {
        assertError(get(target), 400, "BAD_REQUEST");
    }

    @Test
    void headersOverTheLimitAreTooLarge() {
        String big = "a".repeat(70_000); // above the standalone's 64 KiB header limit
        assertError(RawHttp.exchange(server.port(), "GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: " + big + "\r\n\r\n"),
                413, "TOO_LARGE");
        assertError(RawHttp.exchange(server.port(), "GET /api/" + big + " HTTP/1.1\r\nHost: x\r\n\r\n"), 413, "TOO_LARGE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Content-Length: abc", "Content-Length: -5", "Content-Length: 2\r\nContent-Length: 3"})
    void aBadContentLengthIsABadRequest(String header) {
        assertError(RawHttp.exchange(server.port(), "POST /api/auth/login HTTP/1.1\r\nHost: x\r\n"
                + "Content-Type: application/json\r\n" + header + "\r\n\r\n{}"), 400, "BAD_REQUEST");
    }

    @Test
    void aBrokenChunkIsABadRequest() {
        assertError(RawHttp.exchange(server.port(), "POST /api/auth/login HTTP/1.1\r\nHost: x\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"), 400, "BAD_REQUEST");
    }

    @Test
    void anUnknownHttpVersionOrNoHostIsABadRequest() {
        assertError(RawHttp.exchange(server.port(), "GET /api/health HTTP/9.9\r\nHost: x\r\n\r\n"), 400, "BAD_REQUEST");
        assertError(RawHttp.exchange(server.port(), "GET /api/health HTTP/1.1\r\n\r\n"), 400, "BAD_REQUEST");
    }

    @ParameterizedTest
    @ValueSource(strings = {"FOO", "G@T", "DELETE"})
    void aMethodAnEndpointDoesNotServeIsRefusedWithJson(String method) {
        RawHttp.Answer answer = RawHttp.exchange(server.port(), method + " /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertError(answer, 405, "BAD_REQUEST");
    }

    @Test
    void aPathOutsideEveryHandlerIsNotFound() {
        assertError(get("/no/such/page"), 404, "NOT_FOUND");
        assertError(get("/api/no-such-endpoint"), 404, "NOT_FOUND");
    }

    @Test
    void wellFormedRequestsStillPassOnOneKeptAliveConnection() {
        RawHttp.Answer answer = RawHttp.exchange(server.port(), "GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n");
        assertEquals(200, answer.status(), answer::toString);
        assertEquals("UP", answer.json().getString("status"));
        RawHttp.Answer encoded = get("/api/users/%61lice"); // an escape that decodes to a name character
        assertError(encoded, 401, "UNAUTHORIZED");
    }
}
