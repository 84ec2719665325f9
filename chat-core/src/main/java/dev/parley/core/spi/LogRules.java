package dev.parley.core.spi;

import dev.parley.protocol.ChatException;
import dev.parley.protocol.InputRules;
import dev.parley.protocol.Message;
import dev.parley.protocol.ReactionChange;

import java.util.Optional;
import java.util.Set;

/**
 * The rules that decide, against a message's current state, what an entry acting on it does: the
 * one place they are written, called by every {@link MessageStore} inside the step (lock or
 * transaction) that appends the entry, so that two entries racing on one message are decided one
 * after the other. What the engine can check beforehand, because it never changes (the target's
 * author and kind, the caller's right to act), it checks before appending.
 *
 * <p>Stateless and thread-safe.
 */
public final class LogRules {

    /** What appending an entry does. */
    public enum Outcome {
        /** Store the entry and apply it to its target. */
        APPLY,
        /** The entry would change nothing: store nothing and post nothing. */
        NOTHING
    }

    private LogRules() {
    }

    /**
     * Decides an EDIT, DELETE or REACTION entry.
     *
     * <ul>
     *   <li>No CHAT, PRIVATE or FILE_SHARED message {@code target} in the entry's room: NOT_FOUND.</li>
     *   <li>EDIT of a deleted message: CONFLICT; to the text it already has: NOTHING.</li>
     *   <li>DELETE of a deleted message: NOTHING.</li>
     *   <li>Adding a reaction to a deleted message: CONFLICT; one the author already has there:
     *       NOTHING; a new emoji when the message holds {@link InputRules#MAX_REACTIONS} distinct
     *       ones: CONFLICT. Removing one the author has not: NOTHING.</li>
     * </ul>
     *
     * @param entry     the entry to append
     * @param target    the target as stored now (its state's {@code deleted} and text), if it exists
     * @param emoji     the distinct emoji the target's reactions hold now
     * @param authorHas whether the entry's author holds the entry's emoji on the target now (REACTION only)
     * @return whether to store and apply it
     * @throws ChatException NOT_FOUND or CONFLICT as above
     */
    public static Outcome decide(NewMessage entry, Optional<Message> target, Set<String> emoji, boolean authorHas) {
        if (!entry.kind().isLifecycle()) {
            throw new IllegalArgumentException(entry.kind() + " does not act on a message");
        }
        long id = entry.target().getAsLong();
        Message t = target.filter(m -> m.room().equals(entry.room()) && m.kind().isContent())
                .orElseThrow(() -> ChatException.notFound("no message " + id + " in room " + entry.room()));
        boolean deleted = t.state().deleted();
        return switch (entry.kind()) {
            case EDIT -> {
                if (deleted) {
                    throw ChatException.conflict("message " + id + " was deleted and cannot be edited");
                }
                yield t.text().equals(entry.text()) ? Outcome.NOTHING : Outcome.APPLY;
            }
            case DELETE -> deleted ? Outcome.NOTHING : Outcome.APPLY;
            case REACTION -> react(entry.reaction().orElseThrow(), id, deleted, emoji, authorHas);
            default -> throw new IllegalArgumentException(entry.kind().name());
        };
    }

    private static Outcome react(ReactionChange change, long id, boolean deleted, Set<String> emoji, boolean authorHas) {
        if (!change.active()) {
            return authorHas ? Outcome.APPLY : Outcome.NOTHING;
        }
        if (deleted) {
            throw ChatException.conflict("message " + id + " was deleted");
        }
        if (authorHas) {
            return Outcome.NOTHING;
        }
        if (!emoji.contains(change.emoji()) && emoji.size() >= InputRules.MAX_REACTIONS) {
            throw ChatException.conflict("message " + id + " already holds " + InputRules.MAX_REACTIONS
                    + " different reactions");
        }
        return Outcome.APPLY;
    }
}
