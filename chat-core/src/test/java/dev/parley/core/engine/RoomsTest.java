package dev.parley.core.engine;

import dev.parley.core.Chat;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Member;
import dev.parley.protocol.Message;
import dev.parley.protocol.MessageKind;
import dev.parley.protocol.PageRequest;
import dev.parley.protocol.Role;
import dev.parley.protocol.Room;
import dev.parley.protocol.RoomListing;
import dev.parley.protocol.User;
import dev.parley.protocol.Visibility;
import dev.parley.protocol.wire.ServerFrame;
import dev.parley.core.spi.RoomStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import static dev.parley.core.engine.TestChats.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rooms: listing, creation, visibility, joining, leaving, members. */
@Timeout(60)
class RoomsTest {
    private final MutableClock clock = new MutableClock();
    private final Chat chat = TestChats.chat(TestChats.config().admin("Root"), clock);
    private final User alice = chat.register("alice", "password-a");
    private final User bob = chat.register("bob", "password-b");
    private final User carol = chat.register("carol", "password-c");

    @AfterEach
    void tearDown() {
        chat.close();
    }

    private List<Message> all(User reader, String room) {
        return chat.history(reader, room, PageRequest.latest(PageRequest.MAX_LIMIT)).messages();
    }

    @Test
    void generalExistsFromTheStartAndIsPublic() {
        Room general = chat.room(alice, Chat.GENERAL_ROOM);
        assertEquals("general", general.id());
        assertEquals(Visibility.PUBLIC, general.visibility());
        assertEquals(List.of(new RoomListing(general, false)), chat.rooms(alice), "listed, not yet joined");
    }

    @Test
    void generalIsNotCreatedTwiceOverTheSameRoomStore() {
        RoomStore rooms = RoomStore.inMemory();
        Room first;
        try (Chat one = Chat.builder().config(TestChats.config().build()).roomStore(rooms).clock(clock).build()) {
            first = one.room(one.principal("alice"), Chat.GENERAL_ROOM);
        }
        clock.advance(Duration.ofHours(1));
        try (Chat two = Chat.builder().config(TestChats.config().build()).roomStore(rooms).clock(clock).build()) {
            assertEquals(first, two.room(two.principal("alice"), Chat.GENERAL_ROOM));
        }
    }

    @Test
    void roomsListsMemberRoomsAndPublicOnesWithMemberFlagsOrderedById() {
        Room alpha = chat.createRoom(alice, "alpha", Optional.empty(), Visibility.PUBLIC, List.of());
        Room secret = chat.createRoom(bob, "secret", Optional.of("Secret plans"), Visibility.PRIVATE, List.of("alice"));
        chat.createRoom(bob, "hidden", Optional.empty(), Visibility.PRIVATE, List.of());
        Room zeta = chat.createRoom(carol, "zeta", Optional.empty(), Visibility.PUBLIC, List.of());
        Room general = chat.room(alice, Chat.GENERAL_ROOM);

        List<RoomListing> listed = chat.rooms(alice);
        assertEquals(List.of(new RoomListing(alpha, true), new RoomListing(general, false),
                new RoomListing(secret, true), new RoomListing(zeta, false)), withoutCounts(listed));
        listed.forEach(l -> assertEquals(l.member(), l.counts().isPresent(), "read counts on member rooms only: " + l));
        chat.join(alice, Chat.GENERAL_ROOM);
        assertTrue(withoutCounts(chat.rooms(alice)).contains(new RoomListing(general, true)));
    }

    private static List<RoomListing> withoutCounts(List<RoomListing> listings) {
        return listings.stream().map(l -> new RoomListing(l.room(), l.member())).toList();
    }

    @Test
    void createPublicRoomMakesTheCallerOwnerAndOnlyMember() {
        Room r = chat.createRoom(alice, "lobby", Optional.empty(), Visibility.PUBLIC, List.of());
        assertEquals(new Room("lobby", "lobby", Visibility.PUBLIC, "alice", MutableClock.START), r, "name defaults to the id");
        assertEquals(r, chat.room(bob, "lobby"), "a public room is visible to anyone");
        assertEquals(List.of(new Member("alice", Role.OWNER, false)), chat.members(alice, "lobby"));
        assertEquals(List.of(), all(alice, "lobby"), "creating posts nothing");
    }

    @Test
    void createPrivateRoomWithMembers() {
        Room r = chat.createRoom(alice, "team", Optional.of("  The Team "), Visibility.PRIVATE, List.of("Bob", "alice"));
        assertEquals("The Team", r.name());
        assertEquals(Visibility.PRIVATE, r.visibility());
        assertEquals(r, chat.room(bob, "team"));
        assertEquals(List.of(new Member("alice", Role.OWNER, false), new Member("bob", Role.MEMBER, false)),
                chat.members(bob, "team").stream().sorted(Comparator.comparing(Member::username)).toList(),
                "the owner listed once, the member under the name it registered with");
    }

