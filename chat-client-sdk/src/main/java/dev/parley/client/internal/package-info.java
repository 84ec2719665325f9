/**
 * How the SDK works, not part of its API: the live {@code Session} (reconnects, re-subscriptions
 * with {@code since}, re-sends under the same clientMsgId) over a {@code Transport} seam, the
 * per-room {@code Sequencer} that drops repeats and fills gaps, the REST calls on
 * {@code java.net.http}, a streaming multipart body and the serial callback dispatcher. Classes here
 * may change in any release.
 */
package dev.parley.client.internal;
