// One message as a list item, in its current state: quote of what it answers, text or the deleted
// placeholder, "(edited)", the shared file (js/attachments.js), reaction chips, reply count, and its actions. Buttons carry
// `data-action` and are handled by js/actions.js through one delegated listener, so a redrawn
// item needs no wiring. User data enters only as text (see js/ui.js).
import { h, icon } from './ui.js';
import { formatTime } from './util.js';
import { renderAttachment } from './attachments.js';
import { state, logFor } from './state.js';
import { isContent, firstLine, sameUser } from './lifecycle.js';
import { canReact, canReply, canThread, canEdit, canDelete } from './perms.js';
import { renderRichText } from './richtext.js';
import { timeOf } from './timeline.js';
import { avatar } from './avatar.js';
import { shown, handle } from './names.js';
import { markMentions } from './mentions.js';

const NOTE_KINDS = new Set(['USER_JOINED', 'USER_LEFT', 'MODERATION', 'ROOM_UPDATED']);

let needQuote = () => {};

/** `c.needQuote(room, id)`: asked for a quoted message that is not held (it fetches it, then redraws). */
export function initBubbles(c) {
  ({ needQuote } = c);
}

function noteText(msg) {
  if (msg.text) return msg.text;
  if (msg.kind === 'USER_JOINED') return `${shown(msg.from)} joined`;
  if (msg.kind === 'USER_LEFT') return `${shown(msg.from)} left`;
  return '';
}

const actionButton = (action, label, iconName) => h('button', {
  type: 'button', class: 'icon-button msg-action', dataset: { action }, 'aria-label': label, title: label,
}, icon(iconName, 16));

/**
 * One stored message as a list item: `.message` with `data-seq`, `data-kind`, `data-id`,
 * `data-from` and `data-where` ('main' in the timeline, 'root' and 'thread' in the thread panel).
 * Joins/leaves are muted centred notes, SYSTEM a highlighted note, the rest a bubble.
 */
export function renderMessage(msg, where = 'main', { onDownload } = {}) {
  const kind = msg.kind || 'CHAT';
  const base = {
    class: `message kind-${kind.toLowerCase()}`,
    dataset: { seq: String(msg.seq), kind, id: String(msg.id), from: msg.from || '', room: msg.room, where },
  };
  if (msg.clientMsgId) base.dataset.clientMsgId = msg.clientMsgId;

  if (NOTE_KINDS.has(kind)) {
    base.class += ' note';
    return h('li', base, h('span', { class: 'text' }, noteText(msg)), ' ', timeOf(msg.createdAt));
  }
  if (kind === 'SYSTEM') {
    base.class += ' note system';
    return h('li', base,
      h('span', { class: 'kind-label' }, 'Announcement'),
      h('span', { class: 'text' }, msg.text || ''), ' ', timeOf(msg.createdAt));
  }

  if (sameUser(msg.from, state.me)) base.class += ' own';
  base.tabindex = '-1'; // a tap focuses it, which shows its actions; the focus falls back to it
  if (msg.deleted) base.class += ' deleted';
  else if (!sameUser(msg.from, state.me) && (msg.mentions || []).some((u) => sameUser(u, state.me))) base.class += ' mentions-me';
  if (where === 'root') base.class += ' thread-root';
  const meta = h('div', { class: 'meta' }, h('span', { class: 'from', title: handle(msg.from) }, shown(msg.from)), timeOf(msg.createdAt),
    msg.editedAt && !msg.deleted ? h('time', {
      class: 'edited', datetime: msg.editedAt, title: `Edited ${new Date(msg.editedAt).toLocaleString()}`,
    }, '(edited)') : null);
  base.class += ' has-avatar';
  const body = [avatar(msg.from), meta];
  if (msg.replyTo != null) body.push(renderQuote(msg.room, msg.replyTo));

  const editing = state.editing.get(msg.id);
  if (msg.deleted) {
    body.push(h('div', { class: 'text deleted-note' }, 'This message was deleted'));
  } else if (editing && editing.where === where && canEdit(msg)) {
    base.class += ' editing';
    body.push(renderEditor(msg, editing));
  } else {
    // A shared file's text is its name, which the file's card shows already.
    const fileCard = kind === 'FILE_SHARED' && msg.file;
    if (msg.text && !(fileCard && msg.text === msg.file.name)) {
      body.push(h('div', { class: 'text rich' }, markMentions(renderRichText(msg.text), msg.mentions, state.me)));
    }
    if (fileCard) body.push(renderAttachment(msg.file, onDownload));
  }
  if (!msg.deleted && msg.reactions && msg.reactions.length) body.push(renderReactions(msg));
  if (where === 'main' && msg.replies > 0) body.push(repliesLink(msg));
  if (state.confirming.has(msg.id) && canDelete(msg)) {
    base.class += ' confirming';
    body.push(renderConfirm());
  }
  const error = state.errors.get(msg.id);
  if (error) {
    body.push(h('p', { class: 'msg-error', role: 'alert' }, h('span', {}, error), h('button', {
      type: 'button', class: 'icon-button', dataset: { action: 'dismiss-error' }, 'aria-label': 'Dismiss',
    }, icon('close', 12))));
  }
  if (isContent(msg)) body.push(renderActions(msg, where));
  return h('li', base, ...body);
}

