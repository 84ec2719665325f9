package dev.parley.core.engine;

import dev.parley.core.Chat;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.HistoryPage;
import dev.parley.protocol.Message;
import dev.parley.protocol.MessageKind;
import dev.parley.protocol.PageRequest;
import dev.parley.protocol.User;
import dev.parley.protocol.Visibility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.LongStream;

import static dev.parley.core.engine.TestChats.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Posting and reading room messages: seq, text rules, membership, idempotency, paging, rate limit. */
@Timeout(60)
class MessagesTest {
    private static final String EMOJI = "\uD83D\uDE00"; // one character, two UTF-16 units

    private final MutableClock clock = new MutableClock();
    private final Chat chat = TestChats.chat(TestChats.config(), clock);
    private final User alice = chat.register("alice", "password-a");
    private final User bob = chat.register("bob", "password-b");
    private final User carol = chat.register("carol", "password-c");

    MessagesTest() {
        chat.createRoom(alice, "one", Optional.empty(), Visibility.PRIVATE, List.of("bob"));
        chat.createRoom(alice, "two", Optional.empty(), Visibility.PRIVATE, List.of("bob"));
    }

    @AfterEach
    void tearDown() {
        chat.close();
    }

    private Message send(User who, String room, String text) {
        return chat.send(who, room, text, Optional.empty());
    }

    private static List<Long> seqs(HistoryPage page) {
        return page.messages().stream().map(Message::seq).toList();
    }

    @Test
    void seqCountsOneTwoThreePerRoomIndependently() {
        assertEquals(1, send(alice, "one", "a").seq());
        assertEquals(2, send(bob, "one", "b").seq());
        assertEquals(1, send(bob, "two", "c").seq());
        assertEquals(3, send(alice, "one", "d").seq());
        assertEquals(2, send(alice, "two", "e").seq());
    }

    @Test
    void sentMessageCarriesWhatWasSentAndIdsIncrease() {
        clock.advance(Duration.ofSeconds(7));
        Message first = chat.send(alice, "one", "hello", Optional.of("c-1"));
        Message second = send(bob, "two", "hi");
        assertEquals("one", first.room());
        assertEquals(MessageKind.CHAT, first.kind());
        assertEquals("alice", first.from());
        assertEquals("hello", first.text());
        assertEquals(Optional.of("c-1"), first.clientMsgId());
        assertEquals(Optional.empty(), first.file());
        assertEquals(MutableClock.START.plusSeconds(7), first.createdAt());
        assertTrue(second.id() > first.id(), "ids increase across rooms, even on a clock that stands still");
        assertEquals(List.of(first), chat.history(bob, "one", PageRequest.latest(10)).messages());
    }

    @Test
    void idsKeepIncreasingWhenTheClockStepsBack() {
        Message before = send(alice, "one", "before");
        clock.advance(Duration.ofHours(-1));
        Message after = send(alice, "two", "after");
        assertTrue(after.id() > before.id(), before.id() + " then " + after.id());
    }

    @Test
    void emptyOrBlankTextIsRefused() {
        for (String text : new String[] {"", " ", " \t\n ", null}) {
            assertRefused(ErrorCode.BAD_REQUEST, () -> chat.send(alice, "one", text, Optional.empty()));
        }
        assertEquals(List.of(), chat.history(alice, "one", PageRequest.latest(10)).messages());
    }

    @Test
    void textOfExactly4000CharactersIsAcceptedAndOneMoreRefused() {
        assertEquals(4000, send(alice, "one", "x".repeat(4000)).text().length());
        assertRefused(ErrorCode.BAD_REQUEST, () -> send(alice, "one", "x".repeat(4001)));
    }

    @Test
    void anEmojiCountsAsOneCharacter() {
        String text = EMOJI.repeat(4000);
        assertEquals(8000, text.length(), "twice the limit in UTF-16 units");
        assertEquals(text, send(alice, "one", text).text());
        assertRefused(ErrorCode.BAD_REQUEST, () -> send(alice, "one", text + EMOJI));
    }

    @Test
    void textLimitIsConfigurable() {
        try (Chat small = TestChats.chat(TestChats.config().maxTextLength(10), clock)) {
            User u = small.register("alice", "password-a");
            small.join(u, Chat.GENERAL_ROOM);
            assertEquals("0123456789", small.send(u, Chat.GENERAL_ROOM, "0123456789", Optional.empty()).text());
            assertRefused(ErrorCode.BAD_REQUEST, () -> small.send(u, Chat.GENERAL_ROOM, "0123456789A", Optional.empty()));
        }
    }

    @Test
    void nonMemberCannotSendOrReadHistory() {
        assertRefused(ErrorCode.FORBIDDEN, () -> send(carol, "one", "let me in"));
        assertRefused(ErrorCode.FORBIDDEN, () -> chat.history(carol, "one", PageRequest.latest(10)));
        chat.createRoom(alice, "open", Optional.empty(), Visibility.PUBLIC, List.of());
        // public rooms too: a non-member joins first
        assertRefused(ErrorCode.FORBIDDEN, () -> send(carol, "open", "not joined yet"));
        assertRefused(ErrorCode.FORBIDDEN, () -> chat.history(carol, "open", PageRequest.latest(10)));
        assertEquals(List.of(), chat.history(alice, "one", PageRequest.latest(10)).messages());
    }

    @Test
    void unknownRoomIsNotFound() {
        assertRefused(ErrorCode.NOT_FOUND, () -> send(alice, "nowhere", "hello"));
        assertRefused(ErrorCode.NOT_FOUND, () -> chat.history(alice, "nowhere", PageRequest.latest(10)));
    }

