// Parley web page entry point: login, rooms, members, announcements, and the wiring between the
// REST client (js/api.js), the socket (js/socket.js) and the messages (js/messages.js).
import { createApi } from './js/api.js';
import { ChatSocket } from './js/socket.js';
import { $, toast } from './js/ui.js';
import { renderSidebar, renderHeader, renderMembers, renderTyping, roomLabel } from './js/views.js';
import {
  dmRoomId, parseMemberList, isUsername, isRoomId, rules, applyRules, backoffDelay,
} from './js/util.js';
import { state, freshState, logFor, currentRoom } from './js/state.js';
import { initFiles, uploadFiles, downloadFile } from './js/files.js';
import { initAttachments } from './js/attachments.js';
import { initPaste } from './js/paste.js';
import * as session from './js/session.js';
import { forgetQueue } from './js/outbox.js';
import { initLimits, updateLimits } from './js/limit.js';
import { initSearch } from './js/search.js';
import { initProfile, profileEntered, profileLeft } from './js/profile.js';
import { learnUser, learnUsers } from './js/names.js';
import { initModeration, onModerationEntry, onUnsubscribed } from './js/moderation.js';
import {
  initMessages, renderMessagesOf, loadLatest, loadOlder, fillViewport, syncSubscriptions, onSubscribed,
  acceptLive, sendCurrent, resendPending, onAck, onErrorFrame, onInput, stopTyping, onTyping, autosize,
  escapeMessages, leaveRoomView, membersKnown, restoreQueued, connectionChanged,
} from './js/messages.js';
import { initTheme } from './js/theme.js';
import { initTimeline } from './js/timeline.js';
import { initShortcuts } from './js/shortcuts.js';
import { initDrafts, saveDraft, restoreDraft } from './js/drafts.js';
import { initNewMessages } from './js/newmessages.js';
import {
  initReadState, takeListing, onNewMessage, onReadFrame, onReadError, flush as flushReads, resetReadState,
} from './js/readstate.js';
import { initReadView, roomOpened, countsKnown } from './js/readview.js';
import { initMentionPicker } from './js/mentionpicker.js';
import { initNotify, maybeNotify } from './js/notify.js';

// The directory holding this file is the app root, at "/" or under a context path.
const ROOT = new URL('./', import.meta.url);
const DISMISSED_KEY = 'parley.dismissedAnnouncement';
const SESSION_ENDED = 'Your session has ended. Please log in again.';

state.token = session.storedToken();

const api = createApi({ root: ROOT, getToken: () => state.token, onUnauthorized: () => signedOut(SESSION_ENDED) });

const socket = new ChatSocket({
  url: () => {
    const u = new URL('ws', ROOT);
    u.protocol = u.protocol === 'https:' ? 'wss:' : 'ws:';
    if (state.token) u.searchParams.set('token', state.token);
    return u.href;
  },
  onFrame,
  onStatus: showConnection,
  onAuthRejected: () => signedOut(SESSION_ENDED),
  // A refused handshake is only a 1006 to the page: a 401 here means the token is gone.
  beforeRetry: () => api.me().then(() => true, (e) => e.status !== 401),
});

const showError = (e) => { if (e.status !== 401) toast(e.message); };

// ---- login ---------------------------------------------------------------------------------

/**
 * Fetches the server's input rules (`GET /api/config`) and sets the form limits from them; on a
 * failure it keeps retrying in the background (until then the server alone checks input).
 */
async function loadRules(attempt = 0) {
  try {
    applyRules(await api.config());
  } catch {
    setTimeout(() => loadRules(attempt + 1), backoffDelay(attempt));
    return;
  }
  // No maxlength on the composers: it would cut a long paste silently. The counter says it instead.
  updateLimits();
  $('#create-room-name').maxLength = rules.maxRoomNameLength;
}

async function boot() {
  wireUi();
  await loadRules();
  if (state.token) {
    try {
      await enter(await api.me());
      return;
    } catch (e) {
      const stored = session.storedUser();
      if (e.status !== 401 && state.token && stored) {
        // The server is unreachable for now: open the chat anyway; the socket keeps retrying.
        await enter({ username: stored });
        return;
      }
    }
  } else {
    try {
      // An embedding server may authenticate the page itself (container login), without a token.
      // Asked of /auth/session, which answers 204 for no one: /me would log a 401 on every visit.
      const me = await api.session();
      if (me) {
        state.containerAuth = true;
        await enter(me);
        return;
      }
    } catch { /* not signed in */ }
  }
  showLogin('');
}

