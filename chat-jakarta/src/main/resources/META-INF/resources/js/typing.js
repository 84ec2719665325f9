// Typing notices, both ways, and the height of the composers as their text grows.
import { $ } from './ui.js';
import { renderTyping } from './views.js';
import { state, currentRoom } from './state.js';

const TYPING_EVERY_MS = 3000;
const TYPING_IDLE_MS = 5000;
const TYPING_EXPIRE_MS = 6000;

let socket = null;

/** @param {object} c `c.socket`: the ChatSocket */
export function initTyping(c) {
  ({ socket } = c);
}

/** Grows a composer's textarea with its text, up to `max` px (the main one by default). */
export function autosize(input = $('#message-input'), max = 160) {
  // Not laid out (the chat is still hidden behind the login screen): scrollHeight would be 0 and
  // shrink the composer to a sliver; the caller sizes it again once it is shown.
  if (!input.getClientRects().length) return;
  input.style.height = 'auto';
  input.style.height = `${Math.min(input.scrollHeight + 2, max)}px`;
}

/** On every keystroke: `typing active` at most every 3 s, and `active:false` after 5 s idle. */
export function onInput() {
  autosize();
  const room = currentRoom();
  if (!room || !room.member || room.virtual) return;
  if (!$('#message-input').value.trim()) { stopTyping(); return; }
  const now = Date.now();
  if (!state.typingActive || now - state.typingSentAt >= TYPING_EVERY_MS) {
    if (socket.send({ type: 'typing', room: room.id, active: true })) {
      state.typingActive = true;
      state.typingSentAt = now;
      state.typingRoom = room.id;
    }
  }
  clearTimeout(state.typingIdle);
  state.typingIdle = setTimeout(stopTyping, TYPING_IDLE_MS);
}

export function stopTyping() {
  clearTimeout(state.typingIdle);
  if (state.typingActive && state.typingRoom) socket.send({ type: 'typing', room: state.typingRoom, active: false });
  state.typingActive = false;
  state.typingSentAt = 0;
}

/** Another user's typing notice; it expires unless refreshed. */
export function onTyping(f) {
  if (!f.room || !f.user || f.user === state.me) return;
  if (!state.typing.has(f.room)) state.typing.set(f.room, new Map());
  const typers = state.typing.get(f.room);
  clearTimeout(typers.get(f.user));
  if (f.active) {
    typers.set(f.user, setTimeout(() => {
      typers.delete(f.user);
      renderTyping(state);
    }, TYPING_EXPIRE_MS));
  } else {
    typers.delete(f.user);
  }
  if (f.room === state.current) renderTyping(state);
}

/** A message from this user ends their typing notice. */
export function typedBy(room, user) {
  const typers = state.typing.get(room);
  if (!typers || !typers.has(user)) return;
  clearTimeout(typers.get(user));
  typers.delete(user);
  renderTyping(state);
}
