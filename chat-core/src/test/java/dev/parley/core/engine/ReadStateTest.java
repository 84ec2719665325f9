package dev.parley.core.engine;

import dev.parley.core.Chat;
import dev.parley.core.spi.AppendResult;
import dev.parley.core.spi.MessageStore;
import dev.parley.core.spi.NewMessage;
import dev.parley.protocol.Draft;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Message;
import dev.parley.protocol.PageRequest;
import dev.parley.protocol.ReadCounts;
import dev.parley.protocol.ReadMarker;
import dev.parley.protocol.RoomListing;
import dev.parley.protocol.User;
import dev.parley.protocol.Visibility;
import dev.parley.protocol.wire.ServerFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import static dev.parley.core.engine.TestChats.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Read markers and the counts of {@code rooms}: the rules, the {@code read} frame both ways, and the refusals. */
@Timeout(60)
class ReadStateTest {
    private final Chat chat = TestChats.chat();
    private final User alice = chat.register("alice", "password-a");
    private final User bob = chat.register("bob", "password-b");
    private final User carol = chat.register("carol", "password-c");

    ReadStateTest() {
        chat.createRoom(alice, "lobby", Optional.empty(), Visibility.PRIVATE, List.of("bob"));
    }

    @AfterEach
    void tearDown() {
        chat.close();
    }

    private ReadCounts counts(User who, String room) {
        return chat.rooms(who).stream().filter(l -> l.room().id().equals(room)).findFirst()
                .flatMap(RoomListing::counts).orElseThrow(() -> new AssertionError("no counts on " + room));
    }

    private long marker(String room, String username) {
        return chat.reads(alice, room).stream().filter(m -> m.username().equals(username)).findFirst()
                .orElseThrow().lastReadSeq();
    }

    @Test
    void aMarkerMovesForwardOnlyAndIsListedWithTheRoom() {
        Message one = chat.send(alice, "lobby", Draft.of("one"));
        Message two = chat.send(alice, "lobby", Draft.of("two"));
        assertEquals(new ReadCounts(two.seq(), 0, 2, 0), counts(bob, "lobby"));

        chat.markRead(bob, "lobby", two.seq());
        assertEquals(new ReadCounts(two.seq(), two.seq(), 0, 0), counts(bob, "lobby"));
        chat.markRead(bob, "lobby", one.seq());
        assertEquals(two.seq(), counts(bob, "lobby").lastReadSeq(), "an older seq is a no-op");
        assertEquals(two.seq(), marker("lobby", "bob"));
    }

    @Test
    void unreadCountsOthersMessagesAndMentionsLeavingOutOwnAndDeletedOnes() {
        chat.send(alice, "lobby", Draft.of("before"));
        long joined = counts(bob, "lobby").lastSeq();
        chat.markRead(bob, "lobby", joined);
        chat.send(bob, "lobby", Draft.of("my own @bob"));
        Message hi = chat.send(alice, "lobby", Draft.of("hi @bob"));
        Message plain = chat.send(alice, "lobby", Draft.of("plain"));
        chat.react(alice, "lobby", plain.id(), "👍", Optional.empty());
        assertEquals(2, counts(bob, "lobby").unread(), "hi and plain; not bob's own, not the reaction");
        assertEquals(1, counts(bob, "lobby").mentions());

        chat.edit(alice, "lobby", plain.id(), "plain @bob", Optional.empty());
        assertEquals(2, counts(bob, "lobby").mentions(), "an edit adding a mention counts");
        chat.edit(alice, "lobby", hi.id(), "hi", Optional.empty());
        assertEquals(1, counts(bob, "lobby").mentions(), "an edit removing one too");
        chat.delete(alice, "lobby", plain.id(), Optional.empty());
        assertEquals(new ReadCounts(chat.history(bob, "lobby", PageRequest.latest(1)).messages().get(0).seq(), joined, 1, 0),
                counts(bob, "lobby"), "a deleted message is neither unread nor a mention");
    }

    @Test
    void roomsTheCallerIsNotInCarryNoCounts() {
        chat.createRoom(carol, "open", Optional.empty(), Visibility.PUBLIC, List.of());
        RoomListing open = chat.rooms(alice).stream().filter(l -> l.room().id().equals("open")).findFirst().orElseThrow();
        assertFalse(open.member());
        assertEquals(Optional.empty(), open.counts());
    }

    @Test
    void readsListEveryMemberWithZeroForThoseWhoReadNothing() {
        Message m = chat.send(alice, "lobby", Draft.of("hello"));
        chat.markRead(alice, "lobby", m.seq());
        assertEquals(List.of(new ReadMarker("lobby", "alice", m.seq()), new ReadMarker("lobby", "bob", 0)),
                chat.reads(bob, "lobby").stream().sorted(java.util.Comparator.comparing(ReadMarker::username)).toList());
    }

    @Test
    void badMarkersAreRefusedAndChangeNothing() {
        Message m = chat.send(alice, "lobby", Draft.of("hello"));
        chat.markRead(bob, "lobby", m.seq() - 1);
        assertRefused(ErrorCode.BAD_REQUEST, () -> chat.markRead(bob, "lobby", m.seq() + 1), "beyond lastSeq");
        assertRefused(ErrorCode.BAD_REQUEST, () -> chat.markRead(bob, "lobby", -1), "negative");
        assertRefused(ErrorCode.FORBIDDEN, () -> chat.markRead(carol, "lobby", 1), "a non-member");
        assertRefused(ErrorCode.NOT_FOUND, () -> chat.markRead(bob, "nowhere", 0), "no such room");
        assertRefused(ErrorCode.FORBIDDEN, () -> chat.reads(carol, "lobby"), "a non-member reads no markers");
        assertEquals(m.seq() - 1, marker("lobby", "bob"));
        assertTrue(chat.reads(alice, "lobby").stream().noneMatch(r -> r.username().equals("carol")), "nor is she listed");
    }

