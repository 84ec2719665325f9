package dev.parley.core.spi;

import java.util.concurrent.CompletionStage;

/**
 * One live client connection, as an adapter (a WebSocket endpoint, a test) gives it to the
 * engine. The engine owns the outbound queue: it calls {@link #send} with at most one send
 * outstanding at a time and waits for its stage to complete before the next, so an
 * implementation may map it directly onto an asynchronous WebSocket send.
 *
 * <p>Threading: {@code send} and {@code close} are called from engine threads and from the
 * threads that complete earlier sends; neither may block.
 */
public interface Connection {

    /**
     * Starts sending one already-encoded text frame.
     *
     * @param frame the JSON text of the frame
     * @return a stage completed when the frame is written, or exceptionally when it cannot be
     */
    CompletionStage<?> send(String frame);

    /**
     * Starts sending one frame that the engine may hand to many connections at once (every
     * subscriber of a room gets the same instance). The default sends its text; an adapter that
     * can write pre-encoded bytes overrides it and encodes once per frame with
     * {@link OutboundFrame#encoded}.
     *
     * @param frame the frame
     * @return a stage completed when the frame is written, or exceptionally when it cannot be
     */
    default CompletionStage<?> send(OutboundFrame frame) {
        return send(frame.text());
    }

    /**
     * Closes the connection with a WebSocket close code (1001 going away, 1008 policy, 1011
     * error, 1013 try again later) and a short reason. Calling it more than once is harmless.
     */
    void close(int code, String reason);
}
