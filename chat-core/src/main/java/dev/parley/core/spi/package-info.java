/**
 * The seams through which a Parley engine reaches the outside world: the stores of users, rooms,
 * messages, files and tokens, the {@link dev.parley.core.spi.ClusterBus} that joins several nodes,
 * the {@link dev.parley.core.spi.PresenceStore} that tells them who is online, the
 * {@link dev.parley.core.spi.Scheduler} that runs the engine's delayed tasks, and the
 * {@link dev.parley.core.spi.Connection} an adapter hands over for each live client. Each
 * store interface states its promises (atomicity, ordering, gap-free seqs, idempotency), offers an
 * in-memory default through a static factory, and has an abstract contract suite in chat-core's
 * test-jar ({@code UserStoreContract}, {@code MessageStoreContract}, ...) that every implementation
 * runs by extending it and supplying a fresh, empty store per test. Every implementation is
 * thread-safe.
 *
 * <p><b>Durability.</b> The engine acknowledges a write (the {@code ack} frame, a {@code 2xx}
 * answer, the broadcast of the entry) as soon as the store call returns, so a store that persists
 * returns (or completes its future) only once the write would survive a crash of this process: the
 * transaction committed and handed to durable storage, not held in a buffer that a {@code kill -9}
 * loses. The in-memory defaults keep nothing: everything they hold is gone when the process ends.
 */
package dev.parley.core.spi;
