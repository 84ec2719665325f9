package dev.parley.standalone;

import dev.parley.core.ChatConfig;

import jakarta.json.Json;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code GET /metrics}: Prometheus text on the main port, or only on {@code --metrics-port}; the counts move. */
class MetricsEndpointTest {

    private static StandaloneConfig.Builder config() {
        return StandaloneConfig.builder().port(0).inMemory().chat(ChatConfig.builder().passwordHashCost(4).build());
    }

    /** The value of a sample line {@code name{labels} value}, or -1 when it is missing. */
    static double sample(String text, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " ([0-9.eE+-]+)$").matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }

    @Test
    void tenMessagesSentMoveTheStoredCounterByTenInPrometheusText() throws Exception {
        try (StandaloneServer server = StandaloneServer.create(config().build()).start()) {
            Http http = new Http(server.url());
            String token = http.login("alice");
            assertEquals(201, http.post("/api/rooms", token, Json.createObjectBuilder(Map.of("id", "lobby")).build()).status());
            Http.Reply before = http.get("/metrics");
            assertEquals(200, before.status());
            assertTrue(before.header("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"), before::toString);
            double stored = sample(before.text(), "parley_messages_stored_total{kind=\"CHAT\"}");
            assertEquals(0.0, stored, before::text);
            for (int i = 0; i < 10; i++) {
                Http.Reply sent = http.post("/api/rooms/lobby/messages", token,
                        Json.createObjectBuilder(Map.of("text", "hello " + i)).build());
                assertEquals(201, sent.status(), sent::toString);
            }
            String after = http.get("/metrics").text();
            assertEquals(10.0, sample(after, "parley_messages_stored_total{kind=\"CHAT\"}"), after);
            assertTrue(sample(after, "parley_store_latency_seconds_count{op=\"append\",outcome=\"success\"}") >= 10, after);
            assertTrue(sample(after, "parley_http_requests_total{status=\"2xx\"}") >= 13, after);
            assertTrue(after.contains("# TYPE parley_connections gauge"), after);
            assertTrue(after.contains("jvm_memory_used_bytes"), "the JVM's meters too");

            assertEquals(404, http.get("/api/no-such").status());
            String refused = http.get("/metrics").text();
            assertTrue(sample(refused, "parley_http_requests_total{status=\"4xx\"}") >= 1, refused);
            RawHttp.exchange(server.port(), "GET /api/users/..%2F HTTP/1.1\r\nHost: x\r\n\r\n");
            String belowJersey = http.get("/metrics").text();
            assertEquals(sample(refused, "parley_http_requests_total{status=\"4xx\"}") + 1,
                    sample(belowJersey, "parley_http_requests_total{status=\"4xx\"}"),
                    "a refusal below Jersey counts as well");
        }
    }

    @Test
    void aLiveWebSocketIsCountedAsAConnection() throws Exception {
        try (StandaloneServer server = StandaloneServer.create(config().build()).start()) {
            Http http = new Http(server.url());
            String token = http.login("bob");
            try (WsClient ws = WsClient.open(server.url(), token)) {
                ws.await(WsClient.type("welcome"));
                String text = http.get("/metrics").text();
                assertEquals(1.0, sample(text, "parley_connections"), text);
            }
        }
    }

    @Test
    void withAMetricsPortTheyAreServedThereAndNotOnTheMainPort() throws Exception {
        try (StandaloneServer server = StandaloneServer.create(config()
                .metrics(StandaloneConfig.Metrics.onPort(0)).build()).start()) {
            URI metrics = server.metricsUrl().orElseThrow();
            assertNotEquals(server.port(), metrics.getPort());
            assertEquals("127.0.0.1", metrics.getHost());
            Http main = new Http(server.url());
            Http.Reply onMain = main.get("/metrics");
            assertEquals(404, onMain.status(), onMain::toString);
            assertEquals("NOT_FOUND", onMain.object().getString("error"));

            Http side = new Http(metrics.resolve("/"));
            Http.Reply there = side.get("/metrics");
            assertEquals(200, there.status(), there::toString);
            assertTrue(there.text().contains("parley_messages_stored_total{kind=\"CHAT\"}"), there::text);
            Http.Reply elsewhere = side.get("/api/health");
            assertEquals(404, elsewhere.status(), "the metrics port serves nothing else");
            assertEquals("NOT_FOUND", elsewhere.object().getString("error"));
        }
    }

    @Test
    void metricsOffServeNothing() throws Exception {
        try (StandaloneServer server = StandaloneServer.create(config().metrics(StandaloneConfig.Metrics.off()).build()).start()) {
            assertTrue(server.metricsUrl().isEmpty());
            assertEquals(404, new Http(server.url()).get("/metrics").status());
        }
    }

    @Test
    void theMetricsPortMustDifferFromTheMainPort() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> config().port(8080).metrics(StandaloneConfig.Metrics.onPort(8080)).build());
        assertFalse(e.getMessage().isBlank());
    }
}
