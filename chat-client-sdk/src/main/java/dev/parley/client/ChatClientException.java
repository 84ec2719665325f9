package dev.parley.client;

import dev.parley.protocol.ChatException;
import dev.parley.protocol.ErrorCode;

import java.util.OptionalInt;

/**
 * A request the server refused, or one that could not reach it.
 *
 * <p>{@link #code()} is the contract's {@link ErrorCode} and {@link #getMessage()} the server's
 * message, taken from an HTTP error body {@code {"error","message"}} or a WebSocket {@code error}
 * frame. When the server could not be reached at all (refused connection, timeout, the client was
 * closed before an answer), the code is {@link ErrorCode#UNAVAILABLE} and the cause is the
 * underlying exception.
 */
public final class ChatClientException extends ChatException {
    private static final long serialVersionUID = 1L;

    private final int httpStatus;

    /**
     * @param code       the contract code
     * @param message    the server's message, or a description of what failed
     * @param httpStatus the HTTP status, or 0 when the refusal did not come over HTTP
     * @param cause      the underlying exception, or null
     */
    public ChatClientException(ErrorCode code, String message, int httpStatus, Throwable cause) {
        super(code, message, cause);
        this.httpStatus = httpStatus;
    }

    /** The HTTP status of the refusal; empty for an error frame or a failure to reach the server. */
    public OptionalInt httpStatus() {
        return httpStatus == 0 ? OptionalInt.empty() : OptionalInt.of(httpStatus);
    }
}
