// A draft per room: what is typed in the composer stays with its room when another is opened, and
// comes back with it (kept for this tab's life, in sessionStorage per user, so a reload keeps it).
// What is typed never follows the user into another room.
import { $ } from './ui.js';
import { state } from './state.js';
import { updateLimit } from './limit.js';
import { autosize } from './typing.js';

const key = () => `parley.drafts.${(state.me || '').toLowerCase()}`;

function load() {
  try {
    return JSON.parse(sessionStorage.getItem(key()) || '{}') || {};
  } catch {
    return {};
  }
}

function store(all) {
  try {
    sessionStorage.setItem(key(), JSON.stringify(all));
  } catch { /* storage full or refused: the draft lives in the composer only */ }
}

/** Keeps the composer's text as the draft of `room` (drops it when empty). */
export function saveDraft(room) {
  if (!room || !state.me) return;
  const all = load();
  const text = $('#message-input').value;
  if (text.trim()) all[room] = text;
  else delete all[room];
  store(all);
}

/** Puts the draft of `room` (or nothing) in the composer. */
export function restoreDraft(room) {
  const input = $('#message-input');
  const text = (room && state.me && load()[room]) || '';
  if (input.value === text) return;
  input.value = text;
  updateLimit('main');
  autosize();
}

/** Sent or cleared: the composer's text is saved as it is typed, so a reload or a switch finds it. */
export function initDrafts() {
  const input = $('#message-input');
  let timer = null;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    const room = state.current;
    timer = setTimeout(() => { if (state.current === room) saveDraft(room); }, 300);
  });
  // A send empties the composer in code (no input event): the draft goes with it.
  $('#composer').addEventListener('submit', () => setTimeout(() => saveDraft(state.current), 0));
  input.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter' && !ev.shiftKey) setTimeout(() => saveDraft(state.current), 0);
  });
}
