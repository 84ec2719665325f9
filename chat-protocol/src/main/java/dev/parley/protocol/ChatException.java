package dev.parley.protocol;

import java.util.Objects;

/**
 * A refusal by the chat engine: a contract {@link ErrorCode} and a message fit to show a user.
 * Adapters translate it one-to-one into an HTTP error body or a WebSocket error frame; the
 * message never contains a stack trace or internal detail.
 */
public class ChatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public ChatException(ErrorCode code, String message) {
        super(Objects.requireNonNull(message, "message"));
        this.code = Objects.requireNonNull(code, "code");
    }

    public ChatException(ErrorCode code, String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    /** The contract code of this refusal. */
    public ErrorCode code() {
        return code;
    }

    public static ChatException badRequest(String message) {
        return new ChatException(ErrorCode.BAD_REQUEST, message);
    }

    public static ChatException unauthorized(String message) {
        return new ChatException(ErrorCode.UNAUTHORIZED, message);
    }

    public static ChatException forbidden(String message) {
        return new ChatException(ErrorCode.FORBIDDEN, message);
    }

    public static ChatException notFound(String message) {
        return new ChatException(ErrorCode.NOT_FOUND, message);
    }

    public static ChatException conflict(String message) {
        return new ChatException(ErrorCode.CONFLICT, message);
    }

    public static ChatException tooLarge(String message) {
        return new ChatException(ErrorCode.TOO_LARGE, message);
    }

    public static ChatException rateLimited(String message) {
        return new ChatException(ErrorCode.RATE_LIMITED, message);
    }

    public static ChatException unavailable(String message, Throwable cause) {
        return new ChatException(ErrorCode.UNAVAILABLE, message, cause);
    }
}
