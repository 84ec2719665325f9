package dev.parley.core.internal;

import dev.parley.core.spi.BlockStore;
import dev.parley.protocol.ChatException;
import dev.parley.protocol.InputRules;
import dev.parley.protocol.User;

import java.util.List;

/**
 * Users blocking others: a blocked user's direct messages to the blocker are refused (FORBIDDEN),
 * and so is opening a direct conversation with them. The block is one-way: the blocker may still
 * write to the blocked user (and unblock at any time). Every check reads the {@link BlockStore}, so
 * a block holds on every node that shares it, at once. Thread-safe.
 */
final class Blocks {
    private final BlockStore store;
    private final Accounts accounts;

    Blocks(BlockStore store, Accounts accounts) {
        this.store = store;
        this.accounts = accounts;
    }

    /** The caller blocks a user; NOT_FOUND for an unknown user, BAD_REQUEST for the caller. Blocking twice is a no-op. */
    void block(User caller, String username) {
        User target = other(caller, username);
        store.block(caller.username(), target.username());
    }

    /** The caller lifts a block; NOT_FOUND for an unknown user. Lifting one that is not there is a no-op. */
    void unblock(User caller, String username) {
        User target = other(caller, username);
        store.unblock(caller.username(), target.username());
    }

    /** The usernames the caller blocks, ordered by name. */
    List<String> blocked(User caller) {
        return store.blockedBy(caller.username());
    }

    /** Throws FORBIDDEN when {@code recipient} blocks {@code sender}. */
    void checkDirect(User sender, String recipient) {
        if (store.isBlocked(recipient, sender.username())) {
            throw ChatException.forbidden(recipient + " does not accept direct messages from you");
        }
    }

    /** As {@link #checkDirect(User, String)} for a message into a room, when it is a direct one. */
    void checkRoom(User sender, String roomId) {
        if (InputRules.isDirectRoomId(roomId)) {
            InputRules.directPeer(roomId, sender.username()).ifPresent(peer -> checkDirect(sender, peer));
        }
    }

    private User other(User caller, String username) {
        if (username == null || !InputRules.isUsername(username)) {
            throw ChatException.notFound("user " + username + " not found");
        }
        User target = accounts.find(username).user();
        if (InputRules.key(target.username()).equals(InputRules.key(caller.username()))) {
            throw ChatException.badRequest("you cannot block yourself");
        }
        return target;
    }
}
