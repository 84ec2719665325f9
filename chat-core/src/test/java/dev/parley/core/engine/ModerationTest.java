package dev.parley.core.engine;

import dev.parley.core.Chat;
import dev.parley.core.RoomPatch;
import dev.parley.protocol.Ban;
import dev.parley.protocol.Draft;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Member;
import dev.parley.protocol.Message;
import dev.parley.protocol.MessageKind;
import dev.parley.protocol.PageRequest;
import dev.parley.protocol.Role;
import dev.parley.protocol.Room;
import dev.parley.protocol.RoomAct;
import dev.parley.protocol.RoomListing;
import dev.parley.protocol.User;
import dev.parley.protocol.Visibility;
import dev.parley.protocol.wire.ServerFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static dev.parley.core.engine.TestChats.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Moderation and room administration through the {@link Chat} API and the live protocol: what each
 * act posts, what it does to live subscriptions, lapsing bans and mutes on the engine's clock, and
 * the refusals that change nothing.
 */
@Timeout(60)
class ModerationTest {
    private static final String ROOM = "lobby";

    private final FakeScheduler time = new FakeScheduler();
    private final Chat chat = TestChats.chat(TestChats.config().admins(Set.of("root")), time);
    private final User alice = chat.register("alice", "password-a");
    private final User bob = chat.register("bob", "password-b");
    private final User carol = chat.register("carol", "password-c");
    private final User root = chat.register("root", "password-r");

    ModerationTest() {
        chat.createRoom(alice, ROOM, Optional.empty(), Visibility.PUBLIC, List.of("bob", "carol"));
    }

    @AfterEach
    void tearDown() {
        chat.close();
        time.close();
    }

    private long lastSeq() {
        List<Message> page = chat.history(alice, ROOM, PageRequest.latest(1)).messages();
        return page.isEmpty() ? 0 : page.get(0).seq();
    }

    private Message lastEntry() {
        return chat.history(alice, ROOM, PageRequest.latest(1)).messages().get(0);
    }

    private static RoomAct.Moderation moderation(Message m) {
        assertEquals(MessageKind.MODERATION, m.kind());
        return (RoomAct.Moderation) m.act().orElseThrow();
    }

    @Test
    void aKickEndsTheSubscriptionWithItsReasonAndTheUserMayJoinAgain() throws Exception {
        TestClient b = TestClient.connect(chat, bob);
        b.subscribe(ROOM);
        Message entry = chat.admin().kick(alice, ROOM, "bob").orElseThrow();
        RoomAct.Moderation act = moderation(entry);
        assertEquals(RoomAct.Action.KICK, act.action());
        assertEquals("bob", act.user());
        assertEquals("alice", act.by());
        ServerFrame.Unsubscribed u = b.next(ServerFrame.Unsubscribed.class);
        assertEquals(new ServerFrame.Unsubscribed(ROOM, Optional.of("kicked")), u);
        ServerFrame.RoomChanged removed = b.next(ServerFrame.RoomChanged.class);
        assertEquals(ServerFrame.RoomEvent.REMOVED, removed.event());
        chat.send(alice, ROOM, Draft.of("after the kick"));
        assertTrue(b.sync().stream().noneMatch(f -> f instanceof ServerFrame.MessageFrame),
                "nothing of the room reaches a kicked user");
        assertRefused(ErrorCode.FORBIDDEN, () -> chat.history(bob, ROOM, PageRequest.latest(10)));
        chat.join(bob, ROOM);
        assertTrue(chat.members(alice, ROOM).stream().anyMatch(m -> m.username().equals("bob")));
    }

