package dev.parley.core.spi;

import java.util.Objects;
import java.util.function.Function;

/**
 * One encoded server frame on its way to one or more connections. The engine encodes a frame once
 * and hands the same instance to every recipient (all subscribers of a room get the same message
 * frame), so an adapter can also do its own per-frame work once: {@link #encoded} computes the
 * frame's wire form on the first recipient's send and hands the same value to the others.
 *
 * <p>Thread-safe. Two connections asking at the same moment may both compute the wire form; both
 * results are equal and one of them is kept.
 */
public final class OutboundFrame {
    private final String text;
    /** The wire form and the function that made it, published together. */
    private volatile Encoded<?> encoded;

    private record Encoded<T>(Function<? super OutboundFrame, ? extends T> encoder, T value) {
    }

    private OutboundFrame(String text) {
        this.text = Objects.requireNonNull(text, "text");
    }

    /**
     * @param text the JSON text of the frame
     * @return a frame with nothing computed for it yet
     */
    public static OutboundFrame of(String text) {
        return new OutboundFrame(text);
    }

    /** @return the JSON text of the frame */
    public String text() {
        return text;
    }

    /**
     * The frame's wire form as {@code encoder} makes it, computed once per frame and shared by every
     * connection that passes the same encoder (keep it in a constant). A frame remembers one
     * encoder's result: with a different encoder the value is computed and not kept.
     *
     * @param encoder a pure function of the frame (its result must not depend on the connection)
     * @param <T>     the wire form's type; share it read-only (a {@code ByteBuffer} must be duplicated)
     * @return the wire form
     */
    @SuppressWarnings("unchecked")
    public <T> T encoded(Function<? super OutboundFrame, ? extends T> encoder) {
        Encoded<?> kept = encoded;
        if (kept != null && kept.encoder() == encoder) {
            return (T) kept.value();
        }
        T value = encoder.apply(this);
        if (kept == null) {
            encoded = new Encoded<>(encoder, value);
        }
        return value;
    }

    @Override
    public String toString() {
        return text;
    }
}
