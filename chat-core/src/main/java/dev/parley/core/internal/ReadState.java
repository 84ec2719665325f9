package dev.parley.core.internal;

import dev.parley.core.spi.BusEvent;
import dev.parley.core.spi.Membership;
import dev.parley.core.spi.MessageStore;
import dev.parley.core.spi.ReadMarkerStore;
import dev.parley.core.spi.RoomStore;
import dev.parley.protocol.ChatException;
import dev.parley.protocol.InputRules;
import dev.parley.protocol.ReadCounts;
import dev.parley.protocol.ReadMarker;
import dev.parley.protocol.RoomListing;
import dev.parley.protocol.User;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Read state: the rules of read markers (members only, forward only, never beyond the room's last
 * seq), the counts of {@code GET /api/rooms}, and the members' markers of a room. Markers go to the
 * store through the node's one {@link MarkerWriter}; each one the store moved becomes a
 * {@link BusEvent.ReadMoved} applied through {@link Effects}, so that the user's other connections
 * and the room's other subscribers hear of it on every node. Thread-safe.
 */
final class ReadState {
    private final RoomRules roomRules;
    private final RoomStore rooms;
    private final MessageStore messages;
    private final ReadMarkerStore markers;
    private final MarkerWriter writer;

    ReadState(RoomRules roomRules, RoomStore rooms, MessageStore messages, ReadMarkerStore markers, Effects effects,
              Executor executor) {
        this.roomRules = roomRules;
        this.rooms = rooms;
        this.messages = messages;
        this.markers = markers;
        this.writer = new MarkerWriter(markers, executor, (m, session) -> effects.local(
                new BusEvent.ReadMoved(effects.origin(), m.room(), m.username(), m.lastReadSeq(), session)));
    }

    /**
     * Moves the caller's marker in a room forward to {@code seq} (an older one is a no-op).
     * BAD_REQUEST for a negative seq or one beyond the room's last; NOT_FOUND for no such room,
     * FORBIDDEN for a non-member; thrown at once, with nothing queued.
     *
     * @param session the id of the live session that sent it, whose echo is skipped; empty over HTTP
     * @return completes once the marker is stored
     */
    CompletableFuture<Void> mark(User caller, String roomId, long seq, Optional<String> session) {
        if (seq < 0) {
            throw ChatException.badRequest("seq must be >= 0, got " + seq);
        }
        roomRules.memberRoom(caller, roomId);
        long last = messages.lastSeq(roomId);
        if (seq > last) {
            throw ChatException.badRequest("seq " + seq + " is beyond the last seq of room " + roomId + " (" + last + ")");
        }
        return writer.offer(new ReadMarker(roomId, caller.username(), seq), session);
    }

    /** The markers of a room's members, in the room store's order of members (0 for one never written). */
    List<ReadMarker> reads(User caller, String roomId) {
        roomRules.memberRoom(caller, roomId);
        Map<String, Long> written = markers.markersIn(roomId);
        List<ReadMarker> out = new ArrayList<>();
        for (Membership m : rooms.members(roomId)) {
            long seq = Math.max(written.getOrDefault(InputRules.key(m.username()), 0L),
                    writer.pending(roomId, m.username()).orElse(0));
            out.add(new ReadMarker(roomId, m.username(), seq));
        }
        return out;
    }

    /** The listings with the caller's counts added to those of rooms the caller belongs to. */
    List<RoomListing> withCounts(User caller, List<RoomListing> listings) {
        Map<String, Long> mine = markers.markersOf(caller.username());
        Map<String, Long> wanted = new HashMap<>();
        for (RoomListing l : listings) {
            if (l.member()) {
                String id = l.room().id();
                OptionalLong queued = writer.pending(id, caller.username());
                wanted.put(id, Math.max(mine.getOrDefault(id, 0L), queued.orElse(0)));
            }
        }
        if (wanted.isEmpty()) {
            return listings;
        }
        Map<String, ReadCounts> counts = messages.readCounts(caller.username(), wanted, ReadCounts.CAP);
        List<RoomListing> out = new ArrayList<>(listings.size());
        for (RoomListing l : listings) {
            ReadCounts c = l.member() ? counts.get(l.room().id()) : null;
            out.add(c == null ? l : l.withCounts(c));
        }
        return out;
    }
}