    @Test
    void aBanRemovesRefusesJoinAndAdditionAndLapsesOnTheClock() throws Exception {
        TestClient b = TestClient.connect(chat, bob);
        b.subscribe(ROOM);
        Instant until = time.clock().instant().plus(Duration.ofHours(1));
        Message entry = chat.admin().ban(alice, ROOM, "bob", Optional.of(until), Optional.of("spam")).orElseThrow();
        RoomAct.Moderation act = moderation(entry);
        assertEquals(Optional.of(until), act.until());
        assertEquals(Optional.of("spam"), act.reason());
        assertEquals(new ServerFrame.Unsubscribed(ROOM, Optional.of("banned")), b.next(ServerFrame.Unsubscribed.class));
        assertRefused(ErrorCode.FORBIDDEN, () -> chat.join(bob, ROOM));
        assertRefused(ErrorCode.FORBIDDEN, () -> chat.addMember(alice, ROOM, "bob"));
        assertRefused(ErrorCode.FORBIDDEN, () -> chat.send(bob, ROOM, Draft.of("still here?")));
        assertEquals(List.of(new Ban("bob", "alice", Optional.of(until), Optional.of("spam"))),
                chat.admin().bans(alice, ROOM));
        time.advance(Duration.ofHours(1));
        assertEquals(List.of(), chat.admin().bans(alice, ROOM), "a lapsed ban is not listed");
        chat.join(bob, ROOM);
        chat.send(bob, ROOM, Draft.of("back"));
    }

    @Test
    void aBanWithoutUntilHoldsUntilLiftedAndMayBeMadeBeforeTheUserJoins() {
        User dave = chat.register("dave", "password-d");
        chat.admin().ban(alice, ROOM, "dave", Optional.empty(), Optional.empty());
        time.advance(Duration.ofDays(365));
        assertRefused(ErrorCode.FORBIDDEN, () -> chat.join(dave, ROOM));
        Message lifted = chat.admin().unban(alice, ROOM, "dave").orElseThrow();
        assertEquals(RoomAct.Action.UNBAN, moderation(lifted).action());
        assertEquals(Optional.empty(), chat.admin().unban(alice, ROOM, "dave"), "lifting twice posts nothing");
        chat.join(dave, ROOM);
    }

    @Test
    void aMutedMemberReadsButCannotSendUploadEditOrReactUntilTheMuteLapses() throws Exception {
        Message mine = chat.send(bob, ROOM, Draft.of("before"));
        chat.admin().mute(alice, ROOM, "bob", Optional.of(time.clock().instant().plus(Duration.ofMinutes(10))));
        assertRefused(ErrorCode.FORBIDDEN, () -> chat.send(bob, ROOM, Draft.of("hello")));
        assertRefused(ErrorCode.FORBIDDEN, () -> chat.shareFile(bob, ROOM, "a.txt", "text/plain",
                new ByteArrayInputStream(new byte[]{1})));
        assertRefused(ErrorCode.FORBIDDEN, () -> chat.edit(bob, ROOM, mine.id(), "changed", Optional.empty()));
        assertRefused(ErrorCode.FORBIDDEN, () -> chat.react(bob, ROOM, mine.id(), "+1", Optional.empty()));
        chat.history(bob, ROOM, PageRequest.latest(10));
        TestClient b = TestClient.connect(chat, bob);
        b.subscribe(ROOM);
        b.sendText(ROOM, "over the socket", "c1");
        b.error(ErrorCode.FORBIDDEN, Optional.of("c1"));
        time.advance(Duration.ofMinutes(10));
        chat.send(bob, ROOM, Draft.of("speaking again"));
    }

