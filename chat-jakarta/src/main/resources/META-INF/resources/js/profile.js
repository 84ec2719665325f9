// The profile dialog (display name, password change) and blocking: a "Block" / "Unblock" item in
// each member's menu and in a direct conversation's header. The server's rules decide; a refusal
// is shown beside the field it concerns. Hooked in by app.js (initProfile, profileEntered,
// profileLeft) and index.html (the Profile button).
import { h, $, toast } from './ui.js';
import { learnUser, learnUsers, shown, forgetNames } from './names.js';
import { addMemberItems, refreshMemberMenus } from './membermenu.js';

let ctx = null; // { api, state, onChanged }
const blocked = new Set(); // lower-case usernames the user blocks

/** Wires the profile button, the dialog and the member menus; call once. */
export function initProfile({ api, state, onChanged }) {
  ctx = { api, state, onChanged };
  document.body.append(buildDialog());
  $('#profile-button').addEventListener('click', openDialog);
  addMemberItems(blockItems);
  const header = $('#members-button');
  header.before(h('button', { id: 'block-peer-button', type: 'button', hidden: true, on: { click: togglePeer } }));
  new MutationObserver(showPeerButton).observe($('#room-title'), { childList: true, characterData: true, subtree: true });
}

/** After sign-in: the caller's own name and the blocks. */
export async function profileEntered(user) {
  learnUser(user);
  showMe();
  try {
    const list = await ctx.api.blocks();
    blocked.clear();
    for (const u of list || []) blocked.add(u.username.toLowerCase());
    learnUsers(list);
    refreshMemberMenus();
    showPeerButton();
  } catch { /* no blocks shown; acting on one still works */ }
}

/** Sign-out: forget what was learned. */
export function profileLeft() {
  blocked.clear();
  forgetNames();
}

function showMe() {
  const me = ctx.state.me;
  const el = $('#current-user');
  el.textContent = shown(me);
  el.title = me ? `@${me}` : '';
}

// ---- the dialog ----------------------------------------------------------------------------

function field(id, label, attrs) {
  return [h('label', { for: id }, label), h('input', { id, ...attrs }),
    h('p', { id: `${id}-error`, class: 'form-error', role: 'alert' })];
}

function buildDialog() {
  const nameForm = h('form', { id: 'profile-name-form', novalidate: true, on: { submit: saveName } },
    h('h2', { id: 'profile-title' }, 'Your profile'),
    h('p', { id: 'profile-username', class: 'muted' }),
    ...field('profile-display-name', 'Display name (empty: show your username)',
      { maxlength: 64, autocomplete: 'nickname', 'aria-describedby': 'profile-display-name-error' }),
    h('div', { class: 'dialog-actions' }, h('button', { id: 'profile-name-save', type: 'submit', class: 'primary' }, 'Save name')));
  const passwordForm = h('form', { id: 'profile-password-form', novalidate: true, on: { submit: changePassword } },
    h('h3', {}, 'Change password'),
    ...field('profile-current-password', 'Current password',
      { type: 'password', autocomplete: 'current-password', 'aria-describedby': 'profile-current-password-error' }),
    ...field('profile-new-password', 'New password (at least 8 characters)',
      { type: 'password', autocomplete: 'new-password', 'aria-describedby': 'profile-new-password-error' }),
    h('p', { class: 'muted' }, 'Your other sessions are signed out; this one stays.'),
    h('div', { class: 'dialog-actions' },
      h('button', { id: 'profile-close', type: 'button', on: { click: () => $('#profile-dialog').close() } }, 'Close'),
      h('button', { id: 'profile-password-save', type: 'submit', class: 'primary' }, 'Change password')));
  return h('dialog', { id: 'profile-dialog', class: 'dialog', 'aria-labelledby': 'profile-title' }, nameForm, passwordForm);
}

function clearErrors() {
  for (const el of document.querySelectorAll('#profile-dialog .form-error')) el.textContent = '';
  for (const el of document.querySelectorAll('#profile-dialog input')) el.removeAttribute('aria-invalid');
}

