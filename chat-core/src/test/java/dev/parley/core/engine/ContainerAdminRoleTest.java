package dev.parley.core.engine;

import dev.parley.core.Chat;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Member;
import dev.parley.protocol.MessageKind;
import dev.parley.protocol.Role;
import dev.parley.protocol.User;
import dev.parley.protocol.Visibility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Optional;

import static dev.parley.core.engine.TestChats.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A principal the host's container puts in {@code ChatConfig.adminRole} is a server admin, through
 * the same permission table as the configured admins, for as long as the container says so.
 */
@Timeout(30)
class ContainerAdminRoleTest {
    private static final String ROOM = "secret";

    private final Chat chat = Chat.builder().config(TestChats.config().adminRole("chat-ops").build()).build();
    private final User alice = chat.register("alice", "password-a");
    private final User bob = chat.register("bob", "password-b");

    ContainerAdminRoleTest() {
        chat.createRoom(alice, ROOM, Optional.empty(), Visibility.PRIVATE, List.of("bob"));
    }

    @AfterEach
    void tearDown() {
        chat.close();
    }

    @Test
    void aPrincipalInTheAdminRoleActsAsOwnerOfEveryRoom() {
        User ops = chat.principal("ops", role -> role.equals("chat-ops"));
        // Not a member of the private room, and yet: a server admin manages it.
        chat.addMember(ops, ROOM, "ops");
        chat.admin().kick(ops, ROOM, "bob").orElseThrow();
        assertEquals(List.of("alice", "ops"), chat.members(alice, ROOM).stream().map(Member::username).toList());
        assertEquals(Role.ADMIN, chat.members(alice, ROOM).get(1).role(), "shown as admin, like a configured admin");
        assertEquals(MessageKind.SYSTEM, chat.announce(ops, "maintenance at noon").kind());
    }

    @Test
    void anotherRoleOrNoneGivesNothing() {
        User other = chat.principal("other", role -> role.equals("parley-admin"));
        assertRefused(ErrorCode.NOT_FOUND, () -> chat.admin().kick(other, ROOM, "bob"));
        assertRefused(ErrorCode.FORBIDDEN, () -> chat.announce(other, "hello"));
        User plain = chat.principal("plain");
        assertRefused(ErrorCode.FORBIDDEN, () -> chat.announce(plain, "hello"));
    }

    @Test
    void theRoleTakenBackByTheContainerEndsTheRights() {
        User ops = chat.principal("ops", role -> role.equals("chat-ops"));
        chat.announce(ops, "still here");
        chat.principal("ops", role -> false);
        assertRefused(ErrorCode.FORBIDDEN, () -> chat.announce(ops, "gone"));
        assertRefused(ErrorCode.NOT_FOUND, () -> chat.admin().kick(ops, ROOM, "bob"));
    }

    @Test
    void aBlankAdminRoleIsRefusedWhenBuilt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TestChats.config().adminRole(" ").build());
        assertEquals("adminRole must be a role name without surrounding white space, got ' '", e.getMessage());
    }
}
