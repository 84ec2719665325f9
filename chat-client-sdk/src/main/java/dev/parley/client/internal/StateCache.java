package dev.parley.client.internal;

import dev.parley.protocol.InputRules;
import dev.parley.protocol.Message;
import dev.parley.protocol.MessageKind;
import dev.parley.protocol.MessageState;
import dev.parley.protocol.Reaction;
import dev.parley.protocol.ReactionChange;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The current state of the messages a client saw recently, per room, and the one place the SDK
 * applies the room log's entries to them: an {@code EDIT} replaces the text and sets
 * {@code editedAt}; a {@code DELETE} marks the target deleted with text {@code ""}, no file and no
 * reactions, and takes one reply off its thread's root; a {@code REACTION} adds or takes one off
 * its emoji's count ({@code me} for the client's own user); a reply in a thread adds one to the
 * root's {@code replies} and moves its {@code lastReplyAt}.
 *
 * <p>Each known message carries {@code asOf}: the seq up to which the entries acting on it are
 * reflected in its state, so that none is applied twice.
 * <ul>
 *   <li>A message delivered in order on the live connection ({@link #apply}) is kept as it stood
 *       at its own seq: its text, {@code editedAt} and deletion as it came (they are idempotent),
 *       no reactions and no replies. Every entry after it reaches the client in order too (that is
 *       what the sequencer guarantees), so they rebuild its counts exactly, even when the message
 *       came from a replay or a history fill that already showed them.</li>
 *   <li>A message read over HTTP ({@link #read}) is taken as the server showed it, as of the seq
 *       the caller gives (the newest entry the client had taken from the room when the answer came).</li>
 * </ul>
 *
 * <p>Bounded: each room keeps its {@code perRoom} most recently used messages. Pure logic with no
 * I/O and no locking: the caller serialises calls and reads what {@link Need} names.
 */
final class StateCache {

    /** What an entry needs, or what it did once nothing is missing. */
    sealed interface Step {
    }

    /** The cache does not know message {@code id} of the entry's room: read it, then apply the entry again. */
    record Need(long id) implements Step {
    }

    /** The entry was applied: these updates, in order, are what the application hears of it. */
    record Done(List<Update> updates) implements Step {
        static final Done NOTHING = new Done(List.of());
    }

    /** Which callback an update is for. */
    enum Change { EDITED, DELETED, REACTION, THREAD }

    /**
     * A message in its new state after an entry.
     *
     * @param current the target of the entry (the thread's root for {@link Change#THREAD}), as it stands now
     * @param entry   the entry that changed it: a lifecycle entry, or for {@link Change#THREAD} the
     *                reply or the deletion of one
     */
    record Update(Change change, Message current, Message entry) {
    }

    private record Known(Message message, long asOf) {
    }

    private final int perRoom;
    private final Map<String, LinkedHashMap<Long, Known>> rooms = new HashMap<>();
    private String me;

    /** @param perRoom the most messages kept per room, at least 2 (an entry may need its target and a thread root) */
    StateCache(int perRoom) {
        if (perRoom < 2) {
            throw new IllegalArgumentException("perRoom must be at least 2, got " + perRoom);
        }
        this.perRoom = perRoom;
    }

    /** The client's own user, whose reactions count as {@code me}. */
    void me(String username) {
        this.me = InputRules.key(username);
    }

    /** A message as the cache knows it now, if it does. */
    Optional<Message> get(String room, long id) {
        LinkedHashMap<Long, Known> r = rooms.get(room);
        Known k = r == null ? null : r.get(id);
        return k == null ? Optional.empty() : Optional.of(k.message());
    }

    /** Forgets a room (the application unsubscribed). */
    void forget(String room) {
        rooms.remove(room);
    }

    /**
     * A message read over HTTP, in its current state as of {@code asOf}: it replaces what the cache
     * held, since the server's answer is the newest word on it. Entries other than messages users
     * wrote carry no state and are not kept.
     */
    void read(Message m, long asOf) {
        if (m.kind().isContent()) {
            put(m, Math.max(asOf, m.seq()));
        }
    }

    /**
     * An entry delivered in seq order on the live connection. Applying it again (after a
     * {@link Need} was read) changes nothing twice.
     *
     * @param unreadable ids of the entry's room that could not be read: what depends on them is skipped
     */
    Step apply(Message m, Set<Long> unreadable) {
        if (m.kind().isContent()) {
            seen(m);
            return m.thread().isPresent() ? threadReply(m, unreadable) : Done.NOTHING;
        }
        if (!m.kind().isLifecycle()) {
            return Done.NOTHING;
        }
        long targetId = m.target().getAsLong();
        if (unreadable.contains(targetId)) {
            return Done.NOTHING;
        }
        Known target = known(m.room(), targetId);
        if (target == null) {
            return new Need(targetId);
        }
        Message current = target.message();
        if (m.seq() > target.asOf()) {
            current = switch (m.kind()) {
                case EDIT -> edited(current, m);
                case DELETE -> deleted(current);
                case REACTION -> reacted(current, m);
                default -> throw new IllegalStateException(m.kind().name());
            };
            put(current, m.seq());
        }
        Update update = new Update(m.kind() == MessageKind.EDIT ? Change.EDITED
                : m.kind() == MessageKind.DELETE ? Change.DELETED : Change.REACTION, current, m);
        if (m.kind() != MessageKind.DELETE || current.thread().isEmpty()) {
            return new Done(List.of(update));
        }
        long rootId = current.thread().getAsLong();
        if (unreadable.contains(rootId)) {
            return new Done(List.of(update));
        }
        Known root = known(m.room(), rootId);
        if (root == null) {
            return new Need(rootId);
        }
        Message r = root.message();
        if (m.seq() > root.asOf()) {
            MessageState s = r.state();
            r = r.withState(new MessageState(s.editedAt(), s.deleted(), s.reactions(), Math.max(0, s.replies() - 1),
                    s.lastReplyAt()));
            put(r, m.seq());
        }
        return new Done(List.of(update, new Update(Change.THREAD, r, m)));
    }

    /** Keeps a delivered message as it stood at its own seq, unless the cache knows a later state. */
    private void seen(Message m) {
        Known k = known(m.room(), m.id());
        if (k == null || k.asOf() < m.seq()) {
            MessageState s = m.state();
            put(m.withState(new MessageState(s.editedAt(), s.deleted(), List.of(), 0, Optional.empty())), m.seq());
        }
    }

    private Step threadReply(Message reply, Set<Long> unreadable) {
        long rootId = reply.thread().getAsLong();
        if (unreadable.contains(rootId)) {
            return Done.NOTHING;
        }
        Known root = known(reply.room(), rootId);
        if (root == null) {
            return new Need(rootId);
        }
        Message r = root.message();
        if (reply.seq() > root.asOf()) {
            MessageState s = r.state();
            Instant last = s.lastReplyAt().filter(t -> t.isAfter(reply.createdAt())).orElse(reply.createdAt());
            r = r.withState(new MessageState(s.editedAt(), s.deleted(), s.reactions(), s.replies() + 1,
                    Optional.of(last)));
            put(r, reply.seq());
        }
        return new Done(List.of(new Update(Change.THREAD, r, reply)));
    }

    /** The edit's text and time, unless the message is deleted or already shows a later edit. */
    private static Message edited(Message m, Message edit) {
        MessageState s = m.state();
        if (s.deleted() || s.editedAt().filter(t -> t.isAfter(edit.createdAt())).isPresent()) {
            return m;
        }
        return new Message(m.id(), m.room(), m.seq(), m.kind(), m.from(), edit.text(), m.createdAt(), m.clientMsgId(),
                m.file(), m.replyTo(), m.thread(), m.target(), m.reaction(),
                new MessageState(Optional.of(edit.createdAt()), false, s.reactions(), s.replies(), s.lastReplyAt()),
                edit.mentions());
    }

    private static Message deleted(Message m) {
        MessageState s = m.state();
        return new Message(m.id(), m.room(), m.seq(), m.kind(), m.from(), "", m.createdAt(), m.clientMsgId(),
                Optional.empty(), m.replyTo(), m.thread(), m.target(), m.reaction(),
                new MessageState(s.editedAt(), true, List.of(), s.replies(), s.lastReplyAt()));
    }

    /**
     * One more or one less of the emoji. An emoji keeps its place while anyone holds it; a new one
     * goes last. (The server orders by the earliest reaction still held, which the counts alone
     * cannot tell when that reaction is taken back while others remain.)
     */
    private Message reacted(Message m, Message entry) {
        if (m.state().deleted()) {
            return m; // a deleted message holds no reactions, and the server refuses new ones
        }
        ReactionChange change = entry.reaction().orElseThrow();
        boolean mine = me != null && me.equals(InputRules.key(entry.from()));
        List<Reaction> out = new ArrayList<>(m.state().reactions().size() + 1);
        boolean found = false;
        for (Reaction r : m.state().reactions()) {
            if (!r.emoji().equals(change.emoji())) {
                out.add(r);
                continue;
            }
            found = true;
            int count = r.count() + (change.active() ? 1 : -1);
            if (count > 0) {
                out.add(new Reaction(r.emoji(), count, mine ? change.active() : r.me()));
            }
        }
        if (!found && change.active()) {
            out.add(new Reaction(change.emoji(), 1, mine));
        }
        return m.withState(m.state().withReactions(out));
    }

    private Known known(String room, long id) {
        LinkedHashMap<Long, Known> r = rooms.get(room);
        return r == null ? null : r.get(id);
    }

    private void put(Message m, long asOf) {
        rooms.computeIfAbsent(m.room(), id -> new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Known> eldest) {
                return size() > perRoom;
            }
        }).put(m.id(), new Known(m, asOf));
    }
}
