package dev.parley.client.internal;

import dev.parley.client.Ack;
import dev.parley.client.ChatClientException;
import dev.parley.client.ReconnectPolicy;
import dev.parley.protocol.Draft;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Message;
import dev.parley.protocol.MessageState;
import dev.parley.protocol.Reaction;
import dev.parley.protocol.User;
import dev.parley.protocol.wire.ClientFrame;
import dev.parley.protocol.wire.FrameCodec;
import dev.parley.protocol.wire.ServerFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static dev.parley.client.internal.Messages.chat;
import static dev.parley.client.internal.Messages.delete;
import static dev.parley.client.internal.Messages.edit;
import static dev.parley.client.internal.Messages.inThread;
import static dev.parley.client.internal.Messages.react;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The session's edits, deletions, reactions and replies: frames, acks, and the lifecycle callbacks. */
class LifecycleSessionTest {
    private static final User ALICE = new User("u1", "alice", Instant.parse("2024-01-01T00:00:00Z"));
    private static final ReconnectPolicy FAST = ReconnectPolicy.builder()
            .initialBackoff(Duration.ofMillis(1)).maxBackoff(Duration.ofMillis(2)).jitter(0).build();
    private static final String ROOM = "general";

    private final FakeTransport transport = new FakeTransport();
    private final FakeServer server = new FakeServer();
    private final RecordingListener listener = new RecordingListener();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    /** A real pool, so that a message read can block while the test goes on delivering frames. */
    private final ExecutorService io = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        timer.shutdownNow();
        io.shutdownNow();
    }

    private Session session() {
        return new Session(transport, server, new Dispatcher(listener, Runnable::run), timer, io, FAST,
                Duration.ofMinutes(1), () -> 0, 1000);
    }

    /** Connects, plays the welcome and confirms a subscription to {@link #ROOM} at {@code lastSeq}. */
    private FakeTransport.FakeLink subscribed(Session s, long lastSeq) throws Exception {
        CompletableFuture<User> f = s.connect();
        FakeTransport.FakeLink link = transport.next();
        link.open();
        link.serve(new ServerFrame.Welcome(ALICE, Instant.now()));
        f.get(5, TimeUnit.SECONDS);
        CompletableFuture<Void> sub = s.subscribe(ROOM, OptionalLong.empty());
        nextSent(link, ClientFrame.Subscribe.class);
        link.serve(new ServerFrame.Subscribed(ROOM, lastSeq, false));
        sub.get(5, TimeUnit.SECONDS);
        return link;
    }

    private static <T extends ClientFrame> T nextSent(FakeTransport.FakeLink link, Class<T> type) throws Exception {
        while (true) {
            ClientFrame f = FrameCodec.decodeClient(link.nextSent(), 65536);
            if (type.isInstance(f)) {
                return type.cast(f);
            }
        }
    }

    private static void deliver(FakeTransport.FakeLink link, Message... messages) {
        for (Message m : messages) {
            link.serve(new ServerFrame.MessageFrame(m));
        }
    }

    private static ChatClientException failure(CompletableFuture<?> f) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(5, TimeUnit.SECONDS));
        return assertInstanceOf(ChatClientException.class, e.getCause());
    }

    @Test
    void editDeleteAndReactGoOutAsFramesAndCompleteWithTheirAcks() throws Exception {
        Session s = session();
        FakeTransport.FakeLink link = subscribed(s, 0);
        CompletableFuture<Ack> edited = s.edit(ROOM, 41, "fixed typo");
        ClientFrame.Edit e = nextSent(link, ClientFrame.Edit.class);
        assertEquals(new ClientFrame.Edit(ROOM, 41, "fixed typo", e.clientMsgId()), e);
        CompletableFuture<Ack> deleted = s.delete(ROOM, 42);
        ClientFrame.Delete d = nextSent(link, ClientFrame.Delete.class);
        assertEquals(new ClientFrame.Delete(ROOM, 42, d.clientMsgId()), d);
        CompletableFuture<Ack> reacted = s.react(ROOM, 41, "🎉", true);
        CompletableFuture<Ack> unreacted = s.react(ROOM, 41, "👍", false);
        ClientFrame.React r = nextSent(link, ClientFrame.React.class);
        ClientFrame.React u = nextSent(link, ClientFrame.React.class);
        assertEquals(new ClientFrame.React(ROOM, 41, "🎉", true, r.clientMsgId()), r);
        assertFalse(u.active());

        link.serve(new ServerFrame.Ack(e.clientMsgId(), 90, 7, ROOM));
        link.serve(ServerFrame.Ack.nothingPosted(d.clientMsgId(), ROOM));
        link.serve(new ServerFrame.Ack(r.clientMsgId(), 91, 8, ROOM));
        link.serve(ServerFrame.Ack.nothingPosted(u.clientMsgId(), ROOM));
        assertEquals(new Ack(e.clientMsgId().get(), 90, 7, ROOM), edited.get(5, TimeUnit.SECONDS));
        Ack nothing = deleted.get(5, TimeUnit.SECONDS);
        assertFalse(nothing.posted(), "deleting twice posts nothing");
        assertEquals(Ack.nothingPosted(d.clientMsgId().get(), ROOM), nothing);
        assertTrue(reacted.get(5, TimeUnit.SECONDS).posted());
        assertEquals(OptionalLong.empty(), unreacted.get(5, TimeUnit.SECONDS).seq());
    }

    @Test
    void aRefusedEditFailsItsFutureWithTheServersCode() throws Exception {
        Session s = session();
        FakeTransport.FakeLink link = subscribed(s, 0);
        CompletableFuture<Ack> f = s.edit(ROOM, 41, "too late");
        ClientFrame.Edit e = nextSent(link, ClientFrame.Edit.class);
        link.serve(new ServerFrame.Error(ErrorCode.CONFLICT, "message 41 was deleted and cannot be edited",
                e.clientMsgId()));
        ChatClientException c = failure(f);
        assertEquals(ErrorCode.CONFLICT, c.code());
        assertEquals("message 41 was deleted and cannot be edited", c.getMessage());
        assertTrue(listener.errors.isEmpty(), "the future took the error");
    }

    @Test
    void anUnacknowledgedReactionIsSentAgainAfterAReconnectUnderTheSameClientMsgId() throws Exception {
        Session s = session();
        FakeTransport.FakeLink link = subscribed(s, 0);
        CompletableFuture<Ack> f = s.react(ROOM, 41, "👍", true);
        ClientFrame.React first = nextSent(link, ClientFrame.React.class);
        link.listener.onFailure(new IOException("connection reset"));
        FakeTransport.FakeLink again = transport.next();
        again.open();
        again.serve(new ServerFrame.Welcome(ALICE, Instant.now()));
        assertEquals(first, nextSent(again, ClientFrame.React.class));
        again.serve(new ServerFrame.Ack(first.clientMsgId(), 93, 9, ROOM));
        assertEquals(9, f.get(5, TimeUnit.SECONDS).seq().getAsLong());
    }

    @Test
    void aDraftCarriesItsReplyThreadAndClientMsgIdAndTheSameDraftTwiceSharesOneAck() throws Exception {
        Session s = session();
        FakeTransport.FakeLink link = subscribed(s, 0);
        Draft draft = Draft.of("agreed").replyingTo(12).inThread(10).withClientMsgId("mine-1");
        CompletableFuture<Ack> f = s.send(ROOM, draft);
        assertEquals(new ClientFrame.Send(ROOM, "agreed", Optional.of("mine-1"), OptionalLong.of(12), OptionalLong.of(10)),
                nextSent(link, ClientFrame.Send.class));
        assertSame(f, s.send(ROOM, draft), "the same call again waits for the same ack");
        assertThrows(IllegalArgumentException.class, () -> s.send(ROOM, Draft.of("other").withClientMsgId("mine-1")));
        CompletableFuture<Ack> dm = s.sendDirect("bob", Draft.of("see above").replyingTo(5));
        ClientFrame.Dm frame = nextSent(link, ClientFrame.Dm.class);
        assertEquals(OptionalLong.of(5), frame.replyTo());
        assertTrue(frame.clientMsgId().isPresent(), "a fresh clientMsgId when the draft has none");

        link.serve(new ServerFrame.Ack(Optional.of("mine-1"), 95, 11, ROOM));
        assertEquals(95, f.get(5, TimeUnit.SECONDS).id().getAsLong());
        assertTrue(link.outbox.isEmpty(), "the repeated draft went out once: " + link.outbox);
        assertFalse(dm.isDone());
    }

    @Test
    void lifecycleEntriesReachTheirCallbacksWithTheTargetInItsNewStateAndNotOnMessage() throws Exception {
        Session s = session();
        FakeTransport.FakeLink link = subscribed(s, 0);
        Message hi = chat(ROOM, 1, "bob", "hi");
        Message e = edit(hi, 2, "hi all");
        Message r1 = react(hi, 3, "alice", "👍", true);
        Message r2 = react(hi, 4, "bob", "👍", true);
        Message d = delete(hi, 5, "bob");
        deliver(link, hi, e, r1, r2, d);

        assertEquals(List.of("message 1", "edited 2", "reaction 3", "reaction 4", "deleted 5"), listener.order);
        assertEquals(List.of(hi), listener.messages);
        RecordingListener.Update edited = listener.nextUpdate();
        assertEquals("hi all", edited.current().text());
        assertEquals(Optional.of(e.createdAt()), edited.current().state().editedAt());
        assertEquals(e, edited.entry());
        assertEquals(List.of(new Reaction("👍", 1, true)), listener.nextUpdate().current().state().reactions());
        assertEquals(List.of(new Reaction("👍", 2, true)), listener.nextUpdate().current().state().reactions());
        RecordingListener.Update deleted = listener.nextUpdate();
        assertTrue(deleted.current().state().deleted());
        assertEquals("", deleted.current().text());
        assertTrue(server.messageReads.isEmpty(), "every target was known: " + server.messageReads);
    }

    @Test
    void aThreadReplyReachesOnMessageThenItsRootInItsNewState() throws Exception {
        Session s = session();
        FakeTransport.FakeLink link = subscribed(s, 0);
        Message root = chat(ROOM, 1, "bob", "lunch?");
        Message reply = inThread(root, 2, "carol", "yes");
        deliver(link, root, reply);
        assertEquals(List.of("message 1", "message 2", "thread 2"), listener.order);
        RecordingListener.Update thread = listener.nextUpdate();
        assertEquals(root.id(), thread.current().id());
        assertEquals(1, thread.current().state().replies());
        assertEquals(reply, thread.entry());
    }

    @Test
    void anUnknownTargetIsReadWhileTheRoomsLaterCallbacksWaitInOrder() throws Exception {
        Message old = chat(ROOM, 3, "bob", "from before");
        // Read once carol's and dave's reactions (seq 11 and 13) are stored, as the server shows it then.
        server.current.put(old.id(), old.withState(new MessageState(Optional.empty(), false,
                List.of(new Reaction("🎉", 3, false)), 0, Optional.empty())));
        CountDownLatch release = new CountDownLatch(1);
        FakeServer blocking = new FakeServer() {
            @Override
            public Message message(String room, long id) {
                try {
                    release.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return server.message(room, id);
            }
        };
        Session s = new Session(transport, blocking, new Dispatcher(listener, Runnable::run), timer, io, FAST,
                Duration.ofMinutes(1), () -> 0, 1000);
        FakeTransport.FakeLink link = subscribed(s, 10);
        Message r = react(old, 11, "carol", "🎉", true);
        Message next = chat(ROOM, 12, "dave", "after");
        Message r2 = react(old, 13, "dave", "🎉", true);
        deliver(link, r, next, r2);
        assertTrue(listener.order.isEmpty(), "nothing passes the entry whose target is being read: " + listener.order);

        release.countDown();
        RecordingListener.Update first = listener.nextUpdate();
        assertEquals(r, first.entry());
        assertEquals(List.of(new Reaction("🎉", 3, false)), first.current().state().reactions(), "as it stands now");
        RecordingListener.Update second = listener.nextUpdate();
        assertEquals(r2, second.entry());
        assertEquals(List.of(new Reaction("🎉", 3, false)), second.current().state().reactions(),
                "received before the answer came: counted in it, not twice");
        deliver(link, react(old, 14, "erin", "🎉", true));
        assertEquals(List.of(new Reaction("🎉", 4, false)), listener.nextUpdate().current().state().reactions());
        assertEquals(List.of("reaction 11", "message 12", "reaction 13", "reaction 14"), listener.order);
        assertEquals(List.of(ROOM + " " + old.id()), server.messageReads, "read once, then known");
    }

    @Test
    void anEntryWhoseTargetIsGoneReachesNoCallbackAndTheRoomGoesOn() throws Exception {
        Session s = session();
        FakeTransport.FakeLink link = subscribed(s, 10);
        Message gone = chat(ROOM, 2, "bob", "removed by retention");
        deliver(link, edit(gone, 11, "x"), chat(ROOM, 12, "dave", "still here"));
        assertEquals("still here", listener.messageQueue.poll(5, TimeUnit.SECONDS).text());
        assertEquals(List.of("message 12"), listener.order);
    }

    @Test
    void aFailedReadIsTriedAgainBeforeTheEntryIsHandedOn() throws Exception {
        Message old = chat(ROOM, 2, "bob", "old");
        Message e = edit(old, 11, "new");
        server.current.put(old.id(), new Message(old.id(), ROOM, 2, old.kind(), "bob", "new", old.createdAt(),
                Optional.empty(), Optional.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(),
                Optional.empty(), new MessageState(Optional.of(e.createdAt()), false, List.of(), 0, Optional.empty())));
        server.messageFailures.add(new ChatClientException(ErrorCode.UNAVAILABLE, "cannot reach the server", 0, null));
        Session s = session();
        FakeTransport.FakeLink link = subscribed(s, 10);
        deliver(link, e);
        RecordingListener.Update u = listener.nextUpdate();
        assertEquals("new", u.current().text());
        assertEquals(e, u.entry());
        assertEquals(2, server.messageReads.size());
    }

    @Test
    void messagesReadOverHttpAreKnownWithTheStateTheServerShowed() throws Exception {
        Session s = session();
        FakeTransport.FakeLink link = subscribed(s, 20);
        Message old = chat(ROOM, 4, "bob", "on the page");
        Message shown = old.withState(new MessageState(Optional.empty(), false, List.of(new Reaction("👍", 1, true)),
                2, Optional.empty()));
        s.read(ROOM, List.of(shown, chat(ROOM, 5, "bob", "next")));
        deliver(link, react(old, 21, "carol", "👍", true));
        Message now = listener.nextUpdate().current();
        assertEquals(List.of(new Reaction("👍", 2, true)), now.state().reactions());
        assertEquals(2, now.state().replies());
        assertTrue(server.messageReads.isEmpty());
    }

    @Test
    void unsubscribingForgetsTheRoomsStates() throws Exception {
        Session s = session();
        FakeTransport.FakeLink link = subscribed(s, 0);
        Message hi = chat(ROOM, 1, "bob", "hi");
        deliver(link, hi);
        server.current.put(hi.id(), chat(ROOM, 1, "bob", "hi again")); // as the server shows it once edited
        s.unsubscribe(ROOM);
        link.serve(new ServerFrame.Unsubscribed(ROOM));
        CompletableFuture<Void> again = s.subscribe(ROOM, OptionalLong.of(1));
        link.serve(new ServerFrame.Subscribed(ROOM, 2, false));
        again.get(5, TimeUnit.SECONDS);
        deliver(link, edit(hi, 2, "hi again"));
        assertEquals("hi again", listener.nextUpdate().current().text());
        assertEquals(List.of(ROOM + " " + hi.id()), server.messageReads, "read again: the state was forgotten");
    }
}
