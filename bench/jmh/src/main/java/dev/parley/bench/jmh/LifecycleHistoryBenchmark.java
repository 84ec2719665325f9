package dev.parley.bench.jmh;

import dev.parley.core.Chat;
import dev.parley.core.ChatConfig;
import dev.parley.core.spi.MessageStore;
import dev.parley.jakarta.jpa.JpaStores;
import dev.parley.protocol.HistoryPage;
import dev.parley.protocol.Message;
import dev.parley.protocol.PageRequest;
import dev.parley.protocol.User;
import dev.parley.protocol.Visibility;
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

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A history page of 50 read through {@link Chat#history} (membership check, store page, and the
 * page's reactions joined for the reader with {@code me}) from a room whose log holds 100k entries:
 * only chat messages, or half of them REACTION entries, or also 10% EDIT entries. The log is written
 * through the engine's API, so every entry is what a user could have caused:
 * <ul>
 *   <li>{@code chat}: 100k CHAT messages from 50 users.</li>
 *   <li>{@code reactions}: 50k CHAT messages, each followed by one REACTION entry on one of the 50
 *       latest messages (the newer the likelier), by one of the 50 users, with one of 30 emoji; a
 *       user who already holds that emoji there takes it back (an inactive entry), and a message
 *       never holds more than 20 distinct emoji. The reader is one of the reacting users, so
 *       {@code me} is true on some reactions.</li>
 *   <li>{@code reactions+edits}: as {@code reactions}, with 40k CHAT messages and 10k EDIT entries in
 *       which authors rewrite one of their recent messages.</li>
 * </ul>
 * The target (issue 11): a page of (b) or (c) within 1.2x of a page of (a). The {@code store*}
 * methods read the same pages from the store alone, without the engine's membership check and
 * reactions, to show where the difference goes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
public class LifecycleHistoryBenchmark {
    private static final int USERS = 50;
    private static final int RECENT = 50;
    private static final int PAGE = 50;
    private static final String ROOM = "bench";
    private static final String[] EMOJI = {
        "👍", "❤️", "😂", "🎉", "😮", "😢", "🔥", "👀", "🙏", "💯", "✅", "🚀", "👏", "🤔", "😍",
        ":tada:", ":ship-it:", ":+1:", ":eyes:", ":wave:", "🥳", "😅", "🤝", "💡", "⭐", "🍕", "☕", "🐛", "📌", "🙌"};

    @Param({"chat", "reactions", "reactions+edits"})
    public String log;

    @Param({"100000"})
    public int entries;

    /**
     * The mean time between two entries while the log is written, on the engine's clock (each gap
     * uniform between 0 and twice this): 2 s makes 100k entries about two days of a busy room. With 0
     * the engine runs on the system clock and the log is written as fast as the engine takes it
     * (some 30 entries per millisecond), which no room sees and which gives the message ids an
     * unusual spread (many ids per millisecond).
     */
    @Param({"2000"})
    public long meanGapMillis;

    /**
     * {@code memory}: the engine's default stores. {@code h2}: chat-jakarta's JPA stores
     * (EclipseLink) on an in-memory H2 database, as the standalone server runs them but without a
     * file and without H2's reuse of an unchanged query's result; its log takes about 30 s to write,
     * once per trial.
     */
    @Param({"memory"})
    public String store;

    private Chat chat;
    private JpaStores jpa;
    private MessageStore messages;
    private User reader;
    private long lastSeq;
    private final SplittableRandom random = new SplittableRandom(42);

    @Setup(Level.Trial)
    public void fill() {
        SteppedClock clock = new SteppedClock(Instant.parse("2026-01-01T00:00:00Z"));
        Chat.Builder builder = Chat.builder();
        switch (store) {
            case "memory" -> messages = MessageStore.inMemory();
            case "h2" -> {
                // H2 hands back the result of a query it ran before when no table changed since; a
                // room being written never sees that, and a benchmark repeating the latest page would.
                jpa = JpaStores.resourceLocal("jdbc:h2:mem:bench-" + log.replace('+', '-')
                        + ";DB_CLOSE_DELAY=-1;OPTIMIZE_REUSE_RESULTS=FALSE", null, null);
                messages = jpa.messages();
                builder.userStore(jpa.users()).roomStore(jpa.rooms()).tokenStore(jpa.tokens());
            }
            default -> throw new IllegalArgumentException("store must be memory or h2, got " + store);
        }
        long t0 = System.nanoTime();
        chat = builder.messageStore(messages).clock(meanGapMillis > 0 ? clock : Clock.systemUTC())
                .config(ChatConfig.builder()
                .passwordHashCost(4)
                .sendRate(1e9, 1_000_000_000)
                .unlimitedRetention()
                .build()).build();
        List<User> users = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            users.add(chat.register("user" + i, "password-" + i));
        }
        chat.createRoom(users.get(0), ROOM, Optional.empty(), Visibility.PUBLIC, List.of());
        users.subList(1, USERS).forEach(u -> chat.join(u, ROOM));
        reader = users.get(0);
        new Filler(chat, users, new SplittableRandom(7), clock, meanGapMillis).fill(log, entries);
        lastSeq = chat.history(reader, ROOM, PageRequest.latest(1)).messages().get(0).seq();
        System.out.printf(Locale.ROOT, "# %s on %s, written in %.0f s: %s%n", log, store, (System.nanoTime() - t0) / 1e9,
                census());
    }

    /** What the log holds, read back through the API: entries by kind, and the reactions the reader sees. */
    private String census() {
        Map<String, Integer> kinds = new TreeMap<>();
        int withReactions = 0;
        int reactions = 0;
        int mine = 0;
        long after = 0;
        HistoryPage page;
        do {
            page = chat.history(reader, ROOM, PageRequest.after(after, PageRequest.MAX_LIMIT));
            for (Message m : page.messages()) {
                kinds.merge(m.kind().name(), 1, Integer::sum);
                if (!m.state().reactions().isEmpty()) {
                    withReactions++;
                }
                for (var r : m.state().reactions()) {
                    reactions++;
                    mine += r.me() ? 1 : 0;
                }
                after = m.seq();
            }
        } while (page.hasMore());
        return "last seq " + lastSeq + ", entries " + kinds + ", " + withReactions + " messages hold " + reactions
                + " distinct reactions, the reader's among them " + mine;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        chat.close();
        if (jpa != null) {
            jpa.close();
        }
    }

    @Benchmark
    public HistoryPage latestPage() {
        return chat.history(reader, ROOM, PageRequest.latest(PAGE));
    }

    @Benchmark
    public HistoryPage pageBeforeRandomSeq() {
        return chat.history(reader, ROOM, PageRequest.before(randomSeq(), PAGE));
    }

    /** The store's page alone (no membership check, no reactions): what the engine adds is the difference. */
    @Benchmark
    public HistoryPage storeLatestPage() {
        return messages.page(ROOM, PageRequest.latest(PAGE));
    }

    @Benchmark
    public HistoryPage storePageBeforeRandomSeq() {
        return messages.page(ROOM, PageRequest.before(randomSeq(), PAGE));
    }

    /** The same sequence of seqs in every trial (one seed), so that the logs are compared on the same pages' positions. */
    private long randomSeq() {
        return PAGE + 1 + random.nextLong(lastSeq - PAGE);
    }

    /** A clock that moves only when told to: the filler's time between entries. */
    private static final class SteppedClock extends Clock {
        private volatile Instant now;

        SteppedClock(Instant start) {
            this.now = start;
        }

        void advance(long millis) {
            now = now.plusMillis(millis);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("UTC only");
        }
    }

    /** Writes the log of one of the three mixes through the engine's API. */
    private static final class Filler {
        private final Chat chat;
        private final List<User> users;
        private final SplittableRandom random;
        private final SteppedClock clock;
        private final long meanGapMillis;
        /** The latest chat messages, oldest first, with their authors. */
        private final List<Message> recent = new ArrayList<>();
        /** Per message id: emoji to the users holding it. */
        private final Map<Long, Map<String, Set<Integer>>> held = new HashMap<>();
        private int written;

        Filler(Chat chat, List<User> users, SplittableRandom random, SteppedClock clock, long meanGapMillis) {
            this.chat = chat;
            this.users = users;
            this.random = random;
            this.clock = clock;
            this.meanGapMillis = meanGapMillis;
        }

        void fill(String mix, int entries) {
            // Joins already posted USER_JOINED entries; count them in the total.
            written = (int) chat.history(users.get(0), ROOM, PageRequest.latest(1)).messages().get(0).seq();
            while (written < entries) {
                if (meanGapMillis > 0) {
                    clock.advance(random.nextLong(2 * meanGapMillis + 1));
                }
                int slot = written % 10;
                switch (mix) {
                    case "chat" -> send();
                    case "reactions" -> {
                        if (slot % 2 == 0 || recent.isEmpty()) {
                            send();
                        } else {
                            react();
                        }
                    }
                    case "reactions+edits" -> {
                        // Per 10 entries: 4 messages, 5 reactions, 1 edit.
                        if (slot < 8 && slot % 2 == 0 || recent.isEmpty()) {
                            send();
                        } else if (slot == 8) {
                            edit();
                        } else {
                            react();
                        }
                    }
                    default -> throw new IllegalArgumentException("unknown log mix " + mix);
                }
            }
        }

        private void send() {
            int u = random.nextInt(USERS);
            Message m = chat.send(users.get(u), ROOM, "a message of about one hundred bytes, like the lines people type,"
                    + " number " + written, Optional.empty());
            recent.add(m);
            if (recent.size() > RECENT) {
                held.remove(recent.remove(0).id());
            }
            written++;
        }

        /** A recent message, the newer the likelier (the later of two uniform picks). */
        private Message pickRecent() {
            int i = Math.max(random.nextInt(recent.size()), random.nextInt(recent.size()));
            return recent.get(i);
        }

        private void react() {
            Message target = pickRecent();
            int u = random.nextInt(USERS);
            Map<String, Set<Integer>> onTarget = held.computeIfAbsent(target.id(), k -> new HashMap<>());
            String emoji = EMOJI[random.nextInt(EMOJI.length)];
            if (!onTarget.containsKey(emoji) && onTarget.size() >= 20) {
                emoji = onTarget.keySet().iterator().next();
            }
            Set<Integer> holders = onTarget.computeIfAbsent(emoji, e -> new HashSet<>());
            User user = users.get(u);
            if (holders.remove(u)) {
                chat.unreact(user, ROOM, target.id(), emoji, Optional.empty());
                if (holders.isEmpty()) {
                    onTarget.remove(emoji);
                }
            } else {
                holders.add(u);
                chat.react(user, ROOM, target.id(), emoji, Optional.empty());
            }
            written++;
        }

        private void edit() {
            Message target = pickRecent();
            User author = users.stream().filter(u -> u.username().equals(target.from())).findFirst().orElseThrow();
            chat.edit(author, ROOM, target.id(), target.text() + " (edited at " + written + ")", Optional.empty());
            written++;
        }
    }
}
