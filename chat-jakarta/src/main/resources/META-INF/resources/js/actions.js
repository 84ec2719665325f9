// What the buttons of a message do (see js/bubble.js): reply with a quote, reply in a thread,
// react, edit in place, delete after a confirm step. Edits, deletions and reactions go by REST,
// so that each refusal (403, 409, 429...) comes back to the message it concerns and is said there;
// their effect reaches every page, this one too, as entries of the room's log.
import { $ } from './ui.js';
import { redraw } from './bubble.js';
import { state, logFor } from './state.js';
import { openPicker } from './picker.js';
import { canEdit } from './perms.js';
import { firstLine, emojiProblem } from './lifecycle.js';
import { rules } from './util.js';

let api = null;
let hooks = null;
let renderOpts = () => ({});

/**
 * @param {object} c
 * @param {object} c.api REST client
 * @param {() => object} c.renderOpts options for renderMessage (downloads)
 * @param {object} c.hooks {openThread(room, rootId, opener), setReply(where, room, id), scrollTo(room, id)}
 */
export function initActions(c) {
  ({ api, hooks } = c);
  renderOpts = c.renderOpts;
  for (const list of [$('#message-list'), $('#thread-panel')]) {
    list.addEventListener('click', onClick);
    list.addEventListener('keydown', onKeydown);
    list.addEventListener('input', onEditInput);
    // A long press on a touch screen shows a message's actions (they appear on hover elsewhere).
    list.addEventListener('contextmenu', (ev) => {
      const li = bubbleOf(ev.target);
      if (!li || !touchOnly() || ev.target.closest('button, a, textarea')) return;
      ev.preventDefault();
      showActionsOf(li);
    });
  }
}

const touchOnly = () => window.matchMedia('(hover: none)').matches;
const bubbleOf = (el) => el.closest('li.message[data-id]:not(.note)');
const msgOf = (li) => (li && li.dataset.room ? logFor(li.dataset.room).find(Number(li.dataset.id)) : null);

function showActionsOf(li) {
  for (const other of document.querySelectorAll('li.message.show-actions')) {
    if (other !== li) other.classList.remove('show-actions');
  }
  li.classList.toggle('show-actions');
}

/** Says why an action on a message was refused, on the message itself. */
export function refuse(msg, text) {
  state.errors.set(msg.id, text);
  redraw(msg.room, [msg.id], renderOpts());
}

function clearError(msg) {
  if (state.errors.delete(msg.id)) redraw(msg.room, [msg.id], renderOpts());
}

function reason(e, what) {
  if (e.status === 409) return 'This message was deleted';
  if (e.status === 404) return 'This message is no longer there';
  if (e.status === 403) return e.message || `You may not ${what} this message`;
  if (e.status === 429) return 'Too fast: wait a moment and try again';
  if (e.status === 0) return `Could not ${what}: the server cannot be reached`;
  return e.message || `Could not ${what} this message`;
}

async function onClick(ev) {
  const li = bubbleOf(ev.target);
  if (!li) return;
  const button = ev.target.closest('[data-action]');
  if (!button) {
    // A tap on a bubble shows its actions where there is no hover.
    if (touchOnly() && !ev.target.closest('a, textarea, button')) showActionsOf(li);
    return;
  }
  const msg = msgOf(li);
  if (!msg) return;
  const where = li.dataset.where;
  switch (button.dataset.action) {
    case 'reply':
      clearError(msg);
      hooks.setReply(where === 'main' ? 'main' : 'thread', msg.room, msg.id);
      break;
    case 'thread':
    case 'open-thread':
      hooks.openThread(msg.room, msg.id, button);
      break;
    case 'react':
      openPicker(button, {
        check: (value) => emojiProblem(value, rules.maxEmojiLength),
        onPick: (emoji) => setReaction(msg, emoji, true),
      });
      break;
    case 'toggle-reaction': {
      const r = (msg.reactions || []).find((x) => x.emoji === button.dataset.emoji);
      setReaction(msg, button.dataset.emoji, !(r && r.me));
      break;
    }
    case 'edit':
      startEdit(msg, where);
      break;
    case 'edit-save':
      saveEdit(msg, li);
      break;
    case 'edit-cancel':
      cancelEdit(msg);
      break;
    case 'delete':
      state.errors.delete(msg.id);
      state.confirming.add(msg.id);
      redraw(msg.room, [msg.id], renderOpts());
      focusIn(msg.id, where, '[data-action="delete-cancel"]');
      break;
    case 'delete-confirm':
      deleteMessage(msg, where);
      break;
    case 'delete-cancel':
      state.confirming.delete(msg.id);
      redraw(msg.room, [msg.id], renderOpts());
      focusIn(msg.id, where, '[data-action="delete"]');
      break;
    case 'dismiss-error':
      clearError(msg);
      break;
    case 'quote':
      hooks.scrollTo(msg.room, Number(button.dataset.quoteId));
      break;
    default:
  }
}

