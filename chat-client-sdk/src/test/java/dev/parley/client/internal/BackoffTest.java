package dev.parley.client.internal;

import dev.parley.client.ReconnectPolicy;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackoffTest {
    private final ReconnectPolicy noJitter = ReconnectPolicy.builder()
            .initialBackoff(Duration.ofMillis(100)).maxBackoff(Duration.ofSeconds(2)).jitter(0).build();

    @Test
    void firstAttemptWaitsTheInitialBackoff() {
        assertEquals(Duration.ofMillis(100), Backoff.delay(noJitter, 1, 0.7));
    }

    @Test
    void waitDoublesPerAttemptUpToTheMaximum() {
        assertEquals(Duration.ofMillis(200), Backoff.delay(noJitter, 2, 0));
        assertEquals(Duration.ofMillis(400), Backoff.delay(noJitter, 3, 0));
        assertEquals(Duration.ofMillis(1600), Backoff.delay(noJitter, 5, 0));
        assertEquals(Duration.ofSeconds(2), Backoff.delay(noJitter, 6, 0));
        assertEquals(Duration.ofSeconds(2), Backoff.delay(noJitter, 1_000_000, 0));
    }

    @Test
    void jitterShortensTheWaitByAtMostItsShare() {
        ReconnectPolicy half = ReconnectPolicy.builder()
                .initialBackoff(Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(8)).jitter(0.5).build();
        assertEquals(Duration.ofSeconds(4), Backoff.delay(half, 3, 0));
        assertEquals(Duration.ofSeconds(3), Backoff.delay(half, 3, 0.5));
        Duration shortest = Backoff.delay(half, 3, 0.999_999);
        assertTrue(shortest.compareTo(Duration.ofSeconds(2)) >= 0 && shortest.compareTo(Duration.ofMillis(2001)) < 0,
                "got " + shortest);
    }

    @Test
    void attemptsCountFromOne() {
        assertThrows(IllegalArgumentException.class, () -> Backoff.delay(noJitter, 0, 0));
    }

    @Test
    void policyRefusesBadValuesNamingThem() {
        IllegalArgumentException max = assertThrows(IllegalArgumentException.class, () -> ReconnectPolicy.builder()
                .initialBackoff(Duration.ofSeconds(5)).maxBackoff(Duration.ofSeconds(1)).build());
        assertTrue(max.getMessage().contains("maxBackoff"), max.getMessage());
        IllegalArgumentException jitter = assertThrows(IllegalArgumentException.class,
                () -> ReconnectPolicy.builder().jitter(1.5).build());
        assertTrue(jitter.getMessage().contains("jitter"), jitter.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ReconnectPolicy.builder().maxAttempts(-1).build());
        assertThrows(IllegalArgumentException.class, () -> ReconnectPolicy.builder().initialBackoff(Duration.ZERO).build());
    }

    @Test
    void defaultsNeverGiveUpAndDisabledNeverRetries() {
        assertTrue(ReconnectPolicy.defaults().maxAttempts().isEmpty());
        assertEquals(0, ReconnectPolicy.disabled().maxAttempts().getAsInt());
    }
}
