package dev.parley.client.internal;

import dev.parley.protocol.HistoryPage;
import dev.parley.protocol.InputRules;
import dev.parley.protocol.Message;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Decides, per room, which incoming messages reach the application: each {@code seq} once, in
 * order. A repeat ({@code seq <= last delivered}) is dropped. A message past a hole is held back
 * while the hole is filled, either by the replay a {@code subscribe since} already asked for or by
 * reading the room's history after the last delivered seq.
 *
 * <p>Only rooms whose history the client can read are filled ("fillable": the rooms it subscribed
 * to and its direct rooms); in any other room, such as the server's announcements, a hole is
 * accepted as it is. A hole the server cannot fill (retention removed the messages, or history
 * keeps failing) is accepted too, so that delivery never stalls.
 *
 * <p>Pure logic with no I/O and no locking: the caller serialises calls and performs the fills.
 */
final class Sequencer {
    /** Consecutive failed fills of a room before its hole is accepted as it is. */
    static final int MAX_FILL_FAILURES = 3;

    /** What to do after an event: messages to deliver now, in order, and maybe a history read. */
    record Outcome(List<Message> deliver, Optional<Fill> fill) {
        static final Outcome NOTHING = new Outcome(List.of(), Optional.empty());
    }

    /** Read the room's history after {@code after} and hand the page to {@link #filled}. */
    record Fill(String room, long after) {
    }

    private static final class RoomState {
        long last = -1; // -1: nothing delivered and no baseline yet
        boolean fillable;
        boolean awaitingReplay; // a subscribe with since is on its way: its replay fills holes
        boolean acceptJump; // retention truncated the replay: the next message may skip
        boolean filling;
        int fillFailures;
        final TreeMap<Long, Message> held = new TreeMap<>();
    }

    private final Map<String, RoomState> rooms = new HashMap<>();

    /** A direct room's id: {@code dm.<a>.<b>}; other room ids cannot hold a dot. */
    static boolean isDirect(String room) {
        return InputRules.isDirectRoomId(room);
    }

    /** The last seq delivered (or the baseline) of a room, if known. */
    OptionalLong last(String room) {
        RoomState r = rooms.get(room);
        return r == null || r.last < 0 ? OptionalLong.empty() : OptionalLong.of(r.last);
    }

    /** Whether the room is tracked at all. */
    boolean knows(String room) {
        return rooms.containsKey(room);
    }

    /** Rooms to subscribe again after a reconnect, in a stable order. */
    Set<String> fillableRooms() {
        Set<String> out = new TreeSet<>();
        rooms.forEach((id, r) -> {
            if (r.fillable) {
                out.add(id);
            }
        });
        return out;
    }

    /**
     * A {@code subscribe} goes out. With {@code since}, the replay that follows fills holes up to
     * the room's present, and delivery restarts from {@code since}.
     */
    void subscribing(String room, OptionalLong since) {
        RoomState r = state(room);
        r.fillable = true;
        if (since.isPresent()) {
            r.last = since.getAsLong();
            r.held.headMap(r.last, true).clear();
            r.awaitingReplay = true;
        }
    }

    /** The server confirmed a subscription; its {@code lastSeq} is the baseline of a new room. */
    Outcome subscribed(String room, long lastSeq, boolean truncated) {
        RoomState r = state(room);
        r.fillable = true;
        if (r.last < 0) {
            r.last = lastSeq;
        }
        if (truncated) {
            r.acceptJump = true;
        }
        boolean replayComing = r.awaitingReplay;
        r.awaitingReplay = false;
        List<Message> out = new ArrayList<>();
        drain(r, out);
        // Held messages predate this subscribed frame, so a replay covers them; without one, read history.
        return outcome(room, r, out, !replayComing);
    }

    /** Forgets a room the application unsubscribed from. */
    void forget(String room) {
        rooms.remove(room);
    }

    /** A message arrived on the live connection. */
    Outcome offer(Message m) {
        RoomState r = rooms.get(m.room());
        if (r == null) {
            r = state(m.room());
        }
        long seq = m.seq();
        if (r.last < 0) {
            r.last = seq;
            List<Message> out = new ArrayList<>();
            out.add(m);
            drain(r, out);
            return new Outcome(out, Optional.empty());
        }
        if (seq <= r.last || r.held.containsKey(seq)) {
            return Outcome.NOTHING;
        }
        List<Message> out = new ArrayList<>();
        if (seq == r.last + 1 || !r.fillable) {
            r.last = seq;
            out.add(m);
            r.acceptJump = false;
            drain(r, out);
            return new Outcome(out, Optional.empty());
        }
        r.held.put(seq, m);
        if (r.acceptJump) {
            r.acceptJump = false;
            release(r, out);
            return new Outcome(out, Optional.empty());
        }
        return outcome(m.room(), r, out, !r.awaitingReplay);
    }

    /**
     * A history page read after {@code last} came back. Its messages are delivered in order (past a
     * hole that retention left, if need be), then the held ones that now follow; another read is
     * asked for while a hole remains and the server has more.
     */
    Outcome filled(String room, HistoryPage page) {
        RoomState r = rooms.get(room);
        if (r == null) {
            return Outcome.NOTHING; // unsubscribed meanwhile
        }
        r.filling = false;
        r.fillFailures = 0;
        List<Message> out = new ArrayList<>();
        boolean progressed = false;
        for (Message m : page.messages()) {
            if (m.seq() > r.last) {
                r.last = m.seq();
                out.add(m);
                progressed = true;
            }
        }
        r.held.headMap(r.last, true).clear();
        drain(r, out);
        if (!r.held.isEmpty() && !(progressed && page.hasMore())) {
            // The history has nothing before the held messages: they are all there is.
            release(r, out);
        }
        return outcome(room, r, out, true);
    }

    /**
     * A history read failed: the outcome asks for it again (the caller waits a little first), and
     * after {@link #MAX_FILL_FAILURES} failures in a row the hole is accepted.
     */
    Outcome fillFailed(String room) {
        RoomState r = rooms.get(room);
        if (r == null) {
            return Outcome.NOTHING;
        }
        r.filling = false;
        List<Message> out = new ArrayList<>();
        if (++r.fillFailures >= MAX_FILL_FAILURES) {
            r.fillFailures = 0;
            release(r, out);
        }
        return outcome(room, r, out, true);
    }

    /** Whether a fill of the room is in flight (for tests and diagnostics). */
    boolean filling(String room) {
        RoomState r = rooms.get(room);
        return r != null && r.filling;
    }

    private RoomState state(String room) {
        return rooms.computeIfAbsent(room, id -> {
            RoomState r = new RoomState();
            r.fillable = isDirect(id);
            return r;
        });
    }

    /** Delivers held messages that now follow the last one. */
    private static void drain(RoomState r, List<Message> out) {
        r.held.headMap(r.last, true).clear();
        while (!r.held.isEmpty() && r.held.firstKey() == r.last + 1) {
            Message m = r.held.pollFirstEntry().getValue();
            r.last = m.seq();
            out.add(m);
        }
    }

    /** Delivers every held message in order, accepting the hole before them. */
    private static void release(RoomState r, List<Message> out) {
        for (Message m : r.held.values()) {
            out.add(m);
            r.last = m.seq();
        }
        r.held.clear();
    }

    private static Outcome outcome(String room, RoomState r, List<Message> out, boolean mayFill) {
        if (mayFill && !r.held.isEmpty() && !r.filling) {
            r.filling = true;
            return new Outcome(out, Optional.of(new Fill(room, r.last)));
        }
        return new Outcome(out, Optional.empty());
    }
}
