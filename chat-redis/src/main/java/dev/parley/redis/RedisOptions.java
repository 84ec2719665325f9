package dev.parley.redis;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * How a node joins a Redis-backed cluster. Build with {@link #builder(String)}; {@link Builder#build()}
 * refuses a bad value with an {@link IllegalArgumentException} naming it.
 *
 * @param uri            the Redis server, {@code redis://[user:password@]host:port[/database]} ({@code rediss://} for TLS)
 * @param nodeName       this node's name in logs and Redis' client list ({@code [A-Za-z0-9_.-]}, 1..64); need not be unique
 * @param presenceTtl    how long after its death a node's users are reported offline at the latest (default 10 s)
 * @param keyPrefix      prefix of every Redis key and of the channel, so clusters can share a Redis (default {@code parley})
 * @param commandTimeout longest wait for one Redis command, and for connecting (default 2 s)
 */
public record RedisOptions(String uri, String nodeName, Duration presenceTtl, String keyPrefix, Duration commandTimeout) {

    public RedisOptions {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(nodeName, "nodeName");
        Objects.requireNonNull(presenceTtl, "presenceTtl");
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        Objects.requireNonNull(commandTimeout, "commandTimeout");
        String scheme;
        try {
            URI parsed = new URI(uri);
            scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
            if (parsed.getHost() == null) {
                throw new IllegalArgumentException("uri must name a host, got \"" + uri + "\"");
            }
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("uri is not a URI: \"" + uri + "\" (" + e.getReason() + ")");
        }
        if (!scheme.equals("redis") && !scheme.equals("rediss")) {
            throw new IllegalArgumentException("uri must start with redis:// or rediss://, got \"" + uri + "\"");
        }
        if (!nodeName.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw new IllegalArgumentException("nodeName must be 1..64 of [A-Za-z0-9_.-], got \"" + nodeName + "\"");
        }
        if (presenceTtl.compareTo(Duration.ofSeconds(1)) < 0 || presenceTtl.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("presenceTtl must be between 1 s and 1 h, got " + presenceTtl);
        }
        if (!keyPrefix.matches("[A-Za-z0-9_.:-]{1,64}")) {
            throw new IllegalArgumentException("keyPrefix must be 1..64 of [A-Za-z0-9_.:-], got \"" + keyPrefix + "\"");
        }
        if (commandTimeout.compareTo(Duration.ofMillis(100)) < 0 || commandTimeout.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("commandTimeout must be between 100 ms and 1 min, got " + commandTimeout);
        }
    }

    /** A builder for the given Redis URI, with the defaults and node name {@code node}. */
    public static Builder builder(String uri) {
        return new Builder(uri);
    }

    /** The URI with any password masked, for messages and logs. */
    public String safeUri() {
        return uri.replaceAll("//([^:@/]*):[^@/]*@", "//$1:***@");
    }

    /** Builds {@link RedisOptions}; not thread-safe. */
    public static final class Builder {
        private final String uri;
        private String nodeName = "node";
        private Duration presenceTtl = Duration.ofSeconds(10);
        private String keyPrefix = "parley";
        private Duration commandTimeout = Duration.ofSeconds(2);

        private Builder(String uri) {
            this.uri = uri;
        }

        public Builder nodeName(String value) {
            this.nodeName = value;
            return this;
        }

        public Builder presenceTtl(Duration value) {
            this.presenceTtl = value;
            return this;
        }

        public Builder keyPrefix(String value) {
            this.keyPrefix = value;
            return this;
        }

        public Builder commandTimeout(Duration value) {
            this.commandTimeout = value;
            return this;
        }

        /** Validates and builds. */
        public RedisOptions build() {
            return new RedisOptions(uri, nodeName, presenceTtl, keyPrefix, commandTimeout);
        }
    }
}
