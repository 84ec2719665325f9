package dev.parley.core.engine;

import dev.parley.core.Chat;
import dev.parley.core.ClientSession;
import dev.parley.core.spi.BlockStore;
import dev.parley.core.spi.ClusterBus;
import dev.parley.core.spi.FileStore;
import dev.parley.core.spi.MessageStore;
import dev.parley.core.spi.PresenceStore;
import dev.parley.core.spi.ReadMarkerStore;
import dev.parley.core.spi.RoomStore;
import dev.parley.core.spi.SanctionStore;
import dev.parley.core.spi.TokenStore;
import dev.parley.core.spi.UserStore;
import dev.parley.protocol.ChatException;
import dev.parley.protocol.Draft;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.LoginResult;
import dev.parley.protocol.Member;
import dev.parley.protocol.Message;
import dev.parley.protocol.MessageKind;
import dev.parley.protocol.PageRequest;
import dev.parley.protocol.Reaction;
import dev.parley.protocol.User;
import dev.parley.protocol.UserProfile;
import dev.parley.protocol.Visibility;
import dev.parley.protocol.wire.ClientFrame;
import dev.parley.protocol.wire.FrameCodec;
import dev.parley.protocol.wire.ServerFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What users of a cluster see: three engines sharing their stores, each joined to the others by
 * the bus and presence store under test, must look like one server. A subclass supplies each
 * node's bus and presence store ({@link #wire}); the stores are shared in-memory instances.
 */
@Timeout(180)
public abstract class ClusterContract {

    /** A node's cluster parts. */
    public record Wiring(ClusterBus bus, PresenceStore presence) {
    }

    /** The bus and presence store for a new node of this test's cluster (fresh and empty for each test). */
    protected abstract Wiring wire(String nodeName) throws Exception;

    /** The longest a dead node's users may stay online in the others' eyes. */
    protected abstract Duration deathNoticeBound();

    /** Messages in the many-senders test. */
    protected int messageCount() {
        return 1000;
    }

    /** Ends a node as a crash would: heartbeats and bus stop, and nobody is told goodbye. */
    protected void kill(Wiring wiring) {
        wiring.presence().close();
        wiring.bus().close();
    }

    /** Releases a node's parts after its engine closed (also after {@link #kill}). */
    protected void release(Wiring wiring) throws Exception {
        wiring.presence().close();
        wiring.bus().close();
    }

    protected static final Duration WAIT = Duration.ofSeconds(30);
    private static final String ADMIN = "root";

    private final UserStore users = UserStore.inMemory();
    private final RoomStore rooms = RoomStore.inMemory();
    private final MessageStore messages = MessageStore.inMemory();
    private final TokenStore tokens = TokenStore.inMemory();
    private final FileStore files = FileStore.inMemory();
    private final ReadMarkerStore readMarkers = ReadMarkerStore.inMemory();
    private final BlockStore blocks = BlockStore.inMemory();
    private final SanctionStore sanctions = SanctionStore.inMemory();
    protected final List<Chat> nodes = new ArrayList<>();
    protected final List<Wiring> wirings = new ArrayList<>();

    @BeforeEach
    void startNodes() throws Exception {
        for (int i = 0; i < 3; i++) {
            Wiring w = wire("node-" + i);
            wirings.add(w);
            nodes.add(Chat.builder()
                    .config(TestChats.config().nodeId(i).admin(ADMIN).outboundQueueLimit(messageCount() + 1000).build())
                    .userStore(users).roomStore(rooms).messageStore(messages).tokenStore(tokens).fileStore(files)
                    .blockStore(blocks).sanctionStore(sanctions).bus(w.bus()).presenceStore(w.presence())
                    .readMarkerStore(readMarkers)
                    .build());
        }
    }

    @AfterEach
    void stopNodes() throws Exception {
        nodes.forEach(Chat::close);
        for (Wiring w : wirings) {
            release(w);
        }
    }

    protected Chat node(int i) {
        return nodes.get(i);
    }

    /** A registered member of {@code general}. */
    protected User user(String name) {
        User u = node(0).register(name, "password-" + name);
        node(0).join(u, Chat.GENERAL_ROOM);
        return u;
    }

    /** A live client of {@code user} on {@code node}, registered (past its welcome). */
    protected static Client connect(Chat node, User user) throws InterruptedException {
        return connect(node, user, Optional.empty());
    }

