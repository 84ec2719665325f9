// The thread panel: a root message and its replies (GET /rooms/{id}/threads/{root}), its own
// composer (sends with `thread`), kept live by the room's stream. Beside the timeline on wide
// screens; over it, with a back button, on narrow ones. Escape closes it.
import { $, toast, insertBySeq } from './ui.js';
import { renderMessage, redraw } from './bubble.js';
import { state, logFor } from './state.js';
import { adopt } from './lifecycle.js';
import { fetchMessage, renderOpts } from './stream.js';
import { renderPendingItem } from './send.js';
import { drawReply, clearReply, sendInThread } from './compose.js';
import { autosize } from './typing.js';

const PAGE = 50;

let api = null;

/** @param {object} c `c.api`: the REST client */
export function initThread(c) {
  ({ api } = c);
  $('#thread-close').addEventListener('click', () => closeThread());
  $('#thread-back').addEventListener('click', () => closeThread());
  $('#thread-older').addEventListener('click', loadOlderReplies);
  $('#thread-composer').addEventListener('submit', (ev) => { ev.preventDefault(); sendInThread(); });
  const input = $('#thread-input');
  input.addEventListener('input', () => autosize(input, 120));
  input.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter' && !ev.shiftKey && !ev.isComposing) {
      ev.preventDefault();
      sendInThread();
    }
  });
}

const panel = () => $('#thread-panel');
const replyList = () => $('#thread-list');
const isOpen = (room, root) => !!state.thread && state.thread.room === room && (root == null || state.thread.root === root);

/** Opens the thread of message `rootId` of `room`; `opener` gets the focus back when it closes. */
export function openThread(room, rootId, opener = null) {
  if (isOpen(room, rootId)) {
    focusPanel();
    return;
  }
  closeThread(false);
  state.thread = { room, root: rootId, replies: new Map(), hasMore: false, loaded: false, opener };
  // Replies held already (live ones, or in the history pages read so far) show at once.
  const log = logFor(room);
  for (const m of log.sorted()) if (m.thread === rootId) state.thread.replies.set(m.seq, m.id);
  panel().hidden = false;
  $('.layout').classList.add('thread-open');
  $('#thread-input').value = '';
  drawReply('thread');
  renderThread();
  focusPanel();
  if (!log.find(rootId)) {
    fetchMessage(room, rootId).then(() => { if (isOpen(room, rootId)) renderRoot(); })
      .catch((e) => { if (isOpen(room, rootId)) threadStatus(e.status === 404 ? 'This message is no longer there' : e.message); });
  }
  loadReplies();
}

function focusPanel() {
  const input = $('#thread-input');
  if (window.matchMedia('(min-width: 761px)').matches && !input.disabled) input.focus();
  else $('#thread-back').focus();
}

/** Closes the panel; returns whether it was open. `refocus`: the focus goes back where it came from. */
export function closeThread(refocus = true) {
  const t = state.thread;
  if (!t) return false;
  state.thread = null;
  clearReply('thread');
  panel().hidden = true;
  $('.layout').classList.remove('thread-open');
  $('#thread-root').replaceChildren();
  replyList().replaceChildren();
  if (refocus) {
    const again = t.opener && t.opener.isConnected ? t.opener
      : document.querySelector(`#message-list li.message[data-id="${t.root}"] .replies-link`)
        || document.querySelector(`#message-list li.message[data-id="${t.root}"]`);
    if (again) again.focus();
    else if (!$('#message-input').disabled) $('#message-input').focus();
  }
  return true;
}

async function loadReplies(before) {
  const t = state.thread;
  if (!t || t.loading) return;
  t.loading = true;
  threadStatus(before ? 'Loading earlier replies…' : (t.replies.size ? '' : 'Loading replies…'));
  try {
    const page = await api.thread(t.room, t.root, { before, limit: PAGE });
    if (state.thread !== t) return;
    const log = logFor(t.room);
    for (const m of page.messages || []) {
      const held = log.keep(adopt(m));
      t.replies.set(held.seq, held.id);
    }
    t.hasMore = !!page.hasMore;
    t.loaded = true;
    threadStatus('');
    renderThread();
  } catch (e) {
    if (state.thread === t && e.status !== 401) threadStatus(`Could not load the replies: ${e.message}`);
  } finally {
    t.loading = false;
  }
}

