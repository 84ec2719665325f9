package dev.parley.core.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that stands still until a test steps it, so token expiry and rate limits are tested
 * without sleeping. Starts on a whole second, so JWT expiry (whole seconds) is exact. Thread-safe.
 */
final class MutableClock extends Clock {
    static final Instant START = Instant.parse("2025-03-01T12:00:00Z");

    private final AtomicReference<Instant> now;

    MutableClock() {
        this(START);
    }

    MutableClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    /** Moves time forward (or back, with a negative step). */
    void advance(Duration step) {
        now.updateAndGet(t -> t.plus(step));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        if (!ZoneOffset.UTC.equals(zone)) {
            throw new UnsupportedOperationException("a MutableClock runs in UTC only");
        }
        return this;
    }
}
