package dev.parley.bench.loadgen;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The accounts a run uses on one Parley server: {@code bench-u<i>}, registered and logged in once
 * and reused by every scenario (a login costs a slow password hash on the server, by design).
 * Several connections may share a user; publishers each get their own, because the server limits
 * sends per user. Not thread-safe: the scenarios call it between phases.
 */
final class ParleyUsers {
    private static final int CONCURRENCY = 4;
    private final ParleyApi api;
    private final List<String> names = new ArrayList<>();
    private final List<String> tokens = new ArrayList<>();

    ParleyUsers(ParleyApi api) {
        this.api = api;
    }

    ParleyApi api() {
        return api;
    }

    static String name(int i) {
        return "bench-u" + i;
    }

    /** Makes sure at least {@code n} users exist and are logged in; returns the seconds it took. */
    double ensure(int n) {
        long t0 = System.nanoTime();
        int from = tokens.size();
        if (n <= from) {
            return 0;
        }
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
        try {
            List<Future<String>> logins = new ArrayList<>();
            for (int i = from; i < n; i++) {
                String name = name(i);
                logins.add(pool.submit(() -> {
                    api.register(name);
                    return api.login(name);
                }));
            }
            for (int i = from; i < n; i++) {
                names.add(name(i));
                tokens.add(logins.get(i - from).get());
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not register and log in " + n + " users: " + e.getMessage(), e);
        } finally {
            pool.shutdownNow();
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    int size() {
        return tokens.size();
    }

    String token(int i) {
        return tokens.get(i % tokens.size());
    }

    String nameOf(int i) {
        return names.get(i % names.size());
    }
}
