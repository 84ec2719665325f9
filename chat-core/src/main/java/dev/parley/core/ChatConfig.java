package dev.parley.core;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * Limits and policies of a chat engine. Build one with {@link #builder()}; every value has a
 * default, and {@link Builder#build()} refuses a bad one with a message that names it.
 *
 * @param maxTextLength        most characters in a message text (default 4000)
 * @param maxUploadBytes       largest file accepted for sharing (default 10 MiB)
 * @param retention            keep at most this many messages per room; empty for unlimited (the default)
 * @param tokenTtl             lifetime of a login token (default 24 hours)
 * @param admins               usernames that are server admins (compared without case)
 * @param sendsPerSecond       sustained sends per user per second (default 20)
 * @param sendBurst            sends a user may make at once before the sustained rate applies (default 200)
 * @param loginFailureBurst    failed logins allowed per username before it is rate-limited (default 10)
 * @param loginFailureRefill   time after which one more failed login is allowed again (default 30 s)
 * @param outboundQueueLimit   frames queued for one connection before it is closed with 1013 (default 1024)
 * @param maxFrameBytes        largest WebSocket frame accepted from a client (default 64 KiB)
 * @param maxEventsWait        longest hold of a long-polling request (default 30 s)
 * @param nodeId               this node's number, 0..31, part of every message id (default 0)
 * @param passwordHashCost     bcrypt cost factor, 4..31 (default 10: about 50-100 ms a hash; tests use 4)
 * @param adminRole            the role of the host's container whose principals are server admins too
 *                             (default {@value #DEFAULT_ADMIN_ROLE}); see {@link Chat#principal(String, java.util.function.Predicate)}
 */
public record ChatConfig(int maxTextLength, long maxUploadBytes, OptionalInt retention, Duration tokenTtl,
                         Set<String> admins, double sendsPerSecond, int sendBurst, int loginFailureBurst,
                         Duration loginFailureRefill, int outboundQueueLimit, int maxFrameBytes,
                         Duration maxEventsWait, int nodeId, int passwordHashCost, String adminRole) {

    /** The container role of server admins unless configured otherwise. */
    public static final String DEFAULT_ADMIN_ROLE = "parley-admin";

    public ChatConfig {
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(tokenTtl, "tokenTtl");
        Objects.requireNonNull(loginFailureRefill, "loginFailureRefill");
        Objects.requireNonNull(maxEventsWait, "maxEventsWait");
        TreeSet<String> lower = new TreeSet<>();
        for (String a : Objects.requireNonNull(admins, "admins")) {
            lower.add(a.toLowerCase(Locale.ROOT));
        }
        admins = Set.copyOf(lower);
        requirePositive("maxTextLength", maxTextLength);
        requirePositive("maxUploadBytes", maxUploadBytes);
        if (retention.isPresent()) {
            requirePositive("retention", retention.getAsInt());
        }
        if (tokenTtl.isNegative() || tokenTtl.isZero()) {
            throw new IllegalArgumentException("tokenTtl must be positive, got " + tokenTtl);
        }
        if (!(sendsPerSecond > 0) || Double.isInfinite(sendsPerSecond)) {
            throw new IllegalArgumentException("sendsPerSecond must be a positive number, got " + sendsPerSecond);
        }
        requirePositive("sendBurst", sendBurst);
        requirePositive("loginFailureBurst", loginFailureBurst);
        if (loginFailureRefill.isNegative() || loginFailureRefill.isZero()) {
            throw new IllegalArgumentException("loginFailureRefill must be positive, got " + loginFailureRefill);
        }
        requirePositive("outboundQueueLimit", outboundQueueLimit);
        if (maxFrameBytes < 1024) {
            throw new IllegalArgumentException("maxFrameBytes must be at least 1024, got " + maxFrameBytes);
        }
        if (maxEventsWait.isNegative() || maxEventsWait.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("maxEventsWait must be between 0 and 5 minutes, got " + maxEventsWait);
        }
        if (nodeId < 0 || nodeId > 31) {
            throw new IllegalArgumentException("nodeId must be between 0 and 31, got " + nodeId);
        }
        if (passwordHashCost < 4 || passwordHashCost > 31) {
            throw new IllegalArgumentException("passwordHashCost must be between 4 and 31, got " + passwordHashCost);
        }
        if (adminRole == null || adminRole.isBlank() || !adminRole.strip().equals(adminRole)) {
            throw new IllegalArgumentException("adminRole must be a role name without surrounding white space, got '"
                    + adminRole + "'");
        }
    }

    private static void requirePositive(String name, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }

    /** The defaults. */
    public static ChatConfig defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.maxTextLength = maxTextLength;
        b.maxUploadBytes = maxUploadBytes;
        b.retention = retention;
        b.tokenTtl = tokenTtl;
        b.admins = new TreeSet<>(admins);
        b.sendsPerSecond = sendsPerSecond;
        b.sendBurst = sendBurst;
        b.loginFailureBurst = loginFailureBurst;
        b.loginFailureRefill = loginFailureRefill;
        b.outboundQueueLimit = outboundQueueLimit;
        b.maxFrameBytes = maxFrameBytes;
        b.maxEventsWait = maxEventsWait;
        b.nodeId = nodeId;
        b.passwordHashCost = passwordHashCost;
        b.adminRole = adminRole;
        return b;
    }

    /** Whether {@code username} is a server admin. */
    public boolean isAdmin(String username) {
        return admins.contains(username.toLowerCase(Locale.ROOT));
    }

    /** Builds a {@link ChatConfig}; not thread-safe. */
    public static final class Builder {
        private int maxTextLength = 4000;
        private long maxUploadBytes = 10L * 1024 * 1024;
        private OptionalInt retention = OptionalInt.empty();
        private Duration tokenTtl = Duration.ofHours(24);
        private Set<String> admins = new TreeSet<>();
        private double sendsPerSecond = 20;
        private int sendBurst = 200;
        private int loginFailureBurst = 10;
        private Duration loginFailureRefill = Duration.ofSeconds(30);
        private int outboundQueueLimit = 1024;
        private int maxFrameBytes = 64 * 1024;
        private Duration maxEventsWait = Duration.ofSeconds(30);
        private int nodeId;
        private int passwordHashCost = 10;
        private String adminRole = DEFAULT_ADMIN_ROLE;

        private Builder() {
        }

        public Builder maxTextLength(int value) {
            this.maxTextLength = value;
            return this;
        }

        public Builder maxUploadBytes(long value) {
            this.maxUploadBytes = value;
            return this;
        }

        /** Keep at most {@code messagesPerRoom} messages in each room. */
        public Builder retention(int messagesPerRoom) {
            this.retention = OptionalInt.of(messagesPerRoom);
            return this;
        }

        /** Keep every message (the default). */
        public Builder unlimitedRetention() {
            this.retention = OptionalInt.empty();
            return this;
        }

        public Builder tokenTtl(Duration value) {
            this.tokenTtl = value;
            return this;
        }

        /** Adds a server admin. */
        public Builder admin(String username) {
            this.admins.add(Objects.requireNonNull(username, "username"));
            return this;
        }

        /** Replaces the set of server admins. */
        public Builder admins(Set<String> usernames) {
            this.admins = new TreeSet<>(usernames);
            return this;
        }

        public Builder sendRate(double sendsPerSecond, int burst) {
            this.sendsPerSecond = sendsPerSecond;
            this.sendBurst = burst;
            return this;
        }

        public Builder loginFailureLimit(int burst, Duration refill) {
            this.loginFailureBurst = burst;
            this.loginFailureRefill = refill;
            return this;
        }

        public Builder outboundQueueLimit(int frames) {
            this.outboundQueueLimit = frames;
            return this;
        }

        public Builder maxFrameBytes(int bytes) {
            this.maxFrameBytes = bytes;
            return this;
        }

        public Builder maxEventsWait(Duration value) {
            this.maxEventsWait = value;
            return this;
        }

        public Builder nodeId(int value) {
            this.nodeId = value;
            return this;
        }

        public Builder passwordHashCost(int value) {
            this.passwordHashCost = value;
            return this;
        }

        /** The role of the host's container whose principals are server admins (default {@value #DEFAULT_ADMIN_ROLE}). */
        public Builder adminRole(String role) {
            this.adminRole = role;
            return this;
        }

        /** Validates and builds; {@link IllegalArgumentException} naming the first bad value. */
        public ChatConfig build() {
            return new ChatConfig(maxTextLength, maxUploadBytes, retention, tokenTtl, admins, sendsPerSecond,
                    sendBurst, loginFailureBurst, loginFailureRefill, outboundQueueLimit, maxFrameBytes,
                    maxEventsWait, nodeId, passwordHashCost, adminRole);
        }
    }
}
