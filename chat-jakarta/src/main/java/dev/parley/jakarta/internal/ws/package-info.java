/**
 * The {@code /ws} endpoint as a programmatic {@code jakarta.websocket} endpoint: it authenticates
 * the handshake, pipes text frames into the engine's {@link dev.parley.core.ClientSession} and
 * maps the engine's {@link dev.parley.core.spi.Connection} onto the asynchronous remote. A servlet
 * filter refuses unauthenticated upgrades with 401 where a servlet container runs it; the
 * endpoint closes such a connection with 1008 wherever it runs.
 */
package dev.parley.jakarta.internal.ws;
