package dev.parley.jakarta.jpa.internal;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which ids a read of the feed may hand out while appends are drawing and committing others. */
class InFlightIdsTest {

    private final InFlightIds ids = new InFlightIds();

    @Test
    void aReadWithNothingInFlightAndNothingDrawnSeesEverything() {
        ids.finished(ids.draw(() -> 10));
        try (InFlightIds.Read read = ids.beginRead()) {
            assertEquals(Long.MAX_VALUE, read.visibleUpTo());
        }
    }

    @Test
    void aReadStopsBelowTheLowestIdInFlightWhenItBegan() {
        ids.draw(() -> 10);
        ids.draw(() -> 11);
        try (InFlightIds.Read read = ids.beginRead()) {
            ids.finished(10);
            ids.finished(11);
            assertEquals(9, read.visibleUpTo());
        }
    }

    @Test
    void aReadStopsBelowAnIdDrawnWhileItRan() {
        ids.finished(ids.draw(() -> 10));
        try (InFlightIds.Read read = ids.beginRead()) {
            ids.draw(() -> 11);
            ids.draw(() -> 12);
            ids.finished(11);
            assertEquals(10, read.visibleUpTo());
        }
    }

    /**
     * The store outlives its first id source (a new engine, or a contract test with its own
     * counter): ids drawn during the read may be lower than ids drawn long before it, and the
     * read must still stop below them rather than at the highest id it had seen drawn.
     */
    @Test
    void aReadStopsBelowALowerIdFromAnotherSourceDrawnWhileItRan() {
        for (long id = 1001; id <= 1010; id++) {
            long drawn = id;
            ids.finished(ids.draw(() -> drawn));
        }
        try (InFlightIds.Read read = ids.beginRead()) {
            ids.draw(() -> 1001);
            ids.draw(() -> 1002);
            ids.finished(1002);
            assertEquals(1000, read.visibleUpTo());
        }
    }

    @Test
    void anIdHeldByTwoTransactionsStaysInFlightUntilBothFinish() {
        ids.draw(() -> 5);
        ids.draw(() -> 5);
        ids.finished(5);
        try (InFlightIds.Read read = ids.beginRead()) {
            assertEquals(4, read.visibleUpTo());
        }
        ids.finished(5);
        try (InFlightIds.Read read = ids.beginRead()) {
            assertEquals(Long.MAX_VALUE, read.visibleUpTo());
        }
    }

    @Test
    void aClosedReadNoLongerTracksDraws() {
        InFlightIds.Read closed = ids.beginRead();
        closed.close();
        ids.finished(ids.draw(() -> 3));
        try (InFlightIds.Read read = ids.beginRead()) {
            assertEquals(Long.MAX_VALUE, read.visibleUpTo());
        }
        assertEquals(Long.MAX_VALUE, closed.visibleUpTo());
    }
}