    @Test
    void theRoomListTellsAMemberOfTheirOwnMuteUntilItLapsesOrIsLifted() {
        Instant until = time.clock().instant().plus(Duration.ofMinutes(10)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        chat.admin().mute(alice, ROOM, "bob", Optional.of(until));
        RoomListing muted = listing(bob);
        assertTrue(muted.muted());
        assertEquals(Optional.of(until), muted.mutedUntil());
        assertFalse(listing(carol).muted(), "only the caller's own mute is listed");
        assertFalse(listing(alice).muted());
        time.advance(Duration.ofMinutes(10));
        assertFalse(listing(bob).muted(), "a lapsed mute is not listed");
        chat.admin().mute(alice, ROOM, "bob", Optional.empty());
        assertEquals(Optional.empty(), listing(bob).mutedUntil());
        assertTrue(listing(bob).muted(), "a mute until lifted");
        chat.admin().unmute(alice, ROOM, "bob");
        assertFalse(listing(bob).muted());
    }

    private RoomListing listing(User user) {
        return chat.rooms(user).stream().filter(l -> l.room().id().equals(ROOM)).findFirst().orElseThrow();
    }

    @Test
    void aServerAdminCountsAsTheAdminTheMembersListShowsWhenActedOn() {
        chat.join(root, ROOM);
        chat.admin().setRole(alice, ROOM, "carol", Role.MODERATOR);
        chat.admin().setRole(alice, ROOM, "bob", Role.ADMIN);
        long seq = lastSeq();
        assertRefused(ErrorCode.FORBIDDEN, () -> chat.admin().kick(carol, ROOM, "root"), "a moderator kicks an admin");
        assertRefused(ErrorCode.FORBIDDEN, () -> chat.admin().mute(carol, ROOM, "root", Optional.empty()));
        assertRefused(ErrorCode.FORBIDDEN, () -> chat.admin().ban(bob, ROOM, "root", Optional.empty(), Optional.empty()),
                "an admin bans an equal");
        assertEquals(seq, lastSeq(), "nothing was posted");
        assertTrue(chat.members(alice, ROOM).stream().anyMatch(m -> m.username().equals("root") && m.role() == Role.ADMIN));
        chat.admin().kick(alice, ROOM, "root").orElseThrow();
    }

    @Test
    void unmuteLiftsAMuteAtOnce() {
        chat.admin().mute(alice, ROOM, "bob", Optional.empty());
        assertRefused(ErrorCode.FORBIDDEN, () -> chat.send(bob, ROOM, Draft.of("hello")));
        assertEquals(RoomAct.Action.UNMUTE, moderation(chat.admin().unmute(alice, ROOM, "bob").orElseThrow()).action());
        chat.send(bob, ROOM, Draft.of("hello"));
    }

    @Test
    void aReadOnlyRoomTakesPostsFromModeratorsAndAboveAndReactionsFromEveryone() throws Exception {
        Message hello = chat.send(bob, ROOM, Draft.of("hello"));
        chat.admin().setRole(alice, ROOM, "carol", Role.MODERATOR);
        Room room = chat.admin().update(alice, ROOM, new RoomPatch(Optional.empty(), Optional.empty(), Optional.of(true)));
        assertTrue(room.readOnly());
        assertRefused(ErrorCode.FORBIDDEN, () -> chat.send(bob, ROOM, Draft.of("may I?")));
        TestClient b = TestClient.connect(chat, bob);
        b.sendText(ROOM, "over the socket", "c2");
        b.error(ErrorCode.FORBIDDEN, Optional.of("c2"));
        chat.send(carol, ROOM, Draft.of("a moderator posts"));
        chat.send(alice, ROOM, Draft.of("the owner posts"));
        chat.react(bob, ROOM, hello.id(), "+1", Optional.empty());
    }

    @Test
    void aRoomUpdatePostsWhatChangedAndTellsEveryConnectionThatSeesTheRoom() throws Exception {
        TestClient c = TestClient.connect(chat, carol);
        User dave = chat.register("dave", "password-d");
        TestClient d = TestClient.connect(chat, dave);
        Room updated = chat.admin().update(alice, ROOM, new RoomPatch(Optional.of("The lobby"), Optional.of("  welcome  "),
                Optional.of(false)));
        assertEquals("The lobby", updated.name());
        assertEquals("welcome", updated.topic());
        assertEquals(updated, chat.room(bob, ROOM));
        Message entry = lastEntry();
        assertEquals(MessageKind.ROOM_UPDATED, entry.kind());
        assertEquals(new RoomAct.RoomUpdate("alice", Optional.of("The lobby"), Optional.of("welcome"), Optional.empty()),
                entry.act().orElseThrow(), "readOnly did not change, so it is not in the entry");
        for (TestClient t : List.of(c, d)) {
            ServerFrame.RoomChanged f = t.next(ServerFrame.RoomChanged.class);
            assertEquals(ServerFrame.RoomEvent.UPDATED, f.event());
            assertEquals(updated, f.room());
        }
        long seq = lastSeq();
        assertEquals(updated, chat.admin().update(alice, ROOM, new RoomPatch(Optional.of("The lobby"), Optional.empty(),
                Optional.empty())));
        assertEquals(seq, lastSeq(), "an update that changes nothing posts nothing");
    }

    @Test
    void rolesAreSetByHigherRolesAndShowInTheMembersList() {
        chat.admin().setRole(alice, ROOM, "bob", Role.ADMIN);
        chat.admin().setRole(bob, ROOM, "carol", Role.MODERATOR);
        assertRefused(ErrorCode.FORBIDDEN, () -> chat.admin().setRole(bob, ROOM, "carol", Role.ADMIN),
                "an admin cannot make admins");
        assertEquals(List.of(new Member("alice", Role.OWNER, false), new Member("bob", Role.ADMIN, false),
                new Member("carol", Role.MODERATOR, false)), chat.members(alice, ROOM));
        RoomAct.Moderation act = moderation(lastEntry());
        assertEquals(RoomAct.Action.ROLE, act.action());
        assertEquals(Optional.of(Role.MODERATOR), act.role());
        long seq = lastSeq();
        assertEquals(Optional.empty(), chat.admin().setRole(bob, ROOM, "carol", Role.MODERATOR));
        assertEquals(seq, lastSeq(), "the role a member has already posts nothing");
    }

    @Test
    void aServerAdminActsAsOwnerEvenInARoomItIsNotIn() {
        chat.createRoom(alice, "secret", Optional.empty(), Visibility.PRIVATE, List.of("bob"));
        chat.admin().kick(root, "secret", "bob");
        assertRefused(ErrorCode.FORBIDDEN, () -> chat.admin().kick(root, "secret", "alice"),
                "acting as owner, a server admin does not outrank the owner");
        chat.admin().update(root, "secret", new RoomPatch(Optional.empty(), Optional.of("t"), Optional.empty()));
    }

    @Test
    void refusalsAnswerTheirCodeAndChangeNothing() {
        chat.admin().setRole(alice, ROOM, "carol", Role.ADMIN);
        chat.admin().setRole(alice, ROOM, "bob", Role.MODERATOR);
        User dave = chat.register("dave", "password-d");
        long seq = lastSeq();
        Instant past = time.clock().instant().minusSeconds(1);
        assertRefused(ErrorCode.FORBIDDEN, () -> chat.admin().kick(bob, ROOM, "carol"), "a moderator kicking an admin");
        assertRefused(ErrorCode.FORBIDDEN, () -> chat.admin().ban(carol, ROOM, "alice", Optional.empty(), Optional.empty()),
                "banning the owner");
        assertRefused(ErrorCode.BAD_REQUEST, () -> chat.admin().setRole(alice, ROOM, "bob", Role.OWNER),
                "there is one owner");
        assertRefused(ErrorCode.BAD_REQUEST, () -> chat.admin().ban(alice, ROOM, "bob", Optional.of(past), Optional.empty()),
                "until in the past");
        assertRefused(ErrorCode.BAD_REQUEST, () -> chat.admin().mute(alice, ROOM, "bob", Optional.of(past)));
        assertRefused(ErrorCode.NOT_FOUND, () -> chat.admin().kick(alice, ROOM, "dave"), "not a member");
        assertRefused(ErrorCode.NOT_FOUND, () -> chat.admin().mute(alice, ROOM, "dave", Optional.empty()));
        assertRefused(ErrorCode.NOT_FOUND, () -> chat.admin().kick(alice, ROOM, "nobody"), "unknown user");
        assertRefused(ErrorCode.NOT_FOUND, () -> chat.admin().kick(alice, "no-such-room", "bob"));
        assertRefused(ErrorCode.FORBIDDEN, () -> chat.admin().kick(dave, ROOM, "bob"), "a non-member");
        assertRefused(ErrorCode.FORBIDDEN, () -> chat.admin().bans(dave, ROOM));
        assertRefused(ErrorCode.BAD_REQUEST, () -> chat.admin().update(alice, ROOM,
                new RoomPatch(Optional.empty(), Optional.of("x".repeat(501)), Optional.empty())));
        assertRefused(ErrorCode.BAD_REQUEST, () -> chat.admin().update(alice, ROOM,
                new RoomPatch(Optional.empty(), Optional.empty(), Optional.empty())));
        assertRefused(ErrorCode.FORBIDDEN, () -> chat.admin().update(bob, ROOM,
                new RoomPatch(Optional.empty(), Optional.of("t"), Optional.empty())), "a moderator cannot update the room");
        assertEquals(seq, lastSeq(), "no refusal posted anything");
        assertEquals(List.of(), chat.admin().bans(alice, ROOM));
        chat.send(bob, ROOM, Draft.of("not muted"));
        assertFalse(chat.room(alice, ROOM).readOnly());
    }

    @Test
    void entriesReplayToASubscriberResumingFromBeforeThem() throws Exception {
        long seq = lastSeq();
        chat.admin().mute(alice, ROOM, "bob", Optional.empty());
        chat.admin().update(alice, ROOM, new RoomPatch(Optional.empty(), Optional.of("topic"), Optional.empty()));
        TestClient c = TestClient.connect(chat, carol);
        c.send("{\"type\":\"subscribe\",\"room\":\"" + ROOM + "\",\"since\":" + seq + "}");
        List<ServerFrame.MessageFrame> replay = c.connection.take(ServerFrame.MessageFrame.class, 2, TestClient.WAIT);
        assertEquals(List.of(MessageKind.MODERATION, MessageKind.ROOM_UPDATED),
                replay.stream().map(f -> f.message().kind()).toList());
        assertEquals(Optional.of("topic"), ((RoomAct.RoomUpdate) replay.get(1).message().act().orElseThrow()).topic());
    }

    @Test
    void underManyConcurrentSendersABannedSubscriberGetsNothingPastTheBan() throws Exception {
        List<User> senders = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            User u = chat.register("sender" + i, "password-" + i);
            chat.join(u, ROOM);
            senders.add(u);
        }
        TestClient b = TestClient.connect(chat, bob);
        b.subscribe(ROOM);
        java.util.concurrent.CountDownLatch halfway = new java.util.concurrent.CountDownLatch(senders.size());
        java.util.concurrent.atomic.AtomicBoolean banned = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(senders.size());
        try {
            List<java.util.concurrent.Future<?>> running = new java.util.ArrayList<>();
            for (User u : senders) {
                running.add(pool.submit(() -> {
                    // on until each sender has sent 20 after the ban returned (bounded, should the ban never come)
                    for (int n = 0, afterBan = 0; afterBan < 20 && n < 5_000; n++) {
                        chat.send(u, ROOM, Draft.of(u.username() + " " + n));
                        if (n == 50) {
                            halfway.countDown();
                        }
                        if (banned.get()) {
                            afterBan++;
                        }
                    }
                    return null;
                }));
            }
            assertTrue(halfway.await(30, java.util.concurrent.TimeUnit.SECONDS));
            Message ban = chat.admin().ban(alice, ROOM, "bob", Optional.empty(), Optional.empty()).orElseThrow();
            banned.set(true);
            for (java.util.concurrent.Future<?> f : running) {
                f.get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
            List<ServerFrame> frames = b.sync();
            assertTrue(frames.contains(new ServerFrame.Unsubscribed(ROOM, Optional.of("banned"))), frames.toString());
            List<Long> seen = frames.stream().filter(f -> f instanceof ServerFrame.MessageFrame)
                    .map(f -> ((ServerFrame.MessageFrame) f).message().seq()).toList();
            assertTrue(seen.stream().allMatch(seq -> seq < ban.seq()), "after the ban at seq " + ban.seq() + " bob saw " + seen);
            assertTrue(lastSeq() > ban.seq(), "the senders went on after the ban");
        } finally {
            pool.shutdownNow();
        }
    }
}
