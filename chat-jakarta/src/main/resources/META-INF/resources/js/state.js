// The page's state, shared by the modules. Mutated in place so every module sees the same object.
import { RoomLog } from './util.js';

export function freshState() {
  return {
    token: null,
    containerAuth: false, // the embedding server authenticated us without a token
    entered: false,
    me: null,
    rooms: new Map(), // id -> {id, name, visibility, owner, member, virtual?}
    peers: new Map(), // direct room id -> the other user's name as spelled by the server
    logs: new Map(), // room id -> RoomLog
    current: null,
    pending: new Map(), // clientMsgId -> {clientMsgId, room, to, text, acked, failed}
    unread: new Map(), // room id -> unread messages (js/readstate.js keeps it)
    mentions: new Map(), // room id -> unread messages mentioning the user
    markers: new Map(), // room id -> the user's read marker (seq) as this page knows it
    typing: new Map(), // room id -> Map(user -> expiry timer)
    members: [], // of the current room
    online: new Set(), // lower-case usernames
    subscribed: new Map(), // room id -> since sent, for the current connection only
    welcomes: 0,
    loadingOlder: false,
    announcement: null,
    typingActive: false,
    typingSentAt: 0,
    typingRoom: null,
    typingIdle: null,
    // The message lifecycle's view state, by message id, kept apart from the DOM so that a message
    // redrawn by a live change keeps its open editor, its confirm step and its last error.
    editing: new Map(), // id -> {draft, where: 'main'|'thread'}
    confirming: new Set(), // ids whose delete awaits confirmation
    errors: new Map(), // id -> text of the last refusal of an action on it
    replyTo: null, // {room, id}: the main composer answers this message (a quoted reply)
    threadReplyTo: null, // {room, id}: the same for the thread composer
    thread: null, // {room, root, seqs: Map(seq -> id), hasMore, loading}: the open thread panel
  };
}

export const state = freshState();

export function logFor(id) {
  if (!state.logs.has(id)) state.logs.set(id, new RoomLog());
  return state.logs.get(id);
}

export function currentRoom() {
  return (state.current && state.rooms.get(state.current)) || null;
}
