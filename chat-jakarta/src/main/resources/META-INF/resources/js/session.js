// The session, kept per browser (localStorage): every tab of this browser shares the token, a
// reload reopens the room that was open, and a logout in one tab ends the session in the others
// (the `storage` event here; the server also revokes the token, closing their sockets with 1008).
const TOKEN_KEY = 'parley.token';
const USER_KEY = 'parley.user';
const ROOM_KEY = 'parley.room.'; // + lower-case username: each user of this browser has their own

/** This browser's localStorage, or null where storage is disabled (shared with js/outbox.js). */
export const store = (() => {
  try {
    const s = window.localStorage;
    s.getItem(TOKEN_KEY); // throws where storage is disabled
    return s;
  } catch {
    return null; // no storage: the session lasts as long as this page
  }
})();

const get = (key) => (store ? store.getItem(key) : null);
const set = (key, value) => { try { store?.setItem(key, value); } catch { /* full or disabled */ } };
const remove = (key) => { try { store?.removeItem(key); } catch { /* disabled */ } };

// The page used to keep its session in sessionStorage, which no other tab sees: carry it over once.
for (const key of [TOKEN_KEY, USER_KEY]) {
  try {
    const old = sessionStorage.getItem(key);
    if (old !== null) {
      if (get(key) === null) set(key, old);
      sessionStorage.removeItem(key);
    }
  } catch { /* no sessionStorage */ }
}

export const storedToken = () => get(TOKEN_KEY);
export const storedUser = () => get(USER_KEY);

export function saveToken(token) { set(TOKEN_KEY, token); }
export function saveUser(username) { set(USER_KEY, username); }

/**
 * Forgets the session this page had. Another tab may have logged in anew since (another token):
 * its session is left alone.
 */
export function forget(token, username) {
  const stored = get(TOKEN_KEY);
  if (stored !== null && stored !== token) return;
  remove(TOKEN_KEY);
  remove(USER_KEY);
  if (username) remove(ROOM_KEY + username.toLowerCase());
}

/** The room `username` had open last in this browser, or null. */
export const storedRoom = (username) => (username ? get(ROOM_KEY + username.toLowerCase()) : null);

export function saveRoom(username, roomId) {
  if (username && roomId) set(ROOM_KEY + username.toLowerCase(), roomId);
}

/**
 * Follows the session of the other tabs: `changed(token)` when they logged out (null) or in with
 * another token. The event comes only from other tabs, never for this tab's own writes.
 */
export function watch(changed) {
  window.addEventListener('storage', (ev) => {
    if (ev.storageArea !== store) return;
    if (ev.key === TOKEN_KEY || ev.key === null) changed(get(TOKEN_KEY));
  });
}
