package dev.parley.core.spi.contract;

import dev.parley.core.spi.PresenceStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The behaviour every {@link PresenceStore} promises, seen from several nodes of one cluster. A
 * subclass supplies a fresh, empty cluster per test ({@link #newCluster()}) whose nodes are the
 * stores under test, and says how soon a dead node's users must be reported offline.
 */
public abstract class PresenceStoreContract {

    /** Makes the nodes of one cluster; every node it makes shares presence with the others. */
    @FunctionalInterface
    protected interface Cluster {
        PresenceStore node(String name);
    }

    /** A fresh, empty cluster; called once before each test. */
    protected abstract Cluster newCluster();

    /** The longest a dead node's users may stay online before a survivor reports them (its TTL, with slack). */
    protected abstract Duration deathNoticeBound();

    /** A report heard by a listener. */
    protected record Change(String node, String username, boolean online) {
    }

    private Cluster cluster;
    private final List<PresenceStore> nodes = new ArrayList<>();

    @BeforeEach
    void freshCluster() {
        cluster = newCluster();
    }

    @AfterEach
    void closeNodes() {
        nodes.forEach(PresenceStore::close);
    }

    /** A new node of this test's cluster, closed after the test. */
    protected PresenceStore node(String name) {
        PresenceStore n = cluster.node(name);
        nodes.add(n);
        return n;
    }

    @Test
    void theFirstNodeToHaveAUserReportsThemOnlineEverywhere() {
        PresenceStore a = node("a");
        PresenceStore b = node("b");
        assertFalse(b.isOnline("alice"));
        assertTrue(a.online("alice"));
        assertTrue(a.isOnline("alice"));
        assertTrue(b.isOnline("alice"));
        assertEquals(List.of("alice"), b.onlineUsers());
    }

    @Test
    void aSecondNodeWithTheSameUserDoesNotReportOnlineAgain() {
        PresenceStore a = node("a");
        PresenceStore b = node("b");
        assertTrue(a.online("alice"));
        assertFalse(b.online("alice"));
        assertEquals(List.of("alice"), a.onlineUsers());
    }

    @Test
    void aUserStaysOnlineWhileEitherNodeHasThem() {
        PresenceStore a = node("a");
        PresenceStore b = node("b");
        a.online("alice");
        b.online("alice");
        assertFalse(a.offline("alice"), "b still has alice");
        assertTrue(a.isOnline("alice"));
        assertTrue(b.offline("alice"), "nobody has alice any more");
        assertFalse(a.isOnline("alice"));
        assertFalse(b.isOnline("alice"));
        assertEquals(List.of(), a.onlineUsers());
    }

    @Test
    void everyNodeListsEveryOnlineUserOnceOrderedByNameWithoutCase() {
        PresenceStore a = node("a");
        PresenceStore b = node("b");
        a.online("carol");
        a.online("Bob");
        b.online("alice");
        b.online("carol");
        List<String> expected = List.of("alice", "Bob", "carol");
        assertEquals(expected, a.onlineUsers());
        assertEquals(expected, b.onlineUsers());
    }

    @Test
    void onlineTwiceOnOneNodeCountsOnce() {
        PresenceStore a = node("a");
        assertTrue(a.online("alice"));
        assertFalse(a.online("alice"));
        assertTrue(a.offline("alice"), "one offline undoes both");
        assertFalse(a.isOnline("alice"));
    }

    @Test
    void offlineForAUserTheNodeNeverHadChangesNothing() {
        PresenceStore a = node("a");
        PresenceStore b = node("b");
        b.online("alice");
        assertFalse(a.offline("alice"));
        assertFalse(a.offline("bob"));
        assertTrue(b.isOnline("alice"));
        assertTrue(a.online("bob"), "bob's count did not go below zero");
    }

    @Test
    @Timeout(60)
    void aDeadNodesUsersGoOfflineReportedByOneSurvivorWithinTheBound() throws Exception {
        PresenceStore dying = node("dying");
        PresenceStore b = node("b");
        PresenceStore c = node("c");
        List<Change> heard = new CopyOnWriteArrayList<>();
        CompletableFuture<Long> aliceGone = new CompletableFuture<>();
        for (PresenceStore n : List.of(b, c)) {
            String name = n == b ? "b" : "c";
            n.subscribe((user, online) -> {
                heard.add(new Change(name, user, online));
                if (user.equals("alice") && !online) {
                    aliceGone.complete(System.nanoTime());
                }
            });
        }
        dying.online("alice");
        dying.online("carol");
        b.online("carol");
        long died = System.nanoTime();
        dying.close();
        long noticed = aliceGone.get(deathNoticeBound().toMillis() + 5_000, TimeUnit.MILLISECONDS);
        Duration took = Duration.ofNanos(noticed - died);
        assertTrue(took.compareTo(deathNoticeBound()) <= 0, "alice reported offline after " + took);
        assertEquals(1, heard.size(), "one survivor reports alice, and carol is still on b: " + heard);
        assertFalse(heard.get(0).online());
        assertFalse(b.isOnline("alice"));
        assertFalse(c.isOnline("alice"));
        assertTrue(c.isOnline("carol"));
        assertEquals(List.of("carol"), c.onlineUsers());
    }

    @Test
    @Timeout(60)
    void closingAListenerHandleStopsItsReports() throws Exception {
        PresenceStore dying = node("dying");
        PresenceStore b = node("b");
        List<String> removed = new CopyOnWriteArrayList<>();
        CompletableFuture<String> kept = new CompletableFuture<>();
        b.subscribe((user, online) -> removed.add(user)).close();
        b.subscribe((user, online) -> kept.complete(user));
        dying.online("alice");
        dying.close();
        assertEquals("alice", kept.get(deathNoticeBound().toMillis() + 5_000, TimeUnit.MILLISECONDS));
        assertEquals(List.of(), removed);
    }

    @Test
    @Timeout(120)
    void nodesRacingForOneUserAgreeOnWhoAnnounces() throws Exception {
        PresenceStore a = node("a");
        PresenceStore b = node("b");
        List<PresenceStore> both = List.of(a, b);
        for (int round = 0; round < 25; round++) {
            List<Boolean> cameOnline = Together.run(2, i -> () -> both.get(i).online("alice"));
            assertEquals(1, cameOnline.stream().filter(x -> x).count(), "round " + round + ": " + cameOnline);
            List<Boolean> wentOffline = Together.run(2, i -> () -> both.get(i).offline("alice"));
            assertEquals(1, wentOffline.stream().filter(x -> x).count(), "round " + round + ": " + wentOffline);
        }
        assertFalse(a.isOnline("alice"));
    }

    @Test
    void aReachableStoreIsUp() {
        assertEquals("UP", node("a").status());
    }
}
