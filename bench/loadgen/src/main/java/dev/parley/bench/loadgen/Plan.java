package dev.parley.bench.loadgen;

/**
 * How much of each scenario a run does. {@link #quick()} fits the whole suite in under five minutes on
 * a 2-core machine (shorter phases, two rounds, S1 at 20k and 40k only, S2 at 1000 msg/s, fewer users
 * and idle connections, a 100k-message history);
 * {@link #full()} is what RESULTS.md reports (longer phases, three rounds, S1 from 10k up to the knee,
 * 10,000 idle connections, a 1M-message history).
 *
 * @param name           quick or full
 * @param rounds         interleaved rounds (A B C A B C ...) of each measured step
 * @param phaseSeconds   length of one measured publishing phase
 * @param warmupSeconds  the discarded first phase each target gets in each scenario
 * @param users          Parley accounts the run registers and logs in (publishers need distinct ones:
 *                       the server limits sends per user)
 * @param s1Clients      S1 subscribers in the one room (publishers included)
 * @param s1Publishers   S1 publishing clients
 * @param s1Steps        S1 offered deliveries per second, ascending; a target stops at its knee
 * @param s2Rooms        S2 rooms
 * @param s2Members      S2 members per room
 * @param s2Rates        S2 published messages per second (all rooms together)
 * @param s3Senders      S3 concurrent senders, each its own user
 * @param s3PerSender    S3 messages each sender sends (within the server's per-user burst)
 * @param s4Connections  S4 idle connections
 * @param s4Rounds       S4 rounds (memory is steadier than CPU; quick does one)
 * @param s5Connects     S5 WebSocket connects (open, handshake, close) per round
 * @param s5Logins       S5 logins per round (Parley only)
 * @param s6Seconds      S6 length of the slow-consumer phase
 * @param s6Rounds       S6 rounds (each a control phase and a slow-consumer phase per target)
 * @param pagingSmall    messages in the small history
 * @param pagingBig      messages in the big history
 * @param pagingRequests page requests timed per history
 */
record Plan(String name, int rounds, int phaseSeconds, int warmupSeconds, int users, int s1Clients, int s1Publishers,
            int[] s1Steps, int s2Rooms, int s2Members, int[] s2Rates, int s3Senders, int s3PerSender, int s4Connections, int s4Rounds,
            int s5Connects, int s5Logins, int s6Seconds, int s6Rounds, int pagingSmall, int pagingBig, int pagingRequests) {

    static Plan quick() {
        return new Plan("quick", 2, 3, 3, 100, 1000, 10, new int[] {20_000, 40_000}, 100, 10,
                new int[] {1000}, 80, 150, 2000, 1, 600, 20, 6, 1, 1000, 100_000, 200);
    }

    static Plan full() {
        return new Plan("full", 3, 10, 10, 400, 1000, 10, new int[] {10_000, 20_000, 40_000, 60_000, 80_000, 100_000},
                100, 10, new int[] {1000, 2000}, 300, 180, 10_000, 2, 3000, 60, 60, 2, 1000, 1_000_000, 1000);
    }

    static Plan named(String name) {
        return switch (name) {
            case "quick" -> quick();
            case "full" -> full();
            default -> throw new IllegalArgumentException("mode must be quick or full, got '" + name + "'");
        };
    }
}
