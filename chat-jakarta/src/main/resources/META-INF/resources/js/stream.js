// Messages: the open room's view (history paging), the live stream with gap repair, sending
// with pending items until acknowledged, and typing notices.
import { $, toast, renderMessage, renderPending, insertBySeq } from './ui.js';
import { renderTyping, peerOf } from './views.js';
import { newClientMsgId, isDirectRoomId } from './util.js';
import { state, logFor, currentRoom } from './state.js';
import { downloadFile } from './files.js';

const PAGE = 50;
const TYPING_EVERY_MS = 3000;
const TYPING_IDLE_MS = 5000;
const TYPING_EXPIRE_MS = 6000;
const UNREAD_KINDS = new Set(['CHAT', 'PRIVATE', 'FILE_SHARED']);

let api = null;
let socket = null;
let hooks = null;

/**
 * @param {object} c
 * @param {object} c.api REST client
 * @param {object} c.socket the ChatSocket
 * @param {object} c.hooks {drawSidebar, refreshRooms, refreshRoomsSoon, reloadMembersSoon, showAnnouncement, openRoom}
 */
export function initStream(c) {
  ({ api, socket, hooks } = c);
}

const list = () => $('#message-list');
const area = () => $('#message-area');
const renderOpts = () => ({ me: state.me, onDownload: downloadFile });
const pendingOpts = () => ({ me: state.me, onRetry: retry });
const quiet = (e) => { if (e.status !== 401) toast(e.message); };

// ---- the open room -------------------------------------------------------------------------

/** Redraws the whole list for room `id` from what is held (messages, then pending sends). */
export function renderMessagesOf(id) {
  const room = id ? state.rooms.get(id) : null;
  const items = [];
  if (room && !room.member) {
    const li = document.createElement('li');
    li.className = 'empty';
    li.textContent = 'Join this room to read and send messages.';
    items.push(li);
  } else if (room) {
    for (const m of logFor(id).sorted()) items.push(renderMessage(m, renderOpts()));
    for (const p of state.pending.values()) if (p.room === id) items.push(renderPending(p, pendingOpts()));
  }
  list().replaceChildren(...items);
  updateHistoryStatus();
  scrollToBottom();
}

function nearBottom() {
  const a = area();
  return a.scrollHeight - a.scrollTop - a.clientHeight < 80;
}

function scrollToBottom() {
  const a = area();
  a.scrollTop = a.scrollHeight;
}

function showMessage(msg) {
  const stick = nearBottom() || msg.from === state.me;
  insertBySeq(list(), renderMessage(msg, renderOpts()), msg.seq);
  if (stick) scrollToBottom();
}

function updateHistoryStatus() {
  const el = $('#history-status');
  const room = currentRoom();
  if (!room || !room.member || room.virtual) { el.textContent = ''; return; }
  const log = logFor(room.id);
  if (state.loadingOlder) el.textContent = 'Loading older messages…';
  else if (log.loaded && !log.hasMoreBefore) el.textContent = log.msgs.size ? 'Start of the conversation' : 'No messages yet';
  else el.textContent = '';
}

/** The latest page of a room, the first time it is opened. */
export async function loadLatest(id) {
  const log = logFor(id);
  try {
    const page = await api.messages(id, { limit: PAGE });
    log.loaded = true;
    const added = log.addHistory(page.messages || []);
    log.hasMoreBefore = !!page.hasMore;
    added.forEach(settlePending);
    if (state.current === id) {
      renderMessagesOf(id);
      fillViewport();
    }
  } catch (e) {
    quiet(e);
  }
}

/** Older messages when scrolled to the top, keeping what is on screen in place. */
export async function loadOlder() {
  const id = state.current;
  const room = currentRoom();
  if (!room || !room.member || room.virtual || state.loadingOlder) return;
  const log = logFor(id);
  if (!log.loaded || !log.hasMoreBefore || log.oldest === null) return;
  state.loadingOlder = true;
  updateHistoryStatus();
  try {
    const page = await api.messages(id, { before: log.oldest, limit: PAGE });
    const added = log.addHistory(page.messages || []);
    log.hasMoreBefore = !!page.hasMore && added.length > 0;
    if (state.current === id) {
      const a = area();
      const fromBottom = a.scrollHeight - a.scrollTop;
      for (const m of added) insertBySeq(list(), renderMessage(m, renderOpts()), m.seq);
      a.scrollTop = a.scrollHeight - fromBottom;
    }
  } catch (e) {
    quiet(e);
  } finally {
    state.loadingOlder = false;
    updateHistoryStatus();
  }
  if (state.current === id) fillViewport();
}

