package dev.parley.standalone;

import dev.parley.core.ChatConfig;
import dev.parley.jakarta.internal.edge.Origins;
import dev.parley.jakarta.jpa.SchemaMode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Collection;

/**
 * Everything a {@link StandaloneServer} needs to know: where to listen, where to keep its data,
 * the engine's limits and which foreign web origins may call it. Build one with
 * {@link #builder()}; every value has a default, and {@link Builder#build()} refuses a bad one
 * with an {@link IllegalArgumentException} naming it.
 *
 * @param host         the address to listen on (default {@code 127.0.0.1}; {@code 0.0.0.0} for every interface)
 * @param port         the port (default 8080; 0 picks a free one, see {@link StandaloneServer#port()})
 * @param dataDir      the directory for the embedded database and shared files (default {@code ./parley-data})
 * @param storage      where users, rooms, messages and tokens live (default {@link Storage.Embedded})
 * @param chat         the engine's limits: upload size, admins, retention, token lifetime and the rest
 * @param corsOrigins  web origins (such as {@code https://app.example.com}) allowed to call the REST API
 *                     and open WebSockets from their pages; {@code *} allows any. The server's own pages
 *                     are always allowed. None by default
 * @param pingInterval how often the server pings each WebSocket client to find dead peers (default 30 s);
 *                     a client that answers none of two pings in a row is disconnected
 * @param cluster      the Redis-backed cluster this server is a node of; empty (the default) for a server
 *                     on its own. A node's {@code chat().nodeId()} is replaced by the one it takes at start
 * @param metrics      where {@code GET /metrics} (Prometheus text format) is served: on the main port (the
 *                     default), on a port of its own, or not at all
 * @param tls          the PEM certificate chain and private key to serve HTTPS and {@code wss://} with, on the
 *                     same port; empty (the default) for plain HTTP
 * @param schema       what the JPA stores do with the database's schema at start: migrate it to this release's
 *                     version (the default) or only validate it, refusing to start when a migration is pending
 */