function showLogin(message) {
  $('#app').hidden = true;
  $('#login-screen').hidden = false;
  $('#login-error').textContent = message || '';
  $('#login-username').focus();
}

async function submitLogin(register) {
  const username = $('#login-username').value.trim();
  const password = $('#login-password').value;
  const err = $('#login-error');
  if (!isUsername(username)) {
    err.textContent = 'Username: 3 to 32 letters, digits, dots, dashes or underscores.';
    return;
  }
  if (register && password.length < rules.minPasswordLength) {
    err.textContent = `Password: at least ${rules.minPasswordLength} characters.`;
    return;
  }
  if (!password) {
    err.textContent = 'Enter your password.';
    return;
  }
  err.textContent = '';
  const buttons = [$('#login-button'), $('#register-button')];
  buttons.forEach((b) => { b.disabled = true; });
  try {
    if (register) await api.register(username, password);
    const res = await api.login(username, password);
    state.token = res.token;
    session.saveToken(res.token);
    $('#login-password').value = '';
    await enter(res.user || { username });
  } catch (e) {
    err.textContent = e.message;
  } finally {
    buttons.forEach((b) => { b.disabled = false; });
  }
}

async function enter(user) {
  state.me = user.username;
  state.entered = true;
  session.saveUser(user.username);
  $('#login-screen').hidden = true;
  $('#app').hidden = false;
  autosize(); // only now is the composer laid out
  $('#current-user').textContent = user.username;
  $('#logout-button').hidden = state.containerAuth;
  profileEntered(user);
  renderHeader(state);
  restoreQueued(); // before the socket: its welcome sends them
  socket.start();
  loadAnnouncement();
  loadOnline();
  try {
    await refreshRooms();
    const general = state.rooms.get('general');
    if (general && !general.member) {
      await api.join('general');
      await refreshRooms();
    }
  } catch (e) {
    showError(e);
  }
  if (!state.entered) return; // signed out meanwhile
  // A reload (or another tab) reopens the room this user had open last in this browser.
  const last = session.storedRoom(state.me);
  openRoom(last && state.rooms.has(last) ? last : firstRoom());
}

function firstRoom() {
  if (state.rooms.get('general')?.member) return 'general';
  return [...state.rooms.values()].find((r) => r.member && !r.virtual)?.id || null;
}

async function logout() {
  try { await api.logout(); } catch { /* the token is dropped here either way */ }
  forgetQueue(state.me); // an ended session (401) keeps the queue for the next login
  signedOut('');
}

function signedOut(message) {
  if (!state.entered && !state.token) return;
  socket.stop();
  for (const typers of state.typing.values()) for (const t of typers.values()) clearTimeout(t);
  clearTimeout(state.typingIdle);
  session.forget(state.token, state.me);
  clearTimeout(refreshTimer);
  profileLeft();
  leaveRoomView();
  resetReadState();
  Object.assign(state, freshState());
  $('#message-list').replaceChildren();
  $('#announcement-banner').hidden = true;
  showLogin(message);
}

// ---- rooms and members ---------------------------------------------------------------------

async function refreshRooms() {
  const body = await api.rooms();
  const wasVirtual = !!currentRoom()?.virtual;
  const items = Array.isArray(body) ? body : (body && body.rooms) || [];
  const next = new Map();
  for (const it of items) {
    const r = it.room ? { ...it.room, member: it.member } : { ...it };
    r.member = !!r.member;
    next.set(r.id, r);
  }
  // Conversations started here but not yet created on the server stay listed.
  for (const r of state.rooms.values()) if (r.virtual && !next.has(r.id)) next.set(r.id, r);
  state.rooms = next;
  if (state.current && !next.has(state.current)) state.current = null;
  takeListing([...next.values()]);
  countsKnown();
  drawSidebar();
  renderHeader(state);
  syncSubscriptions();
  resolvePeers();
  // The conversation opened here now exists on the server: read it as any other.
  if (wasVirtual && currentRoom() && !currentRoom().virtual) openRoom(state.current);
}

let refreshTimer = null;
function refreshRoomsSoon() {
  clearTimeout(refreshTimer);
  // Not after a logout: the re-read would ask with a revoked token (a 401 in the console).
  refreshTimer = setTimeout(() => { if (state.entered) refreshRooms().catch(() => {}); }, 300);
}

