package dev.parley.bench.jmh;

import dev.parley.protocol.HistoryPage;
import dev.parley.protocol.MessageKind;
import dev.parley.protocol.PageRequest;
import dev.parley.core.spi.MessageStore;
import dev.parley.core.spi.NewMessage;
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
import org.openjdk.jmh.annotations.Warmup;

import java.time.Instant;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A page of 50 messages from a room holding 1k or 1M messages (in-memory store): the latest page,
 * and a page before a random seq. Keyset paging should make both sizes cost about the same.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
public class HistoryPagingBenchmark {

    @Param({"1000", "1000000"})
    public int stored;

    private MessageStore store;
    private final SplittableRandom random = new SplittableRandom(42);

    @Setup(Level.Trial)
    public void fill() {
        store = MessageStore.inMemory();
        AtomicLong ids = new AtomicLong();
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < stored; i++) {
            store.append(new NewMessage("bench", MessageKind.CHAT, "user" + (i % 100), "message " + i, t,
                    Optional.empty(), Optional.empty()), ids::incrementAndGet);
        }
    }

    @Benchmark
    public HistoryPage latestPage() {
        return store.page("bench", PageRequest.latest(50));
    }

    @Benchmark
    public HistoryPage pageBeforeRandomSeq() {
        return store.page("bench", PageRequest.before(1 + random.nextInt(stored), 50));
    }
}
