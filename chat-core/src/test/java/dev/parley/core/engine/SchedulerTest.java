package dev.parley.core.engine;

import dev.parley.core.Chat;
import dev.parley.core.spi.Scheduler;
import dev.parley.core.spi.TokenStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine's {@link Scheduler}: the system default, the test fake, and who closes which. */
@Timeout(60)
class SchedulerTest {

    @Test
    void theSystemSchedulerRunsATaskOnItsOwnThreadAndNotOnceCancelled() throws Exception {
        try (Scheduler system = Scheduler.system()) {
            CountDownLatch ran = new CountDownLatch(1);
            Thread[] on = new Thread[1];
            system.schedule(() -> {
                on[0] = Thread.currentThread();
                ran.countDown();
            }, Duration.ZERO);
            assertTrue(ran.await(10, TimeUnit.SECONDS));
            assertTrue(on[0].isDaemon(), "a scheduler thread never keeps the JVM up");
            assertFalse(on[0] == Thread.currentThread());

            Scheduler.Cancellable later = system.schedule(() -> {
                throw new AssertionError("cancelled, must not run");
            }, Duration.ofHours(1));
            assertTrue(later.cancel());
            assertFalse(later.cancel(), "cancelling twice does nothing");
        }
    }

    @Test
    void aClosedSystemSchedulerRefusesTasks() {
        Scheduler system = Scheduler.system();
        system.close();
        assertThrows(RejectedExecutionException.class, () -> system.schedule(() -> { }, Duration.ZERO));
    }

    @Test
    void theFakeRunsTasksInDueOrderWithItsClockAtEachOnesTime() {
        FakeScheduler time = new FakeScheduler();
        Instant start = time.clock().instant();
        List<String> ran = new ArrayList<>();
        time.schedule(() -> ran.add("b at " + since(start, time)), Duration.ofMillis(20));
        time.schedule(() -> ran.add("a at " + since(start, time)), Duration.ofMillis(10));
        time.schedule(() -> ran.add("c at " + since(start, time)), Duration.ofMillis(20));
        time.schedule(() -> {
            ran.add("d at " + since(start, time));
            time.schedule(() -> ran.add("e at " + since(start, time)), Duration.ofMillis(5));
        }, Duration.ofMillis(30));
        Scheduler.Cancellable off = time.schedule(() -> ran.add("cancelled"), Duration.ofMillis(15));
        assertTrue(off.cancel());

        time.advance(Duration.ofMillis(9));
        assertEquals(List.of(), ran, "nothing is due before 10 ms");
        assertEquals(4, time.pending());
        time.advance(Duration.ofMillis(31));
        assertEquals(List.of("a at 10", "b at 20", "c at 20", "d at 30", "e at 35"), ran,
                "due order, ties in scheduling order, a task scheduled meanwhile included");
        assertEquals(40, since(start, time), "the clock ends where it was advanced to");
        assertEquals(0, time.pending());
    }

    private static long since(Instant start, FakeScheduler time) {
        return Duration.between(start, time.clock().instant()).toMillis();
    }

    @Test
    void aSchedulerGivenToTheBuilderIsUsedAndNotClosedByTheEngine() {
        FakeScheduler time = new FakeScheduler();
        Chat chat = TestChats.chat(TestChats.config(), time);
        assertTrue(time.pending() > 0, "the engine's delayed tasks are on the given scheduler");
        chat.close();
        assertFalse(time.isClosed(), "its owner closes it");
        assertEquals(0, time.pending(), "the engine called off its pending tasks");
    }

    @Test
    void theBuilderRefusesANullSchedulerNamingIt() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> Chat.builder().scheduler(null));
        assertEquals("scheduler", e.getMessage());
    }

    /** Revocations of expired tokens are dropped a minute after start, then every hour. */
    @Test
    void expiredRevocationsArePurgedOnTheSchedulersTime() throws Exception {
        FakeScheduler time = new FakeScheduler();
        BlockingQueue<Instant> purges = new LinkedBlockingQueue<>();
        TokenStore inner = TokenStore.inMemory();
        TokenStore recording = new TokenStore() {
            @Override
            public byte[] signingKey(Supplier<byte[]> generate) {
                return inner.signingKey(generate);
            }

            @Override
            public void revoke(String tokenId, Instant expiresAt) {
                inner.revoke(tokenId, expiresAt);
            }

            @Override
            public boolean isRevoked(String tokenId) {
                return inner.isRevoked(tokenId);
            }

            @Override
            public void purgeExpired(Instant now) {
                inner.purgeExpired(now);
                purges.add(now);
            }
        };
        Instant start = time.clock().instant();
        try (Chat chat = Chat.builder().config(TestChats.config().build()).tokenStore(recording)
                .clock(time.clock()).scheduler(time).build()) {
            time.advance(Duration.ofSeconds(59));
            time.advance(Duration.ofSeconds(1));
            assertEquals(start.plus(Duration.ofMinutes(1)), purges.poll(10, TimeUnit.SECONDS));
            // The next purge is scheduled once this one is done, on the engine's executor.
            time.awaitPending(1, Duration.ofSeconds(10));
            time.advance(Duration.ofHours(1));
            assertEquals(start.plus(Duration.ofMinutes(61)), purges.poll(10, TimeUnit.SECONDS));
            assertTrue(purges.isEmpty());
        }
    }
}
