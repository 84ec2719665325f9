package dev.parley.client.internal;

import dev.parley.client.ChatClientException;
import dev.parley.protocol.ErrorCode;
import org.junit.jupiter.api.Test;

import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HttpApiTest {

    @Test
    void contractErrorBodyGivesItsCodeAndMessage() {
        ChatClientException e = HttpApi.error(409, "{\"error\":\"CONFLICT\",\"message\":\"username alice is taken\"}");
        assertEquals(ErrorCode.CONFLICT, e.code());
        assertEquals("username alice is taken", e.getMessage());
        assertEquals(OptionalInt.of(409), e.httpStatus());
    }

    @Test
    void bodyThatIsNotAContractErrorFallsBackToTheStatus() {
        ChatClientException e = HttpApi.error(502, "<html>Bad gateway</html>");
        assertEquals(ErrorCode.INTERNAL, e.code());
        assertEquals("HTTP 502: <html>Bad gateway</html>", e.getMessage());
        assertEquals(ErrorCode.NOT_FOUND, HttpApi.error(404, "").code());
        assertEquals(ErrorCode.BAD_REQUEST, HttpApi.error(422, "{\"error\":\"WHATEVER\",\"message\":\"x\"}").code());
    }

    @Test
    void pathSegmentsArePercentEncoded() {
        assertEquals("general", Rest.segment("general"));
        assertEquals("dm.alice.bob", Rest.segment("dm.alice.bob"));
        assertEquals("a%2Fb%3Fc%20d", Rest.segment("a/b?c d"));
        assertEquals("%C3%A9", Rest.segment("é"));
        assertEquals("%2E%2E", Rest.segment(".."));
    }

    @Test
    void webSocketUriFollowsTheServerScheme() {
        assertEquals("ws://127.0.0.1:8080/ws", Endpoints.webSocketUri(java.net.URI.create("http://127.0.0.1:8080/")).toString());
        assertEquals("wss://chat.example.com/parley/ws", Endpoints.webSocketUri(java.net.URI.create("https://chat.example.com/parley")).toString());
    }
}
