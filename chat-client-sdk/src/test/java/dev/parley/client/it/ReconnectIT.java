package dev.parley.client.it;

import dev.parley.client.Ack;
import dev.parley.client.ChatClient;
import dev.parley.client.ConnectionState;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Dropped connections in the middle of traffic: every message is delivered once and in order,
 * every send is stored once.
 */
class ReconnectIT {
    private static final int MESSAGES = 1000;
    private static final int BATCH = 50;
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void cutConnectionsDuringAThousandMessagesEachWayLoseAndRepeatNothing() throws Exception {
        try (TestServer server = TestServer.inMemory(); TcpProxy proxy = new TcpProxy(server.port())) {
            Recorder ra = new Recorder();
            Recorder rb = new Recorder();
            String aName = TestServer.name("cuta");
            String bName = TestServer.name("cutb");
            String room = TestServer.name("cut");
            ExecutorService senders = Executors.newFixedThreadPool(2);
            try (ChatClient alice = server.user(aName, ra, proxy.url()); ChatClient bob = server.user(bName, rb)) {
                alice.login();
                alice.createRoom(room, Visibility.PUBLIC);
                bob.login();
                bob.join(room);
                for (ChatClient c : List.of(alice, bob)) {
                    c.connect().get(10, TimeUnit.SECONDS);
                    c.subscribe(room).get(10, TimeUnit.SECONDS);
                }
                long startSeq = bob.history(room, PageRequest.latest(1)).messages().get(0).seq();

                Future<List<Ack>> fromAlice = senders.submit(() -> sendAll(alice, room, "a-"));
                Future<List<Ack>> fromBob = senders.submit(() -> sendAll(bob, room, "b-"));
                // Cut alice's connection three times while both are sending and receiving.
                for (int cut = 1; cut <= 3; cut++) {
                    int seen = cut * MESSAGES / 2;
                    ra.await("alice to receive " + seen + " messages", WAIT, () -> ra.in(room).size() >= seen);
                    proxy.cutAll();
                }
                List<Ack> aliceAcks = fromAlice.get(WAIT.toSeconds(), TimeUnit.SECONDS);
                List<Ack> bobAcks = fromBob.get(WAIT.toSeconds(), TimeUnit.SECONDS);
                assertEquals(MESSAGES, aliceAcks.size());
                assertEquals(MESSAGES, bobAcks.size());

                long lastSeq = startSeq + 2L * MESSAGES;
                for (Recorder r : List.of(ra, rb)) {
                    r.await("every message", WAIT, () -> !r.in(room).isEmpty()
                            && r.in(room).get(r.in(room).size() - 1).seq() >= lastSeq);
                    List<Long> seqs = r.in(room).stream().map(Message::seq).toList();
                    long first = seqs.get(0);
                    for (int i = 0; i < seqs.size(); i++) {
                        assertEquals(first + i, seqs.get(i), "delivered once and in order, at index " + i);
                    }
                    assertEquals(lastSeq, seqs.get(seqs.size() - 1));
                    assertTrue(first <= startSeq + 1, "nothing missing at the start: first delivered " + first);
                }

                List<Message> stored = allAfter(bob, room, startSeq);
                assertEquals(2 * MESSAGES, stored.size(), "every send stored once");
                assertInOrderOnce(stored, aName, "a-");
                assertInOrderOnce(stored, bName, "b-");
                assertTrue(proxy.accepted() >= 4, "alice connected " + proxy.accepted() + " times");
                assertTrue(ra.states.stream().filter(s -> s.state() == ConnectionState.RECONNECTING).count() >= 3);
                assertTrue(ra.states.stream().noneMatch(s -> s.state() == ConnectionState.CLOSED));
            } finally {
                senders.shutdownNow();
            }
        }
    }

