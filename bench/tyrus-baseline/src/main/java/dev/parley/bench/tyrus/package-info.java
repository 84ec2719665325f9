/**
 * The raw Tyrus baseline of the benchmarks: a bare {@code jakarta.websocket} endpoint on Tyrus and
 * Grizzly, configured the way Parley's standalone server runs its own WebSockets (worker-thread I/O,
 * no idle timeout, 127.0.0.1 only), that sends every text it receives to every connected client with
 * {@code TyrusSession.broadcast}, the fastest fan-out Tyrus has. It holds no chat state, so the gap
 * between it and Parley is the cost of Parley's chat rules, storage and per-connection bookkeeping.
 */
package dev.parley.bench.tyrus;
