package dev.parley.core.engine;

import dev.parley.core.Chat;
import dev.parley.protocol.ChatException;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Message;
import dev.parley.protocol.PageRequest;
import dev.parley.protocol.User;
import dev.parley.protocol.wire.ServerFrame;
import dev.parley.core.spi.AppendResult;
import dev.parley.core.spi.MessageStore;
import dev.parley.core.spi.NewMessage;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A live session hands its sends to the store without waiting for each to be stored, and acks (or
 * refuses) them in the order they were sent once the store completes them.
 */
class PipelinedSendsTest {

    @Test
    void aSessionHandlesLaterFramesWhileItsSendsAreStoredAndAnswersThemInOrder() throws Exception {
        HeldStore store = new HeldStore();
        try (Chat chat = Chat.builder().config(TestChats.config().build()).messageStore(store).build()) {
            User alice = chat.register("alice", "password-a");
            chat.join(alice, Chat.GENERAL_ROOM);
            TestClient client = TestClient.connect(chat, alice);
            store.hold();
            for (int i = 1; i <= 5; i++) {
                client.sendText(Chat.GENERAL_ROOM, "m" + i, "c" + i);
            }

            List<ServerFrame> beforePong = client.sync();
            assertTrue(beforePong.stream().noneMatch(f -> f instanceof ServerFrame.Ack),
                    "the ping was answered while the five sends waited for the store: " + beforePong);
            assertEquals(5, store.held(), "every send reached the store before the ping was handled");

            Thread releaser = new Thread(() -> store.release(Set.of(3)));
            releaser.start();
            List<String> answers = new ArrayList<>();
            List<Long> seqs = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                ServerFrame f = client.next(ServerFrame.class, x -> x instanceof ServerFrame.Ack || x instanceof ServerFrame.Error);
                if (f instanceof ServerFrame.Ack ack) {
                    answers.add("ack " + ack.clientMsgId().orElseThrow());
                    seqs.add(ack.seq().getAsLong());
                } else {
                    ServerFrame.Error error = assertInstanceOf(ServerFrame.Error.class, f);
                    assertEquals(ErrorCode.UNAVAILABLE, error.code());
                    answers.add("error " + error.ref().orElseThrow());
                }
            }
            releaser.join(TestClient.WAIT.toMillis());
            assertEquals(List.of("ack c1", "ack c2", "error c3", "ack c4", "ack c5"), answers);
            assertEquals(List.of(2L, 3L, 4L, 5L), seqs, "seq 1 is the join; the refused send took none");
            assertEquals(List.of("m1", "m2", "m4", "m5"),
                    chat.history(alice, Chat.GENERAL_ROOM, PageRequest.after(1, 10)).messages().stream()
                            .map(Message::text).toList());
        }
    }

    /**
     * An in-memory store whose asynchronous appends, once {@link #hold()} is called, wait until
     * {@link #release} stores them in the order they came, failing the ones asked for.
     */
    private static final class HeldStore extends ForwardingMessageStore {
        private record Held(NewMessage message, LongSupplier ids, CompletableFuture<AppendResult> outcome) {
        }

        private final List<Held> held = new ArrayList<>();
        private boolean holding;

        HeldStore() {
            super(MessageStore.inMemory());
        }

        synchronized void hold() {
            holding = true;
        }

        synchronized int held() {
            return held.size();
        }

        /** Stores what waits, in order; the appends with the given 1-based positions fail instead. */
        void release(Set<Integer> failing) {
            List<Held> batch;
            synchronized (this) {
                holding = false;
                batch = List.copyOf(held);
                held.clear();
            }
            for (int i = 0; i < batch.size(); i++) {
                Held h = batch.get(i);
                if (failing.contains(i + 1)) {
                    h.outcome.completeExceptionally(ChatException.unavailable("database unavailable", null));
                } else {
                    h.outcome.complete(delegate.append(h.message, h.ids));
                }
            }
        }

        @Override
        public CompletableFuture<AppendResult> appendAsync(NewMessage message, LongSupplier ids) {
            synchronized (this) {
                if (holding) {
                    Held h = new Held(message, ids, new CompletableFuture<>());
                    held.add(h);
                    return h.outcome;
                }
            }
            return super.appendAsync(message, ids);
        }
    }
}
