// What the current user may do with a message, as the server decides it (contract v2): edit their
// own CHAT/PRIVATE messages; delete their own, or any in a room where their role is above member
// (owner, admin, moderator; server admins are listed as admin). In a direct conversation only
// one's own: the other person's words are not moderated there.
import { state } from './state.js';
import { isContent, isEditable, sameUser } from './lifecycle.js';

export function myRole() {
  const mine = state.members.find((m) => sameUser(m.username, state.me));
  return mine ? mine.role : null;
}

const roomOf = (msg) => state.rooms.get(msg.room);
const writable = (msg) => {
  const room = roomOf(msg);
  return !!room && room.member && !room.virtual && isContent(msg) && !msg.deleted;
};

export const canReact = (msg) => writable(msg);
export const canReply = (msg) => writable(msg);
/** A thread starts on a message of the timeline, never on a reply in a thread. */
export const canThread = (msg) => writable(msg) && msg.thread == null;
export const canEdit = (msg) => writable(msg) && isEditable(msg) && sameUser(msg.from, state.me);

export function canDelete(msg) {
  if (!writable(msg)) return false;
  if (sameUser(msg.from, state.me)) return true;
  if (roomOf(msg).visibility === 'direct' || msg.room !== state.current) return false;
  const role = myRole();
  return !!role && role !== 'member';
}