/** Keeps loading history while the list does not fill the view (no scrollbar to scroll up with). */
export function fillViewport() {
  const a = area();
  const log = state.current ? logFor(state.current) : null;
  if (log && log.loaded && log.hasMoreBefore && a.scrollHeight <= a.clientHeight + 10) loadOlder();
}

// ---- live stream ---------------------------------------------------------------------------

/** Subscribes to every member room not yet subscribed on this connection, resuming from `last`. */
export function syncSubscriptions() {
  if (!socket.ready) return;
  for (const r of state.rooms.values()) {
    if (!r.member || r.virtual || state.subscribed.has(r.id)) continue;
    const since = state.logs.has(r.id) ? logFor(r.id).last : null;
    const frame = { type: 'subscribe', room: r.id };
    if (since !== null) frame.since = since;
    if (socket.send(frame)) state.subscribed.set(r.id, since);
  }
  for (const id of [...state.subscribed.keys()]) {
    const r = state.rooms.get(id);
    if (!r || !r.member) {
      socket.send({ type: 'unsubscribe', room: id });
      state.subscribed.delete(id);
    }
  }
}

export function onSubscribed(f) {
  const log = logFor(f.room);
  log.noteServerLast(f.lastSeq);
  // Without `since` nothing is replayed: what lies between what we hold and lastSeq comes by REST.
  if (state.subscribed.get(f.room) == null && log.hasGap()) fillGap(f.room);
}

/** A message from the socket (or an upload answer): dropped if seen, gap repaired if ahead. */
export function acceptLive(msg) {
  if (msg.kind === 'SYSTEM') hooks.showAnnouncement(msg);
  if (typeof msg.seq !== 'number' || !msg.room) return;
  const id = msg.room;
  if (isDirectRoomId(id) && msg.from && msg.from !== state.me) state.peers.set(id, msg.from);
  const log = logFor(id);
  const result = log.acceptLive(msg);
  settlePending(msg);
  if (result === 'dup') return;
  afterNew(msg);
  if (!state.rooms.has(id) && msg.kind !== 'SYSTEM') hooks.refreshRoomsSoon();
  if (result === 'gap') fillGap(id);
}

/** Display and side effects of a message that is new to this page. */
function afterNew(msg) {
  const id = msg.room;
  if (id === state.current) {
    showMessage(msg);
    if (msg.kind === 'USER_JOINED' || msg.kind === 'USER_LEFT') hooks.reloadMembersSoon();
  } else if (UNREAD_KINDS.has(msg.kind) && msg.from !== state.me) {
    state.unread.set(id, (state.unread.get(id) || 0) + 1);
    hooks.drawSidebar();
  }
  const typers = state.typing.get(id);
  if (typers && typers.has(msg.from)) {
    clearTimeout(typers.get(msg.from));
    typers.delete(msg.from);
    renderTyping(state);
  }
}

/** Fetches by REST what the live stream skipped, until `last` reaches the highest seq known. */
export async function fillGap(id) {
  const room = state.rooms.get(id);
  if (!room || !room.member || room.virtual) return;
  const log = logFor(id);
  if (log.filling) { log.refill = true; return; }
  log.filling = true;
  try {
    for (let i = 0; i < 100 && log.hasGap(); i++) {
      const from = log.last;
      const page = await api.messages(id, { after: from, limit: 200 });
      const messages = page.messages || [];
      for (const m of messages) {
        const r = log.acceptLive(m);
        settlePending(m);
        if (r !== 'dup') afterNew(m);
      }
      // The server holds nothing more between `last` and what we hold: retention removed it.
      if (!page.hasMore && log.hasGap()) log.skipGap();
      if (log.last === from && messages.length === 0) break;
    }
  } catch (e) {
    if (e.status === 0 || e.status >= 500) setTimeout(() => fillGap(id), 3000);
  } finally {
    log.filling = false;
    if (log.refill) {
      log.refill = false;
      if (log.hasGap()) fillGap(id);
    }
  }
}

// ---- sending -------------------------------------------------------------------------------

export function sendCurrent() {
  const input = $('#message-input');
  const text = input.value.trim();
  const room = currentRoom();
  if (!text || !room || !room.member) return;
  const p = {
    clientMsgId: newClientMsgId(),
    room: room.id,
    to: room.visibility === 'direct' ? peerOf(state, room) : null,
    text,
    acked: false,
    failed: null,
  };
  state.pending.set(p.clientMsgId, p);
  input.value = '';
  autosize();
  stopTyping();
  list().append(renderPending(p, pendingOpts()));
  scrollToBottom();
  transmit(p);
}

