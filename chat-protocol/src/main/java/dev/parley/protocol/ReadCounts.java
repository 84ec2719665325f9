package dev.parley.protocol;

/**
 * One user's read state in one room, as {@code GET /api/rooms} lists it.
 *
 * @param lastSeq     the highest seq of the room's log
 * @param lastReadSeq the user's read marker (0 before the first one)
 * @param unread      the CHAT, PRIVATE and FILE_SHARED messages after the marker that are not the user's own
 *                    and not deleted, counted up to {@link #CAP}
 * @param mentions    those of them that mention the user, counted up to {@link #CAP}
 */
public record ReadCounts(long lastSeq, long lastReadSeq, long unread, long mentions) {

    /**
     * Counts stop here: a room with more unread messages reads {@code CAP} (a client shows "999+"),
     * so that listing a user's rooms costs at most this many index entries per room, however long
     * the history after the marker.
     */
    public static final int CAP = 1000;

    public ReadCounts {
        if (lastSeq < 0 || lastReadSeq < 0 || unread < 0 || mentions < 0) {
            throw new IllegalArgumentException("read counts must be >= 0");
        }
    }
}
