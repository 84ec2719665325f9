// Moderation and room administration on the page (contract v2): the topic under the room title,
// the room settings dialog (name, topic, read-only; the ban list), the member menu (role, kick,
// ban for a chosen time, mute), and a composer that says why it is closed. Everything is built
// here and attached to the existing page; app.js only calls initModeration, onModerationEntry and
// onUnsubscribed. User data enters only as text (see js/ui.js).
import { h, $, toast } from './ui.js';
import { state, logFor, currentRoom } from './state.js';
import { myRole } from './perms.js';
import {
  ROOM_ACT_KINDS, moderates, administers, outranks, grantable, muteOf, composerBlock, untilFrom,
} from './modstate.js';
import { addMemberItems } from './membermenu.js';

const BAN_TIMES = [['3600', '1 hour'], ['86400', '1 day'], ['604800', '1 week'], ['', 'Until lifted']];
const MUTE_TIMES = [['600', '10 minutes'], ['3600', '1 hour'], ['86400', '1 day'], ['', 'Until lifted']];

let api = null;
let hooks = { refreshRoomsSoon() {}, reloadMembersSoon() {}, renderHeader() {} };
let memberTarget = null;
let muteTimer = null;

const opts = (pairs) => pairs.map(([value, label]) => h('option', { value }, label));

/** `c.api`, `c.hooks.refreshRoomsSoon`, `c.hooks.reloadMembersSoon`, `c.hooks.renderHeader`. */
export function initModeration(c) {
  api = c.api;
  hooks = { ...hooks, ...c.hooks };
  $('#room-subtitle').after(h('span', { id: 'room-topic', class: 'room-topic muted', hidden: true }));
  $('#members-button').before(h('button', {
    id: 'room-settings-button', type: 'button', hidden: true, on: { click: openSettings },
  }, 'Settings'));
  document.body.append(settingsDialog(), memberDialog());
  $('#composer').after(h('p', { id: 'composer-block', class: 'composer-note', role: 'status', hidden: true }));
  // renderHeader and renderMembers redraw these: follow them rather than hook every call.
  new MutationObserver(render).observe($('#room-subtitle'), { childList: true });
  new MutationObserver(render).observe($('#member-list'), { childList: true });
  addMemberItems(moderateItems);
}

/** A message frame: a MODERATION or ROOM_UPDATED entry changes what the page shows. */
export function onModerationEntry(msg) {
  if (!msg || !ROOM_ACT_KINDS.has(msg.kind)) return;
  if (msg.kind === 'ROOM_UPDATED') hooks.refreshRoomsSoon();
  else hooks.reloadMembersSoon();
  // The header first: it reopens the composer (an unmute, a role that may now post), then render
  // closes it again if something still holds it closed.
  if (msg.room === state.current) setTimeout(() => { hooks.renderHeader(); render(); }, 0);
}

/** An `unsubscribed` frame: a kick or a ban says so. */
export function onUnsubscribed(f) {
  if (!f || !f.reason) return;
  toast(`You were ${f.reason === 'banned' ? 'banned' : 'removed'} from #${f.room}`);
  hooks.refreshRoomsSoon();
}

function render() {
  const room = currentRoom();
  const topic = $('#room-topic');
  const role = myRole();
  const isRoom = room && room.visibility !== 'direct';
  topic.textContent = isRoom && room.topic ? room.topic : '';
  topic.hidden = !topic.textContent;
  $('#room-settings-button').hidden = !(isRoom && room.member && moderates(role));
  const mute = room ? muteOf([...logFor(room.id).msgs.values()], state.me, new Date(), room) : null;
  const why = composerBlock(room, role, mute);
  const note = $('#composer-block');
  note.textContent = why || '';
  note.hidden = !why;
  if (why) {
    $('#message-input').disabled = true;
    $('#message-input').placeholder = why;
    $('#send-button').disabled = true;
    $('#file-input').disabled = true;
  }
  clearTimeout(muteTimer);
  if (mute && mute.until) muteTimer = setTimeout(() => hooks.renderHeader(), Math.max(0, mute.until - new Date()) + 50);
}

// ---- room settings -------------------------------------------------------------------------

function settingsDialog() {
  return h('dialog', { id: 'room-settings-dialog', class: 'dialog', 'aria-labelledby': 'room-settings-title' },
    h('form', { id: 'room-settings-form', novalidate: true, on: { submit: saveSettings } },
      h('h2', { id: 'room-settings-title' }, 'Room settings'),
      h('fieldset', { id: 'room-settings-fields', class: 'plain' },
        h('label', { for: 'room-settings-name' }, 'Name'),
        h('input', { id: 'room-settings-name', maxlength: '100' }),
        h('label', { for: 'room-settings-topic' }, 'Topic'),
        h('input', { id: 'room-settings-topic', maxlength: '500' }),
        h('label', { class: 'check' }, h('input', { id: 'room-settings-readonly', type: 'checkbox' }),
          ' Read-only: only moderators and above post')),
      h('h3', {}, 'Banned'),
      h('ul', { id: 'ban-list', class: 'ban-list' }),
      h('p', { id: 'room-settings-error', class: 'form-error', role: 'alert' }),
      h('div', { class: 'dialog-actions' },
        h('button', { type: 'button', on: { click: () => $('#room-settings-dialog').close() } }, 'Close'),
        h('button', { id: 'room-settings-save', type: 'submit', class: 'primary' }, 'Save'))));
}

