package dev.parley.core.spi.contract;

import dev.parley.core.spi.Membership;
import dev.parley.core.spi.RoomStore;
import dev.parley.protocol.Role;
import dev.parley.protocol.Room;
import dev.parley.protocol.Visibility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The behaviour every {@link RoomStore} promises. A subclass supplies the store; each test gets
 * a fresh one from {@link #newStore()}, which may reuse a database but must return an empty store.
 * Usernames and room ids here are lower case, as the engine passes them, so that orders do not
 * depend on a database's collation.
 */
public abstract class RoomStoreContract {

    /** A fixed time, in whole milliseconds so that it survives a round-trip through a database. */
    protected static final Instant BASE = Instant.parse("2024-05-01T10:00:00.123Z");

    /** A new, empty store; called once before each test. */
    protected abstract RoomStore newStore();

    private RoomStore store;

    @BeforeEach
    void freshStore() {
        store = newStore();
    }

    private static Room room(String id, Visibility visibility, String owner) {
        return new Room(id, "Room " + id, visibility, owner, BASE.plusSeconds(id.length()));
    }

    private static List<Membership> owner(String username) {
        return List.of(new Membership(username, Role.OWNER));
    }

    private static List<String> ids(List<Room> rooms) {
        return rooms.stream().map(Room::id).toList();
    }

    @Test
    void createdRoomIsFoundWithEveryField() {
        Room room = room("general", Visibility.PUBLIC, "alice");
        assertTrue(store.create(room, owner("alice")));
        assertEquals(Optional.of(room), store.find("general"));
    }

    @Test
    void everyVisibilityRoundTrips() {
        for (Visibility v : Visibility.values()) {
            Room room = room("r-" + v.wireName(), v, "alice");
            assertTrue(store.create(room, owner("alice")));
            assertEquals(Optional.of(room), store.find(room.id()));
        }
    }

    @Test
    void unknownRoomIsEmpty() {
        store.create(room("general", Visibility.PUBLIC, "alice"), owner("alice"));
        assertEquals(Optional.empty(), store.find("other"));
    }

    @Test
    void creatingATakenIdReturnsFalseAndStoresNothing() {
        Room first = room("team", Visibility.PRIVATE, "alice");
        assertTrue(store.create(first, owner("alice")));
        Room second = new Room("team", "Other", Visibility.PUBLIC, "bob", BASE.plusSeconds(60));
        assertFalse(store.create(second, List.of(new Membership("bob", Role.OWNER), new Membership("carol", Role.MEMBER))));
        assertEquals(Optional.of(first), store.find("team"));
        assertEquals(owner("alice"), store.members("team"));
        assertEquals(List.of(), store.roomsOf("bob"));
        assertEquals(List.of(), store.publicRooms());
    }

    @Test
    void initialMembersGetTheirRoles() {
        store.create(room("team", Visibility.PRIVATE, "alice"), List.of(
                new Membership("alice", Role.OWNER), new Membership("bob", Role.ADMIN), new Membership("carol", Role.MEMBER)));
        assertEquals(Optional.of(Role.OWNER), store.role("team", "alice"));
        assertEquals(Optional.of(Role.ADMIN), store.role("team", "bob"));
        assertEquals(Optional.of(Role.MEMBER), store.role("team", "carol"));
    }

    @Test
    void roleIsEmptyForANonMemberOrAnUnknownRoom() {
        store.create(room("team", Visibility.PRIVATE, "alice"), owner("alice"));
        assertEquals(Optional.empty(), store.role("team", "bob"));
        assertEquals(Optional.empty(), store.role("nowhere", "alice"));
    }

    @Test
    void usernamesCompareAsPlainStrings() {
        store.create(room("team", Visibility.PRIVATE, "alice"), owner("alice"));
        assertEquals(Optional.empty(), store.role("team", "Alice"));
        assertEquals(List.of(), store.roomsOf("ALICE"));
    }

    @Test
    void publicRoomsAreOnlyThePublicOnesOrderedById() {
        store.create(room("zoo", Visibility.PUBLIC, "alice"), owner("alice"));
        store.create(room("secret", Visibility.PRIVATE, "alice"), owner("alice"));
        store.create(room("dm.alice.bob", Visibility.DIRECT, "alice"), owner("alice"));
        store.create(room("general", Visibility.PUBLIC, "alice"), owner("alice"));
        store.create(room("news", Visibility.PUBLIC, "bob"), owner("bob"));
        assertEquals(List.of("general", "news", "zoo"), ids(store.publicRooms()));
    }

    @Test
    void publicRoomsOfAnEmptyStoreIsEmpty() {
        assertEquals(List.of(), store.publicRooms());
    }

    @Test
    void roomsOfListsEveryVisibilityOrderedById() {
        store.create(room("zoo", Visibility.PUBLIC, "alice"), owner("alice"));
        store.create(room("dm.alice.bob", Visibility.DIRECT, "alice"),
                List.of(new Membership("alice", Role.MEMBER), new Membership("bob", Role.MEMBER)));
        store.create(room("secret", Visibility.PRIVATE, "alice"), owner("alice"));
        store.create(room("bobs", Visibility.PUBLIC, "bob"), owner("bob"));
        store.create(room("general", Visibility.PUBLIC, "carol"), owner("carol"));
        store.addMember("general", "alice", Role.MEMBER);
        assertEquals(List.of("dm.alice.bob", "general", "secret", "zoo"), ids(store.roomsOf("alice")));
        assertEquals(List.of("bobs", "dm.alice.bob"), ids(store.roomsOf("bob")));
        assertEquals(List.of(), store.roomsOf("dave"));
    }

    @Test
    void roomsOfReturnsTheFullRooms() {
        Room room = room("team", Visibility.PRIVATE, "alice");
        store.create(room, owner("alice"));
        assertEquals(List.of(room), store.roomsOf("alice"));
    }

    @Test
    void addMemberReturnsTrueOnceAndKeepsTheFirstRole() {
        store.create(room("team", Visibility.PRIVATE, "alice"), owner("alice"));
        assertTrue(store.addMember("team", "bob", Role.MEMBER));
        assertFalse(store.addMember("team", "bob", Role.ADMIN));
        assertFalse(store.addMember("team", "alice", Role.MEMBER));
        assertEquals(Optional.of(Role.MEMBER), store.role("team", "bob"));
        assertEquals(Optional.of(Role.OWNER), store.role("team", "alice"));
        assertEquals(List.of("team"), ids(store.roomsOf("bob")));
    }

    @Test
    void removeMemberReturnsTrueOnceAndForgetsTheMembership() {
        store.create(room("team", Visibility.PRIVATE, "alice"),
                List.of(new Membership("alice", Role.OWNER), new Membership("bob", Role.MEMBER)));
        assertTrue(store.removeMember("team", "bob"));
        assertFalse(store.removeMember("team", "bob"));
        assertFalse(store.removeMember("team", "carol"));
        assertFalse(store.removeMember("nowhere", "alice"));
        assertEquals(Optional.empty(), store.role("team", "bob"));
        assertEquals(List.of(), store.roomsOf("bob"));
        assertEquals(owner("alice"), store.members("team"));
        assertTrue(store.find("team").isPresent(), "the room stays");
    }

    @Test
    void aRemovedMemberCanBeAddedAgainWithANewRole() {
        store.create(room("team", Visibility.PRIVATE, "alice"),
                List.of(new Membership("alice", Role.OWNER), new Membership("bob", Role.MEMBER)));
        store.removeMember("team", "bob");
        assertTrue(store.addMember("team", "bob", Role.ADMIN));
        assertEquals(Optional.of(Role.ADMIN), store.role("team", "bob"));
    }

    @Test
    void membersAreOrderedByUsername() {
        store.create(room("team", Visibility.PRIVATE, "carol"),
                List.of(new Membership("carol", Role.OWNER), new Membership("alice", Role.MEMBER)));
        store.addMember("team", "eve", Role.MEMBER);
        store.addMember("team", "bob", Role.ADMIN);
        assertEquals(List.of(new Membership("alice", Role.MEMBER), new Membership("bob", Role.ADMIN),
                new Membership("carol", Role.OWNER), new Membership("eve", Role.MEMBER)), store.members("team"));
    }

    @Test
    void membersOfAnUnknownRoomIsEmpty() {
        assertEquals(List.of(), store.members("nowhere"));
    }

    @Test
    void membershipsOfOneRoomDoNotLeakIntoAnother() {
        store.create(room("a", Visibility.PUBLIC, "alice"), owner("alice"));
        store.create(room("b", Visibility.PUBLIC, "bob"), owner("bob"));
        store.addMember("a", "carol", Role.MEMBER);
        assertEquals(List.of(new Membership("bob", Role.OWNER)), store.members("b"));
        assertEquals(Optional.empty(), store.role("b", "carol"));
    }

    @Test
    @Timeout(120)
    void concurrentAddsOfOneMemberSucceedOnce() throws Exception {
        store.create(room("team", Visibility.PUBLIC, "alice"), owner("alice"));
        List<Boolean> added = Together.run(8, i -> () -> store.addMember("team", "bob", Role.MEMBER));
        assertEquals(1, added.stream().filter(b -> b).count(), "exactly one add wins: " + added);
        assertEquals(2, store.members("team").size());
    }

    @Test
    @Timeout(120)
    void concurrentCreatesOfOneIdSucceedOnce() throws Exception {
        List<Boolean> created = Together.run(8,
                i -> () -> store.create(room("team", Visibility.PUBLIC, "user" + i), owner("user" + i)));
        assertEquals(1, created.stream().filter(b -> b).count(), "exactly one create wins: " + created);
        String winner = "user" + created.indexOf(true);
        assertEquals(winner, store.find("team").orElseThrow().owner());
        assertEquals(owner(winner), store.members("team"));
    }

    @Test
    void updateReplacesNameTopicAndReadOnlyAndKeepsTheRest() {
        Room room = room("team", Visibility.PRIVATE, "alice");
        store.create(room, owner("alice"));
        Room updated = store.update("team", "The team", "what we do", true).orElseThrow();
        assertEquals(new Room("team", "The team", Visibility.PRIVATE, "alice", room.createdAt(), "what we do", true),
                updated);
        assertEquals(Optional.of(updated), store.find("team"));
        assertEquals(List.of(updated), store.roomsOf("alice"));
        assertEquals(Optional.empty(), store.update("nowhere", "x", "", false));
    }

    @Test
    void aNewRoomHasNoTopicAndIsNotReadOnly() {
        store.create(room("team", Visibility.PUBLIC, "alice"), owner("alice"));
        Room found = store.find("team").orElseThrow();
        assertEquals("", found.topic());
        assertFalse(found.readOnly());
    }

    @Test
    void setRoleChangesAMembersRoleOnly() {
        store.create(room("team", Visibility.PRIVATE, "alice"), List.of(new Membership("alice", Role.OWNER),
                new Membership("bob", Role.MEMBER)));
        assertTrue(store.setRole("team", "bob", Role.MODERATOR));
        assertEquals(Optional.of(Role.MODERATOR), store.role("team", "bob"));
        assertEquals(List.of(new Membership("alice", Role.OWNER), new Membership("bob", Role.MODERATOR)),
                store.members("team"));
        assertFalse(store.setRole("team", "carol", Role.ADMIN), "not a member: nothing changes");
        assertEquals(Optional.empty(), store.role("team", "carol"));
    }
}
