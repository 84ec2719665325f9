// The two composers, the room's and the open thread's: what they send, and the "Replying to" line
// of a quoted reply above each (Escape or its × drops it).
import { $ } from './ui.js';
import { state, logFor, currentRoom } from './state.js';
import { send, onRefused } from './send.js';
import { overLimit, updateLimit, showRefusal } from './limit.js';
import { autosize, stopTyping } from './typing.js';
import { replyLabel } from './actions.js';

const BARS = {
  main: { bar: '#reply-bar', input: '#message-input', key: 'replyTo' },
  thread: { bar: '#thread-reply-bar', input: '#thread-input', key: 'threadReplyTo' },
};

export function initCompose() {
  onRefused(takeBack);
  for (const where of Object.keys(BARS)) {
    const b = BARS[where];
    $(b.bar).querySelector('.reply-cancel').addEventListener('click', () => {
      clearReply(where);
      $(b.input).focus();
    });
    $(b.input).addEventListener('keydown', (ev) => {
      if (ev.key === 'Escape' && state[b.key]) {
        ev.stopPropagation(); // the reply goes, not the panel around
        clearReply(where);
      }
    });
  }
}

/** The composer `where` ('main' or 'thread') now answers message `id` of `room` with a quote. */
export function setReply(where, room, id) {
  const b = BARS[where];
  state[b.key] = { room, id };
  drawReply(where);
  $(b.input).focus();
}

export function clearReply(where) {
  state[BARS[where].key] = null;
  drawReply(where);
}

/** Redraws the "Replying to" line (the quoted message may have changed or arrived). */
export function drawReply(where) {
  const b = BARS[where];
  const bar = $(b.bar);
  const r = state[b.key];
  bar.hidden = !r;
  if (!r) return;
  const { from, text } = replyLabel(logFor(r.room).find(r.id));
  bar.querySelector('.reply-from').textContent = from;
  bar.querySelector('.reply-text').textContent = text;
}

/** Sends what the room's composer holds, as a quoted reply when one is set. */
export function sendCurrent() {
  const input = $('#message-input');
  const room = currentRoom();
  const text = input.value.trim();
  const r = state.replyTo;
  if (overLimit('main')) { updateLimit('main'); return; } // nothing cut, nothing sent: the counter says why
  const p = send(room, text, { replyTo: r && room && r.room === room.id ? r.id : null });
  if (!p) return;
  input.value = '';
  updateLimit('main');
  autosize();
  stopTyping();
  clearReply('main');
}

/** Sends what the thread's composer holds as a reply in the open thread. */
export function sendInThread() {
  const t = state.thread;
  const input = $('#thread-input');
  const text = input.value.trim();
  if (!t) return;
  const r = state.threadReplyTo;
  if (overLimit('thread')) { updateLimit('thread'); return; }
  const p = send(state.rooms.get(t.room), text, { thread: t.root, replyTo: r && r.room === t.room ? r.id : null });
  if (!p) return;
  input.value = '';
  updateLimit('thread');
  autosize(input, 120);
  clearReply('thread');
}

/**
 * The server refused a message as bad input (400: too long for it, say): where its composer is
 * still on the same conversation and empty, the text goes back there, whole, with the server's
 * reason beside it, rather than staying a failed bubble. Returns whether it was taken back.
 */
function takeBack(p, message) {
  const where = p.thread == null ? 'main' : 'thread';
  const here = where === 'main' ? state.current === p.room
    : !!state.thread && state.thread.room === p.room && state.thread.root === p.thread;
  const input = $(BARS[where].input);
  if (!here || input.value.trim()) return false;
  input.value = p.text;
  if (where === 'main') autosize();
  else autosize(input, 120);
  if (p.replyTo != null) setReply(where, p.room, p.replyTo);
  showRefusal(where, message);
  input.focus();
  return true;
}
