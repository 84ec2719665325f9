package dev.parley.bench.loadgen;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * S7, Parley only (the baselines have no reactions or edits): the room log's lifecycle entries on
 * S1's room shape. One room of {@link Plan#s7Clients()} subscribers, S1's publishers, and four kinds
 * of phase at the same delivery rate: chat messages only, REACTION entries only, EDIT entries only,
 * and the mix of 70% chat, 20% reactions, 10% edits. A round runs the four kinds back to back, each
 * round starting one kind later than the one before, so that no kind always comes first or always
 * follows the same one; the table gives each kind's medians and their ratios to the chat phases'.
 *
 * <p>Every entry carries the payload marker where its broadcast shows it: a message and an edit in
 * their text (the 100-byte payload), a reaction in its emoji (the marker alone, about 25 characters:
 * an emoji is at most 32 characters with no spaces). So a reaction's frame is smaller than a
 * message's, as it is in use; {@code frame_bytes} says by how much.
 *
 * <p>No reaction is a no-op (which the server acks without broadcasting): each adds an emoji the
 * message does not hold (its own marker), and every phase reacts on fresh messages, 20 reactions
 * each (the most distinct emoji a message may hold), posted over REST by the publishers before the
 * phase starts. An edit is by the message's author: each publisher rewrites its own seed messages,
 * posted once at the start, in turn.
 */
final class LogMix {
    static final String ROOM = "s7";
    static final List<String> METRICS = Report.list("delivered_dps", "cpu_us_per_dlv", "p50_ms", "p99_ms", "p999_ms",
            "missing", "frame_bytes", "server_cpu_pct", "loadgen_cpu_pct");
    /** The most distinct emoji a message may hold (the contract's limit): each reaction target takes this many. */
    private static final int REACTIONS_PER_TARGET = 20;
    /** Messages each publisher posts at the start for its edits. */
    private static final int OWN_SEEDS = 4;
    private static final String SEED_TEXT = "a seed message of S7, which the publishers react to and edit; about as"
            + " long as a typical chat line";

    /** What one entry of a phase is. */
    enum Entry { CHAT, REACTION, EDIT }

    /** A kind of phase, by the label its rows carry. */
    enum Phase {
        CHAT("chat"), REACTIONS("reactions"), EDITS("edits"), MIX("mix");

        /** Ten entries of the mix: 7 messages, 2 reactions, 1 edit. */
        private static final Entry[] MIX_PATTERN = {Entry.CHAT, Entry.CHAT, Entry.REACTION, Entry.CHAT, Entry.CHAT,
            Entry.EDIT, Entry.CHAT, Entry.REACTION, Entry.CHAT, Entry.CHAT};

        final String label;

        Phase(String label) {
            this.label = label;
        }

        /**
         * The i-th entry of the phase, sent by publisher {@code i % publishers}. In the mix the slot
         * shifts by one every round of the publishers, so that each of them sends all three kinds and
         * (with 10 publishers) every ten consecutive entries are exactly 7, 2 and 1.
         */
        Entry entry(int i, int publishers) {
            return switch (this) {
                case CHAT -> Entry.CHAT;
                case REACTIONS -> Entry.REACTION;
                case EDITS -> Entry.EDIT;
                case MIX -> MIX_PATTERN[(i + i / publishers) % MIX_PATTERN.length];
            };
        }
    }

    private LogMix() {
    }

