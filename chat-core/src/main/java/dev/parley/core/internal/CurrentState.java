package dev.parley.core.internal;

import dev.parley.core.spi.MessageStore;
import dev.parley.protocol.ChatException;
import dev.parley.protocol.Draft;
import dev.parley.protocol.HistoryPage;
import dev.parley.protocol.Message;
import dev.parley.protocol.Reaction;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Messages as a reader sees them now: the state the store keeps on each message (text after edits,
 * deletion, thread replies) joined with its reactions, {@code me} marked for the reader. The
 * reactions of a page are read with one store call for the whole page. Also checks what a new
 * message refers to ({@code replyTo}, {@code thread}). Thread-safe; holds no state.
 */
final class CurrentState {
    private final MessageStore messages;

    CurrentState(MessageStore messages) {
        this.messages = messages;
    }

    /** One entry of the room as the reader sees it now; NOT_FOUND when the room holds none with this id. */
    Message message(String room, long id, String reader) {
        Message m = entry(room, id);
        if (!m.kind().isContent()) {
            return m;
        }
        List<Reaction> reactions = messages.reactions(room, List.of(id), reader).getOrDefault(id, List.of());
        return reactions.isEmpty() ? m : m.withState(m.state().withReactions(reactions));
    }

    /** An entry of the room as stored (no reactions); NOT_FOUND for none. */
    Message entry(String room, long id) {
        return messages.find(room, id)
                .orElseThrow(() -> ChatException.notFound("no message " + id + " in room " + room));
    }

    /**
     * A CHAT, PRIVATE or FILE_SHARED message of the room as stored, to be acted on: NOT_FOUND for
     * none, FORBIDDEN for an entry of another kind (a join, an announcement, an edit).
     */
    Message actionable(String room, long id, String act) {
        Message m = entry(room, id);
        if (!m.kind().isContent()) {
            throw ChatException.forbidden("message " + id + " is " + m.kind() + ": only messages users wrote can be " + act);
        }
        return m;
    }

    /** A content message of the room as stored; NOT_FOUND for none or for an entry of another kind. */
    Message stored(String room, long id) {
        return content(room, id, "");
    }

    /** A content message of the room as stored; NOT_FOUND, its message after {@code prefix}, for none. */
    private Message content(String room, long id, String prefix) {
        return messages.find(room, id)
                .filter(m -> m.kind().isContent())
                .orElseThrow(() -> ChatException.notFound(prefix + "no message " + id + " in room " + room));
    }

    /** The page with every content message's reactions for the reader. */
    HistoryPage forReader(String room, HistoryPage page, String reader) {
        if (page.messages().isEmpty()) {
            return page;
        }
        Map<Long, List<Reaction>> reactions = messages.reactionsOf(room, page.messages(), reader);
        if (reactions.isEmpty()) {
            return page;
        }
        List<Message> out = new ArrayList<>(page.messages().size());
        for (Message m : page.messages()) {
            List<Reaction> r = reactions.get(m.id());
            out.add(r == null ? m : m.withState(m.state().withReactions(r)));
        }
        return new HistoryPage(out, page.hasMore());
    }

    /**
     * Checks that a draft's {@code replyTo} and {@code thread} name content messages of the room
     * (NOT_FOUND otherwise), and that the thread root is not itself a reply in a thread (BAD_REQUEST).
     */
    void checkReferences(String room, Draft draft) {
        refer(room, draft.replyTo(), "replyTo");
        if (draft.thread().isPresent()) {
            Message root = refer(room, draft.thread(), "thread");
            if (root.thread().isPresent()) {
                throw ChatException.badRequest("message " + root.id() + " is a reply in a thread and cannot start one;"
                        + " reply in thread " + root.thread().getAsLong() + " instead");
            }
        }
    }

    private Message refer(String room, OptionalLong id, String field) {
        if (id.isEmpty()) {
            return null;
        }
        if (id.getAsLong() < 1) {
            throw ChatException.badRequest(field + " must be a message id");
        }
        return content(room, id.getAsLong(), field + ": ");
    }
}
