// What the user has seen of the open room: the "New messages" divider where they left off, and the
// read marker moved as messages come into view.
//
// - The divider goes before the first message from someone else past the marker the user had when
//   they opened the room (after a reload too: the marker is the server's), and stays there while the
//   room is open; the first time it is drawn the view is scrolled to it when it is above the view.
//   While no divider is shown it follows the marker, so that messages read live as they come never
//   get one, and messages that come while the tab is hidden do.
// - A message is seen when the tab is visible and its bottom edge is inside the message area (or it
//   is taller than the area and its top is); everything above the newest one seen is read with it,
//   and when that is the newest message of the timeline, so are the entries and thread replies after
//   it. Checked on scrolling, on every change of the list, when the tab becomes visible and on resize,
//   at most once per animation frame; js/readstate.js coalesces what it sends.
import { $, h } from './ui.js';
import { state, currentRoom } from './state.js';
import { CONTENT_KINDS } from './lifecycle.js';
import { markRead, markerOf } from './readstate.js';

let area = null;
let list = null;
/** {room, seq, initial, scrolled}: the divider of the open room; seq null until the marker is known. */
let view = null;
let frame = 0;

export function initReadView() {
  area = $('#message-area');
  list = $('#message-list');
  area.addEventListener('scroll', soon, { passive: true });
  document.addEventListener('visibilitychange', soon);
  window.addEventListener('focus', soon);
  window.addEventListener('resize', soon);
  new MutationObserver(pass).observe(list, { childList: true });
}

/** A room is being shown (app.js, before its messages are drawn): a new divider for it. */
export function roomOpened(id) {
  view = id ? { room: id, seq: markerOf(id) ?? null, initial: true, scrolled: false } : null;
  soon();
}

/** The counts are in (a listing): the open room's divider may learn its marker now. */
export function countsKnown() {
  if (view && view.seq === null && markerOf(view.room) !== undefined) view.seq = markerOf(view.room);
  soon();
}

function soon() {
  if (frame) return;
  frame = requestAnimationFrame(() => {
    frame = 0;
    pass();
  });
}

function loaded() {
  return !!view && view.room === state.current && !!state.logs.get(view.room)?.loaded;
}

/**
 * The first pass over a freshly drawn room places the divider before anything is marked read;
 * later ones mark first, so that a message read as it comes does not get a divider above it.
 */
function pass() {
  if (!view || view.room !== state.current) {
    list.querySelector(':scope > li.unread-divider')?.remove();
    return;
  }
  if (view.seq === null && markerOf(view.room) !== undefined) view.seq = markerOf(view.room);
  if (view.initial) {
    placeDivider();
    checkSeen();
    if (loaded()) view.initial = false;
  } else {
    checkSeen();
    placeDivider();
  }
}

function firstUnread() {
  if (view.seq === null) return null;
  // Unread messages older than what is loaded: the divider waits until scrolling up loads them.
  const log = state.logs.get(view.room);
  if (!log || (log.hasMoreBefore && log.oldest !== null && log.oldest > view.seq + 1)) return null;
  for (const li of list.querySelectorAll(':scope > li.message[data-seq]')) {
    if (Number(li.dataset.seq) > view.seq && CONTENT_KINDS.has(li.dataset.kind)
      && !li.classList.contains('own') && !li.classList.contains('deleted')) return li;
  }
  return null;
}

function placeDivider() {
  let divider = list.querySelector(':scope > li.unread-divider');
  const first = firstUnread();
  if (!first) {
    divider?.remove();
    return;
  }
  // Above the day separator of that message's day, when it is the first of its day.
  const prev = first.previousElementSibling;
  const at = prev && prev.classList.contains('day-separator') ? prev : first;
  if (!divider || divider.nextElementSibling !== at) {
    divider = divider || h('li', {
      class: 'unread-divider',
    }, h('span', {}, 'New messages'));
    at.before(divider);
  }
  if (!view.scrolled && loaded()) {
    view.scrolled = true;
    const box = area.getBoundingClientRect();
    const r = divider.getBoundingClientRect();
    if (r.top < box.top) area.scrollTop += r.top - box.top - 8;
  }
}

/** Marks read up to the newest message in view, when the tab is visible. */
function checkSeen() {
  const room = currentRoom();
  if (!room || !room.member || room.virtual || document.visibilityState !== 'visible') return;
  if (markerOf(room.id) === undefined || view.seq === null || !loaded()) return;
  const items = list.querySelectorAll(':scope > li.message[data-seq]');
  if (!items.length) return;
  const box = area.getBoundingClientRect();
  if (box.height <= 0) return;
  let seen = -1;
  for (let i = items.length - 1; i >= 0; i--) {
    const r = items[i].getBoundingClientRect();
    if (r.top >= box.bottom) continue;
    if (r.bottom <= box.bottom + 2 || r.height >= box.height) {
      seen = i;
      break;
    }
  }
  if (seen < 0) return;
  let seq = Number(items[seen].dataset.seq);
  const log = state.logs.get(room.id);
  if (seen === items.length - 1 && log.last !== null && log.last > seq) seq = log.last;
  if (seq > (markerOf(room.id) ?? 0)) markRead(room.id, seq);
  // No divider shown: it follows the marker (see above).
  if (!view.initial && !list.querySelector(':scope > li.unread-divider')) view.seq = Math.max(view.seq, markerOf(room.id));
}
