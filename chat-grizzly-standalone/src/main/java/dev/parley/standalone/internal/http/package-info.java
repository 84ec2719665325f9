/**
 * One Grizzly listener for everything: Jersey serving chat-jakarta's REST resources under
 * {@code /api} (with CORS), Tyrus serving its WebSocket endpoint at {@code /ws} (behind a
 * handshake gate that refuses bad tokens and foreign origins with the contract's error body,
 * and a registry that pings every socket), and the class path's {@code META-INF/resources}
 * for the web page, {@code /docs} and the Swagger UI webjar.
 */
package dev.parley.standalone.internal.http;
