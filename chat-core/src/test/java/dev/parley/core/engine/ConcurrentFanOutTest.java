package dev.parley.core.engine;

import dev.parley.core.Chat;
import dev.parley.core.ClientSession;
import dev.parley.protocol.Message;
import dev.parley.protocol.User;
import dev.parley.protocol.Visibility;
import dev.parley.protocol.wire.ServerFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine's ordering and isolation guarantees under many concurrent senders and subscribers. */
@Timeout(120)
class ConcurrentFanOutTest {
    private static final int SENDERS = 20;
    private static final int PER_SENDER = 500;
    private static final int TOTAL = SENDERS * PER_SENDER;
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final Chat chat = Chat.builder().config(TestChats.config().outboundQueueLimit(TOTAL + 100).build()).build();
    private final ExecutorService pool = Executors.newFixedThreadPool(SENDERS);

    @AfterEach
    void tearDown() {
        pool.shutdownNow();
        chat.close();
    }

    private User member(String name, String room) {
        User u = chat.register(name, "password-" + name);
        chat.join(u, room);
        return u;
    }

    private ClientSession connect(User u, RecordingConnection c) throws InterruptedException {
        ClientSession s = chat.connect(u, Optional.empty(), c);
        c.next(ServerFrame.Welcome.class);
        return s;
    }

    private List<Future<?>> startSenders(String room, List<User> senders, CountDownLatch go) {
        List<Future<?>> futures = new ArrayList<>();
        for (User u : senders) {
            futures.add(pool.submit(() -> {
                go.await();
                for (int i = 0; i < PER_SENDER; i++) {
                    chat.send(u, room, u.username() + " " + i, Optional.empty());
                }
                return null;
            }));
        }
        return futures;
    }

    private static void assertSeqsInOrder(List<ServerFrame.MessageFrame> got, long from, long to) {
        assertEquals(to - from + 1, got.size());
        long expected = from;
        for (ServerFrame.MessageFrame f : got) {
            assertEquals(expected++, f.message().seq(), "seq out of order or repeated");
        }
    }

