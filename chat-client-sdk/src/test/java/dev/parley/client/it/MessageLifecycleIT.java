package dev.parley.client.it;

import dev.parley.client.Ack;
import dev.parley.client.ChatClient;
import dev.parley.client.ChatClientException;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.HistoryPage;
import dev.parley.protocol.Message;
import dev.parley.protocol.MessageKind;
import dev.parley.protocol.PageRequest;
import dev.parley.protocol.Reaction;
import dev.parley.protocol.Visibility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Edits, deletions, reactions, replies and threads through the SDK against a real server, end to end. */
class MessageLifecycleIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.inMemory();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A user connected and subscribed to {@code room}, which exists. */
    private static ChatClient member(String name, Recorder recorder, String room) throws Exception {
        ChatClient c = server.user(name, recorder);
        c.login();
        c.join(room);
        c.connect().get(10, TimeUnit.SECONDS);
        c.subscribe(room).get(10, TimeUnit.SECONDS);
        return c;
    }

    private static String newRoom(ChatClient owner) {
        String room = TestServer.name("life");
        owner.createRoom(room, Visibility.PUBLIC);
        return room;
    }

    private static <T> T done(CompletableFuture<T> f) throws Exception {
        return f.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private static ChatClientException refused(CompletableFuture<?> f) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(WAIT.toSeconds(), TimeUnit.SECONDS));
        return assertInstanceOf(ChatClientException.class, e.getCause());
    }

    private static long id(Ack ack) {
        assertTrue(ack.posted(), ack.toString());
        return ack.id().getAsLong();
    }

    @Test
    void editReactReplyThreadAndDeleteReachTheOtherClientWithTheMessageInItsNewState() throws Exception {
        Recorder ra = new Recorder();
        Recorder rb = new Recorder();
        String aName = TestServer.name("alice");
        try (ChatClient setup = server.user(aName, new Recorder())) {
            setup.login();
            String room = newRoom(setup);
            try (ChatClient a = member(aName, ra, room); ChatClient b = member(TestServer.name("bob"), rb, room)) {
                long hi = id(done(a.send(room, "hi")));
                rb.await("the message", WAIT, () -> rb.in(room).stream().anyMatch(m -> m.id() == hi));

                Ack edit = done(a.edit(room, hi, "hi all"));
                Recorder.Update edited = rb.awaitUpdate("edited", edit.seq().getAsLong(), WAIT);
                assertEquals("hi all", edited.current().text());
                assertTrue(edited.current().state().editedAt().isPresent());
                assertEquals(OptionalLong.of(hi), edited.entry().target());
                assertEquals(MessageKind.EDIT, edited.entry().kind());
                assertTrue(rb.in(room).stream().noneMatch(m -> m.kind().isLifecycle()), "entries skip onMessage");
                assertFalse(done(a.edit(room, hi, "hi all")).posted(), "the same text again posts nothing");

                long like = done(b.react(room, hi, "👍")).seq().getAsLong();
                assertEquals(List.of(new Reaction("👍", 1, false)),
                        ra.awaitUpdate("reaction", like, WAIT).current().state().reactions());
                assertEquals(List.of(new Reaction("👍", 1, true)),
                        rb.awaitUpdate("reaction", like, WAIT).current().state().reactions());
                assertFalse(done(b.react(room, hi, "👍")).posted(), "a reaction already there posts nothing");

                Ack reply = done(a.reply(room, hi, "quoting myself"));
                rb.await("the reply", WAIT, () -> rb.in(room).stream().anyMatch(m -> m.id() == reply.id().getAsLong()));
                assertEquals(OptionalLong.of(hi), rb.in(room).stream().filter(m -> m.id() == reply.id().getAsLong())
                        .findFirst().orElseThrow().replyTo());

                Ack inThread = done(b.replyInThread(room, hi, "in the thread"));
                Recorder.Update root = ra.awaitUpdate("thread", inThread.seq().getAsLong(), WAIT);
                assertEquals(hi, root.current().id());
                assertEquals(1, root.current().state().replies());
                assertEquals(OptionalLong.of(hi), root.entry().thread());
                HistoryPage thread = a.thread(room, hi, PageRequest.latest(10));
                assertEquals(List.of("in the thread"), thread.messages().stream().map(Message::text).toList());

                Message now = b.message(room, hi);
                assertEquals("hi all", now.text());
                assertEquals(List.of(new Reaction("👍", 1, true)), now.state().reactions());
                assertEquals(1, now.state().replies());

                long unlike = done(b.unreact(room, hi, "👍")).seq().getAsLong();
                assertEquals(List.of(), ra.awaitUpdate("reaction", unlike, WAIT).current().state().reactions());
                assertFalse(done(b.unreact(room, hi, "👍")).posted(), "removing a reaction not there posts nothing");

                long gone = done(a.delete(room, hi)).seq().getAsLong();
                Message deleted = rb.awaitUpdate("deleted", gone, WAIT).current();
                assertTrue(deleted.state().deleted());
                assertEquals("", deleted.text());
                assertFalse(done(a.delete(room, hi)).posted(), "deleting twice posts nothing");
                assertTrue(b.history(room, PageRequest.latest(50)).messages().stream()
                        .filter(m -> m.id() == hi).findFirst().orElseThrow().state().deleted());
            }
        }
    }

    @Test
    void aClientSeesAnotherClientsReactionsLiveWithTheRightCountsOnAMessageFromBeforeItCame() throws Exception {
        String owner = TestServer.name("owner");
        Recorder watcher = new Recorder();
        try (ChatClient o = member(owner, new Recorder(), "general")) {
            String room = newRoom(o);
            o.subscribe(room).get(10, TimeUnit.SECONDS);
            long old = id(done(o.send(room, "posted before the watcher came")));
            done(o.react(room, old, "🎉"));
            try (ChatClient c = member(TestServer.name("carol"), new Recorder(), room);
                 ChatClient w = member(TestServer.name("watch"), watcher, room)) {
                // The watcher never saw the message: its client reads it once, then counts on.
                long first = done(c.react(room, old, "🎉")).seq().getAsLong();
                assertEquals(List.of(new Reaction("🎉", 2, false)),
                        watcher.awaitUpdate("reaction", first, WAIT).current().state().reactions());
                long second = done(c.react(room, old, "👍")).seq().getAsLong();
                long third = done(w.react(room, old, "👍")).seq().getAsLong();
                watcher.awaitUpdate("reaction", second, WAIT);
                assertEquals(List.of(new Reaction("🎉", 2, false), new Reaction("👍", 2, true)),
                        watcher.awaitUpdate("reaction", third, WAIT).current().state().reactions());
                long fourth = done(o.unreact(room, old, "🎉")).seq().getAsLong();
                assertEquals(List.of(new Reaction("🎉", 1, false), new Reaction("👍", 2, true)),
                        watcher.awaitUpdate("reaction", fourth, WAIT).current().state().reactions());
                assertEquals(w.message(room, old).state().reactions(),
                        watcher.updates.get(watcher.updates.size() - 1).current().state().reactions(),
                        "what the client counted is what the server says");
            }
        }
    }

    @Test
    void aClientThatResumesFromBeforeAMessageRebuildsItsStateFromTheReplay() throws Exception {
        String aName = TestServer.name("alice");
        try (ChatClient a = member(aName, new Recorder(), "general")) {
            String room = newRoom(a);
            a.subscribe(room).get(10, TimeUnit.SECONDS);
            long since = done(a.send(room, "before")).seq().getAsLong();
            long root = id(done(a.send(room, "question")));
            done(a.edit(room, root, "question, edited"));
            done(a.react(room, root, "👍"));
            done(a.replyInThread(room, root, "first answer"));
            long second = id(done(a.replyInThread(room, root, "second answer")));
            done(a.delete(room, second));
            long last = done(a.react(room, root, "🎉")).seq().getAsLong();

            Recorder late = new Recorder();
            try (ChatClient b = server.user(TestServer.name("late"), late)) {
                b.login();
                b.join(room);
                b.connect().get(10, TimeUnit.SECONDS);
                b.subscribe(room, since).get(10, TimeUnit.SECONDS);
                Message rebuilt = late.awaitUpdate("reaction", last, WAIT).current();
                Message server = b.message(room, root);
                assertEquals(server.text(), rebuilt.text());
                assertEquals(server.state().reactions(), rebuilt.state().reactions());
                assertEquals(1, rebuilt.state().replies(), "two replies, one deleted");
                assertEquals(server.state().replies(), rebuilt.state().replies());
            }
        }
    }

    @Test
    void refusalsFailTheFuturesWithTheContractsCodes() throws Exception {
        String aName = TestServer.name("alice");
        try (ChatClient a = member(aName, new Recorder(), "general")) {
            String room = newRoom(a);
            try (ChatClient b = member(TestServer.name("bob"), new Recorder(), room)) {
                long mine = id(done(a.send(room, "alice's own")));
                long lastSeq = a.history(room, PageRequest.latest(1)).messages().get(0).seq();

                assertEquals(ErrorCode.FORBIDDEN, refused(b.edit(room, mine, "not yours")).code());
                assertEquals(ErrorCode.BAD_REQUEST, refused(b.react(room, mine, "x".repeat(33))).code());
                ChatClientException unknown = refused(a.edit(room, 999_999_999L, "nothing there"));
                assertEquals(ErrorCode.NOT_FOUND, unknown.code());
                assertEquals(OptionalInt.empty(), unknown.httpStatus(), "an error frame, not an HTTP answer");
                assertEquals(ErrorCode.NOT_FOUND, refused(a.reply(room, 999_999_999L, "to nothing")).code());
                long reply = id(done(b.replyInThread(room, mine, "in thread")));
                assertEquals(ErrorCode.BAD_REQUEST, refused(a.replyInThread(room, reply, "nested")).code());

                done(a.delete(room, mine));
                assertEquals(ErrorCode.CONFLICT, refused(a.edit(room, mine, "too late")).code());
                assertEquals(ErrorCode.CONFLICT, refused(b.react(room, mine, "👍")).code());

                ChatClientException http = assertThrows(ChatClientException.class, () -> a.message(room, 999_999_999L));
                assertEquals(ErrorCode.NOT_FOUND, http.code());
                assertEquals(OptionalInt.of(404), http.httpStatus());
                assertEquals(List.of(MessageKind.CHAT, MessageKind.DELETE),
                        a.history(room, PageRequest.after(lastSeq, 50)).messages().stream().map(Message::kind).toList(),
                        "the refusals posted nothing: only the thread reply and the deletion");
            }
        }
    }

    @Test
    void aDirectMessageIsEditedAndReactedToInItsDirectRoom() throws Exception {
        Recorder rb = new Recorder();
        String bName = TestServer.name("dmbob");
        try (ChatClient a = server.user(TestServer.name("dmalice"), new Recorder()); ChatClient b = server.user(bName, rb)) {
            a.connect().get(10, TimeUnit.SECONDS);
            b.connect().get(10, TimeUnit.SECONDS);
            Ack sent = done(a.sendDirect(bName, "psst"));
            String dm = sent.room();
            long edit = done(a.edit(dm, sent.id().getAsLong(), "psst, edited")).seq().getAsLong();
            assertEquals("psst, edited", rb.awaitUpdate("edited", edit, WAIT).current().text());
            long like = done(b.react(dm, sent.id().getAsLong(), "👍")).seq().getAsLong();
            assertEquals(List.of(new Reaction("👍", 1, true)),
                    rb.awaitUpdate("reaction", like, WAIT).current().state().reactions());
            Ack answer = done(b.sendDirect(a.me().username(),
                    dev.parley.protocol.Draft.of("got it").replyingTo(sent.id().getAsLong())));
            assertEquals(dm, answer.room());
            assertEquals(sent.id(), b.message(dm, answer.id().getAsLong()).replyTo());
        }
    }
}
