package dev.parley.bench.loadgen;

/**
 * How much of each scenario a run does. {@link #quick()} runs the whole suite in about five to six
 * minutes on a 2-core machine (under five before S7, which adds about 70 s): S1 at 20k deliveries/s
 * only (the latency target's rate), two interleaved rounds for S1 and one for the others, short
 * phases, fewer users and idle connections, a 100k-message history instead of 1M, and S7 with 500
 * subscribers at 20k deliveries/s. {@link #full()} is what RESULTS.md reports: S1 from 10k up to each
 * target's knee, three rounds for S1 and two for the others, 10 s phases, 10,000 idle connections, a
 * 1M history, and S7 with 1000 subscribers at 20k and 40k deliveries/s.
 *
 * @param name           quick or full
 * @param rounds         interleaved rounds (A B C A B C ...) of each S1 step
 * @param minorRounds    interleaved rounds of S2 to S6
 * @param phaseSeconds   length of one measured publishing phase
 * @param warmupSeconds  the discarded first phase each target gets in S1 and S2: 10 s in both modes, as a
 *                       fresh JVM's JIT compilers still take a large share of a core for several seconds
 *                       (JFR's thread CPU load in Parley: more than its delivering threads during a 3 s
 *                       warm-up), which a shorter warm-up leaves in the measured phases
 * @param users          Parley accounts the run registers and logs in (publishers need distinct ones:
 *                       the server limits sends per user)
 * @param s1Clients      S1 subscribers in the one room (publishers included)
 * @param s1Publishers   S1 publishing clients
 * @param s1Steps        S1 offered deliveries per second, ascending; a target stops at its knee
 * @param s2Rooms        S2 rooms
 * @param s2Members      S2 members per room
 * @param s2Rates        S2 published messages per second (all rooms together)
 * @param s3Senders      S3 concurrent senders, each its own user
 * @param s3PerSender    S3 messages each sender sends (within the server's per-user burst of 200)
 * @param s4Connections  S4 idle connections
 * @param s5Connects     S5 WebSocket connects (open, handshake, close) per round
 * @param s5Logins       S5 logins per round (Parley only)
 * @param s6Seconds      S6 length of the slow-consumer phase
 * @param pagingSmall    messages in the small history
 * @param pagingBig      messages in the big history
 * @param pagingRequests page requests timed per history and page
 * @param s1x2Steps      S1X2 (S1's room on one PostgreSQL-backed node, then on two) offered deliveries per second
 * @param s7Clients      S7 subscribers in its one room (publishers included)
 * @param s7Rates        S7 deliveries per second, each run in every kind of phase (chat, reactions, edits, mix)
 * @param s7Rounds       S7 interleaved rounds of the four kinds of phase at each rate (3 in both modes: the
 *                       machine is shared, and the verdict rests on ratios between neighbouring phases)
 */
record Plan(String name, int rounds, int minorRounds, int phaseSeconds, int warmupSeconds, int users, int s1Clients,
            int s1Publishers, int[] s1Steps, int s2Rooms, int s2Members, int[] s2Rates, int s3Senders, int s3PerSender,
            int s4Connections, int s5Connects, int s5Logins, int s6Seconds, int pagingSmall, int pagingBig,
            int pagingRequests, int[] s1x2Steps, int s7Clients, int[] s7Rates, int s7Rounds) {

    static Plan quick() {
        return new Plan("quick", 2, 1, 3, 10, 100, 1000, 10, new int[] {20_000}, 100, 10, new int[] {1000}, 80, 150,
                2000, 300, 20, 6, 1000, 100_000, 200, new int[] {10_000}, 500, new int[] {20_000}, 3);
    }

    static Plan full() {
        return new Plan("full", 3, 2, 10, 10, 400, 1000, 10, new int[] {10_000, 20_000, 40_000, 60_000, 80_000, 100_000},
                100, 10, new int[] {1000, 2000}, 300, 180, 10_000, 3000, 60, 60, 1000, 1_000_000, 1000,
                new int[] {10_000, 20_000}, 1000, new int[] {20_000, 40_000}, 3);
    }

    static Plan named(String name) {
        return switch (name) {
            case "quick" -> quick();
            case "full" -> full();
            default -> throw new IllegalArgumentException("mode must be quick or full, got '" + name + "'");
        };
    }
}
