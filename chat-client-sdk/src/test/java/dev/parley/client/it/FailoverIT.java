package dev.parley.client.it;

import com.sun.net.httpserver.HttpServer;
import dev.parley.client.Ack;
import dev.parley.client.ChatClient;
import dev.parley.client.ChatClientException;
import dev.parley.client.ConnectionState;
import dev.parley.core.ChatConfig;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.HistoryPage;
import dev.parley.protocol.Message;
import dev.parley.protocol.MessageKind;
import dev.parley.protocol.PageRequest;
import dev.parley.protocol.Visibility;
import dev.parley.core.spi.ClusterBus;
import dev.parley.standalone.StandaloneConfig;
import dev.parley.standalone.StandaloneServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client given several nodes of one cluster (two standalone servers in this JVM over one H2
 * database and one in-process bus) moves to the other node when its own stops, and loses and
 * repeats nothing.
 */
class FailoverIT {
    private static final int MESSAGES = 600;
    private static final int BATCH = 50;
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final AtomicInteger DATABASES = new AtomicInteger();

    /** Two nodes (ids 1 and 2) sharing one in-memory H2 database and one bus. */
    private static final class TwoNodes implements AutoCloseable {
        final StandaloneServer a;
        final StandaloneServer b;

        TwoNodes() throws IOException {
            String db = "jdbc:h2:mem:failover" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1";
            ClusterBus bus = ClusterBus.inProcess();
            a = node(db, 1, bus);
            b = node(db, 2, bus);
        }

        private static StandaloneServer node(String db, int id, ClusterBus bus) throws IOException {
            StandaloneConfig config = StandaloneConfig.builder()
                    .host("127.0.0.1")
                    .port(0)
                    .database(db, Optional.of("sa"), Optional.of(""))
                    .chat(ChatConfig.builder().passwordHashCost(4).sendRate(100_000, 100_000).nodeId(id).build())
                    .build();
            return StandaloneServer.create(config, e -> e.bus(bus)).start();
        }

        @Override
        public void close() {
            a.close();
            b.close();
        }
    }

    @Test
    void clientMovesToTheOtherNodeWhenItsNodeStopsAndLosesAndRepeatsNothing() throws Exception {
        try (TwoNodes nodes = new TwoNodes()) {
            String urlA = url(nodes.a);
            String urlB = url(nodes.b);
            Recorder ra = new Recorder();
            Recorder rb = new Recorder();
            String aName = TestServer.name("fova");
            String bName = TestServer.name("fovb");
            String room = TestServer.name("fov");
            ExecutorService senders = Executors.newFixedThreadPool(2);
            try (ChatClient alice = user(aName, ra, urlA, urlB); ChatClient bob = user(bName, rb, urlB)) {
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
                ra.await("alice to receive a third of the traffic", WAIT, () -> ra.in(room).size() >= 2 * MESSAGES / 3);
                nodes.a.close(); // alice's node goes away; its port refuses connections from now on

                assertEquals(MESSAGES, fromAlice.get(WAIT.toSeconds(), TimeUnit.SECONDS).size());
                assertEquals(MESSAGES, fromBob.get(WAIT.toSeconds(), TimeUnit.SECONDS).size());
                long lastSeq = startSeq + 2L * MESSAGES;
                for (Recorder r : List.of(ra, rb)) {
                    r.await("every message", WAIT, () -> !r.in(room).isEmpty()
                            && r.in(room).get(r.in(room).size() - 1).seq() >= lastSeq);
                    List<Long> seqs = r.in(room).stream().map(Message::seq).toList();
                    for (int i = 1; i < seqs.size(); i++) {
                        assertEquals(seqs.get(i - 1) + 1, seqs.get(i), "delivered once and in order, at index " + i);
                    }
                    assertTrue(seqs.get(0) <= startSeq + 1, "nothing missing at the start: first delivered " + seqs.get(0));
                    assertEquals(lastSeq, seqs.get(seqs.size() - 1));
                }
                assertTrue(ra.states.stream().anyMatch(s -> s.state() == ConnectionState.RECONNECTING));
                assertTrue(ra.states.stream().noneMatch(s -> s.state() == ConnectionState.CLOSED));

                // REST after the move: node A refuses the connection, the call is made on node B.
                List<Message> stored = allAfter(alice, room, startSeq);
                assertEquals(2 * MESSAGES, stored.size(), "every send stored once");
                assertSentOnceInOrder(stored, aName, "a-");
                assertSentOnceInOrder(stored, bName, "b-");
            } finally {
                senders.shutdownNow();
            }
        }
    }

