package dev.parley.standalone.internal.cli;

import dev.parley.standalone.StandaloneConfig;

import dev.parley.jakarta.jpa.SchemaMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The options of {@code chat-server.jar}. There is one command, {@code start}, which is also
 * what runs when none is named; so {@code chat-server.jar --port 9000} and
 * {@code chat-server.jar start --port 9000} are the same.
 */
@Command(name = "chat-server",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        usageHelpAutoWidth = true,
        sortOptions = false,
        headerHeading = "",
        header = "Parley chat server: REST API, WebSocket and web page on one port.",
        synopsisHeading = "%nUsage: ",
        customSynopsis = "java -jar chat-server.jar [start] [OPTIONS]",
        description = {
                "",
                "Runs Parley with everything embedded: an H2 database and the shared files under --data-dir, "
                        + "or a database of your own with --db-url. Open the printed URL in a browser; the API is "
                        + "documented at /docs. Every option can also come from its environment variable; "
                        + "an option on the command line wins."},
        parameterListHeading = "%nCommands:%n",
        optionListHeading = "%nOptions:%n",
        footerHeading = "%n",
        footer = "Exit status: 0 after a clean shutdown (SIGTERM, Ctrl-C), 1 when the server cannot start, "
                + "2 for a bad option or value.")
final class ServerCommand {

    @Parameters(arity = "0..1", paramLabel = "start", converter = Converters.Command.class,
            description = "Start the server (the default; there is no other command).")
    String command = "start";

    @Option(names = "--host", paramLabel = "<address>", defaultValue = "127.0.0.1",
            description = "Address to listen on; 0.0.0.0 for every interface. Env PARLEY_HOST. Default: ${DEFAULT-VALUE}")
    String host;

    @Option(names = "--port", paramLabel = "<port>", defaultValue = "8080", converter = Converters.Port.class,
            description = "Port to listen on; 0 picks a free one. Env PARLEY_PORT. Default: ${DEFAULT-VALUE}")
    int port;

    @Option(names = "--data-dir", paramLabel = "<dir>", defaultValue = "./parley-data",
            description = "Directory for the embedded database (db/) and shared files (files/). Env PARLEY_DATA_DIR. Default: ${DEFAULT-VALUE}")
    Path dataDir;

    @Option(names = "--db-url", paramLabel = "<jdbc-url>", converter = Converters.JdbcUrl.class,
            description = "Keep users, rooms and messages in this database instead of the embedded one, "
                    + "e.g. jdbc:postgresql://127.0.0.1:5432/parley (files stay in --data-dir). Env PARLEY_DB_URL.")
    String dbUrl;

    @Option(names = "--db-user", paramLabel = "<user>",
            description = "Database user for --db-url. Env PARLEY_DB_USER.")
    String dbUser;

    @Option(names = "--db-password", paramLabel = "<password>",
            description = "Database password for --db-url. Env PARLEY_DB_PASSWORD.")
    String dbPassword;

    @Option(names = "--redis", paramLabel = "<redis-url>", converter = Converters.RedisUrl.class,
            description = "Join a cluster of Parley servers over this Redis, e.g. redis://127.0.0.1:6379. "
                    + "Every node needs the same --db-url (a shared database such as PostgreSQL). Env PARLEY_REDIS.")
    String redis;

    @Option(names = "--node-id", paramLabel = "<0-31>", converter = Converters.NodeId.class,
            description = "This node's id in the cluster, part of every message id. With --redis: the lowest id "
                    + "no live node holds unless given; a node asking for an id another live node holds is refused "
                    + "(after waiting out --presence-ttl, for a node killed and restarted at once). "
                    + "Without --redis: default 0. Env PARLEY_NODE_ID.")
    Integer nodeId;

    @Option(names = "--presence-ttl", paramLabel = "<duration>", converter = Converters.Ttl.class,
            description = "With --redis: how soon the users of a node that died are reported offline, "
                    + "1s..1h (e.g. 10s). Env PARLEY_PRESENCE_TTL. Default: 10s")
    Duration presenceTtl;

    @Option(names = "--redis-prefix", paramLabel = "<prefix>",
            description = "With --redis: prefix of the cluster's Redis keys and channel, so that several clusters "
                    + "can share one Redis. Env PARLEY_REDIS_PREFIX. Default: parley")
    String redisPrefix;

    @Option(names = "--max-upload", paramLabel = "<size>", defaultValue = "10MiB", converter = Converters.Size.class,
            description = "Largest file users may share: bytes, or with a unit (KB, MB, GB = KiB, MiB, GiB, powers of 1024). "
                    + "Env PARLEY_MAX_UPLOAD. Default: ${DEFAULT-VALUE}")
    long maxUpload;

    @Option(names = "--admin", paramLabel = "<username>", split = ",",
            description = "A user who may post announcements and manage every room; repeatable. "
                    + "Env PARLEY_ADMINS (comma-separated).")
    List<String> admins = new ArrayList<>();

    @Option(names = "--retention", paramLabel = "<messages>", converter = Converters.Positive.class,
            description = "Keep at most this many messages per room (default: all). Env PARLEY_RETENTION.")
    Integer retention;

