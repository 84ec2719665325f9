package dev.parley.jakarta.internal.edge;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CorsFilterTest {
    private static final String ALLOWED = "https://app.example.com";
    private static final CorsFilter CORS = new CorsFilter(Origins.of(List.of(ALLOWED), "add %s to the list"));

    private static FakeRequest preflight(String origin) {
        return new FakeRequest("OPTIONS", "rooms", Map.of("Origin", origin, "Access-Control-Request-Method", "POST"));
    }

    @Test
    void aPreflightFromAnAllowedOriginIsAnsweredBeforeRoutingAndAuthentication() {
        FakeRequest request = preflight(ALLOWED);
        CORS.filter(request.context());
        Response answer = request.aborted().orElseThrow();
        assertEquals(204, answer.getStatus());
        assertTrue(answer.getHeaderString("Access-Control-Allow-Methods").contains("POST"));
        assertTrue(answer.getHeaderString("Access-Control-Allow-Headers").contains("Authorization"));
    }

    @Test
    void aPreflightFromAnotherOriginIsForbiddenWithTheContractsBody() {
        FakeRequest request = preflight("https://evil.example");
        CORS.filter(request.context());
        Response answer = request.aborted().orElseThrow();
        assertEquals(403, answer.getStatus());
        String body = String.valueOf(answer.getEntity());
        assertTrue(body.contains("FORBIDDEN") && body.contains("add https://evil.example to the list"), body);
    }

    @Test
    void withoutConfiguredOriginsEveryPreflightIsForbidden() {
        FakeRequest request = preflight(ALLOWED);
        new CorsFilter(Origins.sameOriginOnly("%s")).filter(request.context());
        assertEquals(403, request.aborted().orElseThrow().getStatus());
    }

    @Test
    void ordinaryRequestsGoOnToTheResource() {
        for (FakeRequest request : List.of(new FakeRequest("GET", "rooms", Map.of("Origin", "https://evil.example")),
                new FakeRequest("OPTIONS", "rooms", Map.of("Origin", ALLOWED)),
                new FakeRequest("POST", "rooms", Map.of()))) {
            CORS.filter(request.context());
            assertTrue(request.aborted().isEmpty());
        }
    }

    @Test
    void responsesToAnAllowedOriginCarryTheAllowHeadersErrorsIncluded() {
        MultivaluedMap<String, Object> headers = FakeRequest.headers();
        CORS.filter(new FakeRequest("GET", "rooms", Map.of("Origin", ALLOWED)).context(), FakeRequest.response(headers));
        assertEquals(ALLOWED, headers.getFirst("Access-Control-Allow-Origin"));
        assertEquals("Origin", headers.getFirst("Vary"));
        assertTrue(String.valueOf(headers.getFirst("Access-Control-Expose-Headers")).contains("Content-Disposition"));
        assertFalse(headers.containsKey("Access-Control-Allow-Credentials"), "foreign pages call with tokens, not cookies");
    }

    @Test
    void responsesToOtherOriginsCarryNone() {
        MultivaluedMap<String, Object> headers = FakeRequest.headers();
        CORS.filter(new FakeRequest("GET", "rooms", Map.of("Origin", "https://evil.example")).context(), FakeRequest.response(headers));
        CORS.filter(new FakeRequest("GET", "rooms", Map.of()).context(), FakeRequest.response(headers));
        assertNull(headers.getFirst("Access-Control-Allow-Origin"));
    }
}
