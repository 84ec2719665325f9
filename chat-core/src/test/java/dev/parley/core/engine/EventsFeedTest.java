package dev.parley.core.engine;

import dev.parley.core.Chat;
import dev.parley.core.RoomPatch;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.EventsPage;
import dev.parley.protocol.Message;
import dev.parley.protocol.MessageKind;
import dev.parley.protocol.PageRequest;
import dev.parley.protocol.User;
import dev.parley.protocol.Visibility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static dev.parley.core.engine.TestChats.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The long-polling events feed. */
@Timeout(60)
class EventsFeedTest {
    private static final Duration NONE = Duration.ZERO;
    private static final Duration LONG = Duration.ofSeconds(20);

    /** The engine's clock and timers: a held request times out only when the test moves time. */
    private final FakeScheduler time = new FakeScheduler();
    private final Chat chat = TestChats.chat(TestChats.config().admin("root"), time);
    private final User alice = chat.register("alice", "password-a");
    private final User bob = chat.register("bob", "password-b");
    private final User root = chat.register("root", "password-r");

    EventsFeedTest() {
        chat.createRoom(alice, "mine", Optional.empty(), Visibility.PRIVATE, List.of("bob"));
        chat.createRoom(bob, "theirs", Optional.empty(), Visibility.PRIVATE, List.of());
        chat.createRoom(bob, "other", Optional.empty(), Visibility.PUBLIC, List.of());
    }

    @AfterEach
    void tearDown() {
        chat.close();
    }

    private static EventsPage get(CompletableFuture<EventsPage> f) throws Exception {
        return f.get(10, TimeUnit.SECONDS);
    }

    private Message send(User who, String room, String text) {
        return chat.send(who, room, text, Optional.empty());
    }

    @Test
    void answersAtOnceWithTheCallersRoomsDirectMessagesAndAnnouncementsInIdOrder() throws Exception {
        Message m1 = send(alice, "mine", "1");
        send(bob, "theirs", "not alice's");
        send(bob, "other", "public, but alice did not join");
        Message m2 = chat.sendDirect(bob, "alice", "2", Optional.empty());
        Message m3 = chat.announce(root, "3");
        chat.sendDirect(bob, "root", "between others", Optional.empty());
        Message m4 = send(bob, "mine", "4");

        CompletableFuture<EventsPage> f = chat.events(alice, 0, LONG);
        assertEquals(new EventsPage(List.of(m1, m2, m3, m4), m4.id()), f.getNow(null), "answered without waiting");
        assertEquals(new EventsPage(List.of(m3, m4), m4.id()), get(chat.events(alice, m2.id(), NONE)));
        assertEquals(new EventsPage(List.of(), m4.id()), get(chat.events(alice, m4.id(), NONE)), "nothing new: the same cursor");
    }

