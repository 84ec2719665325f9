/**
 * Parley's security edge, the same for a web application in a Jakarta EE container and for the
 * standalone server: which web origins may open {@code /ws} and call {@code /api} from their
 * pages ({@link dev.parley.jakarta.internal.edge.Origins}), what a handshake must show before the
 * WebSocket upgrade runs ({@link dev.parley.jakarta.internal.edge.HandshakeCheck}, applied by a
 * servlet filter here and by a Grizzly filter in the standalone server), CORS, and the early 413
 * for an upload that declares too many bytes (JAX-RS filters, which both servers' JAX-RS runtimes
 * run). Each server form supplies only the configuration and its way of reading and answering a
 * request.
 */
package dev.parley.jakarta.internal.edge;
