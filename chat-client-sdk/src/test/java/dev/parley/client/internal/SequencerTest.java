package dev.parley.client.internal;

import dev.parley.protocol.HistoryPage;
import dev.parley.protocol.Message;
import dev.parley.protocol.MessageKind;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static dev.parley.client.internal.Messages.msg;
import static dev.parley.client.internal.Messages.seqs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SequencerTest {
    private final Sequencer seq = new Sequencer();

    private Sequencer.Outcome subscribe(String room, long lastSeq) {
        seq.subscribing(room, OptionalLong.empty());
        return seq.subscribed(room, lastSeq, false);
    }

    @Test
    void subscribedGivesAnUnknownRoomItsBaseline() {
        subscribe("general", 7);
        assertEquals(OptionalLong.of(7), seq.last("general"));
        assertEquals(List.of(8L), seqs(seq.offer(msg("general", 8)).deliver()));
    }

    @Test
    void repeatsAreDropped() {
        subscribe("general", 0);
        assertEquals(List.of(1L), seqs(seq.offer(msg("general", 1)).deliver()));
        assertEquals(List.of(2L), seqs(seq.offer(msg("general", 2)).deliver()));
        assertTrue(seq.offer(msg("general", 1)).deliver().isEmpty());
        assertTrue(seq.offer(msg("general", 2)).deliver().isEmpty());
        assertEquals(OptionalLong.of(2), seq.last("general"));
    }

    @Test
    void messagePastAHoleIsHeldAndHistoryAfterTheLastIsRead() {
        subscribe("general", 3);
        Sequencer.Outcome o = seq.offer(msg("general", 6));
        assertTrue(o.deliver().isEmpty());
        assertEquals(Optional.of(new Sequencer.Fill("general", 3)), o.fill());
        // a second message past the hole waits too, without a second read
        Sequencer.Outcome o2 = seq.offer(msg("general", 7));
        assertTrue(o2.deliver().isEmpty());
        assertTrue(o2.fill().isEmpty());
        assertTrue(seq.filling("general"));
    }

    @Test
    void fillDeliversTheHistoryThenTheHeldMessagesInOrderOnce() {
        subscribe("general", 3);
        seq.offer(msg("general", 6));
        seq.offer(msg("general", 7));
        Sequencer.Outcome o = seq.filled("general", new HistoryPage(
                List.of(msg("general", 4), msg("general", 5), msg("general", 6)), false));
        assertEquals(List.of(4L, 5L, 6L, 7L), seqs(o.deliver()));
        assertTrue(o.fill().isEmpty());
        assertFalse(seq.filling("general"));
        assertEquals(List.of(8L), seqs(seq.offer(msg("general", 8)).deliver()));
    }

    @Test
    void fillAsksForTheNextPageWhileAHoleRemains() {
        subscribe("general", 0);
        seq.offer(msg("general", 500));
        Sequencer.Outcome first = seq.filled("general", new HistoryPage(pageOf("general", 1, 200), true));
        assertEquals(200, first.deliver().size());
        assertEquals(Optional.of(new Sequencer.Fill("general", 200)), first.fill());
        Sequencer.Outcome second = seq.filled("general", new HistoryPage(pageOf("general", 201, 400), true));
        assertEquals(Optional.of(new Sequencer.Fill("general", 400)), second.fill());
        Sequencer.Outcome last = seq.filled("general", new HistoryPage(pageOf("general", 401, 500), false));
        assertEquals(401L, last.deliver().get(0).seq());
        assertEquals(500L, last.deliver().get(last.deliver().size() - 1).seq());
        assertEquals(100, last.deliver().size(), "500 came once, from the history, and not again from the hold");
        assertTrue(last.fill().isEmpty());
    }

    @Test
    void subscribeSinceReplayFillsTheHoleWithoutReadingHistory() {
        subscribe("general", 0);
        seq.offer(msg("general", 1));
        // reconnect: resubscribe from the last delivered seq; a live message overtakes the replay
        seq.subscribing("general", seq.last("general"));
        Sequencer.Outcome early = seq.offer(msg("general", 4));
        assertTrue(early.deliver().isEmpty());
        assertTrue(early.fill().isEmpty(), "the replay will bring 2 and 3");
        Sequencer.Outcome confirmed = seq.subscribed("general", 4, false);
        assertTrue(confirmed.fill().isEmpty());
        List<Message> delivered = new ArrayList<>();
        for (long s = 2; s <= 4; s++) {
            delivered.addAll(seq.offer(msg("general", s)).deliver());
        }
        assertEquals(List.of(2L, 3L, 4L), seqs(delivered));
    }

    @Test
    void truncatedReplayAcceptsTheJumpToTheOldestKeptMessage() {
        subscribe("general", 0);
        seq.offer(msg("general", 1));
        seq.subscribing("general", OptionalLong.of(1));
        seq.subscribed("general", 90, true);
        Sequencer.Outcome o = seq.offer(msg("general", 50));
        assertEquals(List.of(50L), seqs(o.deliver()));
        assertTrue(o.fill().isEmpty());
        assertEquals(List.of(51L), seqs(seq.offer(msg("general", 51)).deliver()));
    }

    @Test
    void roomsWithoutReadableHistoryAcceptHoles() {
        Sequencer.Outcome a = seq.offer(msg("_announcements", 3, MessageKind.SYSTEM));
        Sequencer.Outcome b = seq.offer(msg("_announcements", 5, MessageKind.SYSTEM));
        assertEquals(List.of(3L), seqs(a.deliver()));
        assertEquals(List.of(5L), seqs(b.deliver()));
        assertTrue(b.fill().isEmpty());
        assertTrue(seq.offer(msg("_announcements", 5, MessageKind.SYSTEM)).deliver().isEmpty());
        assertFalse(seq.fillableRooms().contains("_announcements"));
    }

    @Test
    void directRoomsAreFilledAndResubscribedWithoutAnExplicitSubscribe() {
        String dm = "dm.alice.bob";
        assertEquals(List.of(4L), seqs(seq.offer(msg(dm, 4)).deliver()));
        Sequencer.Outcome o = seq.offer(msg(dm, 6));
        assertEquals(Optional.of(new Sequencer.Fill(dm, 4)), o.fill());
        assertTrue(seq.fillableRooms().contains(dm));
    }

    @Test
    void emptyFillReleasesTheHeldMessages() {
        subscribe("general", 3);
        seq.offer(msg("general", 9));
        Sequencer.Outcome o = seq.filled("general", new HistoryPage(List.of(), false));
        assertEquals(List.of(9L), seqs(o.deliver()));
        assertTrue(o.fill().isEmpty());
    }

    @Test
    void failedFillsAreRetriedThenTheHoleIsAccepted() {
        subscribe("general", 3);
        seq.offer(msg("general", 9));
        for (int i = 1; i < Sequencer.MAX_FILL_FAILURES; i++) {
            Sequencer.Outcome retry = seq.fillFailed("general");
            assertTrue(retry.deliver().isEmpty());
            assertEquals(Optional.of(new Sequencer.Fill("general", 3)), retry.fill());
        }
        Sequencer.Outcome given = seq.fillFailed("general");
        assertEquals(List.of(9L), seqs(given.deliver()));
        assertTrue(given.fill().isEmpty());
    }

    @Test
    void subscribeSinceRestartsDeliveryFromThere() {
        subscribe("general", 10);
        seq.subscribing("general", OptionalLong.of(2));
        assertEquals(List.of(3L), seqs(seq.offer(msg("general", 3)).deliver()));
    }

    @Test
    void aForgottenRoomStartsAfresh() {
        subscribe("general", 10);
        seq.forget("general");
        assertFalse(seq.knows("general"));
        assertTrue(seq.filled("general", new HistoryPage(List.of(msg("general", 11)), false)).deliver().isEmpty());
        subscribe("general", 20);
        assertEquals(OptionalLong.of(20), seq.last("general"));
    }

    private static List<Message> pageOf(String room, long from, long to) {
        List<Message> out = new ArrayList<>();
        for (long s = from; s <= to; s++) {
            out.add(msg(room, s));
        }
        return out;
    }
}
