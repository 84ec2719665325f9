// Sending: a message typed here is a pending item until the server acknowledges it and its stored
// copy arrives, resent with the same clientMsgId after a reconnect, marked failed on an error
// frame (with Retry). A quoted reply carries `replyTo`, a reply in a thread `thread`. Until it is
// acknowledged it is also kept in this browser's offline queue (js/outbox.js), which a reload takes back.
import { toast } from './ui.js';
import { renderPending, pendingStatus } from './bubble.js';
import { peerOf } from './views.js';
import { newClientMsgId } from './util.js';
import { state, logFor } from './state.js';
import { sameUser } from './lifecycle.js';
import { keep, drop, queued } from './outbox.js';

let api = null;
let socket = null;
let hooks = null;

/**
 * @param {object} c
 * @param {object} c.api REST client
 * @param {object} c.socket the ChatSocket
 * @param {object} c.hooks {refreshRooms, openRoom, placePending(p, el), takeFetched(room, messages)}
 */
export function initSend(c) {
  ({ api, socket, hooks } = c);
}

let connected = false;
const pendingOpts = () => ({ onRetry: retry, connected });

/** The connection came up or went down: pending messages say whether they wait for it. */
export function connectionChanged(online) {
  connected = online;
  for (const p of state.pending.values()) {
    const status = pendingEl(p.clientMsgId)?.querySelector('.pending-status');
    if (status) status.textContent = pendingStatus(p, connected);
  }
}

let refused = () => false;

/** `fn(p, message)` may take a pending message the server refused as bad input back into its composer. */
export function onRefused(fn) {
  refused = fn;
}

/**
 * Sends `text` to `room` (an open room object) as a pending message; `replyTo` and `thread` are
 * message ids or null. Returns the pending item, or null when there is nothing to send.
 */
export function send(room, text, { replyTo = null, thread = null } = {}) {
  if (!text || !room || !room.member) return null;
  const p = {
    clientMsgId: newClientMsgId(),
    room: room.id,
    to: room.visibility === 'direct' ? peerOf(state, room) : null,
    text,
    replyTo,
    thread,
    acked: false,
    failed: null,
  };
  state.pending.set(p.clientMsgId, p);
  keep(state.me, p);
  hooks.placePending(p, renderPending(p, pendingOpts()));
  transmit(p);
  return p;
}

export const renderPendingItem = (p) => renderPending(p, pendingOpts());

/**
 * Takes back what this user's offline queue holds (messages typed before a reload that the server
 * had not acknowledged) as pending messages, in the order typed; the next welcome sends them.
 */
export function restoreQueued() {
  for (const p of queued(state.me)) {
    if (!state.pending.has(p.clientMsgId)) state.pending.set(p.clientMsgId, p);
  }
}

/** Hands a pending message to the socket; if it is down, the welcome after reconnect resends it. */
function transmit(p) {
  const frame = p.to
    ? { type: 'dm', to: p.to, text: p.text, clientMsgId: p.clientMsgId }
    : { type: 'send', room: p.room, text: p.text, clientMsgId: p.clientMsgId };
  if (p.replyTo != null) frame.replyTo = p.replyTo;
  if (p.thread != null) frame.thread = p.thread;
  socket.send(frame);
}

/** After (re)connecting. Same clientMsgId: the server stores each message once however often sent. */
export function resendPending() {
  for (const p of state.pending.values()) if (!p.acked && !p.failed) transmit(p);
}

function retry(p) {
  p.failed = null;
  keep(state.me, p);
  redrawPending(p);
  transmit(p);
}

function pendingEl(cid) {
  return [...document.querySelectorAll('.message.pending')].find((el) => el.dataset.clientMsgId === cid);
}

function redrawPending(p) {
  const old = pendingEl(p.clientMsgId);
  if (old) old.replaceWith(renderPending(p, pendingOpts()));
}

/** The stored copy of one of our pending messages has arrived: the pending item goes away. */
export function settlePending(msg) {
  const cid = msg.clientMsgId;
  if (!cid || !sameUser(msg.from, state.me) || !state.pending.has(cid)) return;
  state.pending.delete(cid);
  drop(state.me, cid);
  const el = pendingEl(cid);
  if (el) el.remove();
}

export function onAck(f) {
  const p = state.pending.get(f.clientMsgId);
  if (!p) return;
  p.acked = true;
  drop(state.me, p.clientMsgId); // stored: a reload finds it in the history, not in the queue
  const el = pendingEl(p.clientMsgId);
  if (el) el.querySelector('.pending-status').textContent = pendingStatus(p, connected);
  const room = state.rooms.get(f.room);
  if (!room || room.virtual) {
    // First message of a new conversation: the server has just created the room.
    hooks.refreshRooms().then(() => {
      if (state.current === f.room) hooks.openRoom(f.room);
    }).catch(() => {});
  }
  const log = logFor(f.room);
  if (typeof f.seq !== 'number' || log.msgs.has(f.seq)) return;
  // The message frame normally follows the ack; fetch the message if it does not come.
  setTimeout(async () => {
    if (!state.pending.has(p.clientMsgId)) return;
    try {
      const page = await api.messages(f.room, { after: f.seq - 1, limit: 1 });
      hooks.takeFetched(f.room, page.messages || []);
    } catch { /* the replay after the next reconnect brings it */ }
  }, 1500);
}

export function onErrorFrame(f) {
  const p = f.ref && state.pending.get(f.ref);
  if (p && f.code === 'BAD_REQUEST' && refused(p, f.message || 'The server refused this message')) {
    // Sending it again would be refused again: it is back in its composer, the reason beside it.
    state.pending.delete(p.clientMsgId);
    drop(state.me, p.clientMsgId);
    pendingEl(p.clientMsgId)?.remove();
    return;
  }
  toast(f.message || f.code || 'Error');
  if (p) {
    p.failed = f.message || f.code;
    keep(state.me, p);
    redrawPending(p);
  } else if (f.ref && state.subscribed.has(f.ref) && (f.code === 'FORBIDDEN' || f.code === 'NOT_FOUND')) {
    state.subscribed.delete(f.ref);
  }
}
