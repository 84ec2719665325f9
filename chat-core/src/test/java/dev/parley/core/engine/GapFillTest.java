package dev.parley.core.engine;

import dev.parley.core.Chat;
import dev.parley.core.ChatConfig;
import dev.parley.core.ClientSession;
import dev.parley.core.spi.BusEvent;
import dev.parley.core.spi.ClusterBus;
import dev.parley.core.spi.MessageStore;
import dev.parley.core.spi.RoomStore;
import dev.parley.core.spi.TokenStore;
import dev.parley.core.spi.UserStore;
import dev.parley.protocol.Message;
import dev.parley.protocol.User;
import dev.parley.protocol.wire.ClientFrame;
import dev.parley.protocol.wire.FrameCodec;
import dev.parley.protocol.wire.ServerFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A message whose bus event is lost leaves a gap in a room's seq on the other node: the messages
 * after it are held back, and 250 ms later the missing ones are read from the store (or, if the
 * store no longer has them, skipped). Time is the test's, so nothing waits for those 250 ms.
 */
@Timeout(60)
class GapFillTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration GAP_WAIT = Duration.ofMillis(250);

    /** An in-process bus that loses the next message event it is given, when told to. */
    private static final class LossyBus implements ClusterBus {
        private final ClusterBus inner = ClusterBus.inProcess();
        private final AtomicBoolean loseNextMessage = new AtomicBoolean();

        @Override
        public void publish(BusEvent event) {
            if (event instanceof BusEvent.MessagePosted && loseNextMessage.compareAndSet(true, false)) {
                return;
            }
            inner.publish(event);
        }

        @Override
        public AutoCloseable subscribe(Consumer<BusEvent> listener) {
            return inner.subscribe(listener);
        }
    }

    private final FakeScheduler time = new FakeScheduler();
    private final LossyBus bus = new LossyBus();
    private final UserStore users = UserStore.inMemory();
    private final RoomStore rooms = RoomStore.inMemory();
    private final MessageStore messages = MessageStore.inMemory();
    private final TokenStore tokens = TokenStore.inMemory();
    private final List<Chat> nodes = new ArrayList<>();
    /**
     * The receiving node's one thread: the work a due task hands it (the store read) is done before
     * a ping that comes after, so the ping barrier shows whether the gap was filled.
     */
    private final ExecutorService receiverThread = Executors.newSingleThreadExecutor();

    private Chat node(ChatConfig.Builder config, Optional<ExecutorService> executor) {
        Chat.Builder builder = Chat.builder().config(config.nodeId(nodes.size()).build())
                .userStore(users).roomStore(rooms).messageStore(messages).tokenStore(tokens).bus(bus)
                .clock(time.clock()).scheduler(time);
        executor.ifPresent(builder::executor);
        Chat chat = builder.build();
        nodes.add(chat);
        return chat;
    }

    private Chat sender(ChatConfig.Builder config) {
        return node(config, Optional.empty());
    }

    private Chat receiver(ChatConfig.Builder config) {
        return node(config, Optional.of(receiverThread));
    }

    @AfterEach
    void close() {
        nodes.forEach(Chat::close);
        receiverThread.shutdownNow();
    }

    /** A live client on {@code node}, subscribed to {@code general}. */
    private record Client(ClientSession session, RecordingConnection frames) {
        static Client subscribed(Chat node, User user) throws InterruptedException {
            RecordingConnection c = new RecordingConnection();
            ClientSession s = node.connect(user, Optional.empty(), c);
            s.receive(FrameCodec.encode(new ClientFrame.Subscribe(Chat.GENERAL_ROOM, OptionalLong.empty())));
            c.next(ServerFrame.Subscribed.class, f -> true, WAIT);
            return new Client(s, c);
        }

        /**
         * The messages that reached the client so far: a ping is the barrier, handled on the
         * receiving node's one thread after whatever it was asked to do before.
         */
        List<Long> seqsSoFar() throws InterruptedException {
            session.receive(FrameCodec.encode(new ClientFrame.Ping()));
            return frames.until(ServerFrame.Pong.class, WAIT).stream()
                    .filter(ServerFrame.MessageFrame.class::isInstance)
                    .map(f -> ((ServerFrame.MessageFrame) f).message().seq()).toList();
        }

        List<Long> nextSeqs(int count) throws InterruptedException {
            return frames.take(ServerFrame.MessageFrame.class, count, WAIT).stream().map(f -> f.message().seq()).toList();
        }
    }

    private static User member(Chat node, String name) {
        User u = node.register(name, "password-" + name);
        node.join(u, Chat.GENERAL_ROOM);
        return u;
    }

    private static Message send(Chat node, User from, String text) {
        return node.send(from, Chat.GENERAL_ROOM, text, Optional.empty());
    }

    @Test
    void aGapThatDoesNotFillItselfIsReadFromTheStore250msLaterAndDeliveredInOrder() throws Exception {
        Chat a = sender(TestChats.config());
        Chat b = receiver(TestChats.config());
        User alice = member(a, "alice");
        User bob = member(a, "bob");
        Client onB = Client.subscribed(b, bob);
        Message before = send(a, alice, "before");
        assertEquals(List.of(before.seq()), onB.nextSeqs(1));

        bus.loseNextMessage.set(true);
        Message lost = send(a, alice, "lost on the bus");
        Message after = send(a, alice, "after");
        assertEquals(List.of(), onB.seqsSoFar(), "the message after the gap is held back");

        time.advance(GAP_WAIT.minusMillis(1));
        assertEquals(List.of(), onB.seqsSoFar(), "the gap may still fill itself");
        time.advance(Duration.ofMillis(1));
        assertEquals(List.of(lost.seq(), after.seq()), onB.nextSeqs(2), "read from the store, then the held one");
        assertEquals(List.of(), onB.seqsSoFar(), "each once");
    }

    @Test
    void aGapTheStoreNoLongerHoldsIsSkipped() throws Exception {
        // Keeping one message per room, the lost one is deleted as soon as the next is stored.
        Chat a = sender(TestChats.config().retention(1));
        Chat b = receiver(TestChats.config().retention(1));
        User alice = member(a, "alice");
        User bob = member(a, "bob");
        Client onB = Client.subscribed(b, bob);

        bus.loseNextMessage.set(true);
        send(a, alice, "lost on the bus, then removed by retention");
        Message after = send(a, alice, "after");
        assertEquals(List.of(), onB.seqsSoFar());

        time.advance(GAP_WAIT);
        assertEquals(List.of(after.seq()), onB.nextSeqs(1), "delivered past what is gone for good");
        assertEquals(List.of(), onB.seqsSoFar());
    }
}