    @Option(names = "--token-ttl", paramLabel = "<duration>", defaultValue = "24h", converter = Converters.Ttl.class,
            description = "Lifetime of a login token, e.g. 24h, 30m, 7d, PT1H. Env PARLEY_TOKEN_TTL. Default: ${DEFAULT-VALUE}")
    Duration tokenTtl;

    @Option(names = "--cors-origin", paramLabel = "<origin>", split = ",",
            description = "A web origin (e.g. https://app.example.com) whose pages may call the API and open WebSockets; "
                    + "repeatable; * allows any. Env PARLEY_CORS_ORIGINS (comma-separated). Default: none.")
    List<String> corsOrigins = new ArrayList<>();

    @Option(names = "--tls-cert", paramLabel = "<pem-file>",
            description = "Serve HTTPS and wss:// on --port with this PEM certificate chain (leaf first, then its "
                    + "intermediates, e.g. certbot's fullchain.pem); needs --tls-key. Env PARLEY_TLS_CERT.")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "<pem-file>",
            description = "The certificate's private key, PEM, unencrypted: PKCS#8 (BEGIN PRIVATE KEY), PKCS#1 RSA "
                    + "or EC (e.g. certbot's privkey.pem). Env PARLEY_TLS_KEY.")
    Path tlsKey;

    @Option(names = "--metrics-port", paramLabel = "<port>", converter = Converters.Port.class,
            description = "Serve GET /metrics (Prometheus text format) on this port of --host, plain HTTP, and no longer "
                    + "on --port. Env PARLEY_METRICS_PORT. Default: on --port.")
    Integer metricsPort;

    @Option(names = "--no-metrics",
            description = "Neither collect nor serve metrics. Env PARLEY_NO_METRICS=true.")
    boolean noMetrics;

    @Option(names = "--schema", paramLabel = "migrate|validate", defaultValue = "migrate", converter = Converters.Schema.class,
            description = "At start, migrate the database's parley_ schema to this release's version, or only validate it "
                    + "and refuse to start when a migration is pending. Env PARLEY_SCHEMA. Default: ${DEFAULT-VALUE}")
    SchemaMode schema;

    @Option(names = "--log-format", paramLabel = "text|json", defaultValue = "text",
            description = "Log lines on stderr: text, or json (one JSON object per line, for log shippers). "
                    + "Env PARLEY_LOG_FORMAT. Default: ${DEFAULT-VALUE}")
    LogFormat logFormat;

    /**
     * The server's configuration.
     *
     * @throws IllegalArgumentException naming a value the configuration refuses
     */
    StandaloneConfig toConfig() {
        StandaloneConfig.Builder builder = StandaloneConfig.builder()
                .host(host)
                .port(port)
                .dataDir(dataDir)
                .maxUploadBytes(maxUpload)
                .tokenTtl(tokenTtl)
                .corsOrigins(corsOrigins)
                .schema(schema);
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new IllegalArgumentException(tlsCert == null ? "--tls-key needs --tls-cert (the certificate chain it belongs to)"
                    : "--tls-cert needs --tls-key (the certificate's private key)");
        }
        if (tlsCert != null) {
            builder.tls(tlsCert, tlsKey);
        }
        if (noMetrics && metricsPort != null) {
            throw new IllegalArgumentException("--metrics-port and --no-metrics contradict each other");
        }
        builder.metrics(noMetrics ? StandaloneConfig.Metrics.off()
                : metricsPort != null ? StandaloneConfig.Metrics.onPort(metricsPort) : StandaloneConfig.Metrics.onMainPort());
        admins.stream().map(String::trim).filter(a -> !a.isEmpty()).forEach(builder::admin);
        if (retention != null) {
            builder.retention(retention);
        }
        if (dbUrl != null) {
            builder.database(dbUrl, Optional.ofNullable(dbUser), Optional.ofNullable(dbPassword));
        }
        if (redis != null) {
            if (dbUrl == null) {
                throw new IllegalArgumentException("--redis needs --db-url: the nodes of a cluster share one database "
                        + "(e.g. jdbc:postgresql://127.0.0.1:5432/parley), not each its own embedded one");
            }
            builder.cluster(new StandaloneConfig.Cluster(redis,
                    nodeId == null ? OptionalInt.empty() : OptionalInt.of(nodeId),
                    presenceTtl == null ? StandaloneConfig.Cluster.DEFAULT_PRESENCE_TTL : presenceTtl,
                    redisPrefix == null ? StandaloneConfig.Cluster.DEFAULT_KEY_PREFIX : redisPrefix));
        } else {
            if (presenceTtl != null || redisPrefix != null) {
                throw new IllegalArgumentException((presenceTtl != null ? "--presence-ttl" : "--redis-prefix")
                        + " only applies with --redis");
            }
            if (nodeId != null) {
                builder.nodeId(nodeId);
            }
        }
        return builder.build();
    }

    /** Where the data lives, for the start-up line; a database URL loses its query, which may carry a password. */
    String dataDescription() {
        if (dbUrl == null) {
            return "data in " + dataDir;
        }
        int query = dbUrl.indexOf('?');
        return "data in " + (query < 0 ? dbUrl : dbUrl.substring(0, query)) + ", files in " + dataDir.resolve("files");
    }
}
