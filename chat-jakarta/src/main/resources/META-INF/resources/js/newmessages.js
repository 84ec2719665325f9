// The timeline stays at its bottom as messages arrive, unless the user scrolled up to read: then
// a "New messages" button counts what came below and takes the user down. The stream (js/stream.js)
// keeps the view at the bottom; this watches the list for messages newer than the newest shown
// before (older history, prepended, is not new).
import { $, h } from './ui.js';
import { state } from './state.js';

let button = null;
let room = null;
let newest = -1;
let unseen = 0;

const area = () => $('#message-area');
const atBottom = () => {
  const a = area();
  return a.scrollHeight - a.scrollTop - a.clientHeight < 80;
};
const maxSeq = (list) => {
  const last = [...list.querySelectorAll(':scope > li.message[data-seq]')].pop();
  return last ? Number(last.dataset.seq) : -1;
};

function hide() {
  unseen = 0;
  button.hidden = true;
}

function show() {
  button.querySelector('.new-count').textContent = unseen === 1 ? '1 new message' : `${unseen} new messages`;
  button.hidden = false;
}

export function initNewMessages() {
  const list = $('#message-list');
  button = h('button', { type: 'button', id: 'new-messages', class: 'new-messages primary', hidden: true },
    h('span', { class: 'new-count' }), h('span', { 'aria-hidden': 'true' }, ' ↓'));
  button.addEventListener('click', () => {
    const a = area();
    a.scrollTop = a.scrollHeight;
    hide();
    $('#message-input').focus({ preventScroll: true });
  });
  list.after(button);
  area().addEventListener('scroll', () => { if (!button.hidden && atBottom()) hide(); });
  new MutationObserver((records) => {
    const top = maxSeq(list);
    if (state.current !== room) { // another room drawn: nothing of it is "new"
      room = state.current;
      newest = top;
      hide();
      return;
    }
    if (top <= newest) return;
    let added = 0;
    for (const r of records) {
      for (const n of r.addedNodes) {
        if (n.nodeType === 1 && n.matches('li.message[data-seq]') && Number(n.dataset.seq) > newest
          && !n.classList.contains('note') && !n.classList.contains('own')) added++;
      }
    }
    newest = top;
    if (!added || atBottom()) return;
    unseen += added;
    show();
  }).observe(list, { childList: true });
}