async function openSettings() {
  const room = currentRoom();
  if (!room) return;
  const admin = administers(myRole());
  $('#room-settings-fields').disabled = !admin;
  $('#room-settings-save').hidden = !admin;
  $('#room-settings-name').value = room.name || room.id;
  $('#room-settings-topic').value = room.topic || '';
  $('#room-settings-readonly').checked = !!room.readOnly;
  $('#room-settings-error').textContent = '';
  $('#room-settings-dialog').showModal();
  await drawBans(room.id);
}

async function drawBans(roomId) {
  const list = $('#ban-list');
  try {
    const bans = await api.bans(roomId);
    list.replaceChildren(...(bans.length ? bans.map((b) => h('li', { dataset: { username: b.username } },
      h('span', { class: 'ban-user' }, b.username),
      h('span', { class: 'muted' }, ` by ${b.by}${b.until ? ` until ${new Date(b.until).toLocaleString()}` : ''}`
        + (b.reason ? `: ${b.reason}` : '')),
      h('button', {
        type: 'button', class: 'unban', 'aria-label': `Unban ${b.username}`,
        on: { click: () => act(() => api.unban(roomId, b.username), '#room-settings-error').then(() => drawBans(roomId)) },
      }, 'Unban'))) : [h('li', { class: 'empty' }, 'Nobody is banned')]));
  } catch (e) {
    $('#room-settings-error').textContent = e.message;
  }
}

async function saveSettings(ev) {
  ev.preventDefault();
  const room = currentRoom();
  if (!room) return;
  const patch = {};
  const name = $('#room-settings-name').value.trim();
  const topic = $('#room-settings-topic').value.trim();
  const readOnly = $('#room-settings-readonly').checked;
  if (name && name !== (room.name || room.id)) patch.name = name;
  if (topic !== (room.topic || '')) patch.topic = topic;
  if (readOnly !== !!room.readOnly) patch.readOnly = readOnly;
  if (!Object.keys(patch).length) {
    $('#room-settings-dialog').close();
    return;
  }
  if (await act(() => api.updateRoom(room.id, patch), '#room-settings-error')) {
    Object.assign(room, patch);
    $('#room-settings-dialog').close();
    hooks.renderHeader();
    hooks.refreshRoomsSoon();
  }
}

// ---- the member menu -----------------------------------------------------------------------

/** The member menu's "Moderate…", on members of a lower role than the user's, in a room the user moderates. */
function moderateItems(username) {
  const room = currentRoom();
  const role = myRole();
  if (!room || room.visibility === 'direct' || !moderates(role)) return [];
  const m = state.members.find((x) => x.username === username);
  if (!m || !outranks(role, m.role)) return [];
  return [{ label: 'Moderate…', className: 'member-moderate', onClick: () => openMember(m) }];
}

function memberDialog() {
  return h('dialog', { id: 'member-dialog', class: 'dialog', 'aria-labelledby': 'member-dialog-title' },
    h('form', { method: 'dialog', novalidate: true },
      h('h2', { id: 'member-dialog-title' }, 'Member'),
      h('div', { id: 'member-role-row' },
        h('label', { for: 'member-role' }, 'Role'),
        h('select', { id: 'member-role' }),
        h('button', { id: 'member-role-apply', type: 'button', on: { click: applyRole } }, 'Set role')),
      h('label', { for: 'member-ban-time' }, 'Ban'),
      h('select', { id: 'member-ban-time' }, opts(BAN_TIMES)),
      h('input', { id: 'member-ban-reason', placeholder: 'Reason (optional)', maxlength: '500' }),
      h('button', { id: 'member-ban', type: 'button', on: { click: ban } }, 'Ban'),
      h('label', { for: 'member-mute-time' }, 'Mute'),
      h('select', { id: 'member-mute-time' }, opts(MUTE_TIMES)),
      h('button', { id: 'member-mute', type: 'button', on: { click: mute } }, 'Mute'),
      h('button', { id: 'member-unmute', type: 'button', on: { click: unmute } }, 'Unmute'),
      h('p', { id: 'member-dialog-error', class: 'form-error', role: 'alert' }),
      h('div', { class: 'dialog-actions' },
        h('button', { id: 'member-kick', type: 'button', on: { click: kick } }, 'Kick'),
        h('button', { type: 'submit' }, 'Close'))));
}

function openMember(m) {
  memberTarget = { room: state.current, username: m.username };
  $('#member-dialog-title').textContent = `${m.username} (${m.role})`;
  const roles = grantable(myRole());
  $('#member-role-row').hidden = !roles.length;
  $('#member-role').replaceChildren(...roles.map((r) => h('option', { value: r, selected: r === m.role }, r)));
  $('#member-ban-reason').value = '';
  $('#member-dialog-error').textContent = '';
  $('#member-dialog').showModal();
}

async function act(call, errorSel) {
  try {
    await call();
    return true;
  } catch (e) {
    $(errorSel).textContent = e.message;
    return false;
  }
}

async function onTarget(call) {
  const t = memberTarget;
  if (t && await act(() => call(t), '#member-dialog-error')) {
    $('#member-dialog').close();
    hooks.reloadMembersSoon();
  }
}

const applyRole = () => onTarget((t) => api.setRole(t.room, t.username, $('#member-role').value));
const kick = () => onTarget((t) => api.kick(t.room, t.username));
const ban = () => onTarget((t) => api.ban(t.room, t.username,
  untilFrom($('#member-ban-time').value, new Date()), $('#member-ban-reason').value.trim() || undefined));
const mute = () => onTarget((t) => api.mute(t.room, t.username, untilFrom($('#member-mute-time').value, new Date())));
const unmute = () => onTarget((t) => api.unmute(t.room, t.username));
