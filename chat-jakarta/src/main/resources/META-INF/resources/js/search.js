// Search: the box in the top bar, its results panel (newest first, matched words marked), and the
// jump from a result to the message in its room, with the history around it loaded and the
// message scrolled into view. Results are built as text nodes, never as markup.
import { h, $, toast } from './ui.js';
import { state, logFor } from './state.js';
import { formatTime } from './util.js';
import { roomLabel } from './views.js';
import { loadLatest, loadOlder } from './messages.js';

const PAGE = 20;
/** How many older history pages a jump loads at most to reach a message (50 entries each). */
const MAX_JUMP_PAGES = 40;
/** The server's rule: a word is a run of letters and digits (chat-core's SearchWords). */
const WORD = /[\p{L}\p{N}]+/gu;

let api = null;
let hooks = null;
let query = '';
let next = null; // the id to page on from, when more results follow

/**
 * @param {object} c
 * @param {object} c.api REST client (with `search`)
 * @param {object} c.hooks {openRoom(id)}
 */
export function initSearch(c) {
  ({ api, hooks } = c);
  $('#search-form').addEventListener('submit', (ev) => { ev.preventDefault(); run($('#search-input').value); });
  $('#search-close').addEventListener('click', closeSearch);
  $('#search-more').addEventListener('click', () => page(true));
  $('#search-panel').addEventListener('keydown', (ev) => {
    if (ev.key === 'Escape') {
      ev.stopPropagation();
      closeSearch();
    }
  });
}

/** The words of a query as the server reads them, lower-cased. */
export function queryWords(q) {
  return [...new Set((q.match(WORD) || []).map((w) => w.toLowerCase()))];
}

/**
 * The text as nodes, each word that starts with one of `words` wrapped in `<mark>` (the part the
 * query matched), everything else plain text.
 */
export function highlighted(text, words) {
  const out = [];
  let at = 0;
  for (const m of text.matchAll(WORD)) {
    const lower = m[0].toLowerCase();
    const hit = words.filter((w) => lower.startsWith(w)).sort((a, b) => b.length - a.length)[0];
    if (!hit) continue;
    if (m.index > at) out.push(document.createTextNode(text.slice(at, m.index)));
    // The marked part is the prefix the word matched, measured on the original (case may change length).
    const cut = m[0].length === lower.length ? hit.length : m[0].length;
    out.push(h('mark', {}, m[0].slice(0, cut)));
    if (cut < m[0].length) out.push(document.createTextNode(m[0].slice(cut)));
    at = m.index + m[0].length;
  }
  if (at < text.length) out.push(document.createTextNode(text.slice(at)));
  return out;
}

/** Closes the panel (Escape, the close button). Returns whether it was open. */
export function closeSearch() {
  const panel = $('#search-panel');
  if (panel.hidden) return false;
  panel.hidden = true;
  $('#search-input').focus();
  return true;
}

async function run(q) {
  query = q.trim();
  if (!queryWords(query).length) {
    status('Type a word to search for.');
    $('#search-panel').hidden = false;
    $('#search-results').replaceChildren();
    $('#search-more').hidden = true;
    return;
  }
  next = null;
  $('#search-results').replaceChildren();
  $('#search-panel').hidden = false;
  await page(false);
}

function status(text) {
  $('#search-status').textContent = text;
}

async function page(more) {
  const asked = query;
  status('Searching…');
  $('#search-more').hidden = true;
  let found;
  try {
    found = await api.search(asked, { before: more ? next : undefined, limit: PAGE });
  } catch (e) {
    if (asked !== query) return;
    status(e.status === 400 ? e.message : 'Search failed.');
    if (e.status !== 400 && e.status !== 401) toast(e.message);
    return;
  }
  if (asked !== query) return; // a newer search replaced this one
  const messages = found.messages || [];
  const words = queryWords(asked);
  $('#search-results').append(...messages.map((m) => result(m, words)));
  const shown = $('#search-results').children.length;
  status(shown ? `${shown} ${shown === 1 ? 'message' : 'messages'}${found.hasMore ? ' (more below)' : ''}`
    : `No message holds “${asked}”.`);
  next = messages.length ? messages[messages.length - 1].id : null;
  $('#search-more').hidden = !found.hasMore;
}

function result(m, words) {
  const room = state.rooms.get(m.room);
  const where = room ? roomLabel(state, room) : m.room;
  const text = m.file && m.kind === 'FILE_SHARED' ? m.file.name || m.text : m.text;
  return h('li', {},
    h('button', {
      type: 'button',
      class: 'search-result',
      dataset: { room: m.room, id: String(m.id), seq: String(m.seq) },
      on: { click: () => jump(m) },
    },
    h('span', { class: 'search-meta' },
      h('span', { class: 'search-room' }, room && room.visibility === 'direct' ? `@${where}` : `#${where}`),
      ' ', h('span', { class: 'search-from' }, m.from),
      ' ', h('time', { datetime: m.createdAt, class: 'muted' }, formatTime(m.createdAt))),
    h('span', { class: 'search-text' }, ...highlighted(text || '', words))));
}

/** One older page, after the one in flight (scrolling may have started one) has landed. */
async function older() {
  while (state.loadingOlder) await new Promise((resolve) => { setTimeout(resolve, 50); });
  await loadOlder();
}

/**
 * Opens the message's room and loads history back to it (its latest page, then older pages until
 * the message is held, bounded), then shows the message in the middle of the view, marked a moment.
 */
async function jump(m) {
  hooks.openRoom(m.room);
  if (window.matchMedia('(max-width: 760px)').matches) $('#search-panel').hidden = true;
  const log = logFor(m.room);
  if (!log.loaded) await loadLatest(m.room);
  for (let i = 0; i < MAX_JUMP_PAGES && !log.byId.has(m.id) && log.hasMoreBefore && state.current === m.room; i++) {
    await older();
  }
  if (state.current !== m.room) return;
  // A page of context above it, when it is the oldest held.
  if (log.oldest !== null && m.seq - log.oldest < 10 && log.hasMoreBefore) await older();
  const el = document.querySelector(`#message-list .message[data-id="${CSS.escape(String(m.id))}"]`);
  if (!el) {
    toast('That message is too far back to open here: scroll up in the room to reach it.');
    return;
  }
  el.scrollIntoView({ block: 'center' });
  el.classList.add('search-target');
  el.setAttribute('tabindex', '-1');
  el.focus({ preventScroll: true });
  setTimeout(() => el.classList.remove('search-target'), 2500);
}