    @Test
    void aReadFrameReachesTheUsersOtherConnectionsAndTheRoomsOtherSubscribersButNotItsSender() throws Exception {
        Message m = chat.send(alice, "lobby", Draft.of("hello"));
        TestClient bobPhone = TestClient.connect(chat, bob);
        TestClient bobLaptop = TestClient.connect(chat, bob);
        TestClient a = TestClient.connect(chat, alice);
        a.subscribe("lobby");
        bobPhone.subscribe("lobby");

        bobPhone.send("{\"type\":\"read\",\"room\":\"lobby\",\"seq\":" + m.seq() + "}");
        ServerFrame.Read expected = new ServerFrame.Read("lobby", "bob", m.seq());
        assertEquals(expected, bobLaptop.next(ServerFrame.Read.class), "the user's other connection, subscribed or not");
        assertEquals(expected, a.next(ServerFrame.Read.class), "the room's other subscriber");
        assertTrue(bobPhone.sync().stream().noneMatch(f -> f instanceof ServerFrame.Read), "no echo to the sender");
        assertEquals(m.seq(), counts(bob, "lobby").lastReadSeq());

        chat.markRead(bob, "lobby", m.seq());
        assertTrue(a.sync().stream().noneMatch(f -> f instanceof ServerFrame.Read), "a marker that did not move tells nobody");
    }

    @Test
    void aMarkerOverHttpReachesEveryConnectionOfTheUser() throws Exception {
        Message m = chat.send(alice, "lobby", Draft.of("hello"));
        TestClient b = TestClient.connect(chat, bob);
        chat.markRead(bob, "lobby", m.seq());
        assertEquals(new ServerFrame.Read("lobby", "bob", m.seq()), b.next(ServerFrame.Read.class));
    }

    @Test
    void badReadFramesAreAnsweredWithErrorFrames() throws Exception {
        Message m = chat.send(alice, "lobby", Draft.of("hello"));
        TestClient b = TestClient.connect(chat, bob);
        TestClient c = TestClient.connect(chat, carol);
        b.send("{\"type\":\"read\",\"room\":\"lobby\",\"seq\":" + (m.seq() + 5) + "}");
        b.error(ErrorCode.BAD_REQUEST, Optional.of("lobby"));
        b.send("{\"type\":\"read\",\"room\":\"lobby\",\"seq\":-3}");
        b.error(ErrorCode.BAD_REQUEST, Optional.of("lobby"));
        b.send("{\"type\":\"read\",\"room\":\"lobby\",\"seq\":\"7\"}");
        b.error(ErrorCode.BAD_REQUEST, Optional.of("lobby"));
        b.send("{\"type\":\"read\",\"room\":\"lobby\",\"seq\":1.5}");
        b.error(ErrorCode.BAD_REQUEST, Optional.of("lobby"));
        b.send("{\"type\":\"read\",\"room\":\"lobby\"}");
        b.error(ErrorCode.BAD_REQUEST, Optional.of("lobby"));
        c.send("{\"type\":\"read\",\"room\":\"lobby\",\"seq\":1}");
        c.error(ErrorCode.FORBIDDEN, Optional.of("lobby"));
        c.send("{\"type\":\"read\",\"room\":\"nowhere\",\"seq\":1}");
        c.error(ErrorCode.NOT_FOUND, Optional.of("nowhere"));
        assertEquals(0, counts(bob, "lobby").lastReadSeq(), "nothing changed");
        assertTrue(b.sync().stream().noneMatch(f -> f instanceof ServerFrame.Error), "the socket stays usable");
    }

    @Test
    void aMarkerIsWrittenWhileAnAppendToTheSameRoomIsStuck() throws Exception {
        CountDownLatch stuck = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        MessageStore inner = MessageStore.inMemory();
        MessageStore blocking = new BlockingAppends(inner, stuck, release);
        try (Chat c = Chat.builder().config(TestChats.config().build()).messageStore(blocking).build()) {
            User a = c.register("alice", "password-a");
            c.join(a, Chat.GENERAL_ROOM);
            long joined = c.history(a, Chat.GENERAL_ROOM, PageRequest.latest(1)).messages().get(0).seq();
            BlockingAppends.armed = true;
            CompletableFuture<Message> sending = CompletableFuture.supplyAsync(() -> c.send(a, Chat.GENERAL_ROOM, Draft.of("x")));
            assertTrue(stuck.await(10, TimeUnit.SECONDS), "the append is under way");
            c.markRead(a, Chat.GENERAL_ROOM, joined);
            assertEquals(joined, c.reads(a, Chat.GENERAL_ROOM).get(0).lastReadSeq(), "stored while the append holds on");
            assertFalse(sending.isDone());
            release.countDown();
            sending.get(10, TimeUnit.SECONDS);
        } finally {
            BlockingAppends.armed = false;
        }
    }

    /** A message store whose appends, once armed, wait until released; every other call passes straight through. */
    private static final class BlockingAppends extends ForwardingMessageStore {
        static volatile boolean armed;
        private final CountDownLatch stuck;
        private final CountDownLatch release;

        BlockingAppends(MessageStore inner, CountDownLatch stuck, CountDownLatch release) {
            super(inner);
            this.stuck = stuck;
            this.release = release;
        }

        @Override
        public AppendResult append(NewMessage message, LongSupplier ids) {
            if (armed) {
                stuck.countDown();
                try {
                    if (!release.await(30, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("never released");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            return delegate.append(message, ids);
        }
    }
}
