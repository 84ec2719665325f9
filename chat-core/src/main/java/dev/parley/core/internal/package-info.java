/**
 * The engine behind {@link dev.parley.core.Chat}: rules, accounts and tokens, per-room live hubs
 * that deliver in seq order, bounded per-connection outboxes, the long-polling feed. Not API: no
 * type here may be used outside chat-core, and any of them may change without notice.
 */
package dev.parley.core.internal;
