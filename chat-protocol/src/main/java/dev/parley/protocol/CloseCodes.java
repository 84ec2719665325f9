package dev.parley.protocol;

/** The WebSocket close codes the contract uses, and what each means for a Parley client. */
public final class CloseCodes {
    /** The server is going away (shutdown, undeploy); reconnect elsewhere or later. */
    public static final int GOING_AWAY = 1001;
    /** The connection is refused for a reason of policy: no or a revoked token; do not retry with it. */
    public static final int POLICY_VIOLATION = 1008;
    /** An unexpected server error; reconnect and resume. */
    public static final int SERVER_ERROR = 1011;
    /** The client fell too far behind (its outbound queue overflowed); reconnect and resume with {@code since}. */
    public static final int TRY_AGAIN_LATER = 1013;

    private CloseCodes() {
    }
}
