// DOM building blocks. User data only ever enters the page as text nodes (textContent,
// createTextNode) or attribute values: nothing here assigns innerHTML.

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
  reply: [['polyline', { points: '9 14 4 9 9 4' }], ['path', { d: 'M20 20v-7a4 4 0 0 0-4-4H4' }]],
  thread: [['path', { d: 'M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2z' }],
    ['line', { x1: 8, y1: 9, x2: 16, y2: 9 }], ['line', { x1: 8, y1: 13, x2: 13, y2: 13 }]],
  smile: [['circle', { cx: 12, cy: 12, r: 9 }], ['path', { d: 'M8.5 14.5s1.3 1.8 3.5 1.8 3.5-1.8 3.5-1.8' }],
    ['line', { x1: 9, y1: 9.5, x2: 9.01, y2: 9.5 }], ['line', { x1: 15, y1: 9.5, x2: 15.01, y2: 9.5 }]],
  edit: [['path', { d: 'M17 3a2.8 2.8 0 1 1 4 4L7.5 20.5 2 22l1.5-5.5z' }]],
  trash: [['polyline', { points: '3 6 5 6 21 6' }],
    ['path', { d: 'M19 6l-1 14a2 2 0 0 1-2 2H8a2 2 0 0 1-2-2L5 6m3 0V4a2 2 0 0 1 2-2h4a2 2 0 0 1 2 2v2' }]],
  close: [['line', { x1: 18, y1: 6, x2: 6, y2: 18 }], ['line', { x1: 6, y1: 6, x2: 18, y2: 18 }]],
  back: [['line', { x1: 19, y1: 12, x2: 5, y2: 12 }], ['polyline', { points: '12 19 5 12 12 5' }]],
  sun: [['circle', { cx: 12, cy: 12, r: 4 }], ['path', { d: 'M12 2v2M12 20v2M4.9 4.9l1.4 1.4M17.7 17.7l1.4 1.4M2 12h2M20 12h2M4.9 19.1l1.4-1.4M17.7 6.3l1.4-1.4' }]],
  moon: [['path', { d: 'M21 12.8A9 9 0 1 1 11.2 3a7 7 0 0 0 9.8 9.8z' }]],
};

/** A small stroked icon (drawn as SVG, so it does not depend on an emoji font). */
export function icon(name, size = 14) {
  const svg = document.createElementNS(SVG_NS, 'svg');
  for (const [k, v] of Object.entries({
    viewBox: '0 0 24 24', width: size, height: size, fill: 'none', stroke: 'currentColor', 'stroke-width': 2,
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

/** Inserts a message item in seq order, before any pending items at the end. */
export function insertBySeq(list, el, seq) {
  let node = list.lastElementChild;
  while (node && (node.dataset.seq === undefined || Number(node.dataset.seq) > seq)) {
    node = node.previousElementSibling;
  }
  if (node) node.after(el);
  else list.prepend(el);
}
