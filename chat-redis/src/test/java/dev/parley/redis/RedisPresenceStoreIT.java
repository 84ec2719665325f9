package dev.parley.redis;

import dev.parley.core.spi.PresenceStore;
import dev.parley.core.spi.contract.PresenceStoreContract;
import dev.parley.redis.internal.RedisPresenceStore;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the {@link PresenceStoreContract} against Redis (each test under its own key prefix, with a
 * 2 s TTL), and pins what only a store in another process does: reconciling after being reaped.
 */
class RedisPresenceStoreIT extends PresenceStoreContract {
    private static final Duration TTL = Duration.ofSeconds(2);

    private final List<ParleyRedis> connections = new ArrayList<>();
    private String uri;
    private String prefix;

    @Override
    protected Cluster newCluster() {
        uri = RedisTests.uri();
        prefix = RedisTests.freshPrefix();
        return name -> {
            ParleyRedis r = ParleyRedis.connect(RedisTests.options(uri, prefix, name, TTL));
            connections.add(r);
            return r.presence();
        };
    }

    @Override
    protected Duration deathNoticeBound() {
        return TTL;
    }

    @AfterEach
    void release() {
        connections.forEach(ParleyRedis::close);
        if (prefix != null) {
            RedisTests.deleteKeys(uri, prefix);
        }
    }

    @Test
    @Timeout(30)
    void aNodeFoundReapedWhileAliveRegistersItsUsersAgainAndReportsThemOnline() throws Exception {
        PresenceStore alive = node("alive");
        PresenceStore other = node("other");
        CompletableFuture<Boolean> back = new CompletableFuture<>();
        alive.subscribe((user, online) -> back.complete(online));
        assertTrue(alive.online("alice"));

        // What a survivor does to a node it believes dead (after a pause longer than the expiry).
        String id = ((RedisPresenceStore) alive).nodeId();
        RedisClient client = RedisClient.create(uri);
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            c.sync().zrem(prefix + ":presence:nodes", id);
            c.sync().del(prefix + ":presence:node:" + id);
            c.sync().hdel(prefix + ":presence:users", "alice");
        } finally {
            client.shutdown();
        }
        assertFalse(other.isOnline("alice"));

        assertTrue(back.get(10, TimeUnit.SECONDS), "the live node re-registers alice and reports her online");
        assertTrue(other.isOnline("alice"));
        assertEquals(List.of("alice"), other.onlineUsers());
        assertTrue(alive.offline("alice"), "counts are consistent again");
        assertFalse(other.isOnline("alice"));
    }

    @Test
    @Timeout(30)
    void eachNodeLogsAnotherNodeJoiningAndThenLeavingWhenItsHeartbeatStops() throws Exception {
        Logger log = Logger.getLogger(RedisPresenceStore.class.getName());
        List<String> lines = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            private final SimpleFormatter format = new SimpleFormatter();

            @Override
            public void publish(LogRecord r) {
                lines.add(format.formatMessage(r));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.addHandler(capture);
        try {
            RedisPresenceStore watcher = (RedisPresenceStore) node("watcher");
            RedisPresenceStore leaver = (RedisPresenceStore) node("leaver");
            String me = watcher.nodeId();
            String other = leaver.nodeId();
            awaitLine(lines, "node " + me + ": node " + other + " joined the cluster");
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("node " + other + " joined the cluster; other nodes: ")
                    && l.contains(me)), "the new node names the ones already there: " + lines);

            connections.get(connections.size() - 1).close();
            awaitLine(lines, "node " + me + ": node " + other + " left the cluster (no heartbeat for ");
            assertEquals(1, lines.stream().filter(l -> l.startsWith("node " + me + ": node " + other + " joined")).count(),
                    "one line per join: " + lines);
        } finally {
            log.removeHandler(capture);
        }
    }

    private static void awaitLine(List<String> lines, String start) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (lines.stream().noneMatch(l -> l.startsWith(start))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no log line starting with '" + start + "' in " + lines);
            }
            TimeUnit.MILLISECONDS.sleep(20); // polling the captured lines, bounded by the deadline
        }
    }
}