    @Test
    void createRoomRefusesATakenId() {
        chat.createRoom(alice, "taken", Optional.empty(), Visibility.PUBLIC, List.of());
        assertRefused(ErrorCode.CONFLICT, () -> chat.createRoom(bob, "taken", Optional.empty(), Visibility.PRIVATE, List.of()));
        assertRefused(ErrorCode.CONFLICT, () -> chat.createRoom(bob, "general", Optional.empty(), Visibility.PUBLIC, List.of()));
        assertEquals("alice", chat.room(bob, "taken").owner());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"Upper", "-dash-first", "_under-first", "has space", "dm.alice.bob", "dot.ted",
            "a0123456789012345678901234567890123456789012345678901234567890123", "caf\u00e9"})
    void createRoomRefusesABadId(String id) {
        assertRefused(ErrorCode.BAD_REQUEST, () -> chat.createRoom(alice, id, Optional.empty(), Visibility.PUBLIC, List.of()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "0", "a-b_c", "a012345678901234567890123456789012345678901234567890123456789012"})
    void createRoomAcceptsIdsAtTheEdgesOfThePattern(String id) {
        assertEquals(id, chat.createRoom(alice, id, Optional.empty(), Visibility.PUBLIC, List.of()).id());
    }

    @Test
    void createRoomRefusesDirectVisibility() {
        assertRefused(ErrorCode.BAD_REQUEST, () -> chat.createRoom(alice, "sneaky", Optional.empty(), Visibility.DIRECT, List.of("bob")));
        assertRefused(ErrorCode.NOT_FOUND, () -> chat.room(alice, "sneaky"));
    }

    @Test
    void createRoomWithAnUnknownMemberIsNotFoundAndCreatesNothing() {
        assertRefused(ErrorCode.NOT_FOUND, () -> chat.createRoom(alice, "team", Optional.empty(), Visibility.PRIVATE, List.of("bob", "nobody")));
        assertRefused(ErrorCode.NOT_FOUND, () -> chat.room(alice, "team"));
        chat.createRoom(alice, "team", Optional.empty(), Visibility.PRIVATE, List.of("bob"));
    }

    @Test
    void privateRoomIsNotFoundForANonMember() {
        chat.createRoom(alice, "team", Optional.empty(), Visibility.PRIVATE, List.of());
        assertRefused(ErrorCode.NOT_FOUND, () -> chat.room(bob, "team"));
        assertRefused(ErrorCode.NOT_FOUND, () -> chat.members(bob, "team"));
        assertRefused(ErrorCode.NOT_FOUND, () -> chat.room(bob, "nowhere"));
        assertFalse(chat.rooms(bob).stream().anyMatch(l -> l.room().id().equals("team")));
    }

    @Test
    void joinPublicRoomPostsUserJoinedOnce() {
        chat.createRoom(alice, "lobby", Optional.empty(), Visibility.PUBLIC, List.of());
        clock.advance(Duration.ofSeconds(3));
        chat.join(bob, "lobby");
        chat.join(bob, "lobby");
        chat.join(alice, "lobby");
        List<Message> history = all(bob, "lobby");
        assertEquals(1, history.size(), "joining again, or the owner joining, posts nothing: " + history);
        Message joined = history.get(0);
        assertEquals(MessageKind.USER_JOINED, joined.kind());
        assertEquals("bob", joined.from());
        assertEquals(1, joined.seq());
        assertEquals(MutableClock.START.plusSeconds(3), joined.createdAt());
        assertTrue(chat.members(alice, "lobby").contains(new Member("bob", Role.MEMBER, false)));
    }

    @Test
    void joinPrivateRoomUninvitedIsForbiddenAndUnknownRoomNotFound() {
        chat.createRoom(alice, "team", Optional.empty(), Visibility.PRIVATE, List.of());
        assertRefused(ErrorCode.FORBIDDEN, () -> chat.join(bob, "team"));
        assertRefused(ErrorCode.NOT_FOUND, () -> chat.join(bob, "nowhere"));
        assertEquals(List.of(), all(alice, "team"));
    }

    @Test
    void leavePostsUserLeftAndEndsTheLeaversSubscription() throws Exception {
        chat.createRoom(alice, "lobby", Optional.empty(), Visibility.PUBLIC, List.of());
        chat.join(bob, "lobby");
        TestClient bobLive = TestClient.connect(chat, bob);
        TestClient aliceLive = TestClient.connect(chat, alice);
        bobLive.subscribe("lobby");
        aliceLive.subscribe("lobby");

        chat.leave(bob, "lobby");

        Message left = bobLive.next(ServerFrame.MessageFrame.class).message();
        assertEquals(MessageKind.USER_LEFT, left.kind());
        assertEquals("bob", left.from());
        assertEquals(new ServerFrame.Unsubscribed("lobby"), bobLive.next(ServerFrame.Unsubscribed.class));
        assertEquals(ServerFrame.RoomEvent.REMOVED, bobLive.next(ServerFrame.RoomChanged.class).event(),
                "the leaver's room list is told");
        assertEquals(left, aliceLive.next(ServerFrame.MessageFrame.class).message(), "the others see the leave");

        chat.send(alice, "lobby", "after bob left", Optional.empty());
        assertEquals("after bob left", aliceLive.next(ServerFrame.MessageFrame.class).message().text());
        assertEquals(List.of(), bobLive.sync(), "nothing more reaches the leaver");
        assertRefused(ErrorCode.FORBIDDEN, () -> chat.send(bob, "lobby", "hello?", Optional.empty()));
        assertRefused(ErrorCode.FORBIDDEN, () -> chat.history(bob, "lobby", PageRequest.latest(10)));
        assertEquals(List.of(MessageKind.USER_JOINED, MessageKind.USER_LEFT, MessageKind.CHAT),
                all(alice, "lobby").stream().map(Message::kind).toList());
    }

    /** A member who just sent (so the engine knows them as a member) is refused the moment they leave. */
    @Test
    void aSendRightAfterLeavingIsRefused() {
        chat.createRoom(alice, "lobby", Optional.empty(), Visibility.PUBLIC, List.of());
        chat.join(bob, "lobby");
        chat.send(bob, "lobby", "still here", Optional.empty());
        chat.leave(bob, "lobby");
        assertRefused(ErrorCode.FORBIDDEN, () -> chat.send(bob, "lobby", "gone", Optional.empty()));
        chat.join(bob, "lobby");
        chat.send(bob, "lobby", "back", Optional.empty());
    }

    @Test
    void leavingARoomOneIsNotInPostsNothing() {
        chat.createRoom(alice, "lobby", Optional.empty(), Visibility.PUBLIC, List.of());
        chat.leave(bob, "lobby");
        assertEquals(List.of(), all(alice, "lobby"));
    }

    @Test
    void leaveOfAPrivateRoomRemovesAccessUntilInvitedAgain() {
        chat.createRoom(alice, "team", Optional.empty(), Visibility.PRIVATE, List.of("bob"));
        chat.leave(bob, "team");
        assertRefused(ErrorCode.NOT_FOUND, () -> chat.room(bob, "team"));
        assertRefused(ErrorCode.FORBIDDEN, () -> chat.join(bob, "team"));
        assertEquals(MessageKind.USER_LEFT, all(alice, "team").get(0).kind());
    }

    @Test
    void addMemberByANonOwnerIsForbidden() {
        chat.createRoom(alice, "team", Optional.empty(), Visibility.PRIVATE, List.of("bob"));
        assertRefused(ErrorCode.FORBIDDEN, () -> chat.addMember(bob, "team", "carol"));
        assertRefused(ErrorCode.NOT_FOUND, () -> chat.room(carol, "team"));
        assertEquals(List.of(), all(alice, "team"));
    }

    @Test
    void addMemberByTheOwnerPostsUserJoinedAndGrantsAccess() throws Exception {
        chat.createRoom(alice, "team", Optional.empty(), Visibility.PRIVATE, List.of());
        TestClient aliceLive = TestClient.connect(chat, alice);
        aliceLive.subscribe("team");

        chat.addMember(alice, "team", "Carol");

        Message joined = aliceLive.next(ServerFrame.MessageFrame.class).message();
        assertEquals(MessageKind.USER_JOINED, joined.kind());
        assertEquals("carol", joined.from());
        assertEquals("team", chat.room(carol, "team").id());
        assertEquals(List.of(joined), all(carol, "team"));
        chat.addMember(alice, "team", "carol");
        assertEquals(1, all(carol, "team").size(), "adding a member twice posts nothing");
        assertRefused(ErrorCode.NOT_FOUND, () -> chat.addMember(alice, "team", "nobody"));
    }

    @Test
    void addMemberByAConfiguredAdminWorksEvenOutsideTheRoom() {
        User root = chat.register("root", "password-r");
        chat.createRoom(alice, "team", Optional.empty(), Visibility.PRIVATE, List.of());
        chat.addMember(root, "team", "bob");
        Message joined = all(alice, "team").get(0);
        assertEquals(MessageKind.USER_JOINED, joined.kind());
        assertEquals("bob", joined.from());
        assertEquals("team", chat.room(bob, "team").id());
    }

    @Test
    void membersListRolesAndOnlineFlags() throws Exception {
        User root = chat.register("ROOT", "password-r");
        chat.createRoom(alice, "lobby", Optional.empty(), Visibility.PUBLIC, List.of());
        chat.join(bob, "lobby");
        chat.join(root, "lobby");
        TestClient bobLive = TestClient.connect(chat, bob);
        // no sync: a session is registered before its welcome goes out

        assertEquals(List.of(new Member("ROOT", Role.ADMIN, false), new Member("alice", Role.OWNER, false),
                        new Member("bob", Role.MEMBER, true)),
                chat.members(bob, "lobby").stream().sorted(Comparator.comparing(Member::username)).toList());
        assertRefused(ErrorCode.NOT_FOUND, () -> chat.members(bob, "nowhere"));
    }
}
