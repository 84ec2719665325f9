package dev.parley.client.it;

import dev.parley.client.Ack;
import dev.parley.client.ChatClient;
import dev.parley.client.ChatClientException;
import dev.parley.client.ChatListener;
import dev.parley.client.ConnectionState;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.HistoryPage;
import dev.parley.protocol.Message;
import dev.parley.protocol.MessageKind;
import dev.parley.protocol.PageRequest;
import dev.parley.protocol.Visibility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Three nodes of one cluster as separate processes ({@code java -jar chat-server.jar}) over one
 * PostgreSQL schema and one Redis: ten SDK senders spread over the nodes send 5,000 messages to one
 * room, and one node is killed with {@code kill -9} halfway. Every client, those of the killed node
 * included, sees the room's seq 1..N exactly once and in order; every send is acknowledged and
 * stored once; presence crosses nodes within 1 s and a dead node's user goes offline within the TTL.
 * Needs {@code PARLEY_TEST_POSTGRES_URL} and {@code PARLEY_TEST_REDIS_URL}.
 */
class ClusterIT {
    private static final int SENDERS = 10;
    private static final int PER_SENDER = 500;
    private static final int TOTAL = SENDERS * PER_SENDER;
    private static final Duration TTL = Duration.ofSeconds(2);
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String PASSWORD = "cluster-password-1";
    private static final String ROOM = "load";
    private static final String LOBBY = "lobby";

    /** Seqs of one room as delivered to one client, and its connection states. */
    private static final class SeqLog implements ChatListener {
        private final List<Long> seqs = new ArrayList<>();
        final List<ConnectionState> states = new CopyOnWriteArrayList<>();
        final Map<String, CompletableFuture<Void>> online = new ConcurrentHashMap<>();
        final Map<String, CompletableFuture<Void>> offline = new ConcurrentHashMap<>();

        @Override
        public synchronized void onMessage(Message m) {
            if (m.room().equals(ROOM)) {
                seqs.add(m.seq());
                notifyAll();
            }
        }

        @Override
        public void onPresence(String user, boolean isOnline) {
            (isOnline ? online : offline).computeIfAbsent(user, u -> new CompletableFuture<>()).complete(null);
        }

        @Override
        public void onStateChange(ConnectionState state, String reason) {
            states.add(state);
        }

        CompletableFuture<Void> wentOnline(String user) {
            return online.computeIfAbsent(user, u -> new CompletableFuture<>());
        }

        CompletableFuture<Void> wentOffline(String user) {
            return offline.computeIfAbsent(user, u -> new CompletableFuture<>());
        }

