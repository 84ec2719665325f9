package dev.parley.client.internal;

import dev.parley.client.ChatListener;
import dev.parley.client.ConnectionState;
import dev.parley.protocol.Message;
import dev.parley.protocol.MessageKind;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.parley.client.internal.Messages.msg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DispatcherTest {

    @Test
    void callbacksRunOneAtATimeInOrderEvenOnAThreadPool() throws Exception {
        int n = 2000;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        List<Long> seen = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(n);
        Dispatcher d = new Dispatcher(new ChatListener() {
            @Override
            public void onMessage(Message m) {
                if (inside.incrementAndGet() != 1) {
                    overlaps.incrementAndGet();
                }
                seen.add(m.seq());
                inside.decrementAndGet();
                done.countDown();
            }
        }, pool);
        for (long s = 1; s <= n; s++) {
            d.message(msg("general", s));
        }
        assertTrue(done.await(10, TimeUnit.SECONDS));
        pool.shutdown();
        assertEquals(0, overlaps.get());
        for (int i = 0; i < n; i++) {
            assertEquals(i + 1, seen.get(i));
        }
    }

    @Test
    void systemMessagesGoToOnAnnouncementAndAThrowingCallbackDoesNotStopTheNext() throws Exception {
        List<String> calls = new CopyOnWriteArrayList<>();
        Dispatcher d = new Dispatcher(new ChatListener() {
            @Override
            public void onMessage(Message m) {
                calls.add("message " + m.seq());
                throw new IllegalStateException("application bug");
            }

            @Override
            public void onAnnouncement(Message m) {
                calls.add("announcement " + m.seq());
            }

            @Override
            public void onStateChange(ConnectionState state, String reason) {
                calls.add(state + " " + reason);
            }
        }, Runnable::run);
        d.message(msg("general", 1));
        d.message(msg("_announcements", 1, MessageKind.SYSTEM));
        d.state(ConnectionState.CLOSED, "bye");
        assertEquals(List.of("message 1", "announcement 1", "CLOSED bye"), calls);
    }
}