function refuse(fieldId, message) {
  $(`#${fieldId}-error`).textContent = message;
  const input = $(`#${fieldId}`);
  input.setAttribute('aria-invalid', 'true');
  input.focus();
}

async function openDialog() {
  clearErrors();
  $('#profile-password-form').reset();
  $('#profile-username').textContent = `Signed in as @${ctx.state.me}`;
  $('#profile-password-form').hidden = !!ctx.state.containerAuth; // the container's password is not Parley's
  try {
    const me = await ctx.api.me();
    $('#profile-display-name').value = me.displayName || '';
  } catch {
    $('#profile-display-name').value = shown(ctx.state.me) === ctx.state.me ? '' : shown(ctx.state.me);
  }
  $('#profile-dialog').showModal();
  $('#profile-display-name').focus();
}

async function saveName(ev) {
  ev.preventDefault();
  clearErrors();
  const value = $('#profile-display-name').value.trim();
  if ([...value].length > 64) { refuse('profile-display-name', 'At most 64 characters.'); return; }
  try {
    const user = await ctx.api.updateMe({ displayName: value || null });
    learnUsers([user]);
    showMe();
    ctx.onChanged();
    toast(user.displayName ? `You are shown as ${user.displayName}` : 'You are shown by your username', 'info', 3000);
  } catch (e) {
    if (e.status !== 401) refuse('profile-display-name', e.message);
  }
}

async function changePassword(ev) {
  ev.preventDefault();
  clearErrors();
  const current = $('#profile-current-password').value;
  const next = $('#profile-new-password').value;
  if (!current) { refuse('profile-current-password', 'Enter your current password.'); return; }
  if (next.length < 8) { refuse('profile-new-password', 'At least 8 characters.'); return; }
  try {
    await ctx.api.changePassword(current, next);
    $('#profile-password-form').reset();
    toast('Password changed; your other sessions are signed out.', 'info', 4000);
  } catch (e) {
    if (e.status === 401) return;
    if (e.status === 403 || e.status === 429) refuse('profile-current-password', e.message);
    else refuse('profile-new-password', e.message);
  }
}

// ---- blocks --------------------------------------------------------------------------------

function isBlocked(username) {
  return blocked.has(String(username).toLowerCase());
}

async function setBlocked(username, block) {
  try {
    if (block) await ctx.api.block(username);
    else await ctx.api.unblock(username);
    if (block) blocked.add(username.toLowerCase());
    else blocked.delete(username.toLowerCase());
    toast(block ? `${shown(username)} can no longer send you direct messages` : `${shown(username)} is unblocked`,
      'info', 3000);
    refreshMemberMenus();
    showPeerButton();
  } catch (e) {
    if (e.status !== 401) toast(e.message);
  }
}

/** The member menu's Block / Unblock, on every member but the user. */
function blockItems(username, li) {
  if (!ctx || username.toLowerCase() === String(ctx.state.me).toLowerCase()) return [];
  const name = li.querySelector('.member-name');
  if (name) name.title = `@${username}`;
  return [{
    label: isBlocked(username) ? 'Unblock' : 'Block', className: 'member-block',
    onClick: () => setBlocked(username, !isBlocked(username)),
  }];
}

/** The header's Block / Unblock of the other user, in a direct conversation. */
function peer() {
  const id = ctx && ctx.state.current;
  const room = id && ctx.state.rooms.get(id);
  if (!room || room.visibility !== 'direct') return null;
  return ctx.state.peers.get(id) || null;
}

function showPeerButton() {
  const button = $('#block-peer-button');
  if (!button) return;
  const other = peer();
  button.hidden = !other;
  if (other) button.textContent = isBlocked(other) ? 'Unblock' : 'Block';
}

function togglePeer() {
  const other = peer();
  if (other) setBlocked(other, !isBlocked(other));
}