/** Direct room ids are lower case; the members list gives the other user's real spelling. */
function resolvePeers() {
  for (const r of state.rooms.values()) {
    if (r.visibility !== 'direct' || r.virtual || !r.member || state.peers.has(r.id)) continue;
    api.members(r.id).then((ms) => {
      learnUsers(ms);
      const other = (ms || []).find((m) => m.username !== state.me);
      if (!other) return;
      state.peers.set(r.id, other.username);
      drawSidebar();
      if (state.current === r.id) renderHeader(state);
    }).catch(() => {});
  }
}

function drawSidebar() {
  renderSidebar(state, { onOpen: openRoom, onJoin: joinRoom });
}

async function joinRoom(id) {
  try {
    await api.join(id);
    await refreshRooms();
    openRoom(id);
  } catch (e) {
    showError(e);
  }
}

async function leaveRoom() {
  const id = state.current;
  if (!id) return;
  try {
    await api.leave(id);
    socket.send({ type: 'unsubscribe', room: id });
    state.subscribed.delete(id);
    state.logs.delete(id); // a later join starts afresh from the latest page
    state.current = null;
    await refreshRooms();
    openRoom(firstRoom());
  } catch (e) {
    showError(e);
  }
}

function openRoom(id) {
  const switching = state.current !== id;
  if (switching) {
    saveDraft(state.current);
    stopTyping();
    leaveRoomView();
  }
  state.current = id;
  if (switching) restoreDraft(id);
  if (switching) roomOpened(id); // the "New messages" divider at the marker of now (js/readview.js)
  if (id && !currentRoom()?.virtual) session.saveRoom(state.me, id);
  state.members = [];
  closePanels();
  drawSidebar();
  renderHeader(state);
  renderTyping(state);
  renderMessagesOf(id);
  renderMembers(state);
  const room = currentRoom();
  if (!room) return;
  if (room.member && !room.virtual) {
    loadMembers(id);
    if (!logFor(id).loaded) loadLatest(id);
    else fillViewport();
  }
  if (room.member && window.matchMedia('(min-width: 761px)').matches) $('#message-input').focus();
}

async function loadMembers(id) {
  try {
    const ms = await api.members(id);
    if (state.current !== id) return;
    state.members = ms || [];
    learnUsers(state.members);
    for (const m of state.members) {
      if (m.online) state.online.add(m.username.toLowerCase());
      else state.online.delete(m.username.toLowerCase());
      if (m.username !== state.me && state.rooms.get(id)?.visibility === 'direct') state.peers.set(id, m.username);
    }
    renderMembers(state);
    drawSidebar();
    membersKnown();
  } catch (e) {
    showError(e);
  }
}

let membersTimer = null;
function reloadMembersSoon() {
  clearTimeout(membersTimer);
  const id = state.current;
  membersTimer = setTimeout(() => { if (id && state.current === id) loadMembers(id); }, 300);
}

async function loadOnline() {
  try {
    const users = await api.onlineUsers();
    for (const u of users || []) state.online.add(String(u.username).toLowerCase());
    drawSidebar();
    renderMembers(state);
  } catch { /* presence frames fill it in */ }
}

async function addMember(ev) {
  ev.preventDefault();
  const input = $('#add-member-username');
  const name = input.value.trim();
  if (!isUsername(name) || !state.current) { toast('Not a valid username'); return; }
  try {
    await api.addMember(state.current, name);
    input.value = '';
    loadMembers(state.current);
  } catch (e) {
    showError(e);
  }
}

/**
 * Opens the conversation with a user. A refusal is said beside the field, which keeps the focus:
 * the open conversation stays what the header names, and what the user types next goes into the
 * field, not into a message to the person of the previous conversation.
 */
async function startDm(ev) {
  ev.preventDefault();
  const input = $('#new-dm-username');
  const name = input.value.trim();
  const refuse = (message) => {
    $('#new-dm-error').textContent = message;
    input.setAttribute('aria-invalid', 'true');
    input.focus();
    input.select();
  };
  if (!isUsername(name)) { refuse('Not a valid username'); return; }
  if (name.toLowerCase() === (state.me || '').toLowerCase()) { refuse('That is you'); return; }
  try {
    const user = await api.user(name);
    learnUsers([user]);
    const id = dmRoomId(state.me, user.username);
    state.peers.set(id, user.username);
    if (user.online) state.online.add(user.username.toLowerCase());
    // Until the first message creates it on the server, the conversation exists only here.
    if (!state.rooms.has(id)) {
      state.rooms.set(id, { id, name: user.username, visibility: 'direct', member: true, virtual: true });
    }
    input.value = '';
    clearDmError();
    openRoom(id);
  } catch (e) {
    if (e.status === 404) refuse(`No user named ${name}`);
    else if (e.status !== 401) refuse(e.message);
  }
}