    @Test
    void repeatedClientMsgIdReturnsTheFirstMessageAndStoresNothing() {
        Message first = chat.send(alice, "one", "once", Optional.of("cm-1"));
        send(bob, "one", "in between");
        Message again = chat.send(alice, "one", "once, retried", Optional.of("cm-1"));
        assertEquals(first, again);
        assertEquals(List.of(1L, 2L), seqs(chat.history(alice, "one", PageRequest.latest(10))));
    }

    @Test
    void sameClientMsgIdFromAnotherUserOrInAnotherRoomIsANewMessage() {
        Message mine = chat.send(alice, "one", "a", Optional.of("cm-1"));
        Message bobs = chat.send(bob, "one", "b", Optional.of("cm-1"));
        Message elsewhere = chat.send(alice, "two", "c", Optional.of("cm-1"));
        assertNotEquals(mine.id(), bobs.id());
        assertEquals(2, bobs.seq());
        assertEquals("b", bobs.text());
        assertEquals(1, elsewhere.seq());
        assertEquals("two", elsewhere.room());
    }

    @Test
    void clientMsgIdMustBeOneTo128Characters() {
        assertRefused(ErrorCode.BAD_REQUEST, () -> chat.send(alice, "one", "x", Optional.of("")));
        assertRefused(ErrorCode.BAD_REQUEST, () -> chat.send(alice, "one", "x", Optional.of("k".repeat(129))));
        assertEquals(1, chat.send(alice, "one", "x", Optional.of("k".repeat(128))).seq());
    }

    @Test
    void historyPagesLatestBeforeAndAfterWithHasMore() {
        for (int i = 1; i <= 10; i++) {
            send(i % 2 == 0 ? alice : bob, "one", "m" + i);
        }
        HistoryPage latest = chat.history(alice, "one", PageRequest.latest(3));
        assertEquals(List.of(8L, 9L, 10L), seqs(latest));
        assertTrue(latest.hasMore());
        assertEquals("m8", latest.messages().get(0).text());

        HistoryPage before = chat.history(alice, "one", PageRequest.before(8, 3));
        assertEquals(List.of(5L, 6L, 7L), seqs(before));
        assertTrue(before.hasMore());
        HistoryPage oldest = chat.history(alice, "one", PageRequest.before(3, 5));
        assertEquals(List.of(1L, 2L), seqs(oldest));
        assertFalse(oldest.hasMore());

        HistoryPage after = chat.history(alice, "one", PageRequest.after(7, 2));
        assertEquals(List.of(8L, 9L), seqs(after));
        assertTrue(after.hasMore());
        HistoryPage newest = chat.history(alice, "one", PageRequest.after(8, 5));
        assertEquals(List.of(9L, 10L), seqs(newest));
        assertFalse(newest.hasMore());
        HistoryPage nothing = chat.history(alice, "one", PageRequest.after(10, 5));
        assertEquals(List.of(), nothing.messages());
        assertFalse(nothing.hasMore());

        HistoryPage between = chat.history(alice, "one", new PageRequest(OptionalLong.of(9), OptionalLong.of(2), 3));
        assertEquals(List.of(3L, 4L, 5L), seqs(between));
        assertTrue(between.hasMore());

        HistoryPage all = chat.history(alice, "one", PageRequest.latest(10));
        assertEquals(LongStream.rangeClosed(1, 10).boxed().toList(), seqs(all));
        assertFalse(all.hasMore());
    }

    @Test
    void pageLimitOutsideOneTo200IsABadRequest() {
        assertRefused(ErrorCode.BAD_REQUEST, () -> PageRequest.latest(0));
        assertRefused(ErrorCode.BAD_REQUEST, () -> PageRequest.latest(201));
        assertRefused(ErrorCode.BAD_REQUEST, () -> PageRequest.after(-1, 10));
    }

    @Test
    void sendRateLimitRefusesTheFourthImmediateSendAndAllowsItAfterTheRefill() {
        try (Chat limited = TestChats.chat(TestChats.config().sendRate(1, 3), clock)) {
            User u = limited.register("alice", "password-a");
            User other = limited.register("bob", "password-b");
            limited.join(u, Chat.GENERAL_ROOM);
            limited.join(other, Chat.GENERAL_ROOM);
            for (int i = 0; i < 3; i++) {
                limited.send(u, Chat.GENERAL_ROOM, "burst " + i, Optional.empty());
            }
            assertRefused(ErrorCode.RATE_LIMITED, () -> limited.send(u, Chat.GENERAL_ROOM, "too fast", Optional.empty()));
            assertRefused(ErrorCode.RATE_LIMITED, () -> limited.sendDirect(u, "bob", "too fast", Optional.empty()));
            limited.send(other, Chat.GENERAL_ROOM, "another user has a bucket of its own", Optional.empty());

            clock.advance(Duration.ofMillis(999));
            assertRefused(ErrorCode.RATE_LIMITED, () -> limited.send(u, Chat.GENERAL_ROOM, "still too fast", Optional.empty()));
            clock.advance(Duration.ofMillis(1));
            assertEquals("allowed again", limited.send(u, Chat.GENERAL_ROOM, "allowed again", Optional.empty()).text());
            assertRefused(ErrorCode.RATE_LIMITED, () -> limited.send(u, Chat.GENERAL_ROOM, "one per second", Optional.empty()));

            List<String> texts = limited.history(u, Chat.GENERAL_ROOM, PageRequest.latest(50)).messages().stream()
                    .filter(m -> m.kind() == MessageKind.CHAT).map(Message::text).toList();
            assertEquals(List.of("burst 0", "burst 1", "burst 2", "another user has a bucket of its own", "allowed again"), texts,
                    "refused sends store nothing");
        }
    }
}
