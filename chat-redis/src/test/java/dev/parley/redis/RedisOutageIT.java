package dev.parley.redis;

import dev.parley.core.Chat;
import dev.parley.core.ChatConfig;
import dev.parley.core.ClientSession;
import dev.parley.protocol.Health;
import dev.parley.protocol.PageRequest;
import dev.parley.protocol.User;
import dev.parley.protocol.UserProfile;
import dev.parley.protocol.Visibility;
import dev.parley.protocol.wire.ClientFrame;
import dev.parley.protocol.wire.FrameCodec;
import dev.parley.protocol.wire.ServerFrame;
import dev.parley.core.spi.Connection;
import dev.parley.core.spi.FileStore;
import dev.parley.core.spi.MessageStore;
import dev.parley.core.spi.RoomStore;
import dev.parley.core.spi.TokenStore;
import dev.parley.core.spi.UserStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Redis stops and starts again under three nodes while six senders keep posting: the nodes keep
 * serving, report DEGRADED meanwhile, reconnect by themselves, and every client ends with every
 * message once and in seq order. The test runs its own redis-server (no persistence, so the restart
 * also loses the presence data, which the nodes rebuild).
 */
@Timeout(180)
class RedisOutageIT {
    private static final int NODES = 3;
    private static final int SENDERS = 6;
    private static final int TOTAL = 3000;
    private static final int BEFORE_OUTAGE = 1000;
    private static final int DURING_OUTAGE = 1000;
    private static final Duration WAIT = Duration.ofSeconds(60);

    /** Records message frames of one room, as seqs. */
    private static final class Reader implements Connection {
        final LinkedBlockingQueue<Long> seqs = new LinkedBlockingQueue<>();
        final CompletableFuture<Void> subscribed = new CompletableFuture<>();

        @Override
        public CompletionStage<?> send(String frame) {
            ServerFrame f = FrameCodec.decodeServer(frame);
            if (f instanceof ServerFrame.MessageFrame m && m.message().room().equals("load")) {
                seqs.add(m.message().seq());
            } else if (f instanceof ServerFrame.Subscribed) {
                subscribed.complete(null);
            }
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void close(int code, String reason) {
        }
    }

    private RedisServer server;
    private final List<ParleyRedis> redis = new ArrayList<>();
    private final List<Chat> nodes = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        RedisTests.uri();
        server = RedisServer.start();
        UserStore users = UserStore.inMemory();
        RoomStore rooms = RoomStore.inMemory();
        MessageStore messages = MessageStore.inMemory();
        TokenStore tokens = TokenStore.inMemory();
        FileStore files = FileStore.inMemory();
        for (int i = 0; i < NODES; i++) {
            ParleyRedis r = ParleyRedis.connect(RedisTests.options(server.uri(), "parley", "node-" + i, Duration.ofSeconds(2)));
            redis.add(r);
            nodes.add(r.applyTo(Chat.builder()
                    .config(ChatConfig.builder().passwordHashCost(4).sendRate(1_000_000, 1_000_000).nodeId(i)
                            .outboundQueueLimit(TOTAL + 1000).build())
                    .userStore(users).roomStore(rooms).messageStore(messages).tokenStore(tokens).fileStore(files))
                    .build());
        }
    }

    @AfterEach
    void stop() throws Exception {
        nodes.forEach(Chat::close);
        redis.forEach(ParleyRedis::close);
        if (server != null) {
            server.close();
        }
    }

