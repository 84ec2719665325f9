/**
 * The {@code /ws} endpoint as a programmatic {@code jakarta.websocket} endpoint: it authenticates
 * the connection, pipes text frames into the engine's {@link dev.parley.core.ClientSession} and
 * maps the engine's {@link dev.parley.core.spi.Connection} onto the asynchronous remote. The
 * handshake's origin and credentials are checked before the upgrade, at the edge
 * ({@link dev.parley.jakarta.internal.edge}); the endpoint closes an unauthenticated connection
 * with 1008 wherever it runs, as a second line.
 */
package dev.parley.jakarta.internal.ws;
