// Rendering of the sidebar, the room header and the members panel from the app state.
// Every name shown comes from users, so it is passed as text, never as markup.
import { h, $, icon } from './ui.js';
import { dmPeerFromId, typingText } from './util.js';
import { overLimit } from './limit.js';
import { shown } from './names.js';
import { countLabel } from './readstate.js';

/** The other user of a direct room, in the best spelling known. */
export function peerOf(state, room) {
  return state.peers.get(room.id) || dmPeerFromId(room.id, state.me || '') || room.name;
}

/** Display name of a room: the other user's name for a direct room. */
export function roomLabel(state, room) {
  return room.visibility === 'direct' ? shown(peerOf(state, room)) : (room.name || room.id);
}

function byLabel(state) {
  return (a, b) => roomLabel(state, a).localeCompare(roomLabel(state, b));
}

function roomButton(state, room, onOpen, prefix) {
  const unread = state.unread.get(room.id) || 0;
  const mentions = state.mentions.get(room.id) || 0;
  const label = roomLabel(state, room);
  const said = [label];
  if (unread) said.push(`${countLabel(unread)} unread`);
  if (mentions) said.push(mentions === 1 ? '1 mention' : `${countLabel(mentions)} mentions`);
  return h('button', {
    type: 'button',
    class: `room-item${unread ? ' has-unread' : ''}`,
    dataset: { roomId: room.id },
    'aria-current': state.current === room.id ? 'true' : 'false',
    'aria-label': said.join(', '),
    on: { click: () => onOpen(room.id) },
  }, prefix, h('span', { class: 'room-name' }, label),
  mentions ? h('span', { class: 'mention-badge', 'aria-hidden': 'true', title: said.slice(1).join(', ') }, `@${countLabel(mentions)}`) : null,
  unread ? h('span', { class: 'unread-badge', 'aria-hidden': 'true' }, countLabel(unread)) : null);
}

const drawn = new WeakMap(); // list element -> key of what it shows

/**
 * Replaces a list's items only when what they show changed, so that frequent events (presence,
 * room polling) do not swap the node under a pointer in the middle of a click.
 */
function update(list, key, build) {
  if (drawn.get(list) === key) return;
  drawn.set(list, key);
  list.replaceChildren(...build());
}

/** Rooms (member, not direct), direct conversations, and public rooms one may join. */
export function renderSidebar(state, { onOpen, onJoin }) {
  const rooms = [...state.rooms.values()];
  const mine = rooms.filter((r) => r.member && r.visibility !== 'direct').sort(byLabel(state));
  const dms = rooms.filter((r) => r.visibility === 'direct').sort(byLabel(state));
  const open = rooms.filter((r) => !r.member && r.visibility === 'public').sort(byLabel(state));
  const isOnline = (r) => state.online.has(peerOf(state, r).toLowerCase());
  const key = (rs) => JSON.stringify(rs.map((r) => [r.id, roomLabel(state, r), r.visibility,
    state.unread.get(r.id) || 0, state.mentions.get(r.id) || 0, state.current === r.id, r.visibility === 'direct' && isOnline(r)]));

  update($('#room-list'), key(mine), () => (mine.length ? mine.map((r) => h('li', {},
    roomButton(state, r, onOpen,
      h('span', { class: 'room-prefix', 'aria-hidden': 'true' }, r.visibility === 'private' ? icon('lock') : '#'))))
    : [h('li', { class: 'empty' }, 'No rooms yet')]));

  update($('#dm-list'), key(dms), () => (dms.length ? dms.map((r) => {
    const online = isOnline(r);
    return h('li', {}, roomButton(state, r, onOpen,
      h('span', { class: `dot${online ? ' online' : ''}`, title: online ? 'online' : 'offline' })));
  }) : [h('li', { class: 'empty' }, 'No conversations yet')]));

  update($('#public-room-list'), key(open), () => (open.length ? open.map((r) => h('li', {},
    roomButton(state, r, onOpen, h('span', { class: 'room-prefix', 'aria-hidden': 'true' }, '#')),
    h('button', {
      type: 'button', class: 'join-small', 'aria-label': `Join ${r.name || r.id}`,
      on: { click: () => onJoin(r.id) },
    }, 'Join')))
    : [h('li', { class: 'empty' }, 'Nothing else to join')]));
}

/** Title, subtitle, join/leave buttons and whether the composer can be used. */
export function renderHeader(state) {
  const room = state.current ? state.rooms.get(state.current) : null;
  const title = $('#room-title');
  const subtitle = $('#room-subtitle');
  const input = $('#message-input');
  if (!room) {
    title.textContent = 'No room open';
    subtitle.textContent = 'Pick or create a room';
    $('#join-button').hidden = true;
    $('#leave-button').hidden = true;
    input.disabled = true;
    $('#send-button').disabled = true;
    $('#file-input').disabled = true;
    input.placeholder = '';
    return;
  }
  const label = roomLabel(state, room);
  if (room.visibility === 'direct') {
    title.textContent = `@${label}`;
    subtitle.textContent = 'Direct conversation';
  } else {
    title.replaceChildren(room.visibility === 'private' ? icon('lock') : '#', label);
    const parts = [room.visibility === 'private' ? 'Private room' : 'Public room'];
    if (label !== room.id) parts.push(room.id);
    subtitle.textContent = parts.join(' · ');
  }
  $('#join-button').hidden = room.member || room.visibility !== 'public';
  $('#leave-button').hidden = !room.member || room.visibility === 'direct';
  const canWrite = !!room.member;
  input.disabled = !canWrite;
  $('#send-button').disabled = !canWrite || overLimit('main');
  $('#file-input').disabled = !canWrite;
  input.placeholder = canWrite
    ? (room.visibility === 'direct' ? `Message @${label}` : `Message #${label}`)
    : 'Join this room to write';
}

/** The current room's members with online dots; the add form for owners/admins of private rooms. */
export function renderMembers(state) {
  const list = $('#member-list');
  const room = state.current ? state.rooms.get(state.current) : null;
  if (!room || !room.member) {
    list.replaceChildren(h('li', { class: 'empty' }, room ? 'Join to see members' : ''));
    $('#add-member-form').hidden = true;
    return;
  }
  const order = { owner: 0, admin: 1, member: 2 };
  const members = [...state.members].sort((a, b) =>
    (state.online.has(b.username.toLowerCase()) - state.online.has(a.username.toLowerCase()))
    || ((order[a.role] ?? 3) - (order[b.role] ?? 3)) || a.username.localeCompare(b.username));
  list.replaceChildren(...members.map((m) => {
    const online = state.online.has(m.username.toLowerCase());
    return h('li', { dataset: { username: m.username }, class: online ? 'online' : 'offline' },
      h('span', { class: `dot${online ? ' online' : ''}`, title: online ? 'online' : 'offline' }),
      h('span', { class: 'member-name', title: `@${m.username}` }, shown(m.username) + (m.username === state.me ? ' (you)' : '')),
      m.role && m.role !== 'member' ? h('span', { class: 'member-role' }, m.role) : null);
  }));
  const mine = state.members.find((m) => m.username === state.me);
  $('#add-member-form').hidden = !(room.visibility === 'private' && mine && (mine.role === 'owner' || mine.role === 'admin'));
}

/** "alice is typing…" for the current room. */
export function renderTyping(state) {
  const users = state.current && state.typing.has(state.current)
    ? [...state.typing.get(state.current).keys()] : [];
  $('#typing-indicator').textContent = typingText(users.map(shown));
}