    protected static Client connect(Chat node, User user, Optional<String> token) throws InterruptedException {
        RecordingConnection c = new RecordingConnection();
        ClientSession s = node.connect(user, token, c);
        c.next(ServerFrame.Welcome.class);
        // The session registers (presence, implicit rooms) in its frame order: a pong means it is done.
        s.receive(FrameCodec.encode(new ClientFrame.Ping()));
        c.next(ServerFrame.Pong.class);
        return new Client(s, c);
    }

    /** Read markers and mentions across the nodes (in a file of their own). */
    @Nested
    class ReadState extends ReadStateClusterChecks {
        @Override
        Chat node(int i) {
            return ClusterContract.this.node(i);
        }

        @Override
        User user(String name) {
            return ClusterContract.this.user(name);
        }

        @Override
        Client connect(Chat node, User user) throws InterruptedException {
            return ClusterContract.connect(node, user);
        }
    }

    /** A test client: its session and what it received. */
    protected record Client(ClientSession session, RecordingConnection frames) {
        void send(ClientFrame frame) {
            session.receive(FrameCodec.encode(frame));
        }

        void subscribe(String room) throws InterruptedException {
            send(new ClientFrame.Subscribe(room, OptionalLong.empty()));
            frames.next(ServerFrame.Subscribed.class, f -> f.room().equals(room), WAIT);
        }

        ServerFrame.Presence nextPresence(String user) throws InterruptedException {
            return frames.next(ServerFrame.Presence.class, f -> f.user().equals(user), WAIT);
        }

        /** Takes {@code count} message frames of a room and checks they are seq first..first+count-1, each once, in order. */
        void expectSeqs(String room, long first, int count) throws InterruptedException {
            long expected = first;
            for (ServerFrame.MessageFrame f : frames.take(ServerFrame.MessageFrame.class, count, Duration.ofSeconds(120))) {
                assertEquals(room, f.message().room());
                assertEquals(expected++, f.message().seq(), "seq out of order, missing or repeated");
            }
        }
    }

    // ---- presence ------------------------------------------------------------------------------

    @Test
    void aThumbnailMadeWhereTheImageWasSharedIsServedByEveryNodeOfTheFileStore() throws Exception {
        User alice = user("alice");
        User bob = user("bob");
        dev.parley.protocol.SharedFile shared = node(0).shareFile(alice, Chat.GENERAL_ROOM, "scan.png", "image/png",
                new java.io.ByteArrayInputStream(TestImages.greyPng(1440, 720)));

        for (int i = 1; i < 3; i++) {
            try (dev.parley.core.FileDownload d = node(i).openThumbnail(bob, shared.file().id())) {
                assertEquals("image/jpeg", d.file().contentType(), "node " + i);
                byte[] bytes = d.content().readAllBytes();
                assertTrue(bytes.length > 100 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xd8, "node " + i);
            }
        }
    }

    @Test
    void aUserAppearsOnlineOnEveryNodeWithinASecond() throws Exception {
        User alice = user("alice");
        User bob = user("bob");
        Client a = connect(node(0), alice);
        long start = System.nanoTime();
        connect(node(1), bob);
        ServerFrame.Presence p = a.frames().next(ServerFrame.Presence.class, f -> f.user().equals("bob"), Duration.ofSeconds(1));
        assertTrue(p.online());
        assertTrue(System.nanoTime() - start <= TimeUnit.SECONDS.toNanos(1));
        for (Chat n : nodes) {
            assertTrue(n.user("bob").online());
            assertEquals(List.of("alice", "bob"), n.onlineUsers().stream().map(UserProfile::username).toList());
            assertTrue(n.members(alice, Chat.GENERAL_ROOM).stream().filter(m -> m.username().equals("bob"))
                    .allMatch(Member::online));
        }
    }

    @Test
    void aUserOnTwoNodesStaysOnlineWhileEitherConnectionLives() throws Exception {
        User alice = user("alice");
        User bob = user("bob");
        Client a = connect(node(0), alice);
        Client bobOnOne = connect(node(1), bob);
        assertTrue(a.nextPresence("bob").online());
        Client bobOnTwo = connect(node(2), bob);
        bobOnOne.session().closed();
        assertTrue(node(0).user("bob").online());
        bobOnTwo.session().closed();
        // The next presence frame about bob is his going offline: his second connection was not announced.
        assertFalse(a.nextPresence("bob").online());
        for (Chat n : nodes) {
            assertFalse(n.user("bob").online());
        }
        // Nothing more about bob arrives before a later marker: closing his first connection was not announced.
        connect(node(1), user("carol"));
        List<ServerFrame.Presence> before = new ArrayList<>();
        for (ServerFrame.Presence p = a.frames().next(ServerFrame.Presence.class, f -> true, WAIT);
             !p.user().equals("carol"); p = a.frames().next(ServerFrame.Presence.class, f -> true, WAIT)) {
            before.add(p);
        }
        assertEquals(List.of(), before);
    }

