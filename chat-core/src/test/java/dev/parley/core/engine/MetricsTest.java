package dev.parley.core.engine;

import dev.parley.core.Chat;
import dev.parley.core.ChatMetrics;
import dev.parley.core.ClientSession;
import dev.parley.core.spi.ClusterBus;
import dev.parley.core.spi.FileStore;
import dev.parley.core.spi.MessageStore;
import dev.parley.core.spi.RoomStore;
import dev.parley.core.spi.TokenStore;
import dev.parley.core.spi.UserStore;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.MessageKind;
import dev.parley.protocol.User;
import dev.parley.protocol.Visibility;
import dev.parley.protocol.wire.ServerFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** What the engine reports to its {@link ChatMetrics}: each count moves by exactly what happened. */
class MetricsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final Recording metrics = new Recording();
    private Chat chat;
    private Chat other;

    @AfterEach
    void close() {
        if (chat != null) {
            chat.close();
        }
        if (other != null) {
            other.close();
        }
    }

    private Chat chat(dev.parley.core.ChatConfig.Builder config) {
        chat = Chat.builder().config(config.build()).metrics(metrics).build();
        return chat;
    }

    @Test
    void tenMessagesSentMoveTheStoredCounterByTenAndEachIsTimed() {
        Chat c = chat(TestChats.config());
        User alice = c.register("alice", "password-alice");
        c.createRoom(alice, "lobby", Optional.empty(), Visibility.PUBLIC, List.of());
        long before = metrics.stored(MessageKind.CHAT);
        long timedBefore = metrics.storeTimings.sum();
        for (int i = 0; i < 10; i++) {
            c.send(alice, "lobby", "hello " + i, Optional.of("m" + i));
        }
        c.send(alice, "lobby", "hello 0", Optional.of("m0")); // a retry: stored once, counted once
        assertEquals(before + 10, metrics.stored(MessageKind.CHAT));
        assertEquals(timedBefore + 10, metrics.storeTimings.sum());
        assertTrue(metrics.storeNanos.get() > 0, "the store latency is measured");
    }

    @Test
    void eachKindOfEntryIsCountedUnderItsKind() {
        Chat c = chat(TestChats.config());
        User alice = c.register("alice", "password-alice");
        User bob = c.register("bob", "password-bob");
        c.createRoom(alice, "lobby", Optional.empty(), Visibility.PUBLIC, List.of());
        c.join(bob, "lobby");
        long id = c.send(alice, "lobby", "hi", Optional.empty()).id();
        c.react(bob, "lobby", id, "👍", Optional.empty());
        assertEquals(1, metrics.stored(MessageKind.USER_JOINED));
        assertEquals(1, metrics.stored(MessageKind.CHAT));
        assertEquals(1, metrics.stored(MessageKind.REACTION));
    }

    @Test
    void deliveriesCountEveryLiveRecipientAndGaugesCountConnectionsAndSubscriptions() throws Exception {
        Chat c = chat(TestChats.config());
        User alice = c.register("alice", "password-alice");
        User bob = c.register("bob", "password-bob");
        c.createRoom(alice, "lobby", Optional.empty(), Visibility.PUBLIC, List.of());
        c.join(bob, "lobby");
        assertNotNull(metrics.gauges, "the engine hands its gauges over when it is built");
        assertEquals(0, metrics.gauges.connections());

        RecordingConnection a = new RecordingConnection();
        ClientSession sa = c.connect(alice, Optional.empty(), a);
        a.next(ServerFrame.Welcome.class);
        RecordingConnection b = new RecordingConnection();
        ClientSession sb = c.connect(bob, Optional.empty(), b);
        b.next(ServerFrame.Welcome.class);
        assertEquals(2, metrics.gauges.connections());
        int implicit = metrics.gauges.subscriptions(); // the announcements, on every session
        sa.receive("{\"type\":\"subscribe\",\"room\":\"lobby\"}");
        a.next(ServerFrame.Subscribed.class);
        sb.receive("{\"type\":\"subscribe\",\"room\":\"lobby\"}");
        b.next(ServerFrame.Subscribed.class);
        assertEquals(implicit + 2, metrics.gauges.subscriptions());

        long before = metrics.delivered.sum();
        for (int i = 0; i < 5; i++) {
            c.send(alice, "lobby", "m" + i, Optional.empty());
        }
        a.take(ServerFrame.MessageFrame.class, 5, WAIT);
        b.take(ServerFrame.MessageFrame.class, 5, WAIT);
        assertEquals(before + 10, metrics.delivered.sum(), "5 messages to 2 subscribers");

        sb.closed();
        await(() -> metrics.gauges.connections(), 1);
        await(() -> metrics.gauges.subscriptions(), implicit / 2 + 1);
    }

    @Test
    void aSlowConsumerClosedWith1013IsCounted() throws Exception {
        Chat c = chat(TestChats.config().outboundQueueLimit(8));
        User sender = c.register("sender", "password-sender");
        c.createRoom(sender, "busy", Optional.empty(), Visibility.PUBLIC, List.of());
        User slowUser = c.register("slowpoke", "password-slow");
        c.join(slowUser, "busy");
        RecordingConnection slow = new RecordingConnection(true);
        ClientSession session = c.connect(slowUser, Optional.empty(), slow);
        session.receive("{\"type\":\"subscribe\",\"room\":\"busy\"}");
        await(() -> metrics.gauges.subscriptions(), 2);
        for (int i = 0; i < 20 && !slow.awaitClose(Duration.ZERO); i++) {
            c.send(sender, "busy", "m" + i, Optional.empty());
        }
        assertTrue(slow.awaitClose(WAIT), "the stalled connection is closed");
        assertEquals(1013, slow.closeCode());
        assertEquals(1, metrics.slowConsumers.sum());
    }

    @Test
    void aReplayIsReportedWithTheNumberOfEntriesItSent() throws Exception {
        Chat c = chat(TestChats.config());
        User alice = c.register("alice", "password-alice");
        c.createRoom(alice, "lobby", Optional.empty(), Visibility.PUBLIC, List.of());
        for (int i = 0; i < 7; i++) {
            c.send(alice, "lobby", "m" + i, Optional.empty());
        }
        RecordingConnection a = new RecordingConnection();
        ClientSession sa = c.connect(alice, Optional.empty(), a);
        a.next(ServerFrame.Welcome.class);
        sa.receive("{\"type\":\"subscribe\",\"room\":\"lobby\",\"since\":2}");
        a.take(ServerFrame.MessageFrame.class, 5, WAIT);
        await(() -> metrics.replays.size(), 1);
        assertEquals(List.of(5), metrics.replays);
        assertTrue(metrics.pagesRead.sum() >= 1, "the replay's store reads are timed");
    }

    @Test
    void rateLimitRefusalsAreCountedByLimit() {
        Chat c = chat(TestChats.config().sendRate(0.001, 2).loginFailureLimit(1, Duration.ofHours(1)));
        User alice = c.register("alice", "password-alice");
        c.createRoom(alice, "lobby", Optional.empty(), Visibility.PUBLIC, List.of());
        c.send(alice, "lobby", "one", Optional.empty());
        c.send(alice, "lobby", "two", Optional.empty());
        TestChats.assertRefused(ErrorCode.RATE_LIMITED, () -> c.send(alice, "lobby", "three", Optional.empty()));
        assertEquals(1, metrics.refusals("send"));

        TestChats.assertRefused(ErrorCode.UNAUTHORIZED, () -> c.login("alice", "wrong-password"));
        TestChats.assertRefused(ErrorCode.RATE_LIMITED, () -> c.login("alice", "wrong-password"));
        assertEquals(1, metrics.refusals("login"));
    }

    @Test
    void entriesFromAnotherNodeReportTheirBusLag() {
        ClusterBus bus = ClusterBus.inProcess();
        UserStore users = UserStore.inMemory();
        RoomStore rooms = RoomStore.inMemory();
        MessageStore messages = MessageStore.inMemory();
        FileStore files = FileStore.inMemory();
        TokenStore tokens = TokenStore.inMemory();
        chat = Chat.builder().config(TestChats.config().nodeId(1).build()).userStore(users).roomStore(rooms)
                .messageStore(messages).fileStore(files).tokenStore(tokens).bus(bus).metrics(metrics).build();
        Recording there = new Recording();
        other = Chat.builder().config(TestChats.config().nodeId(2).build()).userStore(users).roomStore(rooms)
                .messageStore(messages).fileStore(files).tokenStore(tokens).bus(bus).metrics(there).build();
        User alice = chat.register("alice", "password-alice");
        chat.createRoom(alice, "lobby", Optional.empty(), Visibility.PUBLIC, List.of());
        other.send(alice, "lobby", "from node 2", Optional.empty());
        await(() -> metrics.busLags.size(), 1);
        assertTrue(metrics.busLags.get(0).compareTo(Duration.ZERO) >= 0);
        assertEquals(0, there.busLags.size(), "a node's own entries have no bus lag");
    }

    private static void await(IntSupplier value, int expected) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (value.getAsInt() != expected) {
            if (System.nanoTime() > deadline) {
                fail("expected " + expected + ", still " + value.getAsInt() + " after " + WAIT);
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    /** Records every call, thread-safely. */
    private static final class Recording implements ChatMetrics {
        volatile Gauges gauges;
        final Map<MessageKind, LongAdder> storedByKind = new ConcurrentHashMap<>();
        final LongAdder storeTimings = new LongAdder();
        final AtomicLong storeNanos = new AtomicLong();
        final LongAdder pagesRead = new LongAdder();
        final LongAdder delivered = new LongAdder();
        final LongAdder slowConsumers = new LongAdder();
        final List<Integer> replays = new CopyOnWriteArrayList<>();
        final Map<String, LongAdder> refusals = new ConcurrentHashMap<>();
        final List<Duration> busLags = new CopyOnWriteArrayList<>();

        long stored(MessageKind kind) {
            LongAdder n = storedByKind.get(kind);
            return n == null ? 0 : n.sum();
        }

        long refusals(String limit) {
            LongAdder n = refusals.get(limit);
            return n == null ? 0 : n.sum();
        }

        @Override
        public void bind(Gauges value) {
            gauges = value;
        }

        @Override
        public void stored(MessageKind kind, long nanos) {
            storedByKind.computeIfAbsent(kind, k -> new LongAdder()).increment();
            storeTimings.increment();
            storeNanos.addAndGet(nanos);
        }

        @Override
        public void pageRead(long nanos) {
            pagesRead.increment();
        }

        @Override
        public void delivered(int recipients) {
            delivered.add(recipients);
        }

        @Override
        public void slowConsumerDropped() {
            slowConsumers.increment();
        }

        @Override
        public void replayed(int messages) {
            replays.add(messages);
        }

        @Override
        public void rateLimited(String limit) {
            refusals.computeIfAbsent(limit, k -> new LongAdder()).increment();
        }

        @Override
        public void busLag(Duration lag) {
            busLags.add(lag);
        }
    }
}