function clearDmError() {
  $('#new-dm-error').textContent = '';
  $('#new-dm-username').removeAttribute('aria-invalid');
}

async function createRoom(ev) {
  ev.preventDefault();
  const err = $('#create-room-error');
  const id = $('#create-room-id').value.trim();
  const name = $('#create-room-name').value.trim();
  const visibility = $('#create-room-visibility').value;
  const members = parseMemberList($('#create-room-members').value);
  if (!isRoomId(id)) {
    err.textContent = 'Room id: lower-case letters, digits, dashes or underscores, starting with a letter or digit.';
    return;
  }
  const bad = members.find((m) => !isUsername(m));
  if (bad) { err.textContent = `Not a valid username: ${bad}`; return; }
  err.textContent = '';
  const body = { id, visibility };
  if (name) body.name = name;
  if (members.length) body.members = members;
  try {
    await api.createRoom(body);
    $('#create-room-dialog').close();
    $('#create-room-form').reset();
    await refreshRooms();
    openRoom(id);
  } catch (e) {
    err.textContent = e.message;
  }
}

// ---- socket frames -------------------------------------------------------------------------

function onFrame(f) {
  switch (f.type) {
    case 'welcome':
      state.subscribed = new Map(); // a new connection has no subscriptions yet
      if (f.user && f.user.username) state.me = f.user.username;
      learnUser(f.user);
      if (state.welcomes++ > 0) {
        refreshRooms().catch(() => {});
        loadOnline();
      }
      syncSubscriptions();
      resendPending();
      flushReads();
      break;
    case 'subscribed':
      onSubscribed(f);
      break;
    case 'message':
      if (f.message) acceptLive(f.message);
      onModerationEntry(f.message);
      break;
    case 'unsubscribed':
      onUnsubscribed(f);
      break;
    case 'ack':
      onAck(f);
      break;
    case 'typing':
      onTyping(f);
      break;
    case 'presence':
      if (f.status === 'online') state.online.add(String(f.user).toLowerCase());
      else state.online.delete(String(f.user).toLowerCase());
      drawSidebar();
      renderMembers(state);
      break;
    case 'read':
      onReadFrame(f); // the user's marker moved on another tab or device
      break;
    case 'mention':
      // A mention in a room this page does not follow (yet): counted once the room list has it.
      if (f.message) maybeNotify(f.message);
      refreshRoomsSoon();
      break;
    case 'room':
      // The live room list: a new public room, or this user added to or removed from one (any tab).
      refreshRoomsSoon();
      break;
    case 'error':
      if (!onReadError(f)) onErrorFrame(f);
      break;
    default: // pong, unsubscribed and frame types added later need nothing
  }
}

function showConnection(status, delay) {
  const el = $('#connection-status');
  el.dataset.state = status;
  connectionChanged(status === 'online');
  el.textContent = {
    online: 'Connected',
    connecting: 'Connecting…',
    reconnecting: `Reconnecting${delay ? ` in ${Math.max(1, Math.round(delay / 1000))} s` : ''}…`,
    offline: 'Offline',
  }[status] || status;
}

// ---- announcements -------------------------------------------------------------------------

async function loadAnnouncement() {
  try {
    const a = await api.latestAnnouncement(); // null on 204: none yet
    if (a) showAnnouncement(a.message && a.message.text !== undefined ? a.message : a);
  } catch { /* no banner */ }
}

function showAnnouncement(msg) {
  const text = msg && msg.text;
  if (!text) return;
  if (sessionStorage.getItem(DISMISSED_KEY) === String(msg.id ?? text)) return;
  const cur = state.announcement;
  if (cur && typeof cur.id === 'number' && typeof msg.id === 'number' && msg.id < cur.id) return;
  state.announcement = msg;
  $('#announcement-text').textContent = text;
  $('#announcement-banner').hidden = false;
}

function dismissAnnouncement() {
  const msg = state.announcement;
  if (msg) sessionStorage.setItem(DISMISSED_KEY, String(msg.id ?? msg.text));
  $('#announcement-banner').hidden = true;
}

// ---- page wiring ---------------------------------------------------------------------------

