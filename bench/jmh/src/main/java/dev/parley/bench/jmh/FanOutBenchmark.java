package dev.parley.bench.jmh;

import dev.parley.core.Chat;
import dev.parley.core.ChatConfig;
import dev.parley.protocol.User;
import dev.parley.protocol.Visibility;
import dev.parley.core.spi.Connection;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * One message sent to a room with N in-process subscribers: store, seq, encode once, and queue the
 * frame for every subscriber. The connections complete each write at once, so the figure is the
 * engine's own cost per broadcast (divide by N for the cost per delivery).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FanOutBenchmark {
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    @Param({"1000"})
    public int subscribers;

    private Chat chat;
    private User sender;
    private final LongAdder delivered = new LongAdder();

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        chat = Chat.builder().config(ChatConfig.builder()
                .passwordHashCost(4)
                .sendRate(1e9, 1_000_000_000)
                .retention(10_000)
                .build()).build();
        sender = chat.register("sender", "password-sender");
        chat.createRoom(sender, "bench", Optional.empty(), Visibility.PUBLIC, List.of());
        Connection counting = new Connection() {
            @Override
            public CompletionStage<?> send(String frame) {
                delivered.increment();
                return DONE;
            }

            @Override
            public void close(int code, String reason) {
            }
        };
        for (int i = 0; i < subscribers; i++) {
            User u = chat.register("user" + i, "password-" + i);
            chat.join(u, "bench");
            chat.connect(u, Optional.empty(), counting).receive("{\"type\":\"subscribe\",\"room\":\"bench\"}");
        }
        // Wait until every subscription is live: a message reaches all of them.
        long before = delivered.sum();
        chat.send(sender, "bench", "warm", Optional.empty());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (delivered.sum() - before < subscribers) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("subscriptions did not become live");
            }
            Thread.onSpinWait();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        chat.close();
    }

    @Benchmark
    public void sendToRoom(Blackhole bh) {
        bh.consume(chat.send(sender, "bench", "a message of about one hundred bytes, like the chat lines people type in a room", Optional.empty()));
    }
}
