// The messages part of the page wired together: the stream, sending, typing, the composers, the
// thread panel and the actions on messages. app.js talks to this module only.
import { $ } from './ui.js';
import { initBubbles } from './bubble.js';
import { initActions } from './actions.js';
import { closePicker } from './picker.js';
import { initStream, fetchMessage, takeFetched, scrollToBottom, renderOpts } from './stream.js';
import { initSend } from './send.js';
import { initTyping } from './typing.js';
import { initCompose, setReply, clearReply } from './compose.js';
import {
  initThread, openThread, closeThread, onThreadReplies, onChanged, placePending, scrollTo,
} from './thread.js';
import { state, logFor } from './state.js';
import { myRole } from './perms.js';

export {
  renderMessagesOf, loadLatest, loadOlder, fillViewport, syncSubscriptions, onSubscribed, acceptLive,
} from './stream.js';
export { resendPending, onAck, onErrorFrame, restoreQueued, connectionChanged } from './send.js';
export { onInput, stopTyping, onTyping, autosize } from './typing.js';
export { sendCurrent } from './compose.js';

/**
 * @param {object} c
 * @param {object} c.api REST client
 * @param {object} c.socket the ChatSocket
 * @param {object} c.hooks {drawSidebar, refreshRooms, refreshRoomsSoon, reloadMembersSoon, showAnnouncement, openRoom,
 *        onNewMessage(msg)}
 */
export function initMessages({ api, socket, hooks }) {
  initTyping({ socket });
  initBubbles({
    // Redrawn once it is known; a failure to reach it leaves the placeholder until next drawn.
    needQuote: (room, id) => fetchMessage(room, id).then(() => onChanged(room, [id]), () => {
      if (logFor(room).find(id) === null) onChanged(room, [id]);
    }),
  });
  initSend({
    api,
    socket,
    hooks: {
      refreshRooms: hooks.refreshRooms,
      openRoom: hooks.openRoom,
      placePending: (p, el) => placePending(p, el, $('#message-list'), scrollToBottom),
      takeFetched,
    },
  });
  initStream({ api, socket, hooks: { ...hooks, onThreadReplies, onChanged } });
  initCompose();
  initThread({ api });
  initActions({ api, renderOpts, hooks: { openThread, setReply, scrollTo } });
}

/** Escape closes the emoji picker, else the thread panel; returns whether it closed something. */
export function escapeMessages() {
  return closePicker(true) || closeThread(true);
}

/** Another room is shown: its thread, quoted reply, editors and confirm steps go. */
export function leaveRoomView() {
  closePicker(false);
  closeThread(false);
  clearReply('main');
  state.editing.clear();
  state.confirming.clear();
  state.errors.clear();
}

/** The members (and so the roles) of the open room are known: what one may do with messages follows. */
export function membersKnown() {
  const role = myRole();
  if (!state.current || !role || role === 'member') return;
  const ids = new Set([...document.querySelectorAll('#message-list li.message[data-id], #thread-panel li.message[data-id]')]
    .map((li) => Number(li.dataset.id)));
  onChanged(state.current, [...ids]);
}
