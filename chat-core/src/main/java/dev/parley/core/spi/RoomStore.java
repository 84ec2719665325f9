package dev.parley.core.spi;

import dev.parley.core.internal.memory.InMemoryRoomStore;
import dev.parley.protocol.Role;
import dev.parley.protocol.Room;

import java.util.List;
import java.util.Optional;

/**
 * Rooms and memberships. The engine passes usernames exactly as registered (it resolves case
 * through the {@link UserStore} first), so a store compares them as plain strings.
 *
 * <p>Implementations are thread-safe; each method is atomic. The contract suite in chat-core's
 * test-jar ({@code RoomStoreContract}) pins this behaviour.
 */
public interface RoomStore {

    /**
     * Creates a room with its initial members.
     *
     * @param room    the room
     * @param members the initial memberships (the owner among them)
     * @return false, storing nothing, when the id is taken
     */
    boolean create(Room room, List<Membership> members);

    /** The room with this id. */
    Optional<Room> find(String roomId);

    /** Every public room, ordered by id. */
    List<Room> publicRooms();

    /** Every room the user is a member of (any visibility), ordered by id. */
    List<Room> roomsOf(String username);

    /** The user's role in the room, empty when not a member. */
    Optional<Role> role(String roomId, String username);

    /**
     * Adds a member.
     *
     * @return false when the user was already a member (the role is left as it was)
     */
    boolean addMember(String roomId, String username, Role role);

    /**
     * Removes a member.
     *
     * @return false when the user was not a member
     */
    boolean removeMember(String roomId, String username);

    /** The room's members, ordered by username. */
    List<Membership> members(String roomId);

    /**
     * Replaces a room's name, topic and read-only flag (its id, visibility, owner and creation time
     * never change).
     *
     * @return the room as it is now, empty when there is no such room
     */
    Optional<Room> update(String roomId, String name, String topic, boolean readOnly);

    /**
     * Changes a member's role.
     *
     * @return false, changing nothing, when the user is not a member
     */
    boolean setRole(String roomId, String username, Role role);

    /** The default: rooms kept in memory, lost at exit. */
    static RoomStore inMemory() {
        return new InMemoryRoomStore();
    }
}
