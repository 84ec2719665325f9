package dev.parley.client.terminal;

import dev.parley.protocol.Message;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The short numbers the terminal shows beside messages ({@code [3]}), so that a user can name one
 * in {@code /edit 3 ...} or {@code /react 3 👍}: 1, 2, 3, ... in the order messages were first shown,
 * the same number whenever a message is shown again (edited, reacted to, listed by /history). Keeps
 * the last {@code capacity} numbers, with what a quote needs (author, text). Thread-safe: the
 * printer's callback thread numbers messages while the input loop looks them up.
 */
final class MessageIndex {
    /** A numbered message: where it is, its thread root if it is a reply in one, and its latest text. */
    record Entry(int number, String room, long id, OptionalLong thread, String from, String text) {
    }

    private record Key(String room, long id) {
    }

    private final int capacity;
    private final LinkedHashMap<Integer, Entry> byNumber = new LinkedHashMap<>();
    private final Map<Key, Integer> byMessage = new HashMap<>();
    private int next = 1;

    MessageIndex(int capacity) {
        this.capacity = capacity;
    }

    /** The message's number, a new one if it has none yet; remembers its current text. */
    synchronized int number(Message m) {
        Key key = new Key(m.room(), m.id());
        Integer n = byMessage.get(key);
        if (n == null) {
            n = next++;
            byMessage.put(key, n);
        }
        byNumber.put(n, new Entry(n, m.room(), m.id(), m.thread(), m.from(), m.text()));
        if (byNumber.size() > capacity) {
            Iterator<Entry> eldest = byNumber.values().iterator();
            Entry gone = eldest.next();
            eldest.remove();
            byMessage.remove(new Key(gone.room(), gone.id()));
        }
        return n;
    }

    /** The message shown under {@code number}, if it is still remembered. */
    synchronized Optional<Entry> get(int number) {
        return Optional.ofNullable(byNumber.get(number));
    }

    /** The numbered message with this id in this room, if it was shown. */
    synchronized Optional<Entry> find(String room, long id) {
        Integer n = byMessage.get(new Key(room, id));
        return n == null ? Optional.empty() : Optional.ofNullable(byNumber.get(n));
    }
}