        /** Waits until seq {@code last} arrived; returns everything delivered. */
        synchronized List<Long> awaitThrough(long last, String who) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (seqs.isEmpty() || seqs.get(seqs.size() - 1) < last) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    fail(who + " received up to seq " + (seqs.isEmpty() ? 0 : seqs.get(seqs.size() - 1))
                            + " of " + last + " within " + WAIT);
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return List.copyOf(seqs);
        }
    }

    private record Client(String name, ChatClient client, SeqLog log, int home) {
    }

    @Test
    void threeNodeProcessesDeliverFiveThousandMessagesOnceInOrderThroughAKill9(@TempDir Path dir) throws Exception {
        String postgres = ClusterNodes.postgres();
        String redis = ClusterNodes.redis();
        String schema = ClusterNodes.freshName("parley_it_");
        String prefix = ClusterNodes.freshName("parley-it-");
        String db = ClusterNodes.createSchema(postgres, schema);
        List<ClusterNodes.Node> nodes = new ArrayList<>();
        List<Client> clients = new ArrayList<>();
        // One thread, so that each sender's sends leave in the order of their times (send() does not block).
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        try {
            // The first node creates the tables; the other two start together once they exist.
            nodes.add(node(1, dir, db, redis, prefix));
            List<CompletableFuture<ClusterNodes.Node>> others = new ArrayList<>();
            for (int id = 2; id <= 3; id++) {
                int n = id;
                others.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return node(n, dir, db, redis, prefix);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            for (CompletableFuture<ClusterNodes.Node> f : others) {
                nodes.add(f.get(90, TimeUnit.SECONDS));
            }
            List<String> urls = nodes.stream().map(n -> n.url).toList();

            // Ten senders and three readers, each starting on "its" node with the two others as fallbacks.
            for (int i = 0; i < SENDERS + 3; i++) {
                String name = (i < SENDERS ? "sender" + i : "reader" + (i - SENDERS));
                clients.add(client(name, i % 3, urls));
            }
            Client owner = clients.get(0);
            owner.client().login();
            owner.client().createRoom(ROOM, Visibility.PUBLIC);
            owner.client().createRoom(LOBBY, Visibility.PUBLIC);
            for (Client c : clients) {
                c.client().login();
                if (c != owner) {
                    c.client().join(ROOM);
                }
            }
            // Presence: a watcher on node 1 shares a room with a user on node 2 and one on node 3 only.
            Client watcher = client("watcher", 0, List.of(urls.get(0)));
            Client onTwo = client("probe2", 1, List.of(urls.get(1)));
            Client onThree = client("probe3", 2, List.of(urls.get(2)));
            clients.addAll(List.of(watcher, onTwo, onThree));
            for (Client c : List.of(watcher, onTwo, onThree)) {
                c.client().login();
                c.client().join(LOBBY);
            }
            watcher.client().connect().get(20, TimeUnit.SECONDS);
            watcher.client().subscribe(LOBBY).get(20, TimeUnit.SECONDS);
            for (Client c : List.of(onTwo, onThree)) {
                CompletableFuture<Void> seen = watcher.log().wentOnline(c.name());
                c.client().connect().get(20, TimeUnit.SECONDS);
                long connected = System.nanoTime();
                seen.get(5, TimeUnit.SECONDS);
                long millis = Duration.ofNanos(System.nanoTime() - connected).toMillis();
                assertTrue(millis <= 1000, c.name() + " seen online on node 1 after " + millis + " ms");
            }

            long before = owner.client().history(ROOM, PageRequest.latest(1)).messages().get(0).seq();
            long last = before + TOTAL;
            for (Client c : clients.subList(0, SENDERS + 3)) {
                c.client().connect().get(20, TimeUnit.SECONDS);
                c.client().subscribe(ROOM, 0).get(20, TimeUnit.SECONDS);
            }

            // Traffic: each sender a burst, then about 18 a second (under the default limit of 20/s per user).
            Map<String, List<CompletableFuture<Ack>>> acks = new ConcurrentHashMap<>();
            CountDownLatch halfAcked = new CountDownLatch(TOTAL / 2);
            CountDownLatch allSent = new CountDownLatch(TOTAL);
            for (Client c : clients.subList(0, SENDERS)) {
                List<CompletableFuture<Ack>> mine = new CopyOnWriteArrayList<>();
                acks.put(c.name(), mine);
                for (int k = 0; k < PER_SENDER; k++) {
                    int seq = k;
                    long at = k < 150 ? k * 4L : 600 + (k - 150) * 55L;
                    pacer.schedule(() -> {
                        CompletableFuture<Ack> f = c.client().send(ROOM, c.name() + "-" + seq);
                        f.thenRun(halfAcked::countDown);
                        mine.add(f);
                        allSent.countDown();
                    }, at, TimeUnit.MILLISECONDS);
                }
            }
            assertTrue(halfAcked.await(WAIT.toSeconds(), TimeUnit.SECONDS), "half of the sends acknowledged");
            CompletableFuture<Void> probeOffline = watcher.log().wentOffline(onThree.name());
            nodes.get(2).kill();
            long killed = System.nanoTime();
            probeOffline.get(TTL.toMillis() + 3000, TimeUnit.MILLISECONDS);
            long offlineAfter = Duration.ofNanos(System.nanoTime() - killed).toMillis();
            assertTrue(offlineAfter <= TTL.toMillis() + 1000, "offline " + offlineAfter + " ms after kill -9, TTL " + TTL);

            // Every send acknowledged (those in flight on the killed node re-sent elsewhere under the same clientMsgId).
            assertTrue(allSent.await(WAIT.toSeconds(), TimeUnit.SECONDS), "every send made");
            Map<Long, Ack> acked = new HashMap<>();
            for (Client c : clients.subList(0, SENDERS)) {
                for (CompletableFuture<Ack> f : acks.get(c.name())) {
                    Ack a = f.get(WAIT.toSeconds(), TimeUnit.SECONDS);
                    acked.put(a.seq().getAsLong(), a);
                }
            }
            assertEquals(TOTAL, acked.size(), "5,000 acks, each for its own seq");

            // Every client, those that were on the killed node too, has seq 1..last once and in order.
            for (Client c : clients.subList(0, SENDERS + 3)) {
                List<Long> seqs = c.log().awaitThrough(last, c.name());
                for (int i = 0; i < seqs.size(); i++) {
                    if (seqs.get(i) != i + 1) {
                        fail(c.name() + " (home node " + (c.home() + 1) + ") got seq " + seqs.get(i) + " at position "
                                + (i + 1));
                    }
                }
                assertEquals(last, seqs.size(), c.name() + " got every seq once");
                if (c.home() == 2) {
                    assertTrue(c.log().states.contains(ConnectionState.RECONNECTING), c.name() + " moved");
                    assertEquals(ConnectionState.CONNECTED, c.client().state().orElseThrow(), c.name() + " is connected");
                }
            }

            // The database has every acknowledged message once, each sender's in the order sent.
            List<Message> stored = history(clients.get(SENDERS).client(), last);
            assertEquals(last, stored.size());
            Map<String, List<String>> bySender = stored.stream().filter(m -> m.kind() == MessageKind.CHAT)
                    .collect(Collectors.groupingBy(Message::from, Collectors.mapping(Message::text, Collectors.toList())));
            for (Client c : clients.subList(0, SENDERS)) {
                List<String> expected = new ArrayList<>();
                for (int k = 0; k < PER_SENDER; k++) {
                    expected.add(c.name() + "-" + k);
                }
                assertEquals(expected, bySender.get(c.name()), c.name() + "'s messages stored once, in order");
            }
            for (Message m : stored) {
                Ack a = acked.get(m.seq());
                if (m.kind() == MessageKind.CHAT) {
                    assertEquals(m.id(), a.id().getAsLong(), "the ack of seq " + m.seq() + " names the stored message");
                }
            }
        } catch (AssertionError | Exception e) {
            for (ClusterNodes.Node n : nodes) {
                System.err.println("---- node " + n.id + " log ----\n" + n.log());
            }
            throw e;
        } finally {
            pacer.shutdownNow();
            for (Client c : clients) {
                c.client().close();
            }
            for (ClusterNodes.Node n : nodes) {
                n.close();
            }
            ClusterNodes.dropSchema(postgres, schema);
            ClusterNodes.deleteKeys(redis, prefix);
        }
    }

    /** What the room's lifecycle callbacks handed one client, in the order they came. */
    private static final class Changes implements ChatListener {
        final java.util.concurrent.BlockingQueue<String> seen = new java.util.concurrent.LinkedBlockingQueue<>();

        @Override
        public void onEdited(Message current, Message entry) {
            seen.add(entry.seq() + " edited " + current.text());
        }

        @Override
        public void onReaction(Message current, Message entry) {
            seen.add(entry.seq() + " reactions " + current.state().reactions().stream()
                    .map(r -> r.emoji() + r.count() + (r.me() ? "*" : "")).toList());
        }

        @Override
        public void onThreadUpdated(Message root, Message cause) {
            seen.add(cause.seq() + " replies " + root.state().replies());
        }

        @Override
        public void onDeleted(Message current, Message entry) {
            seen.add(entry.seq() + " deleted " + current.state().deleted());
        }

        String next() throws InterruptedException {
            String s = seen.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            if (s == null) {
                fail("no lifecycle callback within " + WAIT);
            }
            return s;
        }
    }

    @Test
    void editsReactionsThreadsAndDeletionsMadeOnOneNodeReachAClientOnTheOtherInSeqOrder(@TempDir Path dir)
            throws Exception {
        String postgres = ClusterNodes.postgres();
        String redis = ClusterNodes.redis();
        String schema = ClusterNodes.freshName("parley_it_");
        String prefix = ClusterNodes.freshName("parley-it-");
        String db = ClusterNodes.createSchema(postgres, schema);
        List<ClusterNodes.Node> nodes = new ArrayList<>();
        List<ChatClient> clients = new ArrayList<>();
        try {
            nodes.add(node(1, dir, db, redis, prefix));
            nodes.add(node(2, dir, db, redis, prefix));
            Changes onTwo = new Changes();
            ChatClient alice = TestServer.client(nodes.get(0).url).credentials("lcalice", PASSWORD).build();
            ChatClient bob = TestServer.client(nodes.get(1).url).credentials("lcbob", PASSWORD).listener(onTwo).build();
            clients.add(alice);
            clients.add(bob);
            alice.register("lcalice", PASSWORD);
            bob.register("lcbob", PASSWORD);
            alice.login();
            bob.login();
            alice.createRoom("life", Visibility.PUBLIC);
            bob.join("life");
            alice.connect().get(20, TimeUnit.SECONDS);
            bob.connect().get(20, TimeUnit.SECONDS);
            bob.subscribe("life").get(20, TimeUnit.SECONDS);

            long id = alice.send("life", "helo").get(20, TimeUnit.SECONDS).id().getAsLong();
            long edit = alice.edit("life", id, "hello").get(20, TimeUnit.SECONDS).seq().getAsLong();
            assertEquals(edit + " edited hello", onTwo.next());
            long react = alice.react("life", id, "🎉").get(20, TimeUnit.SECONDS).seq().getAsLong();
            assertEquals(react + " reactions [🎉1]", onTwo.next());
            long mine = bob.react("life", id, "🎉").get(20, TimeUnit.SECONDS).seq().getAsLong();
            assertEquals(mine + " reactions [🎉2*]", onTwo.next());
            Ack reply = alice.replyInThread("life", id, "in thread").get(20, TimeUnit.SECONDS);
            assertEquals(reply.seq().getAsLong() + " replies 1", onTwo.next());
            long gone = alice.delete("life", id).get(20, TimeUnit.SECONDS).seq().getAsLong();
            assertEquals(gone + " deleted true", onTwo.next());
            Message now = bob.message("life", id);
            assertTrue(now.state().deleted());
            assertEquals(1, now.state().replies());
        } finally {
            clients.forEach(ChatClient::close);
            for (ClusterNodes.Node n : nodes) {
                n.close();
            }
            ClusterNodes.dropSchema(postgres, schema);
            ClusterNodes.deleteKeys(redis, prefix);
        }
    }

    private static ClusterNodes.Node node(int id, Path dir, String db, String redis, String prefix) throws Exception {
        return ClusterNodes.Node.start(id, dir, List.of("--db-url", db, "--redis", redis, "--redis-prefix", prefix,
                "--node-id", String.valueOf(id), "--presence-ttl", TTL.toSeconds() + "s"));
    }

    /** Registers {@code name} through its home node; its client lists the nodes from home on. */
    private static Client client(String name, int home, List<String> urls) {
        List<String> order = new ArrayList<>();
        for (int i = 0; i < urls.size(); i++) {
            order.add(urls.get((home + i) % urls.size()));
        }
        SeqLog log = new SeqLog();
        ChatClient c = TestServer.client(order.get(0)).servers(order.toArray(String[]::new))
                .credentials(name, PASSWORD).listener(log).build();
        try {
            c.register(name, PASSWORD);
        } catch (ChatClientException e) {
            if (e.code() != ErrorCode.CONFLICT) {
                throw e;
            }
        }
        return new Client(name, c, log, home);
    }

    private static List<Message> history(ChatClient client, long last) {
        List<Message> out = new ArrayList<>();
        long after = 0;
        for (int pages = 0; pages <= last / PageRequest.MAX_LIMIT + 1; pages++) {
            HistoryPage page = client.history(ROOM, PageRequest.after(after, PageRequest.MAX_LIMIT));
            out.addAll(page.messages());
            if (!page.hasMore() || page.messages().isEmpty()) {
                break;
            }
            after = page.messages().get(page.messages().size() - 1).seq();
        }
        return out;
    }
}
