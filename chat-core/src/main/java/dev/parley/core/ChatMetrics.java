package dev.parley.core;

import dev.parley.protocol.MessageKind;

import java.time.Duration;

/**
 * What an engine reports for monitoring: a listener made only of {@code default} no-op methods, set
 * with {@link Chat.Builder#metrics(ChatMetrics)}. chat-core counts nothing itself and knows no metrics
 * library; an implementation turns these calls into meters (chat-micrometer's {@code ParleyMeters}
 * does it for Micrometer) or log lines.
 *
 * <p>Threading: every method may be called from any engine or adapter thread at once, often on a hot
 * path (a fan-out, under a room's lock), so an implementation must be thread-safe, must not block
 * and must not throw. An exception it throws is not caught.
 *
 * <p>Lifecycle: {@link #bind} is called once, when the engine is built, before any other method;
 * the gauges it hands over answer until the engine is closed (then zero).
 */
public interface ChatMetrics {

    /** Reports nothing (the default). */
    static ChatMetrics none() {
        return NoMetrics.INSTANCE;
    }

    /**
     * The engine's current state, read when a monitoring system asks (not pushed on each change).
     * Thread-safe; each call counts without locking, so an answer may be a moment old.
     */
    interface Gauges {
        /** Live sessions (WebSocket connections) on this node. */
        int connections();

        /**
         * Room subscriptions of those sessions, the implicit ones (announcements, direct rooms)
         * included.
         */
        int subscriptions();
    }

    /** The engine is built: {@code gauges} answers for it from now on. */
    default void bind(Gauges gauges) {
    }

    /**
     * A room log entry was stored by this node (a message, an edit, a reaction...), {@code nanos}
     * after it was handed to the store: the store latency a sender waits for before the ack.
     */
    default void stored(MessageKind kind, long nanos) {
    }

    /** A store call failed after {@code nanos} (the entry was refused, not stored). */
    default void storeFailed(long nanos) {
    }

    /** A history page was read from the store for a replay ({@code subscribe ... since}) in {@code nanos}. */
    default void pageRead(long nanos) {
    }

    /** A stored entry was handed to {@code recipients} live sessions of this node (possibly 0). */
    default void delivered(int recipients) {
    }

    /** A connection was closed with 1013 because its outbound queue was full (a slow consumer). */
    default void slowConsumerDropped() {
    }

    /**
     * A replay ({@code subscribe ... since}) caught up and went live, having sent {@code messages}
     * entries from the store.
     */
    default void replayed(int messages) {
    }

    /**
     * A call was refused with {@code RATE_LIMITED}; {@code limit} names the limit: {@code "send"} (a
     * user's messages, edits, reactions and uploads) or {@code "login"} (failed logins of a username).
     */
    default void rateLimited(String limit) {
    }

    /**
     * A room log entry stored by another node of the cluster arrived here over the bus
     * {@code lag} after it was created (clock differences between nodes included).
     */
    default void busLag(Duration lag) {
    }

    /**
     * An adapter answered an HTTP request with {@code status} (the engine never calls this; the
     * adapters that serve HTTP do).
     */
    default void httpResponse(int status) {
    }
}

/** The default: every call does nothing. */
enum NoMetrics implements ChatMetrics {
    INSTANCE
}
