package dev.parley.core.engine;

import dev.parley.core.Chat;
import dev.parley.protocol.EventsPage;
import dev.parley.protocol.Health;
import dev.parley.protocol.Message;
import dev.parley.protocol.User;
import dev.parley.protocol.wire.ClientFrame;
import dev.parley.protocol.wire.FrameCodec;
import dev.parley.protocol.wire.ServerFrame;
import dev.parley.core.spi.BusEvent;
import dev.parley.core.spi.ClusterBus;
import dev.parley.core.spi.MessageStore;
import dev.parley.core.spi.RoomStore;
import dev.parley.core.spi.TokenStore;
import dev.parley.core.spi.UserStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two engines whose bus goes down and comes back: what the bus lost meanwhile reaches the other
 * node's clients from the store once it reconnects, even when nothing later reveals the gap.
 */
@Timeout(60)
class BusOutageTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    /** An in-process bus that a test switches off (dropping what is published) and on again. */
    private static final class SwitchableBus implements ClusterBus {
        private final ClusterBus inner = ClusterBus.inProcess();
        private final List<Runnable> onReconnect = new CopyOnWriteArrayList<>();
        private volatile boolean down;

        @Override
        public void publish(BusEvent event) {
            if (!down) {
                inner.publish(event);
            }
        }

        @Override
        public AutoCloseable subscribe(Consumer<BusEvent> listener) {
            return inner.subscribe(listener);
        }

        @Override
        public AutoCloseable onReconnect(Runnable action) {
            onReconnect.add(action);
            return () -> onReconnect.remove(action);
        }

        @Override
        public String status() {
            return down ? "down: switched off by the test" : "UP";
        }

        void goDown() {
            down = true;
        }

        void comeBack() {
            down = false;
            onReconnect.forEach(Runnable::run);
        }
    }

    private final SwitchableBus bus = new SwitchableBus();
    private final UserStore users = UserStore.inMemory();
    private final RoomStore rooms = RoomStore.inMemory();
    private final MessageStore messages = MessageStore.inMemory();
    private final TokenStore tokens = TokenStore.inMemory();
    /** Both nodes' clock and timers: a message of one node settles for the other's feed only when the test moves time. */
    private final FakeScheduler time = new FakeScheduler();
    /** Node b's one thread, so that a test can wait until b has done everything it was asked to. */
    private final ExecutorService bThread = Executors.newSingleThreadExecutor();
    private final Chat a = node(0, Optional.empty());
    private final Chat b = node(1, Optional.of(bThread));

    private Chat node(int id, Optional<ExecutorService> executor) {
        Chat.Builder builder = Chat.builder().config(TestChats.config().nodeId(id).build())
                .userStore(users).roomStore(rooms).messageStore(messages).tokenStore(tokens).bus(bus)
                .clock(time.clock()).scheduler(time);
        executor.ifPresent(builder::executor);
        return builder.build();
    }

    @AfterEach
    void close() {
        a.close();
        b.close();
        bThread.shutdownNow();
    }

    /** Waits until node b's thread has run every task queued so far. */
    private void settleB() throws Exception {
        bThread.submit(() -> { }).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private User member(String name) {
        User u = a.register(name, "password-" + name);
        a.join(u, Chat.GENERAL_ROOM);
        return u;
    }

    private static RecordingConnection subscribed(Chat node, User user) throws InterruptedException {
        RecordingConnection c = new RecordingConnection();
        node.connect(user, Optional.empty(), c)
                .receive(FrameCodec.encode(new ClientFrame.Subscribe(Chat.GENERAL_ROOM, OptionalLong.empty())));
        c.next(ServerFrame.Subscribed.class, f -> true, WAIT);
        return c;
    }

    @Test
    void healthIsDegradedWithTheBusReasonWhileItIsDown() {
        assertEquals(new Health("UP", Map.of()), b.health());
        bus.goDown();
        Health down = b.health();
        assertEquals("DEGRADED", down.status());
        assertEquals(Map.of("bus", "down: switched off by the test"), down.details());
        bus.comeBack();
        assertTrue(b.health().isUp());
    }

    @Test
    void theLastMessageLostByTheBusReachesTheOtherNodeWhenItReconnects() throws Exception {
        User alice = member("alice");
        User bob = member("bob");
        RecordingConnection onB = subscribed(b, bob);
        Message before = a.send(alice, Chat.GENERAL_ROOM, "before", Optional.empty());
        assertEquals(before.seq(), onB.next(ServerFrame.MessageFrame.class, f -> true, WAIT).message().seq());

        bus.goDown();
        Message lost1 = a.send(alice, Chat.GENERAL_ROOM, "lost 1", Optional.empty());
        Message lost2 = a.send(alice, Chat.GENERAL_ROOM, "lost 2", Optional.empty());
        // Nothing is sent after the outage: only the reconnect can reveal what was lost.
        bus.comeBack();

        List<ServerFrame.MessageFrame> got = onB.take(ServerFrame.MessageFrame.class, 2, WAIT);
        assertEquals(List.of(lost1.seq(), lost2.seq()), got.stream().map(f -> f.message().seq()).toList());
        assertEquals("lost 2", got.get(1).message().text());
    }

    @Test
    void messagesAfterAnOutageFollowTheLostOnesInOrder() throws Exception {
        User alice = member("alice");
        User bob = member("bob");
        RecordingConnection onB = subscribed(b, bob);
        long last = a.send(alice, Chat.GENERAL_ROOM, "first", Optional.empty()).seq();
        bus.goDown();
        for (int i = 0; i < 5; i++) {
            a.send(alice, Chat.GENERAL_ROOM, "lost " + i, Optional.empty());
        }
        bus.comeBack();
        for (int i = 0; i < 5; i++) {
            a.send(alice, Chat.GENERAL_ROOM, "after " + i, Optional.empty());
        }
        long expected = last;
        for (ServerFrame.MessageFrame f : onB.take(ServerFrame.MessageFrame.class, 11, WAIT)) {
            assertEquals(expected++, f.message().seq(), "seq out of order, missing or repeated");
        }
        assertEquals(List.of(), onB.drain().stream().filter(f -> f instanceof ServerFrame.MessageFrame).toList());
    }

    @Test
    void aLongPollOnTheOtherNodeWakesWhenTheBusReconnects() throws Exception {
        User alice = member("alice");
        User bob = member("bob");
        long after = a.send(alice, Chat.GENERAL_ROOM, "seen", Optional.empty()).id();
        CompletableFuture<EventsPage> poll = b.events(bob, after, Duration.ofSeconds(25));
        settleB();
        assertFalse(poll.isDone());
        bus.goDown();
        Message lost = a.send(alice, Chat.GENERAL_ROOM, "lost", Optional.empty());
        // Long enough for another node's message to show in the feed (InFlight.REMOTE_SETTLE_MILLIS).
        time.advance(Duration.ofSeconds(1));
        settleB();
        assertFalse(poll.isDone(), "node b has not heard of the lost message");
        bus.comeBack();
        EventsPage page = poll.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertEquals(List.of(lost.id()), page.events().stream().map(Message::id).toList());
    }
}
