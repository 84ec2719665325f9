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
    unread: new Map(), // room id -> count
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
