// DOM building blocks. User data only ever enters the page as text nodes (textContent,
// createTextNode) or attribute values: nothing here assigns innerHTML.
import { formatSize, formatTime } from './util.js';

/**
 * Creates an element. `attrs`: `class`, `text`, `dataset` (object), `on` (event -> handler),
 * `hidden`, anything else as an attribute. Children: nodes or strings (added as text).
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'text') el.textContent = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k === 'on') for (const [ev, fn] of Object.entries(v)) el.addEventListener(ev, fn);
    else if (k === 'hidden') el.hidden = true;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === 'string' ? document.createTextNode(c) : c);
  }
  return el;
}

export const $ = (sel) => document.querySelector(sel);

const SVG_NS = 'http://www.w3.org/2000/svg';
const ICONS = {
  file: [['path', { d: 'M13 2H6a2 2 0 0 0-2 2v16a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V9z' }],
    ['polyline', { points: '13 2 13 9 20 9' }]],
  lock: [['rect', { x: 4, y: 11, width: 16, height: 10, rx: 2 }], ['path', { d: 'M8 11V7a4 4 0 0 1 8 0v4' }]],
};

/** A small stroked icon (drawn as SVG, so it does not depend on an emoji font). */
export function icon(name) {
  const svg = document.createElementNS(SVG_NS, 'svg');
  for (const [k, v] of Object.entries({
    viewBox: '0 0 24 24', width: 14, height: 14, fill: 'none', stroke: 'currentColor', 'stroke-width': 2,
    'stroke-linecap': 'round', 'stroke-linejoin': 'round', 'aria-hidden': 'true', class: `icon icon-${name}`,
  })) svg.setAttribute(k, String(v));
  for (const [tag, attrs] of ICONS[name]) {
    const el = document.createElementNS(SVG_NS, tag);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
    svg.append(el);
  }
  return svg;
}

/** A short-lived notice at the bottom of the screen. */
export function toast(text, kind = 'error', ms = 5000) {
  const box = $('#toasts');
  const el = h('div', { class: `toast toast-${kind}`, role: kind === 'error' ? 'alert' : 'status' }, text);
  box.append(el);
  setTimeout(() => el.remove(), ms);
}

const NOTE_KINDS = new Set(['USER_JOINED', 'USER_LEFT']);

function noteText(msg) {
  if (msg.text) return msg.text;
  if (msg.kind === 'USER_JOINED') return `${msg.from} joined`;
  if (msg.kind === 'USER_LEFT') return `${msg.from} left`;
  return '';
}

/**
 * One stored message as a list item: `.message` with `data-seq`, `data-kind`, `data-id`.
 * Joins/leaves are muted centred notes, SYSTEM a highlighted note, the rest a bubble with sender,
 * local time and kind; FILE_SHARED adds a download button.
 */
export function renderMessage(msg, { me, onDownload }) {
  const kind = msg.kind || 'CHAT';
  const time = h('time', { datetime: msg.createdAt, title: new Date(msg.createdAt).toLocaleString() },
    formatTime(msg.createdAt));
  const base = {
    class: `message kind-${kind.toLowerCase()}`,
    dataset: { seq: String(msg.seq), kind, id: String(msg.id), from: msg.from || '' },
  };
  if (msg.clientMsgId) base.dataset.clientMsgId = msg.clientMsgId;

  if (NOTE_KINDS.has(kind)) {
    base.class += ' note';
    return h('li', base, h('span', { class: 'text' }, noteText(msg)), ' ', time);
  }
  if (kind === 'SYSTEM') {
    base.class += ' note system';
    return h('li', base,
      h('span', { class: 'kind-label' }, 'Announcement'),
      h('span', { class: 'text' }, msg.text || ''), ' ', time);
  }

  if (msg.from === me) base.class += ' own';
  // The kind is the page's business (data-kind, the card of a file), not a label for the reader.
  const meta = h('div', { class: 'meta' }, h('span', { class: 'from' }, msg.from || ''), time);
  const body = [meta];
  // A shared file's text is its name, which the file's card shows already.
  const fileCard = kind === 'FILE_SHARED' && msg.file;
  if (msg.text && !(fileCard && msg.text === msg.file.name)) body.push(h('div', { class: 'text' }, msg.text));
  if (fileCard) {
    const f = msg.file;
    body.push(h('button', {
      type: 'button',
      class: 'file-link',
      dataset: { fileId: String(f.id) },
      'aria-label': `Download ${f.name}`,
      on: { click: () => onDownload(f) },
    }, icon('file'),
    h('span', { class: 'file-name' }, f.name || 'file'),
    h('span', { class: 'file-size' }, formatSize(f.size))));
  }
  return h('li', base, ...body);
}

/** A message typed here and not yet acknowledged: `.message.pending` with `data-client-msg-id`. */
export function renderPending(p, { me, onRetry }) {
  const status = h('span', { class: 'pending-status' }, p.failed ? `failed: ${p.failed}` : 'sending…');
  const el = h('li', {
    class: `message kind-chat own pending${p.failed ? ' failed' : ''}`,
    dataset: { clientMsgId: p.clientMsgId, kind: p.to ? 'PRIVATE' : 'CHAT' },
  },
  h('div', { class: 'meta' }, h('span', { class: 'from' }, me), status),
  h('div', { class: 'text' }, p.text));
  if (p.failed) {
    el.append(h('button', { type: 'button', class: 'retry', on: { click: () => onRetry(p) } }, 'Retry'));
  }
  return el;
}

/** Inserts a message item in seq order, before any pending items at the end. */
export function insertBySeq(list, el, seq) {
  let node = list.lastElementChild;
  while (node && (node.dataset.seq === undefined || Number(node.dataset.seq) > seq)) {
    node = node.previousElementSibling;
  }
  if (node) node.after(el);
  else list.prepend(el);
}
