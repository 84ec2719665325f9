package dev.parley.micrometer;

import dev.parley.core.Chat;
import dev.parley.core.ChatConfig;
import dev.parley.core.ClientSession;
import dev.parley.core.spi.Connection;
import dev.parley.protocol.User;
import dev.parley.protocol.Visibility;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine's reports as Micrometer meters, read back from the registry and its Prometheus text. */
class ParleyMetersTest {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Chat chat = Chat.builder()
            .config(ChatConfig.builder().passwordHashCost(4).sendRate(1_000_000, 1_000_000).build())
            .metrics(ParleyMeters.on(registry))
            .build();

    @AfterEach
    void close() {
        chat.close();
        registry.close();
    }

    private static double stored(MeterRegistry registry, String kind) {
        return registry.get("parley.messages.stored").tag("kind", kind).counter().count();
    }

    @Test
    void tenMessagesSentMoveTheStoredCounterByTen() {
        User alice = chat.register("alice", "password-alice");
        chat.createRoom(alice, "lobby", Optional.empty(), Visibility.PUBLIC, List.of());
        double before = stored(registry, "CHAT");
        for (int i = 0; i < 10; i++) {
            chat.send(alice, "lobby", "hello " + i, Optional.empty());
        }
        assertEquals(before + 10, stored(registry, "CHAT"));
        assertEquals(10, registry.get("parley.store.latency").tag("op", "append").tag("outcome", "success")
                .timer().count(), "every append is timed");
        String text = registry.scrape();
        assertTrue(text.contains("parley_messages_stored_total{kind=\"CHAT\"} 10.0"), text);
        assertTrue(text.contains("parley_store_latency_seconds_count{op=\"append\",outcome=\"success\"} 10"), text);
    }

    @Test
    void theGaugesCountLiveConnections() throws Exception {
        User alice = chat.register("alice", "password-alice");
        CountDownLatch welcomed = new CountDownLatch(1);
        Connection connection = new Connection() {
            @Override
            public CompletionStage<?> send(String frame) {
                if (frame.contains("\"welcome\"")) {
                    welcomed.countDown();
                }
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public void close(int code, String reason) {
            }
        };
        ClientSession session = chat.connect(alice, Optional.empty(), connection);
        assertTrue(welcomed.await(10, TimeUnit.SECONDS));
        assertEquals(1.0, registry.get("parley.connections").gauge().value());
        assertTrue(registry.get("parley.subscriptions").gauge().value() >= 1, "the announcements, at least");
        assertTrue(registry.scrape().contains("parley_connections 1.0"));
        session.closed();
    }

    @Test
    void httpAnswersAreCountedByStatusClass() {
        ParleyMeters meters = ParleyMeters.on(registry);
        meters.httpResponse(200);
        meters.httpResponse(204);
        meters.httpResponse(404);
        meters.httpResponse(503);
        meters.httpResponse(99); // not a status: ignored
        assertEquals(2, registry.get("parley.http.requests").tag("status", "2xx").counter().count());
        assertEquals(1, registry.get("parley.http.requests").tag("status", "4xx").counter().count());
        assertEquals(1, registry.get("parley.http.requests").tag("status", "5xx").counter().count());
        assertEquals(0, registry.get("parley.http.requests").tag("status", "3xx").counter().count());
    }
}