/** Hands a pending message to the socket; if it is down, the welcome after reconnect resends it. */
function transmit(p) {
  socket.send(p.to
    ? { type: 'dm', to: p.to, text: p.text, clientMsgId: p.clientMsgId }
    : { type: 'send', room: p.room, text: p.text, clientMsgId: p.clientMsgId });
}

/** After (re)connecting. Same clientMsgId: the server stores each message once however often sent. */
export function resendPending() {
  for (const p of state.pending.values()) if (!p.acked && !p.failed) transmit(p);
}

function retry(p) {
  p.failed = null;
  redrawPending(p);
  transmit(p);
}

function pendingEl(cid) {
  return [...list().querySelectorAll('.message.pending')].find((el) => el.dataset.clientMsgId === cid);
}

function redrawPending(p) {
  const old = pendingEl(p.clientMsgId);
  if (old) old.replaceWith(renderPending(p, pendingOpts()));
}

/** The stored copy of one of our pending messages has arrived: the pending item goes away. */
function settlePending(msg) {
  const cid = msg.clientMsgId;
  if (!cid || msg.from !== state.me || !state.pending.has(cid)) return;
  state.pending.delete(cid);
  const el = pendingEl(cid);
  if (el) el.remove();
}

export function onAck(f) {
  const p = state.pending.get(f.clientMsgId);
  if (!p) return;
  p.acked = true;
  const el = pendingEl(p.clientMsgId);
  if (el) el.querySelector('.pending-status').textContent = 'sent';
  const room = state.rooms.get(f.room);
  if (!room || room.virtual) {
    // First message of a new conversation: the server has just created the room.
    hooks.refreshRooms().then(() => {
      if (state.current === f.room) hooks.openRoom(f.room);
    }).catch(() => {});
  }
  const log = logFor(f.room);
  if (log.msgs.has(f.seq)) return;
  // The message frame normally follows the ack; fetch the message if it does not come.
  setTimeout(async () => {
    if (!state.pending.has(p.clientMsgId)) return;
    try {
      const page = await api.messages(f.room, { after: f.seq - 1, limit: 1 });
      for (const m of log.addHistory(page.messages || [])) {
        settlePending(m);
        if (state.current === f.room) showMessage(m);
      }
    } catch { /* the replay after the next reconnect brings it */ }
  }, 1500);
}

export function onErrorFrame(f) {
  toast(f.message || f.code || 'Error');
  const p = f.ref && state.pending.get(f.ref);
  if (p) {
    p.failed = f.message || f.code;
    redrawPending(p);
  } else if (f.ref && state.subscribed.has(f.ref) && (f.code === 'FORBIDDEN' || f.code === 'NOT_FOUND')) {
    state.subscribed.delete(f.ref);
  }
}

// ---- typing --------------------------------------------------------------------------------

export function autosize() {
  const input = $('#message-input');
  // Not laid out (the chat is still hidden behind the login screen): scrollHeight would be 0 and
  // shrink the composer to a sliver; the caller sizes it again once it is shown.
  if (!input.getClientRects().length) return;
  input.style.height = 'auto';
  input.style.height = `${Math.min(input.scrollHeight + 2, 160)}px`;
}

/** On every keystroke: `typing active` at most every 3 s, and `active:false` after 5 s idle. */
export function onInput() {
  autosize();
  const room = currentRoom();
  if (!room || !room.member || room.virtual) return;
  if (!$('#message-input').value.trim()) { stopTyping(); return; }
  const now = Date.now();
  if (!state.typingActive || now - state.typingSentAt >= TYPING_EVERY_MS) {
    if (socket.send({ type: 'typing', room: room.id, active: true })) {
      state.typingActive = true;
      state.typingSentAt = now;
      state.typingRoom = room.id;
    }
  }
  clearTimeout(state.typingIdle);
  state.typingIdle = setTimeout(stopTyping, TYPING_IDLE_MS);
}

export function stopTyping() {
  clearTimeout(state.typingIdle);
  if (state.typingActive && state.typingRoom) socket.send({ type: 'typing', room: state.typingRoom, active: false });
  state.typingActive = false;
  state.typingSentAt = 0;
}

/** Another user's typing notice; it expires unless refreshed. */
export function onTyping(f) {
  if (!f.room || !f.user || f.user === state.me) return;
  if (!state.typing.has(f.room)) state.typing.set(f.room, new Map());
  const typers = state.typing.get(f.room);
  clearTimeout(typers.get(f.user));
  if (f.active) {
    typers.set(f.user, setTimeout(() => {
      typers.delete(f.user);
      renderTyping(state);
    }, TYPING_EXPIRE_MS));
  } else {
    typers.delete(f.user);
  }
  if (f.room === state.current) renderTyping(state);
}