    @Test
    void clientsMissNothingWhenRedisRestartsDuringTraffic() throws Exception {
        User owner = nodes.get(0).register("owner", "password-owner");
        nodes.get(0).createRoom(owner, "load", Optional.empty(), Visibility.PUBLIC, List.of());
        List<User> senders = new ArrayList<>();
        List<Reader> readers = new ArrayList<>();
        for (int i = 0; i < SENDERS; i++) {
            Chat node = nodes.get(i % NODES);
            User u = node.register("sender" + i, "password-sender" + i);
            node.join(u, "load");
            senders.add(u);
        }
        long before = nodes.get(0).history(owner, "load", PageRequest.latest(1)).messages().get(0).seq();
        for (int i = 0; i < SENDERS; i++) {
            Reader r = new Reader();
            ClientSession s = nodes.get(i % NODES).connect(senders.get(i), Optional.empty(), r);
            s.receive(FrameCodec.encode(new ClientFrame.Subscribe("load", OptionalLong.empty())));
            r.subscribed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            readers.add(r);
        }

        AtomicInteger sent = new AtomicInteger();
        CountDownLatch redisDown = new CountDownLatch(1);
        CountDownLatch redisBack = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(SENDERS);
        List<Future<?>> work = new ArrayList<>();
        try {
            for (int i = 0; i < SENDERS; i++) {
                Chat via = nodes.get(i % NODES);
                User u = senders.get(i);
                work.add(pool.submit(() -> {
                    for (int n = sent.incrementAndGet(); n <= TOTAL; n = sent.incrementAndGet()) {
                        // Phases, so that traffic surely runs before, during and after the outage.
                        if (n > BEFORE_OUTAGE) {
                            assertTrue(redisDown.await(WAIT.toSeconds(), TimeUnit.SECONDS));
                        }
                        if (n > BEFORE_OUTAGE + DURING_OUTAGE) {
                            assertTrue(redisBack.await(WAIT.toSeconds(), TimeUnit.SECONDS));
                        }
                        via.send(u, "load", u.username() + " " + n, Optional.empty());
                    }
                    return null;
                }));
            }
            RedisTests.await(BEFORE_OUTAGE + " messages sent", WAIT, () -> sent.get() >= BEFORE_OUTAGE);
            server.stop();
            for (Chat node : nodes) {
                RedisTests.await("DEGRADED health", WAIT, () -> !node.health().isUp());
                Health h = node.health();
                assertEquals("DEGRADED", h.status());
                assertTrue(h.details().get("bus").startsWith("down: "), h.details().toString());
            }
            redisDown.countDown();
            RedisTests.await("messages sent while Redis is down", WAIT,
                    () -> sent.get() >= BEFORE_OUTAGE + DURING_OUTAGE);
            server.startAgain();
            for (Chat node : nodes) {
                RedisTests.await("UP health after the restart", WAIT, () -> node.health().isUp());
            }
            redisBack.countDown();
            for (Future<?> f : work) {
                f.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            }
        } finally {
            redisDown.countDown();
            redisBack.countDown();
            pool.shutdownNow();
        }

        for (Reader r : readers) {
            long expected = before + 1;
            for (int k = 0; k < TOTAL; k++) {
                Long seq = r.seqs.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
                assertNotNull(seq, "message " + expected + " never arrived");
                assertEquals(expected++, seq, "seq out of order, missing or repeated");
            }
        }

        // Presence was lost with Redis' data; every node rebuilt its part.
        for (Chat node : nodes) {
            RedisTests.await("every sender online again", WAIT,
                    () -> node.onlineUsers().stream().map(UserProfile::username).toList().size() == SENDERS);
        }
    }

    @Test
    void theLastMessageSentWhileRedisIsDownReachesTheOtherNodesOnceItIsBack() throws Exception {
        User alice = nodes.get(0).register("alice", "password-alice");
        User bob = nodes.get(1).register("bob", "password-bob");
        nodes.get(0).createRoom(alice, "load", Optional.empty(), Visibility.PUBLIC, List.of("bob"));
        Reader onOtherNode = new Reader();
        nodes.get(1).connect(bob, Optional.empty(), onOtherNode)
                .receive(FrameCodec.encode(new ClientFrame.Subscribe("load", OptionalLong.empty())));
        onOtherNode.subscribed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);

        server.stop();
        RedisTests.await("DEGRADED health", WAIT, () -> !nodes.get(0).health().isUp());
        long seq = nodes.get(0).send(alice, "load", "while Redis is down", Optional.empty()).seq();
        server.startAgain();

        // Nothing is sent afterwards: only the reconnect (catch-up from the store) can deliver it.
        assertEquals(seq, onOtherNode.seqs.poll(WAIT.toSeconds(), TimeUnit.SECONDS));
    }
}