    @Test
    void aPageHoldsAtMost200EventsAndTheCursorContinuesFromTheLast() throws Exception {
        List<Message> sent = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            sent.add(send(alice, "mine", "m" + i));
        }
        EventsPage first = get(chat.events(alice, 0, NONE));
        assertEquals(sent.subList(0, 200), first.events());
        assertEquals(sent.get(199).id(), first.cursor());
        EventsPage second = get(chat.events(alice, first.cursor(), NONE));
        assertEquals(sent.subList(200, 250), second.events());
        assertEquals(sent.get(249).id(), second.cursor());
    }

    @Test
    void aWaitingRequestCompletesWhenAMessageArrives() throws Exception {
        long cursor = send(alice, "mine", "before").id();
        CompletableFuture<EventsPage> f = chat.events(alice, cursor, LONG);
        assertFalse(f.isDone(), "nothing after the cursor yet");
        send(bob, "theirs", "not for alice");
        Message m = send(bob, "mine", "for alice");
        assertEquals(new EventsPage(List.of(m), m.id()), get(f));
    }

    @Test
    void aWaitingRequestCompletesWithTheFirstDirectMessageOfANewConversation() throws Exception {
        CompletableFuture<EventsPage> f = chat.events(alice, 0, LONG);
        assertFalse(f.isDone());
        Message m = chat.sendDirect(bob, "alice", "hello, new contact", Optional.empty());
        assertEquals(new EventsPage(List.of(m), m.id()), get(f));
    }

    @Test
    void aWaitingRequestFollowsARoomTheCallerJoinsMeanwhile() throws Exception {
        CompletableFuture<EventsPage> f = chat.events(alice, 0, LONG);
        chat.join(alice, "other");
        EventsPage page = get(f);
        assertEquals(1, page.events().size(), page.toString());
        assertEquals(MessageKind.USER_JOINED, page.events().get(0).kind());
        assertEquals("other", page.events().get(0).room());
    }

    @Test
    void aWaitingRequestStopsFollowingARoomItsUserLeaves() throws Exception {
        ExecutorService single = Executors.newSingleThreadExecutor();
        try (Chat paused = Chat.builder().config(TestChats.config().build()).clock(new MutableClock())
                .executor(single).build()) {
            User a = paused.register("alice", "password-a");
            User b = paused.register("bob", "password-b");
            paused.createRoom(a, "mine", Optional.empty(), Visibility.PRIVATE, List.of("bob"));
            // The feed checks held requests on the engine's executor: hold it, from before the request
            // is made, so that every check runs only after bob has left and alice has written again.
            CountDownLatch hold = new CountDownLatch(1);
            single.submit(() -> hold.await(30, TimeUnit.SECONDS));
            CompletableFuture<EventsPage> f = paused.events(b, 0, LONG);
            paused.leave(b, "mine");
            Message afterLeaving = paused.send(a, "mine", "after bob left", Optional.empty());
            Message dm = paused.sendDirect(a, "bob", "wake up", Optional.empty());
            hold.countDown();
            EventsPage page = get(f);
            assertFalse(page.events().contains(afterLeaving), "bob reads nothing of a room he left: " + page);
            assertEquals(dm, page.events().get(page.events().size() - 1));
        } finally {
            single.shutdownNow();
        }
    }

    @Test
    void aWaitingRequestCompletesWithAnAnnouncement() throws Exception {
        CompletableFuture<EventsPage> f = chat.events(alice, 0, LONG);
        Message m = chat.announce(root, "hear ye");
        assertEquals(new EventsPage(List.of(m), m.id()), get(f));
    }

    @Test
    void aKindFilterListsOnlyThoseEntriesAcrossTheCallersRoomsAndTheCursorMovesPastTheOthers() throws Exception {
        Set<MessageKind> audit = EnumSet.of(MessageKind.MODERATION, MessageKind.ROOM_UPDATED);
        send(bob, "mine", "chatter");
        Message muted = chat.admin().mute(alice, "mine", "bob", Optional.empty()).orElseThrow();
        chat.createRoom(alice, "second", Optional.empty(), Visibility.PUBLIC, List.of());
        Message updated = topic(alice, "second", "news");
        Message last = send(alice, "mine", "more chatter");
        topic(bob, "other", "not alice's room");
        assertEquals(new EventsPage(List.of(muted, updated), last.id()), get(chat.events(alice, 0, NONE, audit)),
                "MODERATION and ROOM_UPDATED of alice's rooms only (not of 'other', which she is not in), and the"
                        + " cursor past the CHAT message read after them");
        assertEquals(new EventsPage(List.of(), last.id()), get(chat.events(alice, updated.id(), NONE, audit)),
                "nothing of those kinds since: the cursor still moves past what was read");
        assertEquals(new EventsPage(List.of(muted), last.id()),
                get(chat.events(alice, 0, NONE, EnumSet.of(MessageKind.MODERATION))));
        assertEquals(new EventsPage(List.of(), last.id()), get(chat.events(alice, last.id(), NONE, audit)));
    }

    /** Sets the room's topic; the ROOM_UPDATED entry it posted. */
    private Message topic(User who, String room, String topic) {
        chat.admin().update(who, room, new RoomPatch(Optional.empty(), Optional.of(topic), Optional.empty()));
        Message entry = chat.history(who, room, PageRequest.latest(1)).messages().get(0);
        assertEquals(MessageKind.ROOM_UPDATED, entry.kind());
        return entry;
    }

    @Test
    void aWaitingFilteredRequestIsNotWokenByOtherKindsAndTimesOutPastThem() throws Exception {
        long cursor = send(alice, "mine", "before").id();
        CompletableFuture<EventsPage> f = chat.events(alice, cursor, Duration.ofMillis(200), EnumSet.of(MessageKind.MODERATION));
        Message chatter = send(bob, "mine", "not an act");
        assertFalse(f.isDone(), "a CHAT message does not answer a request for MODERATION");
        time.advance(Duration.ofMillis(200));
        assertEquals(new EventsPage(List.of(), chatter.id()), get(f), "timed out, with the cursor past what it read");
        CompletableFuture<EventsPage> g = chat.events(alice, chatter.id(), LONG, EnumSet.of(MessageKind.MODERATION));
        send(bob, "mine", "still chatter");
        Message act = chat.admin().mute(alice, "mine", "bob", Optional.empty()).orElseThrow();
        assertEquals(new EventsPage(List.of(act), act.id()), get(g));
    }

    @Test
    void aFilteredRequestReadsPastPagesOfOtherKindsUpToItsBoundAndSaysHowFarItRead() throws Exception {
        for (int i = 0; i < 450; i++) {
            send(bob, "mine", "c" + i);
        }
        Message act = chat.admin().mute(alice, "mine", "bob", Optional.empty()).orElseThrow();
        assertEquals(new EventsPage(List.of(act), act.id()),
                get(chat.events(alice, 0, NONE, EnumSet.of(MessageKind.MODERATION))), "found on the third store page");
        EventsPage bounded = get(chat.events(alice, 0, NONE, EnumSet.of(MessageKind.DELETE)));
        assertEquals(new EventsPage(List.of(), act.id()), bounded, "none, read to the end");
    }

    @Test
    void aFilterOfNoKindIsABadRequest() {
        assertRefused(ErrorCode.BAD_REQUEST, () -> chat.events(alice, 0, NONE, Set.of()));
    }

    @Test
    void aWaitingRequestTimesOutWithAnEmptyPageAndTheSameCursor() throws Exception {
        long cursor = send(alice, "mine", "before").id();
        CompletableFuture<EventsPage> f = chat.events(alice, cursor, Duration.ofMillis(200));
        time.advance(Duration.ofMillis(199));
        assertFalse(f.isDone(), "held until its wait has passed");
        time.advance(Duration.ofMillis(1));
        assertEquals(new EventsPage(List.of(), cursor), get(f));
    }

    @Test
    void theWaitIsCappedByTheConfiguration() throws Exception {
        FakeScheduler cappedTime = new FakeScheduler();
        try (Chat capped = TestChats.chat(TestChats.config().maxEventsWait(Duration.ofMillis(100)), cappedTime)) {
            User u = capped.register("alice", "password-a");
            CompletableFuture<EventsPage> f = capped.events(u, 0, Duration.ofHours(1));
            cappedTime.advance(Duration.ofMillis(99));
            assertFalse(f.isDone(), "held up to the configured cap");
            cappedTime.advance(Duration.ofMillis(1));
            assertEquals(new EventsPage(List.of(), 0), get(f));
        }
    }

    @Test
    void aRequestAnsweredBeforeItsWaitEndsCallsOffItsTimeout() throws Exception {
        int idle = time.pending();
        CompletableFuture<EventsPage> f = chat.events(alice, 0, LONG);
        assertEquals(idle + 1, time.pending(), "its timeout is scheduled");
        Message m = send(bob, "mine", "for alice");
        assertEquals(new EventsPage(List.of(m), m.id()), get(f));
        assertEquals(idle, time.pending(), "no timeout is left behind for the wait's remaining 20 s");
    }

    @Test
    void negativeCursorOrWaitIsABadRequest() {
        assertRefused(ErrorCode.BAD_REQUEST, () -> chat.events(alice, -1, NONE));
        assertRefused(ErrorCode.BAD_REQUEST, () -> chat.events(alice, 0, Duration.ofSeconds(-1)));
    }

    @Test
    void closingTheEngineReleasesWaitingRequests() throws Exception {
        CompletableFuture<EventsPage> f = chat.events(alice, 7, LONG);
        chat.close();
        assertEquals(new EventsPage(List.of(), 7), get(f));
    }

    @Test
    void aRequestAfterTheEngineClosedIsAnsweredAtOnceWithItsCursor() throws Exception {
        long cursor = send(alice, "mine", "before").id();
        chat.close();
        assertEquals(new EventsPage(List.of(), cursor), chat.events(alice, cursor, LONG).getNow(null));
    }
}