function renderActions(msg, where) {
  const buttons = [];
  if (canReply(msg)) buttons.push(actionButton('reply', `Reply to ${msg.from}`, 'reply'));
  if (where === 'main' && canThread(msg)) buttons.push(actionButton('thread', 'Reply in thread', 'thread'));
  if (canReact(msg)) buttons.push(actionButton('react', 'Add reaction', 'smile'));
  if (canEdit(msg)) buttons.push(actionButton('edit', 'Edit message', 'edit'));
  if (canDelete(msg)) buttons.push(actionButton('delete', 'Delete message', 'trash'));
  if (!buttons.length) return null;
  // The bar is pushed to the bubble's right end, and overflows to the right of a short bubble
  // rather than out of the timeline on its left.
  return h('div', { class: 'msg-actions', role: 'group', 'aria-label': `Actions on the message of ${msg.from}` },
    h('div', { class: 'msg-actions-bar' }, ...buttons));
}

function renderReactions(msg) {
  const mayReact = canReact(msg);
  return h('div', { class: 'reactions' }, ...msg.reactions.map((r) => h('button', {
    type: 'button',
    class: `reaction-chip${r.me ? ' mine' : ''}`,
    dataset: { action: 'toggle-reaction', emoji: r.emoji },
    'aria-pressed': r.me ? 'true' : 'false',
    'aria-label': `${r.emoji} ${r.count}${r.me ? ', you reacted: remove yours' : ': add yours'}`,
    disabled: !mayReact,
  }, h('span', { class: 'reaction-emoji' }, r.emoji), h('span', { class: 'reaction-count' }, String(r.count)))));
}

function repliesLink(msg) {
  const n = msg.replies;
  const label = n === 1 ? '1 reply' : `${n} replies`;
  return h('div', { class: 'replies' },
    h('button', { type: 'button', class: 'replies-link', dataset: { action: 'open-thread' }, 'aria-label': `${label}: open the thread` },
      icon('thread'), label),
    msg.lastReplyAt ? h('span', { class: 'last-reply muted' }, `last ${formatTime(msg.lastReplyAt)}`) : null);
}

function renderEditor(msg, editing) {
  const box = h('textarea', {
    class: 'edit-box', rows: '2', 'aria-label': 'Edit message', 'aria-describedby': `edit-hint-${msg.id}`,
    dataset: { action: 'edit-box' },
  });
  box.value = editing.draft;
  return h('div', { class: 'editor' }, box,
    h('div', { class: 'editor-bar' },
      h('span', { class: 'muted', id: `edit-hint-${msg.id}` }, 'Enter to save · Escape to cancel'),
      h('button', { type: 'button', dataset: { action: 'edit-cancel' } }, 'Cancel'),
      h('button', { type: 'button', class: 'primary', dataset: { action: 'edit-save' }, disabled: !!editing.saving },
        editing.saving ? 'Saving…' : 'Save')));
}

