// Read state (contract v2): the user's read marker per room, the unread and mention counts behind
// the sidebar badges and the tab title, and the `read` frames that move the marker.
//
// The server is the truth: `GET /api/rooms` gives, per member room, `lastSeq`, `lastReadSeq`,
// `unread` and `mentions`. Between two listings the page keeps the counts live itself: the
// listing's counts cover the messages up to its `lastSeq` (a "base"), and every message held past
// it that counts (CHAT, PRIVATE, FILE_SHARED, not the user's own, not deleted) is added. When the
// marker moves (this page read something, or the user's other tab or device did: a `read` frame
// with the user's own name), what it passes is taken off; where the page does not hold what it
// passed, it asks for the listing again. Reads are sent coalesced, at most one frame per room every
// SEND_EVERY_MS, and only forward. A refusal (an `error` frame answering one, or the REST fallback's
// error) is said in a toast naming the room.
import { state } from './state.js';
import { CONTENT_KINDS, sameUser } from './lifecycle.js';
import { toast } from './ui.js';

const SEND_EVERY_MS = 400;
/** An `error` frame whose `ref` is a room this long after a read of it was sent is taken as its answer. */
const ERROR_WINDOW_MS = 10000;
/** The server counts up to this (ReadCounts.CAP): a count there reads "999+". */
const CAP = 1000;
/** Beyond this many seqs the page does not count what it holds, and asks the server. */
const MAX_LOCAL_SPAN = 5000;

let api = null;
let socket = null;
let hooks = null;
const base = new Map(); // room -> {seq, unread, mentions}: the listing's counts of (marker, seq]
const queued = new Map(); // room -> seq waiting to be sent
const sent = new Map(); // room -> {seq, at}: the last read sent by the socket, to recognise its refusal
let timer = null;
let baseTitle = 'Parley';

/**
 * @param {object} c
 * @param {object} c.api REST client (with `markRead`)
 * @param {object} c.socket the ChatSocket
 * @param {object} c.hooks {drawSidebar, refreshRoomsSoon, roomLabel(id)}
 */
export function initReadState(c) {
  ({ api, socket, hooks } = c);
  baseTitle = document.title || baseTitle;
  // A reload or a closed tab sends what is waiting rather than dropping it.
  window.addEventListener('pagehide', () => { if (queued.size) flush(); });
}

/** Whether a message mentions the signed-in user (its `mentions`, as the server found them). */
export function mentionsMe(m) {
  return !!m && Array.isArray(m.mentions) && m.mentions.some((u) => sameUser(u, state.me));
}

const counts = (m) => CONTENT_KINDS.has(m.kind) && !m.deleted && !sameUser(m.from, state.me);

/** The user's read marker in a room as this page knows it; undefined before the listing says. */
export function markerOf(room) {
  return state.markers.get(room);
}

/** How a count reads on a badge: the server stops counting at 1000. */
export function countLabel(n) {
  return n >= CAP ? '999+' : String(n);
}

/** What the log holds of (from, to] that counts, or null when it does not hold all of it. */
function countHeld(room, from, to) {
  if (to <= from) return { unread: 0, mentions: 0 };
  const log = state.logs.get(room);
  if (!log || to - from > MAX_LOCAL_SPAN) return null;
  let unread = 0;
  let mentions = 0;
  for (let s = from + 1; s <= to; s++) {
    const m = log.msgs.get(s);
    if (!m) return null;
    if (counts(m)) {
      unread++;
      if (mentionsMe(m)) mentions++;
    }
  }
  return { unread, mentions };
}

/** state.unread / state.mentions of one room from its base and what is held past it. */
function recount(room) {
  const b = base.get(room);
  if (!b) return;
  const from = Math.max(b.seq, markerOf(room) ?? 0);
  let unread = b.unread;
  let mentions = b.mentions;
  const log = state.logs.get(room);
  if (log) {
    for (const [seq, m] of log.msgs) {
      if (seq > from && counts(m)) {
        unread++;
        if (mentionsMe(m)) mentions++;
      }
    }
  }
  const put = (map, n) => { if (n > 0) map.set(room, Math.min(n, CAP)); else map.delete(room); };
  put(state.unread, unread);
  put(state.mentions, mentions);
}

/** The tab's title: "(3) Parley" while something is unread. */
export function updateTitle() {
  let total = 0;
  for (const [id, n] of state.unread) if (state.rooms.get(id)?.member) total += n;
  const title = total > 0 ? `(${countLabel(total)}) ${baseTitle}` : baseTitle;
  if (document.title !== title) document.title = title;
}

function changed() {
  hooks.drawSidebar();
  updateTitle();
}

/**
 * Takes the counts of a room listing (the rooms as app.js holds them, with the listing's fields).
 * A marker of this page that is ahead of the listing's (a read still on its way) stands.
 */
