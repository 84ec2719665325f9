package dev.parley.client.internal;

/**
 * Opens live connections to the server's {@code /ws}. The seam between {@link Session}'s logic and
 * the network, so that the logic is tested against a scripted fake.
 */
interface Transport {

    /**
     * Starts opening a connection authenticated with {@code token}. Returns at once; the outcome
     * reaches {@code listener}: {@link Listener#onOpen()}, then texts, then exactly one of
     * {@link Listener#onClosed} or {@link Listener#onFailure} (which may also come instead of onOpen).
     */
    Link open(String token, Listener listener);

    /** One connection. Methods never block and may be called from any thread. */
    interface Link {
        /** Queues a text frame; frames go out in call order. Ignored once the link is closed. */
        void send(String text);

        /** Closes normally (1000) after the queued frames. */
        void close();

        /** Drops the connection at once, as a network failure would. */
        void abort();

        /**
         * This link's server failed (refused, dropped or went silent): the next {@link #open} goes
         * to the next server of the list, if there is one and nobody moved already.
         */
        default void avoidServer() {
        }
    }

    /** Events of one connection, delivered one at a time. */
    interface Listener {
        void onOpen();

        /** One whole text frame. */
        void onText(String text);

        /** The server closed the connection with a WebSocket close code. */
        void onClosed(int code, String reason);

        /** The connection failed or could not be opened; {@link HandshakeRefused} for an HTTP refusal. */
        void onFailure(Throwable error);
    }

    /** The server answered the handshake with an HTTP status instead of upgrading (401 for a bad token). */
    final class HandshakeRefused extends Exception {
        private static final long serialVersionUID = 1L;
        private final int status;

        HandshakeRefused(int status) {
            super("handshake refused with HTTP " + status);
            this.status = status;
        }

        int status() {
            return status;
        }
    }
}