function closePanels() {
  $('#sidebar').classList.remove('open');
  $('#members-panel').classList.remove('open');
  $('#sidebar-backdrop').hidden = true;
  $('#menu-button').setAttribute('aria-expanded', 'false');
  $('#members-button').setAttribute('aria-expanded', 'false');
}

function togglePanel(panel, button) {
  const open = !panel.classList.contains('open');
  closePanels();
  panel.classList.toggle('open', open);
  button.setAttribute('aria-expanded', String(open));
  $('#sidebar-backdrop').hidden = !open;
}

/** Another tab of this browser logged out (token null) or in with another token: follow it. */
async function sessionChanged(token) {
  if (state.containerAuth || token === state.token) return;
  if (state.entered || state.token) signedOut('');
  if (!token) return;
  state.token = token;
  try {
    await enter(await api.me());
  } catch (e) {
    if (e.status !== 401) showError(e);
  }
}

function wireUi() {
  session.watch(sessionChanged);
  initLimits();
  $('#login-form').addEventListener('submit', (ev) => { ev.preventDefault(); submitLogin(false); });
  $('#register-button').addEventListener('click', () => submitLogin(true));
  $('#logout-button').addEventListener('click', logout);
  initProfile({ api, state, onChanged: () => { renderMembers(state); drawSidebar(); renderHeader(state); } });

  $('#composer').addEventListener('submit', (ev) => { ev.preventDefault(); sendCurrent(); });
  const input = $('#message-input');
  input.addEventListener('input', onInput);
  input.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter' && !ev.shiftKey && !ev.isComposing) {
      ev.preventDefault();
      sendCurrent();
    }
  });
  const area = $('#message-area');
  area.addEventListener('scroll', () => { if (area.scrollTop < 100) loadOlder(); });

  $('#announcement-dismiss').addEventListener('click', dismissAnnouncement);
  $('#menu-button').addEventListener('click', () => togglePanel($('#sidebar'), $('#menu-button')));
  $('#members-button').addEventListener('click', () => togglePanel($('#members-panel'), $('#members-button')));
  $('#members-close').addEventListener('click', closePanels);
  $('#sidebar-backdrop').addEventListener('click', closePanels);
  document.addEventListener('keydown', (ev) => {
    if (ev.key !== 'Escape' || document.querySelector('dialog[open]')) return;
    if (!escapeMessages()) closePanels();
  });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible' && state.entered) refreshRoomsSoon();
  });

  $('#new-dm').addEventListener('submit', startDm);
  $('#new-dm-username').addEventListener('input', clearDmError);
  $('#join-button').addEventListener('click', () => { if (state.current) joinRoom(state.current); });
  $('#leave-button').addEventListener('click', leaveRoom);
  $('#add-member-form').addEventListener('submit', addMember);

  const dialog = $('#create-room-dialog');
  $('#new-room-button').addEventListener('click', () => {
    $('#create-room-error').textContent = '';
    dialog.showModal();
    $('#create-room-id').focus();
  });
  $('#create-room-cancel').addEventListener('click', () => dialog.close());
  $('#create-room-form').addEventListener('submit', createRoom);

  initFiles({ api, currentRoom, onMessage: acceptLive });
  initAttachments({ api, onDownload: downloadFile });
  initPaste({ upload: uploadFiles });
  initModeration({ api, hooks: { refreshRoomsSoon, reloadMembersSoon, renderHeader: () => renderHeader(state) } });
  const label = (id) => {
    const r = state.rooms.get(id);
    if (!r) return `#${id}`;
    return r.visibility === 'direct' ? `@${roomLabel(state, r)}` : `#${roomLabel(state, r)}`;
  };
  initReadState({ api, socket, hooks: { drawSidebar, refreshRoomsSoon, roomLabel: label } });
  initNotify({ hooks: { openRoom, roomLabel: label } });
  const onNew = (msg) => {
    onNewMessage(msg);
    maybeNotify(msg);
  };
  initMessages({
    api,
    socket,
    hooks: { drawSidebar, refreshRooms, refreshRoomsSoon, reloadMembersSoon, showAnnouncement, openRoom, onNewMessage: onNew },
  });
  initSearch({ api, hooks: { openRoom } });
  window.addEventListener('resize', autosize);
  initTheme();
  initTimeline();
  initShortcuts();
  initDrafts();
  initNewMessages();
  initReadView();
  initMentionPicker($('#message-input'));
  initMentionPicker($('#thread-input'));
}

boot();