function loadOlderReplies() {
  const t = state.thread;
  if (!t || !t.replies.size) return;
  loadReplies(Math.min(...t.replies.keys()));
}

function threadStatus(text) {
  $('#thread-status').textContent = text;
}

function renderRoot() {
  const t = state.thread;
  const root = logFor(t.room).find(t.root);
  $('#thread-root').replaceChildren(...(root ? [renderMessage(root, 'root', renderOpts())] : []));
  const n = root ? root.replies || 0 : t.replies.size;
  $('#thread-count').textContent = n === 0 ? 'No replies yet' : (n === 1 ? '1 reply' : `${n} replies`);
  const room = state.rooms.get(t.room);
  $('#thread-subtitle').textContent = room ? (room.visibility === 'direct' ? 'Direct conversation' : `#${room.name || room.id}`) : '';
}

function renderThread() {
  const t = state.thread;
  if (!t) return;
  renderRoot();
  const log = logFor(t.room);
  const items = [...t.replies.entries()].sort((a, b) => a[0] - b[0])
    .map(([, id]) => log.find(id)).filter(Boolean)
    .map((m) => renderMessage(m, 'thread', renderOpts()));
  for (const p of state.pending.values()) if (p.room === t.room && p.thread === t.root) items.push(renderPendingItem(p));
  replyList().replaceChildren(...items);
  $('#thread-older').hidden = !t.hasMore;
  scrollDown();
}

function scrollDown() {
  const area = $('#thread-area');
  area.scrollTop = area.scrollHeight;
}

function nearBottom() {
  const a = $('#thread-area');
  return a.scrollHeight - a.scrollTop - a.clientHeight < 80;
}

/** Replies that reached the room's log (live, or in a page): those of the open thread are shown. */
export function onThreadReplies(room, replies) {
  const t = state.thread;
  if (!t || t.room !== room) return;
  const log = logFor(room);
  let added = false;
  for (const m of replies) {
    if (m.thread !== t.root || t.replies.has(m.seq)) continue;
    t.replies.set(m.seq, m.id);
    const held = log.find(m.id) || m;
    const stick = nearBottom();
    insertBySeq(replyList(), renderMessage(held, 'thread', renderOpts()), held.seq);
    if (stick) scrollDown();
    added = true;
  }
  if (added) renderRoot();
}

/** Messages of `room` changed (edited, deleted, reacted to, replied to): every view of them is redrawn. */
export function onChanged(room, ids) {
  if (!ids || !ids.length) return;
  redraw(room, ids, renderOpts());
  const t = state.thread;
  if (t && t.room === room && ids.includes(t.root)) renderRoot();
  for (const where of ['main', 'thread']) {
    const r = where === 'main' ? state.replyTo : state.threadReplyTo;
    if (r && r.room === room && ids.includes(r.id)) drawReply(where);
  }
}

/** Where a pending send shows: the timeline, or the open thread it replies in. */
export function placePending(p, el, mainList, scrollMain) {
  if (p.thread == null) {
    mainList.append(el);
    scrollMain();
  } else if (isOpen(p.room, p.thread)) {
    replyList().append(el);
    scrollDown();
  } else {
    toast('Sending your reply in a thread', 'status', 2000);
  }
}

/** The quoted message: in the timeline, or in the open thread; a reply elsewhere opens its thread. */
export function scrollTo(room, id) {
  const inThread = document.querySelector(`#thread-panel li.message[data-id="${id}"]`);
  const shown = document.querySelector(`#message-list li.message[data-id="${id}"]`);
  const target = shown || inThread;
  if (target) {
    target.scrollIntoView({ block: 'center', behavior: 'smooth' });
    target.classList.remove('flash');
    void target.offsetWidth; // restarts the animation
    target.classList.add('flash');
    target.focus({ preventScroll: true });
    return;
  }
  const m = logFor(room).find(id);
  if (m && m.thread != null) openThread(room, m.thread);
  else toast('That message is further back in the history', 'status', 3000);
}
