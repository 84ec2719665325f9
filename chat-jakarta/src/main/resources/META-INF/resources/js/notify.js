// Browser notifications of mentions: the bell in the top bar (`#notify-button`, `aria-pressed`)
// turns them on and off. Permission is asked for only when the bell is clicked (a user gesture, as
// browsers require); the choice is kept per browser in localStorage (`parley.notify`), and applies
// only while the permission stands. A message from someone else that mentions the user shows a
// notification while the tab is hidden, once per message (it may come both as a message frame and,
// for a room this page does not follow, as a `mention` frame); clicking it brings the tab back with
// that room open. Said in a toast when the browser has no notifications or they are blocked.
import { $, toast } from './ui.js';
import { state } from './state.js';
import { sameUser } from './lifecycle.js';
import { mentionsMe } from './readstate.js';
import { shown } from './names.js';

const KEY = 'parley.notify';
const BODY_MAX = 140;
const SEEN_MAX = 200;

let hooks = null;
const notified = new Set(); // message ids already notified

const api = () => window.Notification; // read when used, so that a test may wrap it
const wanted = () => localStorage.getItem(KEY) === 'on';
const enabled = () => !!api() && api().permission === 'granted' && wanted();

function drawBell() {
  const b = $('#notify-button');
  const on = enabled();
  b.setAttribute('aria-pressed', on ? 'true' : 'false');
  b.setAttribute('aria-label', on ? 'Mention notifications on' : 'Mention notifications off');
  b.title = on ? 'Notifications of mentions are on (click to turn off)' : 'Notify me of mentions while this tab is hidden';
}

async function toggle() {
  const N = api();
  if (!N) {
    toast('This browser cannot show notifications.');
    return;
  }
  if (enabled()) {
    localStorage.setItem(KEY, 'off');
    drawBell();
    return;
  }
  let permission = N.permission;
  if (permission === 'default') {
    try {
      permission = await N.requestPermission();
    } catch {
      permission = N.permission;
    }
  }
  if (permission !== 'granted') {
    toast(permission === 'denied'
      ? 'Notifications are blocked for this site: allow them in the browser\'s site settings.'
      : 'Notifications were not allowed.');
    drawBell();
    return;
  }
  localStorage.setItem(KEY, 'on');
  drawBell();
}

/** @param {object} c `c.hooks`: {openRoom(id), roomLabel(id)} */
export function initNotify(c) {
  ({ hooks } = c);
  $('#notify-button').addEventListener('click', toggle);
  window.addEventListener('storage', (ev) => { if (ev.key === KEY) drawBell(); });
  drawBell();
}

/** A message new to the page, or the message of a `mention` frame: notified when it mentions the user. */
export function maybeNotify(msg) {
  if (!msg || notified.has(msg.id) || !mentionsMe(msg) || sameUser(msg.from, state.me)) return;
  if (document.visibilityState !== 'hidden' || !enabled()) return;
  notified.add(msg.id);
  if (notified.size > SEEN_MAX) notified.delete(notified.values().next().value);
  const N = api();
  const text = String(msg.text || (msg.file && msg.file.name) || '');
  try {
    const n = new N(`${shown(msg.from)} mentioned you in ${hooks.roomLabel(msg.room)}`, {
      body: text.length > BODY_MAX ? `${text.slice(0, BODY_MAX)}…` : text,
      tag: `parley-mention-${msg.id}`,
    });
    n.onclick = () => {
      window.focus();
      hooks.openRoom(msg.room);
      n.close();
    };
  } catch {
    // Some browsers only show notifications from a service worker: the badges still say it.
  }
}
