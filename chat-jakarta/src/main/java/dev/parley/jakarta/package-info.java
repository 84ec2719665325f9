/**
 * Parley on any Jakarta EE 10 server. Most applications need no code: with chat-jakarta in
 * {@code WEB-INF/lib}, its listener builds the engine from the {@code parley.*} context
 * parameters and serves {@code /api} and {@code /ws} (see the module's README). The classes here
 * are for hosts that wire things themselves, and for the standalone server, which registers the
 * same REST instances ({@link dev.parley.jakarta.ParleyRest}) and WebSocket endpoint
 * ({@link dev.parley.jakarta.ParleyWebSocket}) on Grizzly, Jersey and Tyrus.
 */
package dev.parley.jakarta;
