package dev.parley.core.engine;

import dev.parley.core.Chat;
import dev.parley.protocol.HistoryPage;
import dev.parley.protocol.Message;
import dev.parley.protocol.PageRequest;
import dev.parley.protocol.User;
import dev.parley.protocol.Visibility;
import dev.parley.protocol.wire.ServerFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Retention: at most N messages kept per room, and what {@code subscribe since} says about the rest. */
@Timeout(60)
class RetentionTest {
    private final Chat chat = TestChats.chat(TestChats.config().retention(5), new MutableClock());
    private final User alice = chat.register("alice", "password-a");

    RetentionTest() {
        chat.createRoom(alice, "log", Optional.empty(), Visibility.PRIVATE, List.of());
        chat.createRoom(alice, "quiet", Optional.empty(), Visibility.PRIVATE, List.of());
        chat.send(alice, "quiet", "kept", Optional.empty());
        for (int i = 1; i <= 20; i++) {
            chat.send(alice, "log", "m" + i, Optional.empty());
        }
    }

    @AfterEach
    void tearDown() {
        chat.close();
    }

    private static List<Long> seqs(List<Message> messages) {
        return messages.stream().map(Message::seq).toList();
    }

    private static List<Long> range(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().toList();
    }

    @Test
    void historyHoldsTheLastFiveMessagesOfEachRoom() {
        HistoryPage page = chat.history(alice, "log", PageRequest.latest(50));
        assertEquals(range(16, 20), seqs(page.messages()));
        assertFalse(page.hasMore());
        assertEquals(List.of(), chat.history(alice, "log", PageRequest.before(16, 50)).messages());
        assertEquals(List.of("kept"), chat.history(alice, "quiet", PageRequest.latest(50)).messages().stream()
                .map(Message::text).toList(), "another room keeps its own five");
    }

    @Test
    void seqGoesOnAfterTrimming() {
        assertEquals(21, chat.send(alice, "log", "m21", Optional.empty()).seq());
        assertEquals(range(17, 21), seqs(chat.history(alice, "log", PageRequest.latest(50)).messages()));
    }

    @Test
    void subscribeSinceZeroIsTruncatedAndReplaysFromTheOldestKept() throws Exception {
        TestClient c = TestClient.connect(chat, alice);
        c.send("{\"type\":\"subscribe\",\"room\":\"log\",\"since\":0}");
        assertEquals(new ServerFrame.Subscribed("log", 20, true), c.next(ServerFrame.Subscribed.class));
        List<ServerFrame.MessageFrame> replay = c.connection.take(ServerFrame.MessageFrame.class, 5, TestClient.WAIT);
        assertEquals(range(16, 20), replay.stream().map(f -> f.message().seq()).toList());
        Message live = chat.send(alice, "log", "m21", Optional.empty());
        assertEquals(live, c.next(ServerFrame.MessageFrame.class).message());
        assertEquals(List.of(), c.sync());
    }

    @Test
    void subscribeSinceJustBeforeTheOldestKeptIsNotTruncated() throws Exception {
        TestClient c = TestClient.connect(chat, alice);
        c.send("{\"type\":\"subscribe\",\"room\":\"log\",\"since\":15}");
        assertEquals(new ServerFrame.Subscribed("log", 20, false), c.next(ServerFrame.Subscribed.class));
        assertEquals(range(16, 20), c.connection.take(ServerFrame.MessageFrame.class, 5, TestClient.WAIT).stream()
                .map(f -> f.message().seq()).toList());
    }

    @Test
    void subscribeSinceTheLastSeqIsNotTruncated() throws Exception {
        TestClient c = TestClient.connect(chat, alice);
        c.send("{\"type\":\"subscribe\",\"room\":\"log\",\"since\":20}");
        assertEquals(new ServerFrame.Subscribed("log", 20, false), c.next(ServerFrame.Subscribed.class));
        assertEquals(List.of(), c.sync());
    }
}
