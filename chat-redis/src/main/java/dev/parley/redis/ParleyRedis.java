package dev.parley.redis;

import dev.parley.core.Chat;
import dev.parley.core.spi.ClusterBus;
import dev.parley.core.spi.PresenceStore;
import dev.parley.redis.internal.NodeIdLease;
import dev.parley.redis.internal.RedisClusterBus;
import dev.parley.redis.internal.RedisPresenceStore;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.lettuce.core.resource.DefaultClientResources;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * A node's membership in a Redis-backed Parley cluster: the {@link #bus()} that carries events
 * between nodes and the {@link #presence()} store that knows who is online anywhere. Every node
 * connects with its own instance; together with a database shared by every node (the engine's
 * stores) the nodes behave as one server.
 *
 * <pre>{@code
 * ParleyRedis redis = ParleyRedis.connect("redis://127.0.0.1:6379", "node-a");
 * Chat chat = redis.applyTo(Chat.builder().config(config).messageStore(sharedStore)...).build();
 * ...
 * chat.close();   // first: takes this node's users offline
 * redis.close();
 * }</pre>
 *
 * <p>Lifecycle: {@link #connect} fails at once if Redis cannot be reached. Afterwards outages are
 * survived: the node keeps serving its own clients, {@code chat.health()} reports DEGRADED with
 * the bus's and presence's reasons, Lettuce reconnects by itself, and the engine then reads from
 * its store whatever the bus lost. {@link #close()} releases the connections and threads; close the
 * engine first. Thread-safe.
 */
public final class ParleyRedis implements AutoCloseable {

    private final RedisOptions options;
    private final ClientResources resources;
    private final RedisClient client;
    private final RedisClusterBus bus;
    private final RedisPresenceStore presence;
    private final RedisURI uri;
    private NodeIdLease lease;

    private ParleyRedis(RedisOptions options, RedisURI uri, ClientResources resources, RedisClient client,
                        RedisClusterBus bus, RedisPresenceStore presence) {
        this.options = options;
        this.uri = uri;
        this.resources = resources;
        this.client = client;
        this.bus = bus;
        this.presence = presence;
    }

    /** Connects with the default options and the given node name. */
    public static ParleyRedis connect(String redisUri, String nodeName) {
        return connect(RedisOptions.builder(redisUri).nodeName(nodeName).build());
    }

    /**
     * Connects, subscribes and registers this node.
     *
     * @throws IllegalStateException naming the server, when Redis cannot be reached or refuses the connection
     */
    public static ParleyRedis connect(RedisOptions options) {
        Objects.requireNonNull(options, "options");
        RedisURI uri = RedisURI.create(options.uri());
        uri.setTimeout(options.commandTimeout());
        uri.setClientName("parley-" + options.nodeName());
        ClientResources resources = DefaultClientResources.builder()
                .ioThreadPoolSize(2)
                .computationThreadPoolSize(2)
                // Quick first retries, then at most every 2 s: a restarted Redis is found again soon.
                .reconnectDelay(Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS))
                .build();
        RedisClient client = RedisClient.create(resources);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(options.commandTimeout()).build())
                .timeoutOptions(TimeoutOptions.enabled(options.commandTimeout()))
                .build());
        RedisClusterBus bus = null;
        try {
            bus = new RedisClusterBus(client, uri, options.keyPrefix() + ":events", options.nodeName());
            RedisPresenceStore presence = new RedisPresenceStore(client.connect(uri), options.keyPrefix(),
                    options.nodeName(), options.presenceTtl());
            presence.start();
            return new ParleyRedis(options, uri, resources, client, bus, presence);
        } catch (RedisException e) {
            if (bus != null) {
                bus.close();
            }
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            resources.shutdown(0, 2, TimeUnit.SECONDS);
            throw new IllegalStateException("cannot connect to Redis at " + options.safeUri() + ": " + e.getMessage(), e);
        }
    }

    /** The options in force. */
    public RedisOptions options() {
        return options;
    }

    /** The bus, for {@link Chat.Builder#bus}. */
    public ClusterBus bus() {
        return bus;
    }

    /** The presence store, for {@link Chat.Builder#presenceStore}. */
    public PresenceStore presence() {
        return presence;
    }

    /**
     * Takes a node id (0..31, for {@code ChatConfig.nodeId}) that no other live node of the cluster
     * holds, and keeps it while this instance is open: the id is a key in Redis that expires after
     * the presence TTL unless renewed, so a node that dies frees its id within the TTL. Two nodes
     * with the same id would give out the same message ids; this makes that impossible.
     *
     * @param wanted an id to take, or empty for the lowest free one. A wanted id still held (by a
     *               node killed and restarted at once, say) is waited for, up to the TTL
     * @return the id taken
     * @throws IllegalStateException when the wanted id stays held by another live node, every id is
     *                               held, Redis fails, or an id was already claimed
     */
    public synchronized int claimNodeId(OptionalInt wanted) {
        Objects.requireNonNull(wanted, "wanted");
        if (lease != null) {
            throw new IllegalStateException("this node already holds node id " + lease.id().orElse(-1));
        }
        NodeIdLease l = null;
        try {
            l = new NodeIdLease(client.connect(uri), options.keyPrefix(), options.nodeName(), options.presenceTtl());
            int id = l.claim(wanted, System::nanoTime);
            lease = l;
            return id;
        } catch (RedisException e) {
            if (l != null) {
                l.close();
            }
            throw new IllegalStateException("cannot take a node id in Redis at " + options.safeUri() + ": "
                    + e.getMessage(), e);
        } catch (RuntimeException e) {
            if (l != null) {
                l.close();
            }
            throw e;
        }
    }

    /** Sets the builder's bus and presence store to this node's, and returns it. */
    public Chat.Builder applyTo(Chat.Builder builder) {
        return builder.bus(bus).presenceStore(presence);
    }

    /**
     * Stops the heartbeat, unsubscribes and releases the connections and threads. This node's users
     * still registered in Redis expire after the TTL; closing the engine first takes them offline at once.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (lease != null) {
                lease.close();
            }
        }
        presence.close();
        bus.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