    static void s7(Bench b) {
        Plan p = b.plan;
        List<Target> parleys = b.parleyTargets();
        if (parleys.isEmpty()) {
            b.report.note("S7 skipped: it needs a Parley target (the baselines have no reactions or edits)");
            return;
        }
        Target t = parleys.get(0);
        if (parleys.size() > 1) {
            b.report.note("S7 runs on " + t.name() + " only, the first Parley target");
        }
        ParleyUsers users = b.users(t, p.users());
        ParleyApi api = users.api();
        api.createRoom(users.token(0), ROOM);
        int clients = p.s7Clients();
        Bench.parallel(Math.min(users.size(), clients), u -> api.join(users.token(u), ROOM));
        try (Fleet fleet = Fleet.open(b.client, t, clients, i -> api.socket(users.token(i)), 0)) {
            fleet.subscribe(i -> ROOM);
            // Publisher k is connection k, logged in as user k: its own seeds are user k's messages.
            List<Pacer.Publisher> pubs = new ArrayList<>();
            Map<WsConn, long[]> own = new HashMap<>();
            for (int k = 0; k < p.s1Publishers(); k++) {
                pubs.add(new Pacer.Publisher(fleet.conns.get(k), ROOM, fleet.size()));
                long[] ids = new long[OWN_SEEDS];
                for (int s = 0; s < OWN_SEEDS; s++) {
                    ids[s] = api.post(users.token(k), ROOM, SEED_TEXT);
                }
                own.put(pubs.get(k).conn(), ids);
            }
            b.report.note("S7 " + t.name() + ": " + fleet.size() + " clients subscribed to " + ROOM + ", " + pubs.size()
                    + " publishers, " + OWN_SEEDS + " own messages each to edit");
            int first = p.s7Rates()[0];
            b.report.note("S7 warm-up " + t.name() + " (discarded): "
                    + run(b, fleet, pubs, own, api, users, Phase.MIX, first, p.warmupSeconds()));
            Phase[] order = Phase.values();
            for (int rate : p.s7Rates()) {
                String label = rate / 1000 + "k dlv/s";
                for (int round = 1; round <= p.s7Rounds(); round++) {
                    for (int j = 0; j < order.length; j++) {
                        Phase kind = order[(j + round - 1) % order.length];
                        b.report.row("S7", label, kind.label, round,
                                run(b, fleet, pubs, own, api, users, kind, rate, p.phaseSeconds()));
                    }
                }
            }
            b.report.note("S7 error frames by code: " + fleet.inbox.errors());
        }
        b.report.tableAgainst("S7", "room log lifecycle, 1 room x " + clients + " clients, " + p.s1Publishers()
                + " publishers; chat only, reactions only, edits only, mix of 70% chat 20% reactions 10% edits", METRICS,
                Phase.CHAT.label);
    }

    /** One measured phase of one kind: posts its reaction targets first, then publishes through Broadcast.phase. */
    private static Map<String, Double> run(Bench b, Fleet fleet, List<Pacer.Publisher> pubs, Map<WsConn, long[]> own,
                                           ParleyApi api, ParleyUsers users, Phase kind, int deliveriesPerSecond,
                                           int seconds) {
        double rate = deliveriesPerSecond / (double) fleet.size();
        int count = Broadcast.count(rate, seconds);
        int reactions = 0;
        for (int i = 0; i < count; i++) {
            if (kind.entry(i, pubs.size()) == Entry.REACTION) {
                reactions++;
            }
        }
        long[] targets = new long[(reactions + REACTIONS_PER_TARGET - 1) / REACTIONS_PER_TARGET];
        Bench.parallel(targets.length, k -> targets[k] = api.post(users.token(k % pubs.size()), ROOM, SEED_TEXT));
        return Broadcast.phase(b, fleet, pubs, rate, seconds, phase -> new EntryFrames(phase, kind, pubs.size(), targets, own));
    }

    /**
     * The frames of one phase, made on the pacing thread in index order: which entry the index is,
     * and for a reaction the next free target, for an edit the publisher's next own message.
     */
    private static final class EntryFrames implements Pacer.Framing {
        private final int phase;
        private final Phase kind;
        private final int publishers;
        private final long[] targets;
        private final Map<WsConn, long[]> own;
        private final Map<WsConn, Integer> edits = new HashMap<>();
        private int reactions;

        EntryFrames(int phase, Phase kind, int publishers, long[] targets, Map<WsConn, long[]> own) {
            this.phase = phase;
            this.kind = kind;
            this.publishers = publishers;
            this.targets = targets;
            this.own = own;
        }

        @Override
        public String frame(Pacer.Publisher p, String payload, int index) {
            String clientMsgId = "b" + phase + "-" + index;
            return switch (kind.entry(index, publishers)) {
                case CHAT -> Pacer.parleySend(p.room(), payload, phase, index);
                case REACTION -> {
                    long target = targets[reactions++ / REACTIONS_PER_TARGET];
                    yield String.format(Locale.ROOT, "{\"type\":\"react\",\"room\":\"%s\",\"id\":%d,\"emoji\":\"%s\","
                            + "\"active\":true,\"clientMsgId\":\"%s\"}", p.room(), target, Payload.marker(payload), clientMsgId);
                }
                case EDIT -> {
                    long[] mine = own.get(p.conn());
                    int n = edits.merge(p.conn(), 1, Integer::sum) - 1;
                    yield String.format(Locale.ROOT, "{\"type\":\"edit\",\"room\":\"%s\",\"id\":%d,\"text\":\"%s\","
                            + "\"clientMsgId\":\"%s\"}", p.room(), mine[n % mine.length], payload, clientMsgId);
                }
            };
        }
    }
}
