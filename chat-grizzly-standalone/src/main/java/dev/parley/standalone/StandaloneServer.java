package dev.parley.standalone;

import dev.parley.core.Chat;
import dev.parley.core.ChatConfig;
import dev.parley.core.ChatMetrics;
import dev.parley.jakarta.ParleyRest;
import dev.parley.jakarta.ParleyWebSocket;
import dev.parley.jakarta.internal.edge.Origins;
import dev.parley.jakarta.internal.rest.RestSingletons;
import dev.parley.redis.ParleyRedis;
import dev.parley.redis.RedisOptions;
import dev.parley.standalone.internal.ServerStorage;
import dev.parley.standalone.internal.cli.Version;
import dev.parley.standalone.internal.http.ContractErrors;
import dev.parley.standalone.internal.http.HandshakeGate;
import dev.parley.standalone.internal.http.LiveSockets;
import dev.parley.standalone.internal.http.MetricsEndpoint;
import dev.parley.standalone.internal.http.PreFramedWrites;
import dev.parley.standalone.internal.http.StaticFiles;
import dev.parley.standalone.internal.http.TyrusContainer;
import dev.parley.standalone.internal.ops.RefusalLog;
import dev.parley.standalone.internal.tls.PemTls;

import jakarta.websocket.DeploymentException;
import jakarta.ws.rs.ext.ContextResolver;

import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.ssl.SSLEngineConfigurator;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.media.multipart.MultiPartFeature;
import org.glassfish.jersey.media.multipart.MultiPartProperties;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.tyrus.container.grizzly.server.WebSocketAddOn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.net.ssl.SSLContext;

/**
 * Parley on one port: the REST API under {@code /api}, the WebSocket endpoint at {@code /ws}, the
 * web page at {@code /} and the API's Swagger UI at {@code /docs}, over the engine and stores a
 * {@link StandaloneConfig} describes. It runs chat-jakarta's endpoints on Grizzly, Jersey and
 * Tyrus; the {@code chat-server.jar} command line is a thin layer over this class. With a
 * {@linkplain StandaloneConfig#cluster() cluster} it joins the other nodes through Redis (chat-redis's
 * bus and presence) and takes a node id no other live node holds.
 *
 * <pre>{@code
 * try (StandaloneServer server = StandaloneServer.create(StandaloneConfig.builder()
 *         .port(0).inMemory().admin("alice").build()).start()) {
 *     System.out.println("open " + server.url());
 *     System.out.println(server.chat().onlineUsers());   // the engine, for calls from Java
 * }
 * }</pre>
 *
 * <p>Lifecycle: {@link #create created}, {@link #start() started} once, {@link #close() closed}
 * once (later calls do nothing). {@link #close()} stops accepting connections, closes the
 * engine (every WebSocket gets close code 1001), waits briefly for the sockets and the requests
 * in flight, and closes the database. Thread-safe: any thread may call any method; the server's
 * own threads are daemon threads, so a program that wants to keep serving must keep its main
 * thread alive (the command line waits for a signal).
 */
