package dev.parley.core.spi;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutboundFrameTest {

    @Test
    void keepsTheTextAndRefusesNull() {
        assertEquals("{\"type\":\"pong\"}", OutboundFrame.of("{\"type\":\"pong\"}").text());
        assertThrows(NullPointerException.class, () -> OutboundFrame.of(null));
    }

    @Test
    void encodesOncePerFrameForTheSameEncoder() {
        AtomicInteger calls = new AtomicInteger();
        Function<OutboundFrame, byte[]> encoder = f -> {
            calls.incrementAndGet();
            return f.text().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        };
        OutboundFrame frame = OutboundFrame.of("héllo");
        byte[] first = frame.encoded(encoder);
        for (int i = 0; i < 100; i++) {
            assertSame(first, frame.encoded(encoder));
        }
        assertEquals(1, calls.get());
        OutboundFrame other = OutboundFrame.of("héllo");
        other.encoded(encoder);
        assertEquals(2, calls.get(), "each frame has its own wire form");
    }

    @Test
    void anotherEncoderGetsItsOwnValueWithoutDisplacingTheKeptOne() {
        OutboundFrame frame = OutboundFrame.of("x");
        Function<OutboundFrame, String> upper = f -> f.text().toUpperCase();
        Function<OutboundFrame, String> twice = f -> f.text() + f.text();
        String kept = frame.encoded(upper);
        assertEquals("xx", frame.encoded(twice));
        assertEquals("xx", frame.encoded(twice));
        assertSame(kept, frame.encoded(upper));
    }

    @Test
    @Timeout(30)
    void concurrentRecipientsAllGetAnEqualWireForm() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 200; round++) {
                OutboundFrame frame = OutboundFrame.of("round " + round);
                AtomicInteger calls = new AtomicInteger();
                Function<OutboundFrame, String> encoder = f -> {
                    calls.incrementAndGet();
                    return new String(f.text());
                };
                CyclicBarrier start = new CyclicBarrier(threads);
                List<Future<String>> got = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    got.add(pool.submit(() -> {
                        start.await(10, TimeUnit.SECONDS);
                        return frame.encoded(encoder);
                    }));
                }
                for (Future<String> f : got) {
                    assertEquals("round " + round, f.get(10, TimeUnit.SECONDS));
                }
                assertTrue(calls.get() >= 1 && calls.get() <= threads, "computed " + calls.get() + " times");
                int before = calls.get();
                frame.encoded(encoder);
                assertEquals(before, calls.get(), "once kept, never computed again");
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
