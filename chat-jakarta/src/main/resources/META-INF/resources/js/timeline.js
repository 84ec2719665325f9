// How a message list reads: day separators, consecutive messages of one author grouped under one
// avatar and name, and relative times ("5 min ago") kept current, the exact time on hover (title).
// It watches the lists (a MutationObserver) rather than being called by every part that draws into
// them, so the stream, the thread panel and the lifecycle redraws need not know about it. Its own
// changes are idempotent: a second pass over a list it has arranged changes nothing.
import { h } from './ui.js';
import { formatTime } from './util.js';

const GROUP_MS = 5 * 60 * 1000;
const TICK_MS = 30 * 1000;

const dayKey = (d) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/** "just now", "5 min ago", "3 hr ago" today; "yesterday, 14:05"; else the date and time. */
export function relativeTime(iso, now = new Date(), locale = undefined) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const secs = (now - d) / 1000;
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'short' });
  if (secs < 60 && secs > -60) return rtf.format(0, 'second'); // "now"
  if (secs < 3600 && secs > 0) return rtf.format(-Math.floor(secs / 60), 'minute');
  const today = dayKey(now);
  if (dayKey(d) === today && secs > 0) return rtf.format(-Math.floor(secs / 3600), 'hour');
  const yesterday = new Date(now);
  yesterday.setDate(now.getDate() - 1);
  if (dayKey(d) === dayKey(yesterday)) {
    return `${rtf.format(-1, 'day')}, ${d.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' })}`;
  }
  return formatTime(iso, now, locale);
}

/** The label of a day separator: "Today", "Yesterday", or the date written out. */
export function dayLabel(date, now = new Date(), locale = undefined) {
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const cap = (s) => s.charAt(0).toUpperCase() + s.slice(1);
  if (dayKey(date) === dayKey(now)) return cap(rtf.format(0, 'day'));
  const y = new Date(now);
  y.setDate(now.getDate() - 1);
  if (dayKey(date) === dayKey(y)) return cap(rtf.format(-1, 'day'));
  return date.toLocaleDateString(locale, {
    weekday: 'long', month: 'long', day: 'numeric', year: date.getFullYear() === now.getFullYear() ? undefined : 'numeric',
  });
}

/** A `<time>` of an instant: relative, kept current, exact on hover. */
export function timeOf(iso) {
  return h('time', { datetime: iso, title: new Date(iso).toLocaleString(), dataset: { rel: '' } }, relativeTime(iso));
}

const whenOf = (li) => {
  const t = li.querySelector('time[datetime]');
  const d = t ? new Date(t.getAttribute('datetime')) : null;
  return d && !Number.isNaN(d.getTime()) ? d : null;
};
const isBubble = (li) => li.classList.contains('message') && !li.classList.contains('note')
  && !li.classList.contains('thread-root');

/** Puts a list's separators and groups right; returns whether it changed the list's children. */
export function arrange(list, now = new Date()) {
  let changed = false;
  const keep = new Set();
  let prevDay = null;
  let prev = null;
  for (const li of [...list.children]) {
    if (li.classList.contains('day-separator')) continue;
    if (li.classList.contains('unread-divider')) { prev = null; continue; } // js/readview.js: a run starts after it
    const when = li.classList.contains('message') ? whenOf(li) : null;
    if (!when) { // pending sends and placeholders stand on their own
      li.classList.remove('grouped');
      continue;
    }
    const day = dayKey(when);
    if (day !== prevDay) {
      let sep = li.previousElementSibling;
      if (!(sep && sep.classList.contains('day-separator') && sep.dataset.day === day)) {
        const label = dayLabel(when, now);
        sep = h('li', { class: 'day-separator', dataset: { day } },
          h('span', {}, label));
        li.before(sep);
        changed = true;
      }
      keep.add(sep);
      prev = null;
    }
    const grouped = !!prev && isBubble(li) && isBubble(prev) && !!li.dataset.from
      && li.dataset.from === prev.dataset.from && when - whenOf(prev) < GROUP_MS;
    li.classList.toggle('grouped', grouped);
    prevDay = day;
    prev = li;
  }
  for (const sep of list.querySelectorAll(':scope > .day-separator')) {
    if (!keep.has(sep)) { sep.remove(); changed = true; }
  }
  return changed;
}

function refreshTimes(root, now = new Date()) {
  for (const t of root.querySelectorAll('time[data-rel]')) {
    const text = relativeTime(t.getAttribute('datetime'), now);
    if (t.textContent !== text) t.textContent = text;
  }
  for (const sep of root.querySelectorAll('.day-separator')) {
    const [y, m, d] = sep.dataset.day.split('-').map(Number);
    const label = dayLabel(new Date(y, m - 1, d), now);
    if (sep.textContent !== label) {
      sep.setAttribute('aria-label', label);
      sep.firstElementChild.textContent = label;
    }
  }
}

/**
 * The reader's place in `scroller`: the first item of `list` whose bottom is below the top of the
 * view, and how far its top is from the view's top. Day separators are skipped (one at the seam
 * goes when older messages of its day come in above it), and so are the items in `skip` (ones just
 * drawn, which were not on screen). Read by geometry, not by hit-testing a point: an overlay or a
 * gap between items cannot mislead it.
 */
export function readerPlace(scroller, list, skip = null) {
  const top = scroller.getBoundingClientRect().top;
  for (const li of list.children) {
    if (li.classList.contains('day-separator') || (skip && skip.has(li))) continue;
    const r = li.getBoundingClientRect();
    if (r.height === 0 && r.width === 0) continue; // not displayed
    if (r.bottom > top) return { li, offset: r.top - top };
  }
  return null;
}

/** Scrolls `scroller` so that the item of `place` (see readerPlace) is where it was in the view. */
export function keepPlace(scroller, place) {
  if (!place || !place.li.isConnected) return;
  const now = place.li.getBoundingClientRect().top - scroller.getBoundingClientRect().top;
  scroller.scrollTop += now - place.offset;
}

/**
 * Watches the lists given by selector. Grouping changes the height of items, above the view too
 * (older history comes in ungrouped), so the item at the top of the view is kept where it was, and
 * a view at the bottom stays at the bottom.
 */
export function initTimeline(selectors = ['#message-list', '#thread-list']) {
  const lists = selectors.map((s) => document.querySelector(s)).filter(Boolean);
  const observer = new MutationObserver((records) => {
    const touched = new Set(records.map((r) => r.target));
    for (const list of touched) {
      const scroller = list.closest('.message-area, .thread-area');
      if (!scroller) { arrange(list); continue; }
      const atBottom = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 4;
      const added = new Set(records.filter((r) => r.target === list).flatMap((r) => [...r.addedNodes]));
      const place = atBottom ? null : readerPlace(scroller, list, added);
      arrange(list);
      if (atBottom) scroller.scrollTop = scroller.scrollHeight;
      else keepPlace(scroller, place);
    }
  });
  for (const list of lists) {
    observer.observe(list, { childList: true });
    arrange(list);
  }
  setInterval(() => lists.forEach((l) => refreshTimes(l)), TICK_MS);
}