public record StandaloneConfig(String host, int port, Path dataDir, Storage storage, ChatConfig chat,
                               List<String> corsOrigins, Duration pingInterval, Optional<Cluster> cluster,
                               Metrics metrics, Optional<Tls> tls, SchemaMode schema) {

    /** The default port. */
    public static final int DEFAULT_PORT = 8080;
    /** The default data directory, relative to the working directory. */
    public static final Path DEFAULT_DATA_DIR = Path.of("parley-data");

    public StandaloneConfig {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
        }
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(chat, "chat");
        corsOrigins = List.copyOf(corsOrigins);
        for (String origin : corsOrigins) {
            checkOrigin(origin);
        }
        Objects.requireNonNull(pingInterval, "pingInterval");
        if (pingInterval.isNegative() || pingInterval.isZero()) {
            throw new IllegalArgumentException("pingInterval must be positive, got " + pingInterval);
        }
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(schema, "schema");
        if (metrics.port().isPresent() && metrics.port().getAsInt() != 0 && metrics.port().getAsInt() == port) {
            throw new IllegalArgumentException("the metrics port must differ from the main port " + port
                    + " (leave it out to serve /metrics on the main port)");
        }
        if (cluster.isPresent() && storage instanceof Storage.InMemory) {
            throw new IllegalArgumentException("the nodes of a cluster share one database: give a database URL "
                    + "(e.g. jdbc:postgresql://...), not in-memory storage");
        }
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The default configuration: 127.0.0.1:8080, data under {@code ./parley-data}. */
    public static StandaloneConfig defaults() {
        return builder().build();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.host = host;
        b.port = port;
        b.dataDir = dataDir;
        b.storage = storage;
        b.chat = chat.toBuilder();
        b.corsOrigins = new ArrayList<>(corsOrigins);
        b.pingInterval = pingInterval;
        b.cluster = cluster.orElse(null);
        b.metrics = metrics;
        b.tls = tls.orElse(null);
        b.schema = schema;
        return b;
    }

    /** The directory shared files are kept in: {@code <dataDir>/files}. */
    public Path filesDir() {
        return dataDir.resolve("files");
    }

    /** The origins are checked by the rule chat-jakarta's edge applies to every list of origins. */
    private static void checkOrigin(String origin) {
        Objects.requireNonNull(origin, "corsOrigins contains null");
        Origins.problem(origin).ifPresent(problem -> {
            throw new IllegalArgumentException("bad CORS origin '" + origin + "' (" + problem + ")");
        });
    }

    /**
     * Membership in a cluster of Parley servers joined through Redis (chat-redis): every node
     * shares one database ({@link Storage.Jdbc}, such as PostgreSQL) and one Redis.
     *
     * @param redisUri    {@code redis://[user:password@]host:port[/db]} ({@code rediss://} for TLS)
     * @param nodeId      this node's id, 0..31, unique among the live nodes (part of every message id);
     *                    empty to take the lowest free one. The id is held in Redis while the node lives,
     *                    so a second live node asking for the same one is refused at start
     * @param presenceTtl how long after a node dies its users are reported offline at the latest (default 10 s)
     * @param keyPrefix   prefix of the cluster's Redis keys and channel (default {@code parley}), so that
     *                    several clusters can share one Redis
     */
    public record Cluster(String redisUri, OptionalInt nodeId, Duration presenceTtl, String keyPrefix) {
        /** The default presence TTL. */
        public static final Duration DEFAULT_PRESENCE_TTL = Duration.ofSeconds(10);
        /** The default key prefix. */
        public static final String DEFAULT_KEY_PREFIX = "parley";

        public Cluster {
            Objects.requireNonNull(redisUri, "redisUri");
            Objects.requireNonNull(nodeId, "nodeId");
            Objects.requireNonNull(presenceTtl, "presenceTtl");
            Objects.requireNonNull(keyPrefix, "keyPrefix");
            String scheme = redisUri.contains("://") ? redisUri.substring(0, redisUri.indexOf("://")).toLowerCase(Locale.ROOT) : "";
            if (!scheme.equals("redis") && !scheme.equals("rediss")) {
                throw new IllegalArgumentException("Redis URL must start with redis:// or rediss://, got '"
                        + safe(redisUri) + "'");
            }
            if (nodeId.isPresent() && (nodeId.getAsInt() < 0 || nodeId.getAsInt() > 31)) {
                throw new IllegalArgumentException("node id must be between 0 and 31, got " + nodeId.getAsInt());
            }
            if (presenceTtl.compareTo(Duration.ofSeconds(1)) < 0 || presenceTtl.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException("presence TTL must be between 1 s and 1 h, got " + presenceTtl);
            }
            if (!keyPrefix.matches("[A-Za-z0-9_.:-]{1,64}")) {
                throw new IllegalArgumentException("Redis key prefix must be 1..64 of [A-Za-z0-9_.:-], got '" + keyPrefix + "'");
            }
        }

        /** A cluster on {@code redisUri} with the defaults: a free node id, a 10 s TTL, prefix {@code parley}. */
        public static Cluster on(String redisUri) {
            return new Cluster(redisUri, OptionalInt.empty(), DEFAULT_PRESENCE_TTL, DEFAULT_KEY_PREFIX);
        }

        /** The Redis URL with any password masked, for logs and the start-up line. */
        public String safeRedisUri() {
            return safe(redisUri);
        }

        private static String safe(String uri) {
            return uri.replaceAll("//([^:@/]*):[^@/]*@", "//$1:***@");
        }

        /** Keeps the password out of logs. */
        @Override
        public String toString() {
            return "Cluster[redisUri=" + safeRedisUri() + ", nodeId=" + nodeId + ", presenceTtl=" + presenceTtl
                    + ", keyPrefix=" + keyPrefix + "]";
        }
    }

    /**
     * Where the metrics are served, in Prometheus text format at {@code GET /metrics}.
     *
     * @param enabled whether they are served (and collected) at all
     * @param port    a port of their own (0 picks a free one, see {@link StandaloneServer#metricsPort()}), on the
     *                server's host address, plain HTTP; then the main port answers {@code /metrics} with 404. Empty:
     *                on the main port
     */
    public record Metrics(boolean enabled, OptionalInt port) {
        public Metrics {
            Objects.requireNonNull(port, "port");
            if (port.isPresent() && (port.getAsInt() < 0 || port.getAsInt() > 65535)) {
                throw new IllegalArgumentException("metrics port must be between 0 and 65535, got " + port.getAsInt());
            }
            if (!enabled && port.isPresent()) {
                throw new IllegalArgumentException("a metrics port is given but the metrics are off");
            }
        }

        /** On the main port (the default). */
        public static Metrics onMainPort() {
            return new Metrics(true, OptionalInt.empty());
        }

        /** On a port of their own. */
        public static Metrics onPort(int port) {
            return new Metrics(true, OptionalInt.of(port));
        }

        /** Not served and not collected. */
        public static Metrics off() {
            return new Metrics(false, OptionalInt.empty());
        }
    }

    /**
     * HTTPS (and {@code wss://}) on the server's port, from PEM files as certbot or a reverse proxy writes
     * them. Read when the server starts, which fails with a one-line message naming the file when one is
     * missing, unreadable, not PEM, or when the key does not belong to the certificate.
     *
     * @param certificateChain the certificate, followed by its intermediates ({@code fullchain.pem})
     * @param privateKey       its private key: PKCS#8 ({@code BEGIN PRIVATE KEY}), PKCS#1 RSA ({@code BEGIN RSA
     *                         PRIVATE KEY}) or SEC 1 EC ({@code BEGIN EC PRIVATE KEY}); not encrypted
     */
    public record Tls(Path certificateChain, Path privateKey) {
        public Tls {
            Objects.requireNonNull(certificateChain, "certificateChain");
            Objects.requireNonNull(privateKey, "privateKey");
        }
    }

    /** Where the server keeps users, rooms, messages and login tokens. Shared files always go to {@link #filesDir()}, except for {@link InMemory}. */
    public sealed interface Storage {
        /** An H2 database file under {@code <dataDir>/db}: nothing to set up, survives restarts. */
        record Embedded() implements Storage {
        }

        /**
         * A database reached by a JDBC URL (PostgreSQL, or any database whose driver is on the class path).
         *
         * @param url      the JDBC URL, such as {@code jdbc:postgresql://127.0.0.1:5432/parley}
         * @param user     the database user, when the URL does not carry it
         * @param password the password, when the URL does not carry it
         */
        record Jdbc(String url, Optional<String> user, Optional<String> password) implements Storage {
            public Jdbc {
                Objects.requireNonNull(url, "url");
                Objects.requireNonNull(user, "user");
                Objects.requireNonNull(password, "password");
                if (!url.startsWith("jdbc:")) {
                    throw new IllegalArgumentException("database URL must start with 'jdbc:', got '" + url + "'");
                }
            }

            /** Keeps the password out of logs. */
            @Override
            public String toString() {
                return "Jdbc[url=" + url + ", user=" + user.orElse("") + ", password=" + (password.isPresent() ? "***" : "") + "]";
            }
        }

        /** Everything in memory, files too: lost at exit; for trials, tests and demos. */
        record InMemory() implements Storage {
        }
    }

    /**
     * Builds a {@link StandaloneConfig}; not thread-safe. The engine settings ({@link #maxUploadBytes},
     * {@link #admin}, {@link #retention}, {@link #tokenTtl}) are applied on top of the
     * {@link #chat(ChatConfig)} base, so set the base first.
     */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = DEFAULT_PORT;
        private Path dataDir = DEFAULT_DATA_DIR;
        private Storage storage = new Storage.Embedded();
        private ChatConfig.Builder chat = ChatConfig.builder();
        private List<String> corsOrigins = new ArrayList<>();
        private Duration pingInterval = Duration.ofSeconds(30);
        private Cluster cluster;
        private Metrics metrics = Metrics.onMainPort();
        private Tls tls;
        private SchemaMode schema = SchemaMode.MIGRATE;

        private Builder() {
        }

        public Builder host(String value) {
            this.host = Objects.requireNonNull(value, "host");
            return this;
        }

        /** The port; 0 picks a free one. */
        public Builder port(int value) {
            this.port = value;
            return this;
        }

        public Builder dataDir(Path value) {
            this.dataDir = Objects.requireNonNull(value, "dataDir");
            return this;
        }

        /** Keeps users, rooms, messages and tokens in the database at {@code jdbcUrl}. */
        public Builder database(String jdbcUrl, Optional<String> user, Optional<String> password) {
            this.storage = new Storage.Jdbc(jdbcUrl, user, password);
            return this;
        }

        /** Keeps everything in memory (nothing is written to the data directory). */
        public Builder inMemory() {
            this.storage = new Storage.InMemory();
            return this;
        }

        public Builder storage(Storage value) {
            this.storage = Objects.requireNonNull(value, "storage");
            return this;
        }

        /** Replaces every engine limit with {@code base}'s. */
        public Builder chat(ChatConfig base) {
            this.chat = Objects.requireNonNull(base, "chat").toBuilder();
            return this;
        }

        /** The largest file accepted for sharing, in bytes (default 10 MiB). */
        public Builder maxUploadBytes(long bytes) {
            chat.maxUploadBytes(bytes);
            return this;
        }

        /** Adds a server admin (who may post announcements and manage any room). */
        public Builder admin(String username) {
            chat.admin(username);
            return this;
        }

        /** Keeps at most this many messages per room (default: unlimited). */
        public Builder retention(int messagesPerRoom) {
            chat.retention(messagesPerRoom);
            return this;
        }

        /** The lifetime of a login token (default 24 hours). */
        public Builder tokenTtl(Duration value) {
            chat.tokenTtl(value);
            return this;
        }

        /** Allows a foreign web origin such as {@code https://app.example.com}; {@code *} allows any. */
        public Builder corsOrigin(String origin) {
            corsOrigins.add(Objects.requireNonNull(origin, "origin"));
            return this;
        }

        public Builder corsOrigins(Collection<String> origins) {
            corsOrigins = new ArrayList<>(origins);
            return this;
        }

        public Builder pingInterval(Duration value) {
            this.pingInterval = Objects.requireNonNull(value, "pingInterval");
            return this;
        }

        /** Makes the server a node of the cluster on {@code value}'s Redis (see {@link Cluster}). */
        public Builder cluster(Cluster value) {
            this.cluster = Objects.requireNonNull(value, "cluster");
            return this;
        }

        /** This node's id (0..31, part of every message id; default 0). In a cluster, give {@link Cluster#nodeId()} instead. */
        public Builder nodeId(int value) {
            chat.nodeId(value);
            return this;
        }

        /** Where {@code GET /metrics} is served (default: on the main port). */
        public Builder metrics(Metrics value) {
            this.metrics = Objects.requireNonNull(value, "metrics");
            return this;
        }

        /** Serves HTTPS and {@code wss://} with these PEM files (see {@link Tls}). */
        public Builder tls(Path certificateChain, Path privateKey) {
            this.tls = new Tls(certificateChain, privateKey);
            return this;
        }

        /** Migrate the database's schema at start (the default), or only validate it. */
        public Builder schema(SchemaMode value) {
            this.schema = Objects.requireNonNull(value, "schema");
            return this;
        }

        /** Validates and builds; {@link IllegalArgumentException} naming the first bad value. */
        public StandaloneConfig build() {
            return new StandaloneConfig(host, port, dataDir, storage, chat.build(), corsOrigins, pingInterval,
                    Optional.ofNullable(cluster), metrics, Optional.ofNullable(tls), schema);
        }
    }
}