    @Test
    void serverRestartOverTheSameDataLosesNothing(@TempDir Path dataDir) throws Exception {
        TestServer first = TestServer.persistent(dataDir, 0);
        int port = first.port();
        Recorder ra = new Recorder();
        String room = TestServer.name("restart");
        try (ChatClient alice = first.user(TestServer.name("resta"), ra);
             ChatClient bob = first.user(TestServer.name("restb"), new Recorder())) {
            alice.login();
            alice.createRoom(room, Visibility.PUBLIC);
            bob.login();
            bob.join(room);
            alice.connect().get(10, TimeUnit.SECONDS);
            alice.subscribe(room).get(10, TimeUnit.SECONDS);
            bob.connect().get(10, TimeUnit.SECONDS);
            for (int i = 0; i < 10; i++) {
                bob.send(room, "before " + i);
            }
            ra.await("the first ten", WAIT, () -> ra.count(m -> m.text().startsWith("before ")) == 10);

            first.close();
            ra.awaitState(ConnectionState.RECONNECTING, WAIT);
            List<CompletableFuture<Ack>> during = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                during.add(alice.send(room, "queued " + i));
            }
            try (TestServer second = TestServer.persistent(dataDir, port)) {
                for (CompletableFuture<Ack> f : during) {
                    f.get(WAIT.toSeconds(), TimeUnit.SECONDS);
                }
                try (ChatClient carol = second.user(TestServer.name("restc"), new Recorder())) {
                    carol.login();
                    carol.join(room);
                    carol.connect().get(10, TimeUnit.SECONDS);
                    carol.send(room, "after restart").get(10, TimeUnit.SECONDS);
                }
                ra.await("the message after the restart", WAIT,
                        () -> ra.count(m -> m.text().equals("after restart")) == 1);
                List<Long> seqs = ra.in(room).stream().map(Message::seq).toList();
                for (int i = 1; i < seqs.size(); i++) {
                    assertEquals(seqs.get(i - 1) + 1, seqs.get(i), "once and in order: " + seqs);
                }
                assertEquals(5, ra.count(m -> m.text().startsWith("queued ")));
                assertEquals(Boolean.TRUE, alice.state().map(s -> s == ConnectionState.CONNECTED).orElse(false));
            }
        }
    }

    /** Sends {@code MESSAGES} texts in batches, waiting for each batch's acks; returns every ack. */
    private static List<Ack> sendAll(ChatClient client, String room, String prefix) throws Exception {
        List<Ack> acks = new ArrayList<>();
        List<CompletableFuture<Ack>> batch = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            batch.add(client.send(room, prefix + i));
            if (batch.size() == BATCH) {
                for (CompletableFuture<Ack> f : batch) {
                    acks.add(f.get(WAIT.toSeconds(), TimeUnit.SECONDS));
                }
                batch.clear();
            }
        }
        for (CompletableFuture<Ack> f : batch) {
            acks.add(f.get(WAIT.toSeconds(), TimeUnit.SECONDS));
        }
        return acks;
    }

    private static List<Message> allAfter(ChatClient client, String room, long seq) {
        List<Message> out = new ArrayList<>();
        long after = seq;
        while (true) {
            HistoryPage page = client.history(room, PageRequest.after(after, PageRequest.MAX_LIMIT));
            out.addAll(page.messages());
            if (!page.hasMore() || page.messages().isEmpty()) {
                return out;
            }
            after = page.messages().get(page.messages().size() - 1).seq();
        }
    }

    private static void assertInOrderOnce(List<Message> stored, String from, String prefix) {
        Map<String, Integer> count = new HashMap<>();
        List<String> texts = new ArrayList<>();
        for (Message m : stored) {
            if (m.from().equals(from) && m.kind() == MessageKind.CHAT) {
                count.merge(m.text(), 1, Integer::sum);
                texts.add(m.text());
            }
        }
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            expected.add(prefix + i);
        }
        assertEquals(expected, texts, from + "'s messages stored once each, in the order sent");
    }
}
