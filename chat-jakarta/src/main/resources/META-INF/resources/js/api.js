// REST client for the Parley API (/api, bearer token). Every URL is resolved against the page's
// own directory so the app works at "/" and under a context path such as "/myapp/".
import { fileNameFromDisposition } from './util.js';

/** A failed request: `status` is the HTTP status (0 when the server could not be reached). */
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

const enc = encodeURIComponent;

/**
 * @param {object} opts
 * @param {URL} opts.root the app's root URL (the directory holding index.html)
 * @param {() => (string|null)} opts.getToken current bearer token
 * @param {(err: ApiError) => void} opts.onUnauthorized called on a 401 from an authenticated call
 */
export function createApi({ root, getToken, onUnauthorized }) {
  const url = (path, query) => {
    const u = new URL(`api/${path}`, root);
    for (const [k, v] of Object.entries(query || {})) {
      if (v !== undefined && v !== null) u.searchParams.set(k, String(v));
    }
    return u;
  };

  const authHeaders = () => {
    const t = getToken();
    return t ? { Authorization: `Bearer ${t}` } : {};
  };

  async function errorFrom(res) {
    let code = null;
    let message = null;
    try {
      const body = await res.json();
      code = body && body.error;
      message = body && body.message;
    } catch { /* not JSON */ }
    return new ApiError(res.status, code || `HTTP_${res.status}`, message || `${res.status} ${res.statusText || 'error'}`);
  }

  async function request(method, path, { body, query, auth = true } = {}) {
    const headers = { Accept: 'application/json', ...(auth ? authHeaders() : {}) };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let res;
    try {
      res = await fetch(url(path, query), {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'same-origin',
      });
    } catch {
      throw new ApiError(0, 'NETWORK', 'Cannot reach the server');
    }
    if (!res.ok) {
      const err = await errorFrom(res);
      if (res.status === 401 && auth) onUnauthorized(err);
      throw err;
    }
    if (res.status === 204) return null;
    const type = res.headers.get('Content-Type') || '';
    if (!type.includes('json')) return null;
    return res.json();
  }

  return {
    register: (username, password) =>
      request('POST', 'auth/register', { body: { username, password }, auth: false }),
    login: (username, password) =>
      request('POST', 'auth/login', { body: { username, password }, auth: false }),
    logout: () => request('POST', 'auth/logout'),
    /** The server's input rules and limits; open to anyone. */
    config: () => request('GET', 'config', { auth: false }),
    me: () => request('GET', 'me'),
    /** The user an embedding server's container signed in (no token needed), or null on 204: no one. */
    session: () => request('GET', 'auth/session', { auth: false }),
    user: (username) => request('GET', `users/${enc(username)}`),
    onlineUsers: () => request('GET', 'users/online'),
    rooms: () => request('GET', 'rooms'),
    createRoom: (room) => request('POST', 'rooms', { body: room }),
    join: (roomId) => request('POST', `rooms/${enc(roomId)}/join`),
    leave: (roomId) => request('POST', `rooms/${enc(roomId)}/leave`),
    members: (roomId) => request('GET', `rooms/${enc(roomId)}/members`),
    addMember: (roomId, username) => request('POST', `rooms/${enc(roomId)}/members`, { body: { username } }),
    /** Moderation (contract v2): the owner's or an admin's room change; roles, kicks, bans, mutes. */
    updateRoom: (roomId, patch) => request('PATCH', `rooms/${enc(roomId)}`, { body: patch }),
    setRole: (roomId, username, role) =>
      request('PUT', `rooms/${enc(roomId)}/members/${enc(username)}`, { body: { role } }),
    kick: (roomId, username) => request('DELETE', `rooms/${enc(roomId)}/members/${enc(username)}`),
    ban: (roomId, username, until, reason) =>
      request('POST', `rooms/${enc(roomId)}/bans`, { body: { username, until, reason } }),
    unban: (roomId, username) => request('DELETE', `rooms/${enc(roomId)}/bans/${enc(username)}`),
    bans: (roomId) => request('GET', `rooms/${enc(roomId)}/bans`),
    mute: (roomId, username, until) => request('POST', `rooms/${enc(roomId)}/mutes`, { body: { username, until } }),
    unmute: (roomId, username) => request('DELETE', `rooms/${enc(roomId)}/mutes/${enc(username)}`),
    /** `{messages, hasMore}` ascending by seq; `before`/`after` are seqs. */
    messages: (roomId, { before, after, limit } = {}) =>
      request('GET', `rooms/${enc(roomId)}/messages`, { query: { before, after, limit } }),
    /** `{messages, hasMore}`: messages the user may read holding every word of `q`, newest first. */
    search: (q, { room, before, limit } = {}) => request('GET', 'search', { query: { q, room, before, limit } }),
    /** One message in its current state. */
    message: (roomId, id) => request('GET', `rooms/${enc(roomId)}/messages/${enc(id)}`),
    /** `{messages, hasMore}`: the replies of a thread, ascending by seq. */
    thread: (roomId, rootId, { before, after, limit } = {}) =>
      request('GET', `rooms/${enc(roomId)}/threads/${enc(rootId)}`, { query: { before, after, limit } }),
    /** Only the author; the message in its current state. */
    editMessage: (roomId, id, text) => request('PATCH', `rooms/${enc(roomId)}/messages/${enc(id)}`, { body: { text } }),
    deleteMessage: (roomId, id) => request('DELETE', `rooms/${enc(roomId)}/messages/${enc(id)}`),
    react: (roomId, id, emoji) => request('PUT', `rooms/${enc(roomId)}/messages/${enc(id)}/reactions/${enc(emoji)}`),
    unreact: (roomId, id, emoji) =>
      request('DELETE', `rooms/${enc(roomId)}/messages/${enc(id)}/reactions/${enc(emoji)}`),
    sendDm: (username, text, clientMsgId) =>
      request('POST', `dm/${enc(username)}/messages`, { body: { text, clientMsgId } }),
    /** Moves the caller's read marker forward (contract v2); 204. */
    markRead: (roomId, seq) => request('POST', `rooms/${enc(roomId)}/read`, { body: { seq } }),
    /** `[{username, lastReadSeq}]` of the room's members. */
    reads: (roomId) => request('GET', `rooms/${enc(roomId)}/reads`),
    latestAnnouncement: () => request('GET', 'announcements/latest'),
    updateMe: (changes) => request('PATCH', 'me', { body: changes }),
    changePassword: (current, next) => request('POST', 'me/password', { body: { current, new: next } }),
    blocks: () => request('GET', 'me/blocks'),
    block: (username) => request('PUT', `me/blocks/${enc(username)}`),
    unblock: (username) => request('DELETE', `me/blocks/${enc(username)}`),

    /**
     * Uploads one file as multipart field `file`. XMLHttpRequest rather than fetch because only it
     * reports upload progress. Returns `{promise, abort}`; the promise gives `{file, message}`.
     */
    upload(roomId, file, onProgress) {
      const xhr = new XMLHttpRequest();
      const promise = new Promise((resolve, reject) => {
        xhr.open('POST', url(`rooms/${enc(roomId)}/files`));
        const t = getToken();
        if (t) xhr.setRequestHeader('Authorization', `Bearer ${t}`);
        xhr.setRequestHeader('Accept', 'application/json');
        xhr.upload.onprogress = (e) => { if (e.lengthComputable) onProgress(e.loaded / e.total); };
        xhr.onload = () => {
          let body = null;
          try { body = JSON.parse(xhr.responseText); } catch { /* not JSON */ }
          if (xhr.status >= 200 && xhr.status < 300) { resolve(body); return; }
          const message = xhr.status === 413 ? 'File too large'
            : (body && body.message) || `Upload failed (${xhr.status})`;
          const err = new ApiError(xhr.status, (body && body.error) || `HTTP_${xhr.status}`, message);
          if (xhr.status === 401) onUnauthorized(err);
          reject(err);
        };
        xhr.onerror = () => reject(new ApiError(0, 'NETWORK', 'Upload failed: cannot reach the server'));
        xhr.onabort = () => reject(new ApiError(0, 'ABORTED', 'Upload cancelled'));
        const form = new FormData();
        form.append('file', file, file.name);
        xhr.send(form);
      });
      return { promise, abort: () => xhr.abort() };
    },

    /** The bytes of a shared file as `{blob, name}` (the API needs the bearer header). */
    async download(fileId, fallbackName) {
      let res;
      try {
        res = await fetch(url(`files/${enc(fileId)}`), { headers: authHeaders(), credentials: 'same-origin' });
      } catch {
        throw new ApiError(0, 'NETWORK', 'Cannot reach the server');
      }
      if (!res.ok) {
        const err = await errorFrom(res);
        if (res.status === 401) onUnauthorized(err);
        throw err;
      }
      const name = fallbackName || fileNameFromDisposition(res.headers.get('Content-Disposition')) || 'download';
      return { blob: await res.blob(), name };
    },

    /** The server-made thumbnail of a shared image as a Blob, or null when the file has none (404). */
    async thumbnail(fileId) {
      let res;
      try {
        res = await fetch(url(`files/${enc(fileId)}/thumbnail`), { headers: authHeaders(), credentials: 'same-origin' });
      } catch {
        throw new ApiError(0, 'NETWORK', 'Cannot reach the server');
      }
      if (res.status === 404) return null;
      if (!res.ok) {
        const err = await errorFrom(res);
        if (res.status === 401) onUnauthorized(err);
        throw err;
      }
      return res.blob();
    },
  };
}
