// Messages: the open room's view (history paging) and the live stream with gap repair. Every entry
// of a room's log is held (see RoomLog); the timeline shows the messages that are not thread
// replies, and the lifecycle entries (js/lifecycle.js) change the messages they act on.
import { $, toast, insertBySeq } from './ui.js';
import { renderMessage } from './bubble.js';
import { isDirectRoomId } from './util.js';
import { state, logFor, currentRoom } from './state.js';
import { downloadFile } from './files.js';
import {
  adopt, applyEntry, applyPage, actsOn, inTimeline, isContent, isThreadReply, sameUser,
} from './lifecycle.js';
import { settlePending, renderPendingItem } from './send.js';
import { typedBy } from './typing.js';
import { arrange, readerPlace, keepPlace } from './timeline.js';

const PAGE = 50;

let api = null;
let socket = null;
let hooks = null;

/**
 * @param {object} c
 * @param {object} c.api REST client
 * @param {object} c.socket the ChatSocket
 * @param {object} c.hooks {drawSidebar, refreshRoomsSoon, reloadMembersSoon, showAnnouncement,
 *        onThreadReplies(room, replies), onChanged(room, ids), onNewMessage(msg)}
 */
export function initStream(c) {
  ({ api, socket, hooks } = c);
}

const list = () => $('#message-list');
const area = () => $('#message-area');
export const renderOpts = () => ({ onDownload: downloadFile });
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
    for (const m of logFor(id).sorted()) if (inTimeline(m)) items.push(renderMessage(m, 'main', renderOpts()));
    for (const p of state.pending.values()) if (p.room === id && p.thread == null) items.push(renderPendingItem(p));
  }
  list().replaceChildren(...items);
  updateHistoryStatus();
  scrollToBottom();
}

function nearBottom() {
  const a = area();
  return a.scrollHeight - a.scrollTop - a.clientHeight < 80;
}

export function scrollToBottom() {
  const a = area();
  a.scrollTop = a.scrollHeight;
}

function showMessage(msg) {
  if (!inTimeline(msg)) return;
  const stick = nearBottom() || sameUser(msg.from, state.me);
  insertBySeq(list(), renderMessage(msg, 'main', renderOpts()), msg.seq);
  if (stick) scrollToBottom();
}

function updateHistoryStatus() {
  const el = $('#history-status');
  const room = currentRoom();
  if (!room || !room.member || room.virtual) { el.textContent = ''; return; }
  const log = logFor(room.id);
  if (state.loadingOlder) el.textContent = 'Loading older messages…';
  else if (log.loaded && !log.hasMoreBefore) {
    el.textContent = log.sorted().some(inTimeline) ? 'Start of the conversation' : 'No messages yet';
  }
  else el.textContent = '';
}

