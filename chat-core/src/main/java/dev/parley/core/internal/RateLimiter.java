package dev.parley.core.internal;

import dev.parley.protocol.ChatException;
import dev.parley.protocol.InputRules;
import dev.parley.protocol.User;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets keyed by a string (a username): {@code burst} permits at most, refilled at
 * {@code perSecond}. Time comes from the engine's clock, so tests step it instead of sleeping.
 */
final class RateLimiter {
    private final Clock clock;
    private final double perSecond;
    private final double burst;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    /** Told of each refusal (for the metrics): a send refused, or a login found over its limit. */
    private final Runnable refused;

    RateLimiter(Clock clock, double perSecond, int burst, Runnable refused) {
        this.clock = clock;
        this.perSecond = perSecond;
        this.burst = burst;
        this.refused = refused;
    }

    /** Takes a permit if one is available. */
    boolean tryAcquire(String key) {
        return bucket(key).take(clock.millis(), true);
    }

    /** Takes a permit of the user's sends (messages, edits, reactions, uploads), or refuses with RATE_LIMITED. */
    void acquireSend(User caller) {
        if (!tryAcquire(InputRules.key(caller.username()))) {
            refused.run();
            throw ChatException.rateLimited("sending too fast, slow down");
        }
    }

    /** Whether a permit is available, without taking it; the caller refuses when it is not, which counts as a refusal. */
    boolean available(String key) {
        Bucket b = buckets.get(key);
        boolean available = b == null || b.take(clock.millis(), false);
        if (!available) {
            refused.run();
        }
        return available;
    }

    private Bucket bucket(String key) {
        return buckets.computeIfAbsent(key, k -> new Bucket(burst, clock.millis()));
    }

    private final class Bucket {
        private double tokens;
        private long lastMillis;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.lastMillis = now;
        }

        synchronized boolean take(long now, boolean consume) {
            if (now > lastMillis) {
                tokens = Math.min(burst, tokens + (now - lastMillis) * perSecond / 1000.0);
                lastMillis = now;
            }
            if (tokens < 1) {
                return false;
            }
            if (consume) {
                tokens -= 1;
            }
            return true;
        }
    }
}
