/**
 * The Parley Java SDK: {@link dev.parley.client.ChatClient}, built with
 * {@link dev.parley.client.ChatClient#builder()}, talks to a Parley server over the JDK's own
 * {@code java.net.http} (REST calls and one WebSocket), returning chat-core's model records;
 * a {@link dev.parley.client.ChatListener} receives live messages, typing, presence, announcements,
 * errors and {@link dev.parley.client.ConnectionState} changes on one callback thread, in order;
 * sends complete with an {@link dev.parley.client.Ack}; refusals are
 * {@link dev.parley.client.ChatClientException}s with the contract's error code; and a
 * {@link dev.parley.client.ReconnectPolicy} says how a dropped connection comes back without
 * losing or repeating a message. Everything else lives in {@code dev.parley.client.internal}.
 */
package dev.parley.client;