export function takeListing(rooms) {
  for (const r of rooms) {
    if (!r.member || typeof r.lastReadSeq !== 'number') continue;
    const local = markerOf(r.id);
    const last = typeof r.lastSeq === 'number' ? r.lastSeq : r.lastReadSeq;
    const server = { seq: last, unread: r.unread || 0, mentions: r.mentions || 0 };
    if (local !== undefined && local > r.lastReadSeq) {
      const held = countHeld(r.id, local, last);
      base.set(r.id, held ? { seq: last, ...held } : server);
    } else {
      state.markers.set(r.id, r.lastReadSeq);
      base.set(r.id, server);
    }
    recount(r.id);
  }
  for (const id of [...base.keys()]) {
    if (state.rooms.get(id)?.member) continue;
    base.delete(id);
    state.unread.delete(id);
    state.mentions.delete(id);
  }
  updateTitle();
}

/**
 * A message new to the page (live, replayed or filling a gap), after it is held and applied:
 * counted when it counts; a deletion uncounts its target.
 */
export function onNewMessage(msg) {
  const room = msg.room;
  if (!room || !state.rooms.get(room)?.member) return;
  if (!base.has(room)) {
    // A room the listing has not covered yet (a first direct message): what is held is all there is.
    if (markerOf(room) === undefined) state.markers.set(room, 0);
    base.set(room, { seq: 0, unread: 0, mentions: 0 });
  }
  if (msg.kind === 'DELETE') {
    const b = base.get(room);
    const target = state.logs.get(room)?.find(msg.target);
    // Past the base it is recounted below; within it, the listing counted it while it stood.
    if (target && target.seq > (markerOf(room) ?? 0) && target.seq <= b.seq
      && CONTENT_KINDS.has(target.kind) && !sameUser(target.from, state.me)) {
      b.unread = Math.max(0, b.unread - 1);
      if (mentionsMe(target)) b.mentions = Math.max(0, b.mentions - 1);
    }
  }
  recount(room);
  changed();
}

/** Moves this page's idea of the marker forward; what it passes stops counting. */
function moveMarker(room, seq) {
  const old = markerOf(room) ?? 0;
  if (!(seq > old)) return false;
  const b = base.get(room);
  let ask = false;
  if (b && old < b.seq) {
    if (seq >= b.seq) {
      b.unread = 0;
      b.mentions = 0;
    } else {
      const passed = countHeld(room, old, seq);
      if (passed) {
        b.unread = Math.max(0, b.unread - passed.unread);
        b.mentions = Math.max(0, b.mentions - passed.mentions);
      } else {
        ask = true;
      }
    }
  }
  state.markers.set(room, seq);
  recount(room);
  changed();
  if (ask) hooks.refreshRoomsSoon();
  return true;
}

/** A `read` frame: the user's own marker moved on another tab or device (others' are not shown). */
export function onReadFrame(f) {
  if (!f.room || typeof f.seq !== 'number' || !sameUser(f.user, state.me)) return;
  moveMarker(f.room, f.seq);
}

/**
 * Marks a room read up to `seq`: the counts follow at once (as far as the page knows the room's
 * log), the frame goes within SEND_EVERY_MS, coalesced with the reads after it.
 */
export function markRead(room, seq) {
  if (!room || typeof seq !== 'number' || seq < 0) return;
  const known = Math.max(state.logs.get(room)?.maxKnown() ?? 0, base.get(room)?.seq ?? 0);
  const before = markerOf(room) ?? 0;
  // Only as far as the log is known here: the server answers anything beyond (and says why).
  moveMarker(room, Math.min(seq, known));
  const q = queued.get(room);
  if (seq > before && (q === undefined || seq > q)) queued.set(room, seq);
  if (queued.size && !timer) timer = setTimeout(flush, SEND_EVERY_MS);
}

/** Sends the queued reads: by the socket, or by REST while it is down. Also run on every welcome. */
export function flush() {
  clearTimeout(timer);
  timer = null;
  for (const [room, seq] of [...queued]) {
    queued.delete(room);
    if (socket.send({ type: 'read', room, seq })) {
      sent.set(room, { seq, at: Date.now() });
      continue;
    }
    api.markRead(room, seq).catch((e) => {
      if (e.status === 0) { // unreachable: sent when the socket is back
        if (!(queued.get(room) > seq)) queued.set(room, seq);
      } else if (e.status !== 401) {
        refused(room, e.message);
      }
    });
  }
}

function refused(room, message) {
  toast(`Could not mark ${hooks.roomLabel(room)} as read: ${message}`);
  hooks.refreshRoomsSoon(); // the counts as the server has them
}

/**
 * An `error` frame that answers a read sent lately (its `ref` is that room): said as a refused read.
 * Returns whether it was one.
 */
export function onReadError(f) {
  const s = f.ref && sent.get(f.ref);
  if (!s || Date.now() - s.at > ERROR_WINDOW_MS) return false;
  sent.delete(f.ref);
  refused(f.ref, f.message || f.code || 'refused');
  return true;
}

/** Sign-out: everything forgotten, the title back. */
export function resetReadState() {
  base.clear();
  queued.clear();
  sent.clear();
  clearTimeout(timer);
  timer = null;
  document.title = baseTitle;
}
