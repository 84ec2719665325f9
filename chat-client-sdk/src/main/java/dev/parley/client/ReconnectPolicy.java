package dev.parley.client;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * How a {@link ChatClient} reconnects after its connection drops: exponential backoff from
 * {@code initialBackoff}, doubling per failed attempt up to {@code maxBackoff}, each wait shortened
 * by a random share of up to {@code jitter} so that many clients dropped together do not return
 * together. The first attempt after a drop waits {@code initialBackoff} (jittered).
 *
 * <p>After {@code maxAttempts} consecutive failed attempts the client gives up and is
 * {@link ConnectionState#CLOSED}; empty means never give up. A successful connection resets the count.
 * Immutable; build one with {@link #builder()}, or take {@link #defaults()} or {@link #disabled()}.
 *
 * @param initialBackoff wait before the first attempt, positive
 * @param maxBackoff     longest wait, at least {@code initialBackoff}
 * @param jitter         share of each wait that is random, 0 (none) to 1
 * @param maxAttempts    consecutive attempts before giving up; empty for unlimited
 */
public record ReconnectPolicy(Duration initialBackoff, Duration maxBackoff, double jitter, OptionalInt maxAttempts) {

    public ReconnectPolicy {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(maxAttempts, "maxAttempts");
        if (initialBackoff.isNegative() || initialBackoff.isZero()) {
            throw new IllegalArgumentException("initialBackoff must be positive, got " + initialBackoff);
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff (" + maxBackoff + ") must be at least initialBackoff ("
                    + initialBackoff + ")");
        }
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("jitter must be between 0 and 1, got " + jitter);
        }
        if (maxAttempts.isPresent() && maxAttempts.getAsInt() < 0) {
            throw new IllegalArgumentException("maxAttempts must be >= 0, got " + maxAttempts.getAsInt());
        }
    }

    /** 250 ms doubling up to 30 s, half of each wait random, never giving up. */
    public static ReconnectPolicy defaults() {
        return builder().build();
    }

    /** Never reconnect: a dropped connection closes the client. */
    public static ReconnectPolicy disabled() {
        return builder().maxAttempts(0).build();
    }

    /** A builder starting from the {@link #defaults()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link ReconnectPolicy}; not thread-safe. */
    public static final class Builder {
        private Duration initialBackoff = Duration.ofMillis(250);
        private Duration maxBackoff = Duration.ofSeconds(30);
        private double jitter = 0.5;
        private OptionalInt maxAttempts = OptionalInt.empty();

        private Builder() {
        }

        /** Wait before the first attempt after a drop (default 250 ms). */
        public Builder initialBackoff(Duration value) {
            this.initialBackoff = value;
            return this;
        }

        /** Longest wait between attempts (default 30 s). */
        public Builder maxBackoff(Duration value) {
            this.maxBackoff = value;
            return this;
        }

        /** Share of each wait that is random, 0 to 1 (default 0.5). */
        public Builder jitter(double value) {
            this.jitter = value;
            return this;
        }

        /** Give up after this many consecutive failed attempts; 0 disables reconnecting. */
        public Builder maxAttempts(int value) {
            this.maxAttempts = OptionalInt.of(value);
            return this;
        }

        /** Never give up (the default). */
        public Builder unlimitedAttempts() {
            this.maxAttempts = OptionalInt.empty();
            return this;
        }

        /** @throws IllegalArgumentException naming the bad value */
        public ReconnectPolicy build() {
            return new ReconnectPolicy(initialBackoff, maxBackoff, jitter, maxAttempts);
        }
    }
}
