package dev.parley.redis.internal;

import dev.parley.core.spi.Listeners;
import dev.parley.core.spi.PresenceStore;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Cluster-wide presence in Redis, with per-node heartbeats. Each node registers under a unique id
 * (its name plus a random suffix, so a restarted node never inherits its old entries) in a sorted
 * set scored by when it expires, keeps its users in a set of its own, and adds one to a shared
 * per-user count for each node having that user: a user is online while the count is positive.
 *
 * <p>Timing, for a TTL T: a node heartbeats every T/5 and expires after 3T/5 without one (two
 * heartbeats may go missing); every tick of every node also reaps expired nodes, so a dead node's
 * users are reported offline, by exactly one survivor, at most about T after its last heartbeat.
 * After its own outage a node waits 3T/5 before reaping again, so that nodes that could not
 * heartbeat during the same outage get their chance first.
 *
 * <p>This node's users are known locally too: while Redis is unreachable the store answers from
 * them, {@link #online}/{@link #offline} return false (nothing can be announced cluster-wide), and
 * once Redis is back the next tick rewrites this node's set and reports what changed. A node found
 * reaped while alive (a pause longer than 3T/5) re-registers the same way.
 *
 * <p>Thread-safe: writes to Redis are serialised by one lock, so a reconciliation never races a
 * single update. Listeners are called on the store's tick thread.
 */
public final class RedisPresenceStore implements PresenceStore {
    private static final System.Logger LOG = System.getLogger(RedisPresenceStore.class.getName());

    private final StatefulRedisConnection<String, String> connection;
    private final RedisCommands<String, String> redis;
    private final String nodeId;
    private final String[] keys;
    private final String nodeKeyPrefix;
    private final String usersKey;
    private final long expiryMillis;
    private final long tickMillis;
    private final Map<String, String> shas = new ConcurrentHashMap<>();
    private final Listeners<Listener> listeners = new Listeners<>();
    private final ScheduledExecutorService ticker;
    private final Object lock = new Object();
    /** This node's users. Guarded by lock. */
    private final Set<String> local = new HashSet<>();
    /** Redis may not hold {@link #local} exactly: rewrite it on the next tick. Guarded by lock. */
    private boolean dirty = true;
    /** After an outage, reaping waits until {@link #reapAfter} (System.nanoTime). Guarded by lock. */
    private boolean reapWaits;
    private long reapAfter;
    /** Guarded by lock. */
    private boolean closed;
    /** The other nodes registered at the last tick, null before the first. Guarded by lock. */
    private Set<String> otherNodes;
    /** Why Redis is unusable, or null while it answers. */
    private volatile String problem;

    /**
     * @param connection a connection this store owns and closes
     * @param keyPrefix  prefix of the store's keys
     * @param nodeName   the node's name; the id registered in Redis adds a random suffix
     * @param ttl        see the class comment
     */
    public RedisPresenceStore(StatefulRedisConnection<String, String> connection, String keyPrefix, String nodeName,
                              Duration ttl) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.redis = connection.sync();
        this.nodeId = nodeName + "/" + UUID.randomUUID().toString().substring(0, 8);
        this.nodeKeyPrefix = keyPrefix + ":presence:node:";
        this.usersKey = keyPrefix + ":presence:users";
        this.keys = new String[] {keyPrefix + ":presence:nodes", usersKey, nodeKeyPrefix + nodeId};
        this.expiryMillis = ttl.toMillis() * 3 / 5;
        this.tickMillis = Math.max(1, ttl.toMillis() / 5);
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = new Thread(r, "parley-redis-presence-" + nodeName);
            thread.setDaemon(true);
            return thread;
        });
        t.setRemoveOnCancelPolicy(true);
        this.ticker = t;
    }

    /** Registers this node (at once, on the caller's thread) and starts the heartbeat. */
    public void start() {
        tick();
        ticker.scheduleWithFixedDelay(this::tick, tickMillis, tickMillis, TimeUnit.MILLISECONDS);
    }

    /** This node's id in Redis: its name and a random suffix. */
    public String nodeId() {
        return nodeId;
    }

    @Override
    public boolean online(String username) {
        Objects.requireNonNull(username, "username");
        synchronized (lock) {
            return !closed && local.add(username) && update(PresenceScripts.ONLINE, username);
        }
    }

    @Override
    public boolean offline(String username) {
        Objects.requireNonNull(username, "username");
        synchronized (lock) {
            return !closed && local.remove(username) && update(PresenceScripts.OFFLINE, username);
        }
    }

    /** Applies one change; false when it cannot be known to have changed the cluster (the tick reconciles). */
    private boolean update(String script, String username) {
        if (dirty) {
            return false;
        }
        try {
            long result = run(script, ScriptOutputType.INTEGER, username);
            healthy();
            if (result < 0) {
                // Reaped while alive: rewrite our set now rather than on the next heartbeat.
                dirty = true;
                tickSoon();
                return false;
            }
            return result == 1;
        } catch (RedisException e) {
            failed(e);
            return false;
        }
    }

    @Override
    public boolean isOnline(String username) {
        synchronized (lock) {
            if (local.contains(username)) {
                return true;
            }
        }
        try {
            return redis.hexists(usersKey, username);
        } catch (RedisException e) {
            // Only this node's users are known meanwhile; the tick reports the outage in status().
            return false;
        }
    }

    @Override
    public List<String> onlineUsers() {
        Set<String> all;
        synchronized (lock) {
            all = new LinkedHashSet<>(local);
        }
        try {
            all.addAll(redis.hkeys(usersKey));
        } catch (RedisException e) {
            // Only this node's users are known meanwhile.
        }
        List<String> out = new ArrayList<>(all);
        out.sort(String.CASE_INSENSITIVE_ORDER);
        return out;
    }

    @Override
    public AutoCloseable subscribe(Listener listener) {
        return listeners.add(listener);
    }

    @Override
    public String status() {
        String p = problem;
        synchronized (lock) {
            if (closed) {
                return "down: closed";
            }
        }
        return p == null ? "UP" : "down: " + p;
    }

    /** Stops the heartbeat and closes the connection; this node's entries expire and a survivor reports them. */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        ticker.shutdownNow();
        connection.close();
    }

    // ---- the tick ---------------------------------------------------------------------------------

    private void tickSoon() {
        try {
            ticker.execute(this::tick);
        } catch (RejectedExecutionException closing) {
            // Closed meanwhile.
        }
    }

    /** Heartbeat, reconciliation when needed, and reaping; reports outside the lock. */
    private void tick() {
        List<String> came = new ArrayList<>();
        List<String> went = new ArrayList<>();
        synchronized (lock) {
            if (closed) {
                return;
            }
            try {
                if (dirty) {
                    sync(came, went);
                }
                boolean mayReap = problem == null && (!reapWaits || System.nanoTime() - reapAfter >= 0);
                List<Object> r = run(PresenceScripts.TICK, ScriptOutputType.MULTI, mayReap ? "1" : "0");
                strings(r.get(1), went);
                nodesNow(r.get(2));
                if (((Long) r.get(0)) == 0) {
                    sync(came, went);
                }
                healthy();
            } catch (RedisException | ClassCastException | IndexOutOfBoundsException e) {
                failed(e);
            }
        }
        report(came, true);
        report(went, false);
    }

    private void sync(List<String> came, List<String> went) {
        List<Object> r = run(PresenceScripts.SYNC, ScriptOutputType.MULTI, local.toArray(new String[0]));
        dirty = false;
        strings(r.get(0), came);
        strings(r.get(1), went);
        if (!came.isEmpty() || !went.isEmpty()) {
            LOG.log(System.Logger.Level.INFO, "node {0} reconciled presence: {1} online, {2} offline",
                    nodeId, came.size(), went.size());
        }
    }

    /**
     * Logs the nodes that joined or left since the last tick, one line each: every node logs what it
     * sees of the others. A node leaves the set only when a survivor reaps it, after
     * {@link #expiryMillis} without a heartbeat (it stopped, or cannot reach Redis).
     */
    private void nodesNow(Object ids) {
        List<String> now = new ArrayList<>();
        strings(ids, now);
        Set<String> others = new LinkedHashSet<>(now);
        others.remove(nodeId);
        if (otherNodes == null) {
            LOG.log(System.Logger.Level.INFO, "node {0} joined the cluster; other nodes: {1}", nodeId,
                    others.isEmpty() ? "none" : String.join(", ", others));
        } else {
            for (String n : others) {
                if (!otherNodes.contains(n)) {
                    LOG.log(System.Logger.Level.INFO, "node {0}: node {1} joined the cluster", nodeId, n);
                }
            }
            for (String n : otherNodes) {
                if (!others.contains(n)) {
                    LOG.log(System.Logger.Level.INFO, "node {0}: node {1} left the cluster (no heartbeat for {2} ms:"
                            + " stopped or cut off from Redis)", nodeId, n, Long.toString(expiryMillis));
                }
            }
        }
        otherNodes = others;
    }

    private static void strings(Object list, List<String> into) {
        for (Object o : (List<?>) list) {
            into.add((String) o);
        }
    }

    private void report(List<String> users, boolean online) {
        for (String u : users) {
            listeners.forEach(l -> l.changed(u, online), () -> "presence of " + u);
        }
    }

    /** Called under lock after Redis answered. */
    private void healthy() {
        if (problem != null) {
            LOG.log(System.Logger.Level.INFO, "node {0}: Redis answers again", nodeId);
            problem = null;
            reapWaits = true;
            reapAfter = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(expiryMillis);
        }
    }

    /** Called under lock when Redis did not answer. */
    private void failed(Exception e) {
        if (problem == null) {
            LOG.log(System.Logger.Level.WARNING, "node {0}: presence in Redis unavailable: {1}", nodeId, reason(e));
        }
        problem = reason(e);
        dirty = true;
    }

    private static String reason(Exception e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /** Runs a script by its digest, loading it on first use and again after Redis lost its script cache. */
    private <T> T run(String script, ScriptOutputType type, String... extra) {
        String[] args = new String[3 + extra.length];
        args[0] = nodeId;
        args[1] = Long.toString(expiryMillis);
        args[2] = nodeKeyPrefix;
        System.arraycopy(extra, 0, args, 3, extra.length);
        String sha = shas.computeIfAbsent(script, redis::digest);
        try {
            return redis.evalsha(sha, type, keys, args);
        } catch (RedisNoScriptException e) {
            return redis.eval(script, type, keys, args);
        }
    }
}
