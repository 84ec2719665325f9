package dev.parley.core.internal;

import dev.parley.core.ChatConfig;
import dev.parley.core.spi.FileStore;
import dev.parley.core.spi.NewMessage;
import dev.parley.protocol.ChatException;
import dev.parley.protocol.InputRules;
import dev.parley.protocol.Message;
import dev.parley.protocol.MessageKind;
import dev.parley.protocol.ReactionChange;
import dev.parley.protocol.Role;
import dev.parley.protocol.User;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The message lifecycle: edits, deletions and reactions, each posted as an entry of the room's log
 * (EDIT, DELETE, REACTION) through the {@link Broadcaster}, like a chat message. What never changes
 * (the target's existence, kind and author, the caller's right to act) is checked here, before the
 * entry is appended, and throws at once; what depends on the target's current state (deleted, the
 * reactions it holds) is decided by the store under its room lock with
 * {@link dev.parley.core.spi.LogRules}. Thread-safe.
 */
final class Lifecycle {
    private static final System.Logger LOG = System.getLogger(Lifecycle.class.getName());

    private final ChatConfig config;
    private final RoomRules roomRules;
    private final CurrentState state;
    private final Broadcaster broadcaster;
    private final FileStore files;
    private final RateLimiter limiter;
    private final Clock clock;
    private final WriteGuard guard;

    Lifecycle(ChatConfig config, RoomRules roomRules, CurrentState state, Broadcaster broadcaster, FileStore files,
              RateLimiter limiter, Clock clock, WriteGuard guard) {
        this.config = config;
        this.roomRules = roomRules;
        this.state = state;
        this.broadcaster = broadcaster;
        this.files = files;
        this.limiter = limiter;
        this.clock = clock;
        this.guard = guard;
    }

    /** Posts EDIT: only the author, only on CHAT and PRIVATE. Completes with the entry, or empty when the text is unchanged. */
    CompletableFuture<Optional<Message>> editAsync(User caller, String roomId, long id, String text,
                                                   Optional<String> clientMsgId) {
        InputRules.text(text, config.maxTextLength());
        InputRules.clientMsgId(clientMsgId);
        guard.check(caller, roomRules.memberRoom(caller, roomId), Permissions.Act.EDIT);
        Message target = state.actionable(roomId, id, "edited");
        if (target.kind() != MessageKind.CHAT && target.kind() != MessageKind.PRIVATE) {
            throw ChatException.forbidden("only text messages can be edited; message " + id + " is " + target.kind());
        }
        if (!Permissions.allows(Permissions.Act.EDIT,
                roomRules.actingRole(roomId, caller).orElse(Role.MEMBER), Role.MEMBER, sameUser(target.from(), caller))) {
            throw ChatException.forbidden("only its author can edit message " + id);
        }
        rateLimit(caller);
        return broadcaster.postEntryAsync(NewMessage.acting(roomId, MessageKind.EDIT, caller.username(), text, now(),
                clientMsgId, id, Optional.empty()));
    }

    /**
     * Posts DELETE: the author, the room's owner, admins or moderators, or a server admin. A shared file's bytes
     * are deleted once the entry is stored. Completes with the entry, or empty when it was deleted already.
     */
    CompletableFuture<Optional<Message>> deleteAsync(User caller, String roomId, long id, Optional<String> clientMsgId) {
        InputRules.clientMsgId(clientMsgId);
        roomRules.memberRoom(caller, roomId);
        Message target = state.actionable(roomId, id, "deleted");
        if (!sameUser(target.from(), caller) && !guard.mayDeleteOthers(caller, roomId)) {
            throw ChatException.forbidden("only its author or a moderator of room " + roomId + " can delete message " + id);
        }
        rateLimit(caller);
        return broadcaster.postEntryAsync(NewMessage.acting(roomId, MessageKind.DELETE, caller.username(), "", now(),
                clientMsgId, id, Optional.empty())).thenApply(entry -> {
            if (entry.isPresent()) {
                target.file().ifPresent(f -> deleteFile(f.id()));
            }
            return entry;
        });
    }

    /** Posts REACTION: any member, on a content message. Completes with the entry, or empty for a no-op. */
    CompletableFuture<Optional<Message>> reactAsync(User caller, String roomId, long id, String emoji, boolean active,
                                                    Optional<String> clientMsgId) {
        InputRules.emoji(emoji);
        InputRules.clientMsgId(clientMsgId);
        guard.check(caller, roomRules.memberRoom(caller, roomId), Permissions.Act.REACT);
        state.actionable(roomId, id, "reacted to");
        rateLimit(caller);
        return broadcaster.postEntryAsync(NewMessage.acting(roomId, MessageKind.REACTION, caller.username(), "", now(),
                clientMsgId, id, Optional.of(new ReactionChange(emoji, active))));
    }

    private void deleteFile(String fileId) {
        try {
            files.delete(fileId);
            files.delete(Thumbnails.idOf(fileId));
        } catch (IOException | RuntimeException e) {
            // The message is deleted and the file can no longer be reached; its bytes are left behind.
            LOG.log(System.Logger.Level.WARNING, "could not delete the bytes of deleted file " + fileId, e);
        }
    }

    private void rateLimit(User caller) {
        limiter.acquireSend(caller);
    }

    private static boolean sameUser(String username, User caller) {
        return InputRules.key(username).equals(InputRules.key(caller.username()));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