    @Test
    void restCallMovesToTheNextServerWhenTheConnectionIsRefused() throws Exception {
        try (TwoNodes nodes = new TwoNodes()) {
            String dead = "http://127.0.0.1:" + closedPort();
            String name = TestServer.name("fovrest");
            try (ChatClient client = TestServer.client(dead).servers(dead, url(nodes.b))
                    .credentials(name, TestServer.PASSWORD).build()) {
                assertEquals(name, client.register(name, TestServer.PASSWORD).username());
                client.login();
                assertTrue(client.rooms().stream().anyMatch(l -> l.room().id().equals("general")));
                assertEquals(name, client.connect().get(10, TimeUnit.SECONDS).username());
            }
        }
    }

    @Test
    void httpErrorAnswerIsNeverRetriedOnTheNextServer() throws Exception {
        HttpServer stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        AtomicInteger stubCalls = new AtomicInteger();
        stub.createContext("/", exchange -> {
            stubCalls.incrementAndGet();
            byte[] body = "{\"error\":\"NOT_FOUND\",\"message\":\"nothing here\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(404, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        stub.start();
        try (TestServer real = TestServer.inMemory()) {
            String first = "http://127.0.0.1:" + stub.getAddress().getPort();
            String name = TestServer.name("fov404");
            try (ChatClient client = TestServer.client(first).servers(first, real.url()).build()) {
                ChatClientException e = assertThrows(ChatClientException.class,
                        () -> client.register(name, TestServer.PASSWORD));
                assertEquals(ErrorCode.NOT_FOUND, e.code(), "the first server's answer, not the second's 201");
                assertEquals("nothing here", e.getMessage());
                assertEquals(1, stubCalls.get());
            }
        } finally {
            stub.stop(0);
        }
    }

    @Test
    void firstConnectFailsOnlyOnceEveryServerRefused() throws Exception {
        String one = "http://127.0.0.1:" + closedPort();
        String two = "http://127.0.0.1:" + closedPort();
        try (ChatClient client = TestServer.client(one).servers(one, two).token("whatever").build()) {
            var e = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> client.connect().get(20, TimeUnit.SECONDS));
            assertEquals(ErrorCode.UNAVAILABLE, ((ChatClientException) e.getCause()).code());
            assertEquals(Optional.of(ConnectionState.CLOSED), client.state());
        }
    }

    private static ChatClient user(String username, Recorder listener, String... urls) {
        ChatClient c = TestServer.client(urls[0]).servers(urls).credentials(username, TestServer.PASSWORD)
                .listener(listener).build();
        c.register(username, TestServer.PASSWORD);
        return c;
    }

    private static String url(StandaloneServer server) {
        return "http://127.0.0.1:" + server.port();
    }

    /** A port nothing listens on (bound, then released). */
    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static List<Ack> sendAll(ChatClient client, String room, String prefix) throws Exception {
        List<Ack> acks = new ArrayList<>();
        List<CompletableFuture<Ack>> batch = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            batch.add(client.send(room, prefix + i));
            if (batch.size() == BATCH || i == MESSAGES - 1) {
                for (CompletableFuture<Ack> f : batch) {
                    acks.add(f.get(WAIT.toSeconds(), TimeUnit.SECONDS));
                }
                batch.clear();
            }
        }
        return acks;
    }

    private static List<Message> allAfter(ChatClient client, String room, long seq) {
        List<Message> out = new ArrayList<>();
        long after = seq;
        for (int pages = 0; pages < 1000; pages++) {
            HistoryPage page = client.history(room, PageRequest.after(after, PageRequest.MAX_LIMIT));
            out.addAll(page.messages());
            if (!page.hasMore() || page.messages().isEmpty()) {
                return out;
            }
            after = page.messages().get(page.messages().size() - 1).seq();
        }
        throw new AssertionError("history did not end within 1000 pages");
    }

    private static void assertSentOnceInOrder(List<Message> stored, String from, String prefix) {
        List<String> texts = stored.stream().filter(m -> m.from().equals(from) && m.kind() == MessageKind.CHAT)
                .map(Message::text).toList();
        Set<String> unique = new HashSet<>(texts);
        assertEquals(texts.size(), unique.size(), from + "'s messages stored once each");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            expected.add(prefix + i);
        }
        assertEquals(expected, texts, from + "'s messages stored once each, in the order sent");
    }
}
