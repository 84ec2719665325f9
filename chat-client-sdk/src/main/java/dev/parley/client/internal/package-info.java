/**
 * How the SDK works, not part of its API: the live {@code Session} (sends, edits, reactions and
 * subscriptions, re-sent under the same clientMsgId) on a {@code Connection} (reconnects,
 * re-subscriptions with {@code since}) over a {@code Transport} seam, the per-room
 * {@code Sequencer} that drops repeats and fills gaps, the {@code StateCache} and
 * {@code StateFeed} that keep recent messages' current state and hand lifecycle entries over with
 * their target, the REST calls on {@code java.net.http}, a streaming multipart body and the serial
 * callback dispatcher. Classes here may change in any release.
 */
package dev.parley.client.internal;