/** The latest page of a room, the first time it is opened. */
export async function loadLatest(id) {
  const log = logFor(id);
  try {
    const page = await api.messages(id, { limit: PAGE });
    log.loaded = true;
    const messages = (page.messages || []).map(adopt);
    // The page ends at the log's end when it was read: what came live meanwhile acts on its messages.
    const changed = takePage(log, messages, true);
    log.hasMoreBefore = !!page.hasMore;
    hooks.onChanged(id, changed);
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
    // Older entries act on older messages, whose state in the page is current: nothing to apply.
    const added = log.addHistory((page.messages || []).map(adopt));
    log.hasMoreBefore = !!page.hasMore && added.length > 0;
    hooks.onThreadReplies(id, added.filter(isThreadReply));
    if (state.current === id) {
      // The reader's place is taken before the page goes in and given back once the list is
      // arranged (the seam regroups the first message shown and moves its day separator), so the
      // timeline's own pass afterwards finds nothing left to move.
      const place = readerPlace(area(), list());
      for (const m of added) if (inTimeline(m)) insertBySeq(list(), renderMessage(m, 'main', renderOpts()), m.seq);
      arrange(list());
      keepPlace(area(), place);
    }
  } catch (e) {
    quiet(e);
  } finally {
    state.loadingOlder = false;
    // The status line sits above the list: a change of its height must not move the reader either.
    const place = state.current === id ? readerPlace(area(), list()) : null;
    updateHistoryStatus();
    keepPlace(area(), place);
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
  const result = log.acceptLive(adopt(msg));
  settlePending(msg);
  if (result === 'dup') return;
  changedBy(msg, applyEntry(msg, (x) => log.find(x), state.me));
  afterNew(msg);
  // A room not listed yet, or a conversation started here that its first message has created.
  const known = state.rooms.get(id);
  if ((!known || known.virtual) && msg.kind !== 'SYSTEM') hooks.refreshRoomsSoon();
  if (result === 'gap') fillGap(id);
}

/** Redraws what an entry changed; a deleted message drops its editor and confirm step. */
function changedBy(entry, ids) {
  if (!ids.length) return;
  if (entry.kind === 'DELETE') {
    state.editing.delete(entry.target);
    state.confirming.delete(entry.target);
  }
  hooks.onChanged(entry.room, ids);
}

/**
 * Holds the entries of a page read by HTTP that reaches the log's end when `complete`, applying
 * its entries to what was held before it, and what came live meanwhile to its messages (see
 * applyPage). Returns the ids of the messages that changed.
 */
function takePage(log, messages, complete) {
  const pageMax = messages.reduce((max, m) => Math.max(max, m.seq), 0);
  const before = new Set(log.msgs.keys());
  const added = log.addHistory(messages);
  added.forEach(settlePending);
  const later = log.sorted().filter((m) => m.seq > pageMax && before.has(m.seq) && actsOn(m) !== null);
  const changed = applyPage({ added, later, complete, find: (x) => log.find(x), me: state.me });
  hooks.onThreadReplies(messages.length ? messages[0].room : null, added.filter(isThreadReply));
  return [...changed];
}

/** Messages fetched apart (an ack whose message frame is late): taken like a page, then shown. */
export function takeFetched(room, messages) {
  const log = logFor(room);
  const fresh = messages.map(adopt).filter((m) => !log.msgs.has(m.seq));
  const changed = takePage(log, fresh, false);
  hooks.onChanged(room, changed);
  if (state.current === room) fresh.filter((m) => log.msgs.get(m.seq) === m).forEach(showMessage);
}

/** Display and side effects of a message that is new to this page. */
function afterNew(msg) {
  const id = msg.room;
  if (id === state.current) {
    showMessage(msg);
    if (msg.kind === 'USER_JOINED' || msg.kind === 'USER_LEFT') hooks.reloadMembersSoon();
  }
  hooks.onNewMessage(msg); // counts, notifications (js/readstate.js, js/notify.js)
  if (isThreadReply(msg)) hooks.onThreadReplies(id, [msg]);
  if (isContent(msg)) typedBy(id, msg.from);
}

/**
 * One message of a room read by REST (a quoted one, a thread's root), held beside the stream.
 * Resolves with the held message; an unknown or unreadable one is held as null ("not available").
 */
export function fetchMessage(room, id) {
  const log = logFor(room);
  log.fetching = log.fetching || new Map();
  if (!log.fetching.has(id)) {
    log.fetching.set(id, api.message(room, id).then((m) => log.keep(adopt(m)), (e) => {
      if (e.status === 404 || e.status === 403) log.extra.set(id, null);
      else log.fetching.delete(id); // asked again when next drawn
      throw e;
    }));
  }
  return log.fetching.get(id);
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
      const messages = (page.messages || []).map(adopt);
      const fresh = [];
      for (const m of messages) {
        const r = log.acceptLive(m);
        settlePending(m);
        if (r !== 'dup') fresh.push(m);
      }
      // Its messages are current; its entries act on what was held before it.
      const pageMax = messages.reduce((max, m) => Math.max(max, m.seq), 0);
      const freshSeqs = new Set(fresh.map((m) => m.seq));
      const later = log.sorted().filter((m) => m.seq > pageMax && !freshSeqs.has(m.seq) && actsOn(m) !== null);
      const changed = applyPage({ added: fresh, later, complete: !page.hasMore, find: (x) => log.find(x), me: state.me });
      for (const m of fresh) afterNew(m);
      hooks.onChanged(id, [...changed]);
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

