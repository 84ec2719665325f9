/**
 * One Grizzly listener for everything: Jersey serving chat-jakarta's REST resources under
 * {@code /api} (with chat-jakarta's CORS and upload-limit filters), Tyrus serving its WebSocket
 * endpoint at {@code /ws} (behind a handshake gate that applies chat-jakarta's handshake check on
 * Grizzly's filter chain, and a registry that pings every socket), and the class path's
 * {@code META-INF/resources} for the web page, {@code /docs} and the Swagger UI webjar. The
 * security rules themselves live in chat-jakarta's edge, shared with Jakarta EE deployments.
 */
package dev.parley.standalone.internal.http;