function focusIn(id, where, selector) {
  const li = [...document.querySelectorAll(`li.message[data-id="${id}"]`)].find((x) => x.dataset.where === where);
  const el = li && li.querySelector(selector);
  if (el) el.focus();
}

function onKeydown(ev) {
  const box = ev.target.closest('[data-action="edit-box"]');
  const li = bubbleOf(ev.target);
  if (!li) return;
  const msg = msgOf(li);
  if (!msg) return;
  if (box && ev.key === 'Enter' && !ev.shiftKey && !ev.isComposing) {
    ev.preventDefault();
    saveEdit(msg, li);
  } else if (ev.key === 'Escape' && (box || state.confirming.has(msg.id))) {
    // Escape here belongs to the editor or the confirm step, not to the panels around.
    ev.stopPropagation();
    if (box) cancelEdit(msg);
    else {
      state.confirming.delete(msg.id);
      redraw(msg.room, [msg.id], renderOpts());
      focusIn(msg.id, li.dataset.where, '[data-action="delete"]');
    }
  }
}

function onEditInput(ev) {
  const box = ev.target.closest('[data-action="edit-box"]');
  if (!box) return;
  const msg = msgOf(bubbleOf(box));
  const editing = msg && state.editing.get(msg.id);
  if (editing) editing.draft = box.value;
}

// ---- editing -------------------------------------------------------------------------------

function startEdit(msg, where) {
  if (!canEdit(msg)) return;
  state.errors.delete(msg.id);
  state.editing.set(msg.id, { draft: msg.text, where, saving: false });
  redraw(msg.room, [msg.id], renderOpts());
  const li = [...document.querySelectorAll(`li.message[data-id="${msg.id}"]`)].find((x) => x.dataset.where === where);
  const box = li && li.querySelector('.edit-box');
  if (box) {
    box.focus();
    box.setSelectionRange(box.value.length, box.value.length);
    box.style.height = `${Math.min(box.scrollHeight + 2, 200)}px`;
  }
}

function cancelEdit(msg) {
  const editing = state.editing.get(msg.id);
  if (!editing) return;
  state.editing.delete(msg.id);
  redraw(msg.room, [msg.id], renderOpts());
  focusIn(msg.id, editing.where, '[data-action="edit"]');
}

async function saveEdit(msg, li) {
  const editing = state.editing.get(msg.id);
  if (!editing || editing.saving) return;
  const box = li.querySelector('.edit-box');
  const text = (box ? box.value : editing.draft).trim();
  editing.draft = box ? box.value : editing.draft;
  if (!text) {
    refuse(msg, 'A message cannot be empty: delete it instead');
    return;
  }
  if (text === msg.text) {
    cancelEdit(msg);
    return;
  }
  editing.saving = true;
  state.errors.delete(msg.id);
  redraw(msg.room, [msg.id], renderOpts());
  try {
    const now = await api.editMessage(msg.room, msg.id, text);
    state.editing.delete(msg.id);
    // The EDIT entry brings the same change to every page; the answer shows it here at once.
    const held = logFor(msg.room).find(msg.id);
    if (held && now && !held.deleted) {
      held.text = now.text;
      held.editedAt = now.editedAt || held.editedAt;
    }
    redraw(msg.room, [msg.id], renderOpts());
    focusIn(msg.id, editing.where, '[data-action="edit"]');
  } catch (e) {
    editing.saving = false;
    if (e.status === 409) state.editing.delete(msg.id);
    refuse(msg, e.status === 409 ? 'This message was deleted and can no longer be edited' : reason(e, 'edit'));
    focusIn(msg.id, editing.where, '.edit-box');
  }
}

// ---- deleting and reacting -----------------------------------------------------------------

async function deleteMessage(msg, where) {
  state.confirming.delete(msg.id);
  state.errors.delete(msg.id);
  redraw(msg.room, [msg.id], renderOpts());
  focusIn(msg.id, where, '[data-action="delete"]');
  try {
    await api.deleteMessage(msg.room, msg.id);
    state.editing.delete(msg.id);
    // The DELETE entry redraws it everywhere, this page too.
  } catch (e) {
    refuse(msg, reason(e, 'delete'));
  }
}

async function setReaction(msg, emoji, active) {
  state.errors.delete(msg.id);
  try {
    if (active) await api.react(msg.room, msg.id, emoji);
    else await api.unreact(msg.room, msg.id, emoji);
    // The REACTION entry updates the chip here as everywhere.
    redraw(msg.room, [msg.id], renderOpts());
  } catch (e) {
    const full = e.status === 409 && active && !/deleted/i.test(e.message || '');
    refuse(msg, full ? `No more reactions: a message holds at most ${rules.maxReactions || 'so many'} different ones`
      : reason(e, 'react to'));
  }
}

/** A short description of a message for a composer's "Replying to" line. */
export function replyLabel(msg) {
  if (!msg) return { from: '', text: '…' };
  return { from: msg.from, text: msg.deleted ? 'deleted message' : firstLine(msg) };
}