public final class StandaloneServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(StandaloneServer.class.getName());
    /** The longest a shutdown waits for the WebSockets to close and the requests in flight to end. */
    private static final Duration GRACE = Duration.ofSeconds(5);
    /** How often rate-limit refusals are summarised in the log (when there were any). */
    private static final Duration REFUSAL_SUMMARY = Duration.ofMinutes(1);

    private enum State { NEW, RUNNING, CLOSED }

    private final StandaloneConfig config;
    private final UnaryOperator<Chat.Builder> engine;
    private State state = State.NEW;
    private ServerStorage storage;
    private ParleyRedis redis;
    private int nodeId;
    private Chat chat;
    private HttpServer http;
    private TyrusContainer tyrus;
    private LiveSockets sockets;
    private int port;
    private SSLContext tls;
    private MetricsEndpoint metrics;
    private RefusalLog refusals;
    private HttpServer metricsServer;
    private int metricsPort;

    private StandaloneServer(StandaloneConfig config, UnaryOperator<Chat.Builder> engine) {
        this.config = Objects.requireNonNull(config, "config");
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    /** A server for {@code config}, not started yet. */
    public static StandaloneServer create(StandaloneConfig config) {
        return new StandaloneServer(config, UnaryOperator.identity());
    }

    /**
     * A server for {@code config} whose engine {@code engine} adjusts before it is built: it gets the
     * builder with the configuration, the stores and the cluster settings already set, on the
     * thread that calls {@link #start()}, and returns the builder to build. This is the seam for
     * what the configuration cannot express, such as several servers in one JVM joined by one
     * {@link dev.parley.core.spi.ClusterBus#inProcess()} instance over one shared database:
     *
     * <pre>{@code
     * ClusterBus bus = ClusterBus.inProcess();
     * StandaloneServer a = StandaloneServer.create(configA, e -> e.bus(bus)).start();
     * StandaloneServer b = StandaloneServer.create(configB, e -> e.bus(bus)).start();
     * }</pre>
     */
    public static StandaloneServer create(StandaloneConfig config, UnaryOperator<Chat.Builder> engine) {
        return new StandaloneServer(config, engine);
    }

    /**
     * Opens the stores, builds the engine and starts listening.
     *
     * @return this server
     * @throws IOException                     when the port cannot be bound
     * @throws UncheckedIOException            when the data directory cannot be created
     * @throws dev.parley.protocol.ChatException   UNAVAILABLE when the database cannot be reached
     * @throws IllegalStateException           in a cluster, when Redis cannot be reached or the node id is held
     *                                         by another live node
     * @throws IllegalStateException           when already started or closed
     * @throws PemTls.TlsFileException         (an {@link IllegalStateException}) when a TLS file is missing,
     *                                         unreadable, not PEM, or the key does not belong to the certificate
     */
    public synchronized StandaloneServer start() throws IOException {
        if (state != State.NEW) {
            throw new IllegalStateException("a StandaloneServer starts once; this one is " + state.name().toLowerCase());
        }
        boolean started = false;
        try {
            // The TLS files first: a bad one fails the start before anything is opened.
            tls = config.tls().map(t -> PemTls.serverContext(t.certificateChain(), t.privateKey())).orElse(null);
            storage = ServerStorage.open(config);
            ChatConfig chatConfig = config.chat();
            Chat.Builder builder = Chat.builder();
            if (config.metrics().enabled()) {
                metrics = new MetricsEndpoint();
            }
            refusals = new RefusalLog(metrics != null ? metrics.chatMetrics() : ChatMetrics.none(),
                    REFUSAL_SUMMARY).start();
            builder.metrics(refusals);
            if (config.cluster().isPresent()) {
                StandaloneConfig.Cluster cluster = config.cluster().get();
                redis = ParleyRedis.connect(RedisOptions.builder(cluster.redisUri())
                        .nodeName(nodeName(config.host(), config.port()))
                        .presenceTtl(cluster.presenceTtl())
                        .keyPrefix(cluster.keyPrefix())
                        .build());
                chatConfig = chatConfig.toBuilder().nodeId(redis.claimNodeId(cluster.nodeId())).build();
                redis.applyTo(builder);
            }
            nodeId = chatConfig.nodeId();
            chat = engine.apply(storage.applyTo(builder.config(chatConfig))).build();
            http = httpServer();
            http.start();
            port = http.getListener(LISTENER).getPort();
            if (metrics != null && config.metrics().port().isPresent()) {
                metricsServer = metricsServer(config.metrics().port().getAsInt());
                metricsServer.start();
                metricsPort = metricsServer.getListener(METRICS_LISTENER).getPort();
            }
            state = State.RUNNING;
            started = true;
            LOG.info(this::startLine);
            return this;
        } finally {
            if (!started) {
                state = State.CLOSED;
                release();
            }
        }
    }

    private static final String LISTENER = "grizzly";
    private static final String METRICS_LISTENER = "metrics";

    /** The log line of a start: version, address, store, cluster, TLS and metrics. */
    private String startLine() {
        String store = config.storage() instanceof StandaloneConfig.Storage.Jdbc jdbc ? withoutQuery(jdbc.url())
                : config.storage() instanceof StandaloneConfig.Storage.InMemory ? "in memory"
                : "embedded H2 in " + config.dataDir().resolve("db");
        String cluster = config.cluster().map(c -> "node " + nodeId + " of the cluster on " + c.safeRedisUri())
                .orElse("none (node " + nodeId + ")");
        String served = metrics == null ? "off" : metricsServer == null ? url() + "metrics" : metricsUrl().orElseThrow().toString();
        return "Parley " + Version.version() + " started at " + url() + " (store: " + store + "; cluster: " + cluster
                + "; metrics: " + served + ")";
    }

    /** A JDBC URL without its query, which may carry a password. */
    private static String withoutQuery(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    /**
     * Jersey buffers a part larger than a few KiB in a temporary file until the upload is complete;
     * those go to the storage's directory of uploads in progress, which a restart after a crash
     * empties, instead of the system's temporary directory.
     */
    private ContextResolver<MultiPartProperties> multipartBuffering() {
        MultiPartProperties properties = new MultiPartProperties();
        storage.uploadsInProgress().ifPresent(dir -> properties.tempDir(dir.toString()));
        return properties.resolver();
    }

    private HttpServer httpServer() {
        // chat-jakarta's edge: CORS, the early upload limit and the handshake's origin check, as in a WAR.
        Origins origins = Origins.of(config.corsOrigins(), "start the server with --cors-origin %s");
        ResourceConfig rest = new ResourceConfig()
                .registerInstances(RestSingletons.create(chat, origins))
                .register(MultiPartFeature.class)
                .register(multipartBuffering())
                .property(ServerProperties.WADL_FEATURE_DISABLE, true);
        URI base = URI.create((tls != null ? "https" : "http") + "://" + uriHost(config.host()) + ":" + config.port()
                + "/" + ParleyRest.APPLICATION_PATH);
        HttpServer server = tls == null ? GrizzlyHttpServerFactory.createHttpServer(base, rest, false)
                : GrizzlyHttpServerFactory.createHttpServer(base, rest, true,
                new SSLEngineConfigurator(tls, false, false, false), false);
        NetworkListener listener = server.getListener(LISTENER);
        // First: what Grizzly refuses below Jersey answers the contract's JSON error too (its codec also
        // ignores upgrades other than WebSocket: see WebSocketOnlyUpgrades).
        listener.registerAddOn(ContractErrors.addOn());
        server.getServerConfiguration().setDefaultErrorPageGenerator(ContractErrors.errorPages());
        // Grizzly's 30 s keep-alive timeout would also close idle WebSockets (1006); the pings find dead peers instead.
        listener.getKeepAlive().setIdleTimeoutInSeconds(-1);
        // Grizzly's 8 KiB default refuses a long URL with a bare 400 before the API sees it; with 64 KiB a
        // search query of 10,000 characters reaches GET /api/search and gets the contract's JSON refusal.
        listener.setMaxHttpHeaderSize(64 * 1024);
        // The I/O strategy stays Grizzly's default: under the worker-thread strategy that Tyrus's own
        // container picks, Jersey's blocking reads of request bodies stall until the client gives up.

        tyrus = new TyrusContainer();
        sockets = new LiveSockets(config.pingInterval());
        try {
            tyrus.register(sockets.wrap(ParleyWebSocket.endpointConfig(chat, PreFramedWrites.connections())));
        } catch (DeploymentException e) {
            throw new IllegalStateException("the /ws endpoint does not deploy: " + e.getMessage(), e);
        }
        listener.registerAddOn(new WebSocketAddOn(tyrus, "/"));
        listener.registerAddOn(HandshakeGate.addOn(chat, ParleyWebSocket.PATH, origins));

        if (metrics != null) {
            server.getServerConfiguration().getMonitoringConfig().getHttpConfig().addProbes(metrics.statusProbe());
            if (config.metrics().port().isEmpty()) {
                server.getServerConfiguration().addHttpHandler(metrics.handler(), MetricsEndpoint.PATH);
            }
        }
        server.getServerConfiguration().addHttpHandler(new StaticFiles(StandaloneServer.class.getClassLoader()), "/");
        server.getServerConfiguration().setHttpServerName("Parley");
        server.getServerConfiguration().setHttpServerVersion("");
        return server;
    }

    /** {@code --metrics-port}: a plain HTTP server on the same host with {@code GET /metrics} alone. */
    private HttpServer metricsServer(int metricsPort) {
        HttpServer server = new HttpServer();
        NetworkListener listener = new NetworkListener(METRICS_LISTENER, config.host(), metricsPort);
        listener.registerAddOn(ContractErrors.addOn());
        server.addListener(listener);
        server.getServerConfiguration().setDefaultErrorPageGenerator(ContractErrors.errorPages());
        server.getServerConfiguration().addHttpHandler(metrics.handler(), MetricsEndpoint.PATH);
        server.getServerConfiguration().setHttpServerName("Parley");
        server.getServerConfiguration().setHttpServerVersion("");
        server.getServerConfiguration().setJmxEnabled(false);
        return server;
    }

    /**
     * Where {@code GET /metrics} answers, such as {@code http://127.0.0.1:9090/metrics}; empty when the
     * metrics are off.
     */
    public synchronized Optional<URI> metricsUrl() {
        requireStarted();
        if (metrics == null) {
            return Optional.empty();
        }
        if (metricsServer == null) {
            return Optional.of(url().resolve(MetricsEndpoint.PATH));
        }
        return Optional.of(URI.create("http://" + uriHost(browsable(config.host())) + ":" + metricsPort + MetricsEndpoint.PATH));
    }

    /** The port the server listens on (the one picked when the configuration said 0). */
    public synchronized int port() {
        requireStarted();
        return port;
    }

    /**
     * The address to open in a browser, such as {@code http://127.0.0.1:8080/}; for a server
     * listening on every interface, the loopback address.
     */
    public synchronized URI url() {
        requireStarted();
        return URI.create((tls != null ? "https" : "http") + "://" + uriHost(browsable(config.host())) + ":" + port + "/");
    }

    /** {@code localhost} for an address of every interface. */
    private static String browsable(String host) {
        try {
            if (InetAddress.getByName(host).isAnyLocalAddress()) {
                return "localhost";
            }
        } catch (UnknownHostException e) {
            // a name that does not resolve here still names the server
        }
        return host;
    }

    /** The node id the engine runs with: the configured one, or in a cluster the one taken at start. */
    public synchronized int nodeId() {
        requireStarted();
        return nodeId;
    }

    /** The node's name in Redis (logs, client list): where it listens, made of the allowed characters. */
    private static String nodeName(String host, int port) {
        String name = (host + "-" + port).replaceAll("[^A-Za-z0-9_.-]", "_");
        return name.length() > 64 ? name.substring(0, 64) : name;
    }

    /** The engine, for calls from Java (announcements, rooms made at start-up, ...). */
    public synchronized Chat chat() {
        requireStarted();
        return chat;
    }

    /** The configuration it runs with. */
    public StandaloneConfig config() {
        return config;
    }

    private void requireStarted() {
        if (state == State.NEW) {
            throw new IllegalStateException("the server is not started");
        }
    }

    /**
     * Stops the server: no new connections, every WebSocket closed with 1001, the requests in
     * flight given a few seconds to finish, then the database closed. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (state != State.RUNNING) {
            state = State.CLOSED;
            return;
        }
        state = State.CLOSED;
        NetworkListener listener = http.getListener(LISTENER);
        if (listener != null) {
            listener.getTransport().unbindAll();
        }
        chat.close();
        try {
            if (!sockets.awaitNone(GRACE)) {
                LOG.warning(sockets.count() + " WebSocket(s) did not close in time");
            }
            http.shutdown(GRACE.toMillis(), TimeUnit.MILLISECONDS).get(GRACE.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.log(Level.WARNING, "the HTTP server did not stop gracefully", e);
        }
        release();
        LOG.info("Parley stopped" + config.cluster().map(c -> " (node " + nodeId + " left the cluster)").orElse(""));
    }

    /** Frees whatever was made, in reverse order; safe on a half-started server. */
    private void release() {
        if (http != null) {
            http.shutdownNow();
        }
        if (metricsServer != null) {
            metricsServer.shutdownNow();
        }
        if (sockets != null) {
            sockets.close();
        }
        if (tyrus != null) {
            tyrus.stop();
        }
        if (chat != null) {
            chat.close();
        }
        if (redis != null) {
            redis.close(); // after the engine, which takes this node's users offline through it
        }
        if (storage != null) {
            storage.close();
        }
        if (refusals != null) {
            refusals.close();
        }
        if (metrics != null) {
            metrics.close();
        }
    }

    private static String uriHost(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