function renderConfirm() {
  return h('div', { class: 'confirm-delete', role: 'group', 'aria-label': 'Confirm deletion' },
    h('span', {}, 'Delete this message?'),
    h('button', { type: 'button', class: 'danger', dataset: { action: 'delete-confirm' } }, 'Delete'),
    h('button', { type: 'button', dataset: { action: 'delete-cancel' } }, 'Cancel'));
}

/**
 * The compact quote of a replied-to message: author and first line, "deleted message", or a
 * placeholder while it is fetched. A button: it scrolls to the message when it is shown.
 */
export function renderQuote(room, id) {
  const target = logFor(room).find(id);
  if (target === undefined) needQuote(room, id);
  let from = '';
  let text;
  if (!target) text = target === null ? 'message not available' : '…';
  else if (target.deleted) { from = target.from; text = 'deleted message'; } else { from = target.from; text = firstLine(target); }
  return h('button', {
    type: 'button', class: `quote${target && target.deleted ? ' quote-deleted' : ''}`,
    dataset: { action: 'quote', quoteId: String(id) },
    'aria-label': `In reply to ${from ? `${from}: ` : ''}${text}. Show that message`,
  }, from ? h('span', { class: 'quote-from' }, from) : null, h('span', { class: 'quote-text' }, text));
}

/** A message typed here and not yet acknowledged: `.message.pending` with `data-client-msg-id`. */
export function renderPending(p, { onRetry, connected = true }) {
  const status = h('span', { class: 'pending-status' }, pendingStatus(p, connected));
  const el = h('li', {
    class: `message kind-chat own pending has-avatar${p.failed ? ' failed' : ''}`,
    dataset: { clientMsgId: p.clientMsgId, kind: p.to ? 'PRIVATE' : 'CHAT' },
  },
  avatar(state.me),
  h('div', { class: 'meta' }, h('span', { class: 'from' }, state.me), status),
  p.replyTo != null ? renderQuote(p.room, p.replyTo) : null,
  h('div', { class: 'text rich' }, renderRichText(p.text)));
  if (p.failed) {
    el.append(h('button', { type: 'button', class: 'retry', on: { click: () => onRetry(p) } }, 'Retry'));
  }
  return el;
}

/** What a pending message says of itself: failed, sent (acknowledged), sending, or queued offline. */
export function pendingStatus(p, connected) {
  if (p.failed) return `failed: ${p.failed}`;
  if (p.acked) return 'sent';
  return connected ? 'sending…' : 'queued: sent when back online';
}

/**
 * Redraws every item showing these messages of `room` (timeline and thread panel) and the quotes
 * of them, keeping the focus where it was (on the same action, or in the editor with its caret).
 */
export function redraw(room, ids, opts) {
  const log = logFor(room);
  for (const id of ids) {
    const msg = log.find(id);
    if (msg) {
      for (const li of document.querySelectorAll(`li.message[data-id="${id}"]`)) {
        if (!li.closest('#message-list, #thread-panel')) continue;
        const focus = focusKey(li);
        const fresh = renderMessage(msg, li.dataset.where, opts);
        if (li.classList.contains('show-actions')) fresh.classList.add('show-actions');
        li.replaceWith(fresh);
        restoreFocus(fresh, focus);
      }
    }
    for (const q of document.querySelectorAll(`.quote[data-quote-id="${id}"]`)) {
      const had = document.activeElement === q;
      const fresh = renderQuote(room, id);
      q.replaceWith(fresh);
      if (had) fresh.focus();
    }
  }
}

function focusKey(li) {
  const el = document.activeElement;
  if (!el || !li.contains(el)) return null;
  return {
    action: el.dataset ? el.dataset.action : null,
    emoji: el.dataset ? el.dataset.emoji : null,
    start: el.selectionStart,
    end: el.selectionEnd,
  };
}

function restoreFocus(li, key) {
  if (!key) return;
  const el = key.action && [...li.querySelectorAll('[data-action]')].find((b) => b.dataset.action === key.action
    && (key.emoji == null || b.dataset.emoji === key.emoji));
  if (!el) {
    li.focus({ preventScroll: true });
    return;
  }
  el.focus();
  if (typeof key.start === 'number' && el.setSelectionRange) el.setSelectionRange(key.start, key.end);
}
