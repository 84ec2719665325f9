/**
 * The seams through which a Parley engine reaches the outside world: the stores of users, rooms,
 * messages, files and tokens, the {@link dev.parley.core.spi.ClusterBus} that joins several nodes,
 * the {@link dev.parley.core.spi.PresenceStore} that tells them who is online, and the
 * {@link dev.parley.core.spi.Connection} an adapter hands over for each live client. Each
 * store interface states its promises (atomicity, ordering, gap-free seqs, idempotency), offers an
 * in-memory default through a static factory, and has an abstract contract suite in chat-core's
 * test-jar ({@code UserStoreContract}, {@code MessageStoreContract}, ...) that every implementation
 * runs by extending it and supplying a fresh, empty store per test. Every implementation is
 * thread-safe.
 */
package dev.parley.core.spi;
