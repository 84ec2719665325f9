package dev.parley.protocol;

import java.util.Objects;

/**
 * A user's read marker in a room: the highest seq they have read. It only moves forward.
 *
 * @param room        the room id
 * @param username    the user, as registered
 * @param lastReadSeq the seq read up to
 */
public record ReadMarker(String room, String username, long lastReadSeq) {
    public ReadMarker {
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(username, "username");
        if (lastReadSeq < 0) {
            throw new IllegalArgumentException("lastReadSeq must be >= 0, got " + lastReadSeq);
        }
    }
}