    @Test
    void aDeadNodesUsersGoOfflineEverywhereWithinTheBound() throws Exception {
        User alice = user("alice");
        User carol = user("carol");
        Client a = connect(node(0), alice);
        connect(node(2), carol);
        assertTrue(a.nextPresence("carol").online());
        long died = System.nanoTime();
        kill(wirings.get(2));
        assertFalse(a.frames().next(ServerFrame.Presence.class, f -> f.user().equals("carol"),
                deathNoticeBound()).online());
        Duration took = Duration.ofNanos(System.nanoTime() - died);
        assertTrue(took.compareTo(deathNoticeBound()) <= 0, "carol went offline after " + took);
        assertFalse(node(0).user("carol").online());
        assertFalse(node(1).user("carol").online());
        assertTrue(node(1).user("alice").online());
    }

    // ---- messages --------------------------------------------------------------------------------

    @Test
    void messagesFromSendersOnEveryNodeReachEveryClientOnceInSeqOrder() throws Exception {
        int senders = 10;
        int total = messageCount();
        User owner = user("owner");
        node(0).createRoom(owner, "load", Optional.empty(), Visibility.PUBLIC, List.of());
        List<User> senderUsers = new ArrayList<>();
        for (int i = 0; i < senders; i++) {
            User u = user("sender" + i);
            node(i % 3).join(u, "load");
            senderUsers.add(u);
        }
        long before = node(0).history(owner, "load", PageRequest.latest(1)).messages().get(0).seq();
        List<Client> readers = new ArrayList<>();
        for (int i = 0; i < senders; i++) {
            Client c = connect(node(i % 3), senderUsers.get(i));
            c.subscribe("load");
            readers.add(c);
        }
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < senders; i++) {
                Chat via = node(i % 3);
                User u = senderUsers.get(i);
                int share = total / senders + (i < total % senders ? 1 : 0);
                sent.add(pool.submit(() -> {
                    go.await();
                    for (int k = 0; k < share; k++) {
                        via.send(u, "load", u.username() + " " + k, Optional.empty());
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : sent) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        for (Client c : readers) {
            c.expectSeqs("load", before + 1, total);
        }
    }

    @Test
    void editsReactionsAndDeletionsOnOneNodeReachSubscribersOnTheOthersInSeqOrder() throws Exception {
        User alice = user("alice");
        User bob = user("bob");
        Client onB = connect(node(1), bob);
        Client onC = connect(node(2), alice);
        onB.subscribe(Chat.GENERAL_ROOM);
        onC.subscribe(Chat.GENERAL_ROOM);
        Message m = node(0).send(alice, Chat.GENERAL_ROOM, Draft.of("helo"));
        node(0).edit(alice, Chat.GENERAL_ROOM, m.id(), "hello", Optional.empty());
        node(2).react(bob, Chat.GENERAL_ROOM, m.id(), "👍", Optional.empty());
        Message reply = node(1).send(bob, Chat.GENERAL_ROOM, Draft.of("in thread").inThread(m.id()));
        node(0).react(alice, Chat.GENERAL_ROOM, m.id(), "👍", Optional.empty());
        node(2).delete(bob, Chat.GENERAL_ROOM, reply.id(), Optional.empty());
        for (Client c : List.of(onB, onC)) {
            List<ServerFrame.MessageFrame> got = c.frames().take(ServerFrame.MessageFrame.class, 6, WAIT);
            assertEquals(List.of(MessageKind.CHAT, MessageKind.EDIT, MessageKind.REACTION, MessageKind.CHAT,
                    MessageKind.REACTION, MessageKind.DELETE), got.stream().map(f -> f.message().kind()).toList());
            for (int i = 0; i < got.size(); i++) {
                assertEquals(m.seq() + i, got.get(i).message().seq(), "in seq order, none missing or repeated");
            }
            assertEquals(OptionalLong.of(m.id()), got.get(1).message().target());
            assertEquals("hello", got.get(1).message().text());
        }
        Message now = node(1).message(bob, Chat.GENERAL_ROOM, m.id());
        assertEquals("hello", now.text());
        assertEquals(List.of(new Reaction("👍", 2, true)), now.state().reactions());
        assertEquals(0, now.state().replies(), "the reply was deleted");
    }

    // ---- events that travel as bus events ---------------------------------------------------------

    @Test
    void aPublicRoomCreatedOnOneNodeAndAMemberAddedThereReachClientsOnTheOthers() throws Exception {
        User alice = user("alice");
        User bob = user("bob");
        Client onB = connect(node(1), bob);
        node(0).createRoom(alice, "fresh", Optional.empty(), Visibility.PUBLIC, List.of());
        ServerFrame.RoomChanged created = onB.frames().next(ServerFrame.RoomChanged.class, f -> f.room().id().equals("fresh"),
                WAIT);
        assertEquals(ServerFrame.RoomEvent.CREATED, created.event());
        node(0).createRoom(alice, "closed", Optional.empty(), Visibility.PRIVATE, List.of());
        node(2).addMember(alice, "closed", "bob");
        ServerFrame.RoomChanged added = onB.frames().next(ServerFrame.RoomChanged.class, f -> f.room().id().equals("closed"),
                WAIT);
        assertEquals(ServerFrame.RoomEvent.ADDED, added.event());
    }

    @Test
    void typingReachesSubscribersOnOtherNodes() throws Exception {
        User alice = user("alice");
        User bob = user("bob");
        Client a = connect(node(0), alice);
        Client b = connect(node(1), bob);
        a.subscribe(Chat.GENERAL_ROOM);
        b.subscribe(Chat.GENERAL_ROOM);
        b.send(new ClientFrame.Typing(Chat.GENERAL_ROOM, true));
        ServerFrame.Typing t = a.frames().next(ServerFrame.Typing.class, f -> true, WAIT);
        assertEquals(new ServerFrame.Typing(Chat.GENERAL_ROOM, "bob", true), t);
    }

    @Test
    void anAnnouncementReachesUsersOnEveryNode() throws Exception {
        User root = node(0).register(ADMIN, "password-root");
        List<Client> clients = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            clients.add(connect(node(i), user("user" + i)));
        }
        node(1).announce(root, "maintenance at noon");
        for (Client c : clients) {
            ServerFrame.MessageFrame m = c.frames().next(ServerFrame.MessageFrame.class, f -> true, WAIT);
            assertEquals(MessageKind.SYSTEM, m.message().kind());
            assertEquals("maintenance at noon", m.message().text());
        }
        assertEquals("maintenance at noon", node(2).latestAnnouncement().orElseThrow().text());
    }

    @Test
    void loggingOutOnOneNodeClosesTheTokensSocketsOnEveryNode() throws Exception {
        node(0).register("alice", "password-alice");
        LoginResult login = node(0).login("alice", "password-alice");
        User onTwo = node(2).authenticate(login.token());
        Client c = connect(node(2), onTwo, Optional.of(login.token()));
        node(0).logout(login.token());
        assertTrue(c.frames().awaitClose(WAIT), "the socket on another node closes");
        assertEquals(1008, c.frames().closeCode());
        ChatException refused = assertThrows(ChatException.class, () -> node(1).authenticate(login.token()));
        assertEquals(ErrorCode.UNAUTHORIZED, refused.code());
    }

    @Test
    void aPasswordChangeOnOneNodeClosesTheOtherTokensSocketsOnEveryNodeButTheCallers() throws Exception {
        User alice = node(0).register("alice", "password-alice");
        LoginResult kept = node(0).login("alice", "password-alice");
        LoginResult other = node(1).login("alice", "password-alice");
        Client keptOnTwo = connect(node(2), alice, Optional.of(kept.token()));
        Client otherOnTwo = connect(node(2), alice, Optional.of(other.token()));
        Client otherOnOne = connect(node(1), alice, Optional.of(other.token()));
        node(0).changePassword(alice, Optional.of(kept.token()), "password-alice", "a-new-password");
        for (Client c : List.of(otherOnTwo, otherOnOne)) {
            assertTrue(c.frames().awaitClose(WAIT), "the other token's sockets close on every node");
            assertEquals(1008, c.frames().closeCode());
        }
        for (int i = 0; i < 3; i++) {
            int n = i;
            assertEquals(ErrorCode.UNAUTHORIZED, assertThrows(ChatException.class,
                    () -> node(n).authenticate(other.token())).code(), "node " + n + " refuses the other token");
            assertEquals("alice", node(n).authenticate(kept.token()).username(), "node " + n + " keeps the caller's");
        }
        keptOnTwo.session().receive(FrameCodec.encode(new ClientFrame.Ping()));
        keptOnTwo.frames().next(ServerFrame.Pong.class);
        assertEquals(0, keptOnTwo.frames().closeCode(), "the caller's own socket stays open");
    }

    @Test
    void aBlockMadeOnOneNodeRefusesDirectMessagesOnEveryNode() {
        User alice = node(0).register("alice", "password-alice");
        User bob = node(0).register("bob", "password-bob");
        node(1).setDisplayName(alice, Optional.of("Alice L."));
        node(0).block(alice, "bob");
        for (int i = 0; i < 3; i++) {
            int n = i;
            assertEquals(ErrorCode.FORBIDDEN, assertThrows(ChatException.class,
                    () -> node(n).sendDirect(bob, "alice", "hi", Optional.empty())).code(), "node " + n);
            assertEquals(Optional.of("Alice L."), node(n).user("alice").displayName(), "node " + n + " shows the display name");
        }
        node(2).unblock(alice, "bob");
        node(1).sendDirect(bob, "alice", "hi", Optional.empty());
    }

    @Test
    void leavingOnOneNodeUnsubscribesTheUsersSessionsOnEveryNode() throws Exception {
        User owner = user("owner");
        User bob = user("bob");
        node(0).createRoom(owner, "team", Optional.empty(), Visibility.PRIVATE, List.of("bob"));
        Client b = connect(node(1), bob);
        Client witness = connect(node(1), owner);
        b.subscribe("team");
        witness.subscribe("team");
        node(2).leave(bob, "team");
        b.frames().next(ServerFrame.Unsubscribed.class, f -> f.room().equals("team"), WAIT);
        b.frames().next(ServerFrame.RoomChanged.class, f -> f.room().id().equals("team")
                && f.event() == ServerFrame.RoomEvent.REMOVED, WAIT);
        node(0).send(owner, "team", "after bob left", Optional.empty());
        witness.frames().next(ServerFrame.MessageFrame.class, f -> f.message().text().equals("after bob left"), WAIT);
        // The room's hub on node 1 has delivered it; had bob still been subscribed, it would precede his pong.
        b.send(new ClientFrame.Ping());
        ServerFrame next = b.frames().next(ServerFrame.class, f -> !(f instanceof ServerFrame.Presence), WAIT);
        assertTrue(next instanceof ServerFrame.Pong, "expected pong, got " + next);
    }

    /** A node that has just let bob send knows him as a member; his leave on another node ends that. */
    @Test
    void aLeaveOnOneNodeIsEnforcedOnTheOthers() throws Exception {
        User owner = user("owner");
        User bob = user("bob");
        node(0).createRoom(owner, "team", Optional.empty(), Visibility.PRIVATE, List.of("bob"));
        Client b = connect(node(1), bob);
        b.subscribe("team");
        node(1).send(bob, "team", "before", Optional.empty());
        node(2).leave(bob, "team");
        // node 1 has applied the leave once it unsubscribes bob's session there
        b.frames().next(ServerFrame.Unsubscribed.class, f -> f.room().equals("team"), WAIT);
        ChatException refused = assertThrows(ChatException.class,
                () -> node(1).send(bob, "team", "after", Optional.empty()));
        assertEquals(ErrorCode.FORBIDDEN, refused.code());
    }

    @Test
    void aFirstDirectMessageReachesTheOtherUsersSessionsOnEveryNode() throws Exception {
        User alice = user("alice");
        User bob = user("bob");
        Client onOne = connect(node(1), bob);
        Client onTwo = connect(node(2), bob);
        node(0).sendDirect(alice, "bob", "psst", Optional.empty());
        for (Client c : List.of(onOne, onTwo)) {
            ServerFrame.MessageFrame m = c.frames().next(ServerFrame.MessageFrame.class, f -> true, WAIT);
            assertEquals(MessageKind.PRIVATE, m.message().kind());
            assertEquals("psst", m.message().text());
        }
    }

    // ---- moderation ----------------------------------------------------------------------------

    @Test
    void aBanOnOneNodeEndsSubscriptionsAndRefusesJoinsOnTheOthersAtOnce() throws Exception {
        User alice = user("alice");
        User bob = user("bob");
        node(0).createRoom(alice, "lobby", Optional.empty(), Visibility.PUBLIC, List.of("bob"));
        Client bobOnOne = connect(node(1), bob);
        Client bobOnTwo = connect(node(2), bob);
        bobOnOne.subscribe("lobby");
        bobOnTwo.subscribe("lobby");
        // Each node has answered "bob is a member" recently, so the ban must drop what they keep.
        node(1).send(bob, "lobby", Draft.of("from one"));
        node(2).send(bob, "lobby", Draft.of("from two"));
        node(0).admin().ban(alice, "lobby", "bob", Optional.empty(), Optional.of("spam"));
        for (Client c : List.of(bobOnOne, bobOnTwo)) {
            ServerFrame.Unsubscribed u = c.frames().next(ServerFrame.Unsubscribed.class, f -> f.room().equals("lobby"), WAIT);
            assertEquals(Optional.of("banned"), u.reason());
            ServerFrame.RoomChanged removed = c.frames().next(ServerFrame.RoomChanged.class,
                    f -> f.room().id().equals("lobby"), WAIT);
            assertEquals(ServerFrame.RoomEvent.REMOVED, removed.event(), "the room leaves bob's list on every node");
        }
        for (Chat n : List.of(node(1), node(2))) {
            ChatException refused = assertThrows(ChatException.class, () -> n.join(bob, "lobby"));
            assertEquals(ErrorCode.FORBIDDEN, refused.code());
            assertEquals(ErrorCode.FORBIDDEN, assertThrows(ChatException.class,
                    () -> n.send(bob, "lobby", Draft.of("still here?"))).code());
        }
        node(0).send(alice, "lobby", Draft.of("after the ban"));
        for (Client c : List.of(bobOnOne, bobOnTwo)) {
            c.send(new ClientFrame.Ping());
            assertTrue(c.frames().until(ServerFrame.Pong.class, WAIT).stream()
                    .noneMatch(f -> f instanceof ServerFrame.MessageFrame m && m.message().room().equals("lobby")),
                    "nothing of the room reaches a banned user on any node");
        }
    }

    @Test
    void aMuteAndARoomUpdateOnOneNodeHoldOnTheOthersAtOnce() throws Exception {
        User alice = user("alice");
        User bob = user("bob");
        node(0).createRoom(alice, "lobby", Optional.empty(), Visibility.PUBLIC, List.of("bob"));
        Client aliceOnOne = connect(node(1), alice);
        Client aliceOnTwo = connect(node(2), alice);
        aliceOnOne.subscribe("lobby");
        aliceOnTwo.subscribe("lobby");
        // Node 1 reads the room and bob's mutes before the acts, so what it keeps must be dropped.
        node(1).send(bob, "lobby", Draft.of("before"));
        node(0).admin().mute(alice, "lobby", "bob", Optional.empty());
        // The act holds on a node once its entry got there (the bus is asynchronous on some wirings).
        for (Client c : List.of(aliceOnOne, aliceOnTwo)) {
            c.frames().next(ServerFrame.MessageFrame.class, f -> f.message().kind() == MessageKind.MODERATION, WAIT);
        }
        assertEquals(ErrorCode.FORBIDDEN, assertThrows(ChatException.class,
                () -> node(1).send(bob, "lobby", Draft.of("muted?"))).code());
        node(0).admin().update(alice, "lobby", new dev.parley.core.RoomPatch(Optional.empty(), Optional.of("news"),
                Optional.of(true)));
        // Each node tells its connections of the new room before it delivers the entry.
        ServerFrame.RoomChanged updated = aliceOnTwo.frames().next(ServerFrame.RoomChanged.class,
                f -> f.event() == ServerFrame.RoomEvent.UPDATED, WAIT);
        assertEquals("news", updated.room().topic());
        for (Client c : List.of(aliceOnOne, aliceOnTwo)) {
            c.frames().next(ServerFrame.MessageFrame.class, f -> f.message().kind() == MessageKind.ROOM_UPDATED, WAIT);
        }
        assertEquals("news", node(1).room(bob, "lobby").topic());
        assertTrue(node(2).room(bob, "lobby").readOnly());
        node(0).admin().unmute(alice, "lobby", "bob");
        aliceOnTwo.frames().next(ServerFrame.MessageFrame.class, f -> f.message().kind() == MessageKind.MODERATION, WAIT);
        assertEquals(ErrorCode.FORBIDDEN, assertThrows(ChatException.class,
                () -> node(2).send(bob, "lobby", Draft.of("read-only now"))).code(), "unmuted, but the room is read-only");
    }
}
