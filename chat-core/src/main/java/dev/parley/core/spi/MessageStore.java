package dev.parley.core.spi;

import dev.parley.core.internal.memory.InMemoryMessageStore;
import dev.parley.protocol.ChatException;
import dev.parley.protocol.HistoryPage;
import dev.parley.protocol.Message;
import dev.parley.protocol.PageRequest;
import dev.parley.protocol.Reaction;
import dev.parley.protocol.SearchResults;
import dev.parley.protocol.ReadCounts;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * The log of every room, the current state of its messages, and the idempotency record (kept with
 * the messages so that the check and the insert are one atomic step).
 *
 * <p>The log and the current state. Every entry (a message, and v2's EDIT, DELETE and REACTION
 * entries acting on one) is appended with its own seq. An entry acting on a message is decided by
 * {@link LogRules#decide} and applied to its target in the same step that appends it, so that reads
 * return messages as they are now without replaying the log:
 * <ul>
 *   <li>EDIT: the target's text becomes the entry's text, its {@code editedAt} the entry's time.</li>
 *   <li>DELETE: the target's text becomes {@code ""}, it is {@code deleted}, it loses its file (so
 *       {@link #findByFileId} no longer finds it) and its reactions, the text of every EDIT entry that
 *       targeted it becomes {@code ""}, and when it was a reply in a thread, the root's
 *       {@code replies} goes down by one.</li>
 *   <li>REACTION: the entry's author holds (active) or no longer holds the emoji on the target.</li>
 *   <li>EDIT also: the target's {@code mentions} become the entry's. DELETE also: the target mentions
 *       nobody any more.</li>
 *   <li>A CHAT, PRIVATE or FILE_SHARED message with a {@code thread}: the root's {@code replies}
 *       goes up by one and its {@code lastReplyAt} becomes the reply's time.</li>
 * </ul>
 * When {@code decide} answers NOTHING, nothing is stored and the append returns
 * {@link AppendResult#nothing()}; when it throws, the append fails with that exception, and
 * nothing is stored either.
 *
 * <p>The store assigns {@code seq}: for each room 1, 2, 3, ... with no gap and no repeat under
 * any concurrency, including several processes sharing one database. Paging is by the key
 * {@code (room, seq)}, so the cost of a page does not grow with the history.
 *
 * <p>Implementations are thread-safe, and return from an append (or complete its future) only once
 * the message is durable: the engine acks it then (see the package's note on durability). The
 * contract suite in chat-core's test-jar ({@code MessageStoreContract}) pins this behaviour.
 */
public interface MessageStore {

    /**
     * Appends an entry, unless the same {@code (room, from, clientMsgId)} was stored before, and
     * applies it to the message it acts on (see the class's note).
     *
     * <p>The store takes the message id from {@code ids} inside the same critical section (or
     * transaction) that assigns the seq, so that within a room ids increase with seq.
     *
     * @param message the message
     * @param ids     source of message ids; called once when the message is stored, never for a repeat
     * @return the stored message and whether this call stored it
     */
    AppendResult append(NewMessage message, LongSupplier ids);

    /**
     * Appends a message like {@link #append}, completing when it is stored (committed) or refused,
     * so that a caller need not hold a thread per message in flight and a store may commit
     * concurrent appends together.
     *
     * <p>Order: when one call returns before another is made, and both are for the same room, the
     * first message gets the lower seq (unless it fails). The future may complete on a thread of the
     * store's; whatever depends on it then runs there, and must not wait for another append.
     *
     * <p>The default appends at once, on the calling thread.
     *
     * @return the outcome: the stored message and whether this call stored it, or the failure (such
     *         as a {@link dev.parley.protocol.ChatException} with code UNAVAILABLE)
     */
    default CompletableFuture<AppendResult> appendAsync(NewMessage message, LongSupplier ids) {
        try {
            return CompletableFuture.completedFuture(append(message, ids));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** A page of a room's history, ascending by seq; see {@link PageRequest} for the cursors. */
    HistoryPage page(String room, PageRequest request);

    /**
     * One entry of a room, with the state the store keeps for it ({@code text}, {@code editedAt},
     * {@code deleted}, {@code replies}, {@code lastReplyAt}; no reactions: see {@link #reactions}).
     */
    Optional<Message> find(String room, long id);

    /**
     * A page of the replies in the thread of {@code root} (messages whose {@code thread} is it),
     * ascending by seq, with the same cursors as {@link #page}. The cost of a page does not grow with
     * the room's history.
     */
    HistoryPage thread(String room, long root, PageRequest request);

    /**
     * The current reactions of the given messages of a room, each list in order of first use (the
     * earliest of the current reactions with each emoji first), with {@code me} for {@code viewer}.
     * Messages without reactions are left out of the map.
     */
    Map<Long, List<Reaction>> reactions(String room, Collection<Long> ids, String viewer);

    /**
     * The reactions of a page's messages (as returned by {@link #page} or {@link #thread}) for
     * {@code viewer}, for every message whose reactions as the viewer sees them differ from its
     * {@code state().reactions()}; a message left out of the map is read as it is, and ids of
     * messages not on the page are ignored. The default
     * reads those of every undeleted content message with {@link #reactions}.
     *
     * <p>A store that hands out each message with its reactions as a viewer holding none of them sees
     * them (counts right, {@code me} false) overrides this to return only the messages the viewer
     * reacted to, so that a page costs no lookup per message.
     */
    default Map<Long, List<Reaction>> reactionsOf(String room, List<Message> page, String viewer) {
        List<Long> ids = new ArrayList<>(page.size());
        for (Message m : page) {
            if (m.kind().isContent() && !m.state().deleted()) {
                ids.add(m.id());
            }
        }
        return ids.isEmpty() ? Map.of() : reactions(room, ids, viewer);
    }

    /** The highest seq stored in the room so far (0 when none was ever stored). */
    long lastSeq(String room);

    /** The lowest seq still kept in the room, empty when it holds none. */
    OptionalLong firstSeq(String room);

    /**
     * Messages of the given rooms with id greater than {@code afterId}, ascending by id, at most {@code limit}.
     */
    List<Message> afterId(Collection<String> rooms, long afterId, int limit);

    /** The FILE_SHARED message that carries the file with this id. */
    Optional<Message> findByFileId(String fileId);

    /**
     * Deletes the room's entries with seq up to and including {@code seq} (retention), and the
     * reactions held on the messages among them.
     *
     * @return how many were deleted
     */
    int deleteUpTo(String room, long seq);

    /**
     * The CHAT, PRIVATE and FILE_SHARED messages of {@code query.rooms()}, in their current state
     * (text after edits; never a deleted one; no reactions, as {@link #find}), whose text holds, for
     * every word of the query, a word that starts with it, case-insensitive; newest first (descending
     * id), below {@code query.before()}, at most {@code query.limit()}, and whether more follow.
     *
     * <p>Backed by an index kept with the messages: its cost does not grow linearly with the number of
     * stored messages, and it agrees with what the store committed (an append, an edit, a deletion or
     * retention is searchable, or no longer, once it returned). The contract suite in chat-core's
     * test-jar ({@code MessageSearchContract}) pins this.
     *
     * <p>The default answers UNAVAILABLE: a store of an earlier release keeps no index.
     *
     * @throws dev.parley.protocol.ChatException UNAVAILABLE when the store cannot search
     */
    default SearchResults search(SearchQuery query) {
        throw ChatException.unavailable("this message store (" + getClass().getName() + ") keeps no search index", null);
    }

    /**
     * The read state of one user in several rooms: for each room, its {@link #lastSeq}, and the
     * CHAT, PRIVATE and FILE_SHARED messages with seq above the room's marker that are not deleted and
     * not from {@code viewer} ({@code unread}), and those of them that mention {@code viewer}
     * ({@code mentions}), each counted up to {@code cap}. Computed from an index, never by reading the
     * room's history: the cost per room is bounded by {@code cap}, not by the history's length.
     *
     * <p>The default pages through the log after each marker, reading about {@code cap} entries per
     * room at most (so it may count fewer than there are); stores override it with an index (the
     * in-memory and JPA stores do).
     *
     * @param viewer  the user, matched case-insensitively
     * @param markers room id to the viewer's marker there (0 for none)
     * @param cap     where counting stops
     * @return the counts, by room id, for every room of {@code markers}
     */
    default Map<String, ReadCounts> readCounts(String viewer, Map<String, Long> markers, int cap) {
        Map<String, ReadCounts> out = new java.util.HashMap<>();
        String key = dev.parley.protocol.InputRules.key(viewer);
        markers.forEach((room, marker) -> {
            long last = lastSeq(room);
            long unread = 0;
            long mentioned = 0;
            long after = marker;
            int read = 0;
            while (last > after && read < cap) {
                HistoryPage p = page(room, PageRequest.after(after, PageRequest.MAX_LIMIT));
                for (Message m : p.messages()) {
                    read++;
                    after = m.seq();
                    if (m.kind().isContent() && !m.state().deleted()
                            && !dev.parley.protocol.InputRules.key(m.from()).equals(key)) {
                        unread++;
                        if (m.mentions().stream().anyMatch(u -> dev.parley.protocol.InputRules.key(u).equals(key))) {
                            mentioned++;
                        }
                    }
                }
                if (!p.hasMore() || p.messages().isEmpty()) {
                    break;
                }
            }
            out.put(room, new ReadCounts(last, Math.min(marker, last), Math.min(unread, cap), Math.min(mentioned, cap)));
        });
        return out;
    }

    /** The default: history kept in memory only; it keeps nothing once the process ends. */
    static MessageStore inMemory() {
        return new InMemoryMessageStore();
    }
}
