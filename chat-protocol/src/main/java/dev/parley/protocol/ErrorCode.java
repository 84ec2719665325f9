package dev.parley.protocol;

/**
 * The error codes of the wire contract, each with the HTTP status it answers with.
 * Every refusal in Parley carries exactly one of these, over HTTP and over the WebSocket.
 */
public enum ErrorCode {
    BAD_REQUEST(400),
    UNAUTHORIZED(401),
    FORBIDDEN(403),
    NOT_FOUND(404),
    CONFLICT(409),
    TOO_LARGE(413),
    RATE_LIMITED(429),
    INTERNAL(500),
    UNAVAILABLE(503);

    private final int httpStatus;

    ErrorCode(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    /** The HTTP status code that goes with this error. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The code for an HTTP status, {@link #INTERNAL} for one the contract does not name. */
    public static ErrorCode forHttpStatus(int status) {
        for (ErrorCode c : values()) {
            if (c.httpStatus == status) {
                return c;
            }
        }
        return status >= 400 && status < 500 ? BAD_REQUEST : INTERNAL;
    }
}
