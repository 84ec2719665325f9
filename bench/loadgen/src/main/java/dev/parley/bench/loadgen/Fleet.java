package dev.parley.bench.loadgen;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * A set of connections to one target sharing one {@link Inbox}. Opening is bounded (at most
 * {@link #IN_FLIGHT} handshakes at once, a deadline for all), subscribing waits for Parley's
 * {@code subscribed} answers, and closing waits until the sockets are gone, each with a deadline.
 */
final class Fleet implements AutoCloseable {
    static final int IN_FLIGHT = 128;
    final Target target;
    final Inbox inbox;
    final List<WsConn> conns;
    final int failed;

    private Fleet(Target target, Inbox inbox, List<WsConn> conns, int failed) {
        this.target = target;
        this.inbox = inbox;
        this.conns = conns;
        this.failed = failed;
    }

    /** Opens {@code n} connections, the i-th to {@code uri.apply(i)}; fails if any does not open in 120 s. */
    static Fleet open(WsClient client, Target target, int n, IntFunction<URI> uri, int receiveBuffer) {
        Fleet f = openTolerant(client, target, n, uri, receiveBuffer);
        if (f.failed > 0) {
            f.close();
            throw new IllegalStateException(target.name() + ": " + f.failed + " of " + n + " connections did not open");
        }
        return f;
    }

    /** Like {@link #open} but keeps what opened and counts the rest in {@link #failed}. */
    static Fleet openTolerant(WsClient client, Target target, int n, IntFunction<URI> uri, int receiveBuffer) {
        Inbox inbox = new Inbox();
        Semaphore slots = new Semaphore(IN_FLIGHT);
        List<CompletableFuture<WsConn>> pending = new ArrayList<>(n);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        for (int i = 0; i < n; i++) {
            try {
                if (!slots.tryAcquire(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    break;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            CompletableFuture<WsConn> f = client.connect(uri.apply(i), inbox, receiveBuffer);
            f.whenComplete((c, e) -> slots.release());
            pending.add(f);
        }
        List<WsConn> opened = new ArrayList<>(n);
        int failed = n - pending.size();
        for (CompletableFuture<WsConn> f : pending) {
            try {
                opened.add(f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (Exception e) {
                failed++;
            }
        }
        return new Fleet(target, inbox, Collections.unmodifiableList(opened), failed);
    }

    int size() {
        return conns.size();
    }

    /**
     * Parley only: subscribes connection i to {@code room.apply(i)} and waits (up to 60 s) for every
     * {@code subscribed}. The baselines need no subscription: connecting is joining.
     */
    void subscribe(IntFunction<String> room) {
        if (!target.isParley()) {
            return;
        }
        long before = inbox.subscribed.sum();
        for (int i = 0; i < conns.size(); i++) {
            conns.get(i).send("{\"type\":\"subscribe\",\"room\":\"" + room.apply(i) + "\"}");
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (inbox.subscribed.sum() - before < conns.size()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(target.name() + ": only " + (inbox.subscribed.sum() - before) + " of "
                        + conns.size() + " subscriptions confirmed in 60 s; errors " + inbox.errors());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    /** How many connections are still open. */
    int open() {
        int n = 0;
        for (WsConn c : conns) {
            if (c.isOpen()) {
                n++;
            }
        }
        return n;
    }

    /** Closes every connection and waits (up to 30 s) until all are gone. */
    @Override
    public void close() {
        for (WsConn c : conns) {
            c.close();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (open() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        for (WsConn c : conns) {
            c.abort();
        }
    }
}
