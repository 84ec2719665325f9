/**
 * Parley's public chat API: the {@link dev.parley.core.Chat} engine and its builder, its
 * configuration, the model records (users, rooms, members, messages, files) and the typed
 * {@link dev.parley.protocol.ChatException} whose {@link dev.parley.protocol.ErrorCode} maps one-to-one to
 * the wire contract. Nothing here knows about HTTP, WebSocket containers or databases; adapters
 * translate to and from it, and the stores plug in through {@code dev.parley.core.spi}.
 */
package dev.parley.core;
