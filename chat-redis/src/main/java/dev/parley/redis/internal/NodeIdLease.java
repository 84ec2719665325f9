package dev.parley.redis.internal;

import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A node id (0..31, part of every message id) held by one live node of the cluster at a time: a
 * Redis key {@code <prefix>:node-id:<n>} whose value names the holder and which expires after
 * the TTL unless the holder renews it (every TTL/5). Two live nodes therefore never run with the
 * same id, and a node that dies frees its id within the TTL.
 *
 * <p>While Redis is unreachable the lease cannot be renewed and may expire; the renewal then takes
 * it again if it is still free, and logs an error if another node took it meanwhile (that node
 * waited at least the TTL, so this one was cut off for that long). Thread-safe; {@link #close()}
 * stops the renewal and frees the id at once.
 */
public final class NodeIdLease implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(NodeIdLease.class.getName());
    /** The highest node id plus one (the id generator keeps 5 bits for it). */
    public static final int IDS = 32;

    /** Renews the key when this holder has it, takes it again when it is free; 1 when held, 0 when another has it. */
    private static final String RENEW = """
            local v = redis.call('GET', KEYS[1])
            if v == ARGV[1] then
              redis.call('PEXPIRE', KEYS[1], ARGV[2])
              return 1
            elseif not v then
              redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
              return 1
            end
            return 0
            """;
    /** Deletes the key only while this holder has it. */
    private static final String RELEASE = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              return redis.call('DEL', KEYS[1])
            end
            return 0
            """;

    private final StatefulRedisConnection<String, String> connection;
    private final RedisCommands<String, String> redis;
    private final String keyPrefix;
    private final String holder;
    private final long ttlMillis;
    private final ScheduledExecutorService renewer;
    private volatile int id = -1;
    private volatile boolean lost;

    /**
     * @param connection a connection the lease owns and closes
     * @param keyPrefix  prefix of the keys
     * @param nodeName   the node's name, stored (with a random suffix) as the holder
     * @param ttl        how long an id outlives its holder's last renewal
     */
    public NodeIdLease(StatefulRedisConnection<String, String> connection, String keyPrefix, String nodeName,
                       Duration ttl) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.redis = connection.sync();
        this.keyPrefix = keyPrefix + ":node-id:";
        this.holder = nodeName + "/" + UUID.randomUUID().toString().substring(0, 8);
        this.ttlMillis = ttl.toMillis();
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = new Thread(r, "parley-redis-node-id-" + nodeName);
            thread.setDaemon(true);
            return thread;
        });
        t.setRemoveOnCancelPolicy(true);
        this.renewer = t;
    }

    /**
     * Takes a node id and starts renewing it. With {@code wanted} empty, the lowest free id; with an
     * id, that one, waiting up to the TTL for it to expire when it is held (a node killed and started
     * again at once finds its old lease still there).
     *
     * @param nanoTime the clock the wait is measured with
     * @throws IllegalStateException when the id stays held for the whole TTL (another live node has
     *                               it) or every id is held, naming the holder or the problem
     * @throws RedisException        when Redis fails
     */
    public int claim(OptionalInt wanted, LongSupplier nanoTime) {
        if (id >= 0) {
            throw new IllegalStateException("this lease already holds node id " + id);
        }
        int taken;
        if (wanted.isPresent()) {
            int n = wanted.getAsInt();
            if (n < 0 || n >= IDS) {
                throw new IllegalArgumentException("node id must be between 0 and " + (IDS - 1) + ", got " + n);
            }
            long deadline = nanoTime.getAsLong() + TimeUnit.MILLISECONDS.toNanos(ttlMillis + ttlMillis / 5);
            while (!tryTake(n)) {
                if (nanoTime.getAsLong() - deadline > 0) {
                    String other = redis.get(keyPrefix + n);
                    throw new IllegalStateException("node id " + n + " is in use by another live node ("
                            + (other == null ? "gone just now" : other) + "); give every node its own node id");
                }
                pause(Math.max(50, ttlMillis / 20));
            }
            taken = n;
        } else {
            taken = -1;
            for (int n = 0; n < IDS && taken < 0; n++) {
                if (tryTake(n)) {
                    taken = n;
                }
            }
            if (taken < 0) {
                throw new IllegalStateException("every node id (0.." + (IDS - 1) + ") is in use by a live node: "
                        + "a cluster has at most " + IDS + " nodes");
            }
        }
        id = taken;
        long period = Math.max(1, ttlMillis / 5);
        renewer.scheduleWithFixedDelay(this::renew, period, period, TimeUnit.MILLISECONDS);
        return taken;
    }

    /** The id held, once claimed. */
    public OptionalInt id() {
        return id < 0 ? OptionalInt.empty() : OptionalInt.of(id);
    }

    /** Whether another node took this node's id while this one could not renew it. */
    public boolean lost() {
        return lost;
    }

    private boolean tryTake(int n) {
        return "OK".equals(redis.set(keyPrefix + n, holder, SetArgs.Builder.nx().px(ttlMillis)));
    }

    private void renew() {
        try {
            Long held = redis.eval(RENEW, ScriptOutputType.INTEGER, new String[] {keyPrefix + id}, holder,
                    Long.toString(ttlMillis));
            if (held != null && held == 0 && !lost) {
                lost = true;
                LOG.log(System.Logger.Level.ERROR, "node id " + id + " was taken by another node while this one "
                        + "could not reach Redis: two nodes now share it; restart this node");
            } else if (held != null && held == 1) {
                lost = false;
            }
        } catch (RedisException e) {
            // Redis is away; the bus and presence report it in health. Try again at the next period.
            LOG.log(System.Logger.Level.DEBUG, "cannot renew node id " + id + ": " + e.getMessage());
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis); // polling a key held by another process: there is no event to wait on
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a node id", e);
        }
    }

    @Override
    public void close() {
        renewer.shutdownNow();
        if (id >= 0) {
            try {
                redis.eval(RELEASE, ScriptOutputType.INTEGER, new String[] {keyPrefix + id}, holder);
            } catch (RedisException e) {
                LOG.log(System.Logger.Level.DEBUG, "cannot free node id " + id + " (it expires by itself): "
                        + e.getMessage());
            }
        }
        connection.close();
    }
}