    @Test
    void everySubscriberSeesEverySeqOnceInOrderUnderConcurrentSenders() throws Exception {
        User owner = chat.register("owner", "password-owner");
        chat.createRoom(owner, "busy", Optional.empty(), Visibility.PUBLIC, List.of());
        List<User> senders = new ArrayList<>();
        for (int i = 0; i < SENDERS; i++) {
            senders.add(member("sender" + i, "busy"));
        }
        List<RecordingConnection> listeners = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            User u = member("listener" + i, "busy");
            RecordingConnection c = new RecordingConnection();
            ClientSession s = connect(u, c);
            s.receive("{\"type\":\"subscribe\",\"room\":\"busy\"}");
            ServerFrame.Subscribed sub = c.next(ServerFrame.Subscribed.class);
            assertEquals(SENDERS + i + 1L, sub.lastSeq(), "the joins so far");
            listeners.add(c);
        }
        long base = SENDERS + 50; // one USER_JOINED per member
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> futures = startSenders("busy", senders, go);
        go.countDown();
        for (Future<?> f : futures) {
            f.get(60, TimeUnit.SECONDS);
        }
        for (int i = 0; i < listeners.size(); i++) {
            RecordingConnection c = listeners.get(i);
            // listener i subscribed after its own join: it sees the later joins too
            long firstSeen = SENDERS + i + 1 + 1;
            List<ServerFrame.MessageFrame> got = c.take(ServerFrame.MessageFrame.class, (int) (base + TOTAL - firstSeen + 1), WAIT);
            assertSeqsInOrder(got, firstSeen, base + TOTAL);
        }
    }

    @Test
    void subscribeSinceDuringTrafficMissesNothingAndRepeatsNothing() throws Exception {
        User owner = chat.register("owner", "password-owner");
        chat.createRoom(owner, "busy", Optional.empty(), Visibility.PUBLIC, List.of());
        List<User> senders = new ArrayList<>();
        for (int i = 0; i < SENDERS; i++) {
            senders.add(member("sender" + i, "busy"));
        }
        User late = member("latecomer", "busy");
        long base = SENDERS + 1;
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> futures = startSenders("busy", senders, go);
        go.countDown();
        // Subscribe at several points while the traffic runs, each from seq 0.
        List<RecordingConnection> resumers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            RecordingConnection c = new RecordingConnection();
            ClientSession s = connect(late, c);
            s.receive("{\"type\":\"subscribe\",\"room\":\"busy\",\"since\":" + (i * 100) + "}");
            c.next(ServerFrame.Subscribed.class);
            resumers.add(c);
        }
        for (Future<?> f : futures) {
            f.get(60, TimeUnit.SECONDS);
        }
        for (int i = 0; i < resumers.size(); i++) {
            long from = i * 100L + 1;
            List<ServerFrame.MessageFrame> got = resumers.get(i).take(ServerFrame.MessageFrame.class,
                    (int) (base + TOTAL - from + 1), WAIT);
            assertSeqsInOrder(got, from, base + TOTAL);
        }
    }

    @Test
    void subscriberThatNeverDrainsIsClosedWith1013AndOthersReceiveEverything() throws Exception {
        Chat small = Chat.builder().config(TestChats.config().outboundQueueLimit(64).build()).build();
        try {
            User owner = small.register("owner", "password-owner");
            small.createRoom(owner, "busy", Optional.empty(), Visibility.PUBLIC, List.of());
            User sender = small.register("sender", "password-sender");
            small.join(sender, "busy");
            User slowUser = small.register("slowpoke", "password-slow");
            small.join(slowUser, "busy");
            User fastUser = small.register("fast", "password-fast");
            small.join(fastUser, "busy");

            RecordingConnection slow = new RecordingConnection(true);
            ClientSession slowSession = small.connect(slowUser, Optional.empty(), slow);
            slowSession.receive("{\"type\":\"subscribe\",\"room\":\"busy\"}");
            RecordingConnection fast = new RecordingConnection();
            ClientSession fastSession = small.connect(fastUser, Optional.empty(), fast);
            fast.next(ServerFrame.Welcome.class);
            fastSession.receive("{\"type\":\"subscribe\",\"room\":\"busy\"}");
            long last = fast.next(ServerFrame.Subscribed.class).lastSeq();

            // Paced on the fast client's receipts, so that only the stalled client can overflow (a tight loop
            // could outrun even a healthy client whose drain thread the scheduler happens to pause).
            int count = 1000;
            List<ServerFrame.MessageFrame> received = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                small.send(sender, "busy", "m" + i, Optional.empty());
                received.addAll(fast.take(ServerFrame.MessageFrame.class, 1, WAIT));
            }
            assertTrue(slow.awaitClose(Duration.ofSeconds(10)), "the stalled connection is closed");
            assertEquals(1013, slow.closeCode());
            assertSeqsInOrder(received, last + 1, last + count);
        } finally {
            small.close();
        }
    }

    @Test
    void sameClientMsgIdFromTenThreadsAtOnceStoresOneMessage() throws Exception {
        User u = member("alice", Chat.GENERAL_ROOM);
        CyclicBarrier barrier = new CyclicBarrier(10);
        List<Future<Message>> results = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            results.add(pool.submit(() -> {
                barrier.await();
                return chat.send(u, Chat.GENERAL_ROOM, "once", Optional.of("cm-1"));
            }));
        }
        Set<Long> ids = new HashSet<>();
        for (Future<Message> f : results) {
            ids.add(f.get(30, TimeUnit.SECONDS).id());
        }
        assertEquals(1, ids.size(), "every caller got the same message");
        List<Message> history = chat.history(u, Chat.GENERAL_ROOM, dev.parley.protocol.PageRequest.latest(200)).messages();
        assertEquals(1, history.stream().filter(m -> m.text().equals("once")).count());
        assertEquals(2, history.size(), "the join and one message");
    }
}
