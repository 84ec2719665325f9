package dev.parley.client.internal;

import dev.parley.client.ReconnectPolicy;

import java.time.Duration;

/** The wait before a reconnect attempt under a {@link ReconnectPolicy}. */
final class Backoff {

    private Backoff() {
    }

    /**
     * The wait before attempt {@code attempt} (1 for the first after a drop): the initial backoff
     * doubled per earlier attempt, capped at the maximum, then shortened by {@code random * jitter}
     * of itself so that clients dropped together spread out.
     *
     * @param random a uniform value in [0, 1)
     */
    static Duration delay(ReconnectPolicy policy, int attempt, double random) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be >= 1, got " + attempt);
        }
        long initial = policy.initialBackoff().toNanos();
        long max = policy.maxBackoff().toNanos();
        long base = initial;
        // Doubling stops at the cap, so a thousandth attempt neither overflows nor loops long.
        for (int i = 1; i < attempt && base < max; i++) {
            base = base > max / 2 ? max : base * 2;
        }
        base = Math.min(base, max);
        long jittered = base - (long) (base * policy.jitter() * random);
        return Duration.ofNanos(Math.max(jittered, 1));
    }
}
