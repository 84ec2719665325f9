// Pure helpers with no DOM or network access, so they can be checked under Node.

/**
 * The server's input rules (`GET /api/config`, chat-protocol's ClientRules): patterns, lengths and
 * limits are never copied into the page, so a server configured otherwise is not contradicted by
 * its own page. Until `applyRules` has run, the checks accept everything and the server decides.
 */
export const rules = {
  loaded: false,
  maxTextLength: null,
  maxUploadBytes: null,
  minPasswordLength: 0,
  maxRoomNameLength: null,
  maxEmojiLength: null,
  maxReactions: null,
  directRoomPrefix: 'dm.',
  username: /^/,
  roomId: /^/,
};

/** Takes the rules a server published. */
export function applyRules(config) {
  Object.assign(rules, {
    loaded: true,
    maxTextLength: config.maxTextLength,
    maxUploadBytes: config.maxUploadBytes,
    minPasswordLength: config.minPasswordLength,
    maxRoomNameLength: config.maxRoomNameLength,
    maxEmojiLength: config.maxEmojiLength ?? null,
    maxReactions: config.maxReactions ?? null,
    directRoomPrefix: config.directRoomPrefix,
    username: new RegExp(`^(?:${config.usernamePattern})$`),
    roomId: new RegExp(`^(?:${config.roomIdPattern})$`),
  });
  return rules;
}

export const isUsername = (name) => rules.username.test(name);
export const isRoomId = (id) => rules.roomId.test(id);
export const isDirectRoomId = (id) => rules.loaded && id.startsWith(rules.directRoomPrefix);

/**
 * Delay before reconnect attempt number `attempt` (0-based): exponential growth capped at `max`,
 * with "equal jitter" (half fixed, half random) so that many tabs reconnecting after a server
 * restart do not all arrive in the same instant, yet none retries immediately in a tight loop.
 */
export function backoffDelay(attempt, { base = 500, max = 30000, random = Math.random } = {}) {
  const exp = Math.min(max, base * 2 ** Math.min(attempt, 30));
  return Math.round(exp / 2 + random() * (exp / 2));
}

/** The id of the direct room between two users, as the contract defines it. */
export function dmRoomId(userA, userB) {
  const [a, b] = [userA.toLowerCase(), userB.toLowerCase()].sort();
  return `${rules.directRoomPrefix}${a}.${b}`;
}

/**
 * The other participant of a direct room, read from its id (lower case). Usernames may contain
 * dots, so the id is split knowing that one side is the caller.
 */
export function dmPeerFromId(roomId, me) {
  if (!isDirectRoomId(roomId)) return null;
  const rest = roomId.slice(rules.directRoomPrefix.length);
  const self = me.toLowerCase();
  if (rest.startsWith(self + '.') && rest.length > self.length + 1) return rest.slice(self.length + 1);
  if (rest.endsWith('.' + self) && rest.length > self.length + 1) return rest.slice(0, rest.length - self.length - 1);
  return null;
}

/** A client message id; crypto.randomUUID only exists in secure contexts (https, localhost). */
export function newClientMsgId(cryptoObj = globalThis.crypto) {
  if (cryptoObj && typeof cryptoObj.randomUUID === 'function') return cryptoObj.randomUUID();
  const b = new Uint8Array(16);
  cryptoObj.getRandomValues(b);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** "1.5 MB" style sizes. */
export function formatSize(bytes) {
  if (!Number.isFinite(bytes) || bytes < 0) return '';
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = bytes / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
  return `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[i]}`;
}

/** Local time of an ISO instant: "14:05" today, "Mar 3, 14:05" on another day. */
export function formatTime(iso, now = new Date(), locale = undefined) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const time = d.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
  const sameDay = d.getFullYear() === now.getFullYear() && d.getMonth() === now.getMonth()
    && d.getDate() === now.getDate();
  if (sameDay) return time;
  const opts = d.getFullYear() === now.getFullYear()
    ? { month: 'short', day: 'numeric' } : { year: 'numeric', month: 'short', day: 'numeric' };
  return `${d.toLocaleDateString(locale, opts)}, ${time}`;
}

/** The typing line for a list of other users' names (empty string when nobody types). */
export function typingText(users) {
  if (users.length === 0) return '';
  if (users.length === 1) return `${users[0]} is typing…`;
  if (users.length === 2) return `${users[0]} and ${users[1]} are typing…`;
  if (users.length === 3) return `${users[0]}, ${users[1]} and ${users[2]} are typing…`;
  return 'Several people are typing…';
}

/** "a, b ,, c" -> ["a", "b", "c"] */
export function parseMemberList(s) {
  return (s || '').split(',').map((x) => x.trim()).filter((x) => x.length > 0);
}

/** The file name from a Content-Disposition header (RFC 6266 filename* first), or null. */
export function fileNameFromDisposition(header) {
  if (!header) return null;
  const star = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
  if (star) {
    try { return decodeURIComponent(star[2].trim().replace(/^"|"$/g, '')); } catch { /* fall through */ }
  }
  const plain = /filename\s*=\s*("((?:[^"\\]|\\.)*)"|[^;]+)/i.exec(header);
  if (plain) return (plain[2] !== undefined ? plain[2].replace(/\\(.)/g, '$1') : plain[1]).trim();
  return null;
}

/**
 * What the client knows of one room's message sequence.
 *
 * `last` is the highest seq up to which the live stream is complete (every seq from the first one
 * seen to `last` is held, or was deliberately skipped because retention removed it). The socket
 * subscription resumes from `last`; anything above it that is held means a gap to fetch by REST.
 * History pages (older messages) are added without moving `last`.
 */
export class RoomLog {
  constructor() {
    this.msgs = new Map(); // seq -> message
    this.byId = new Map(); // id -> message, for what entries act on and what replies quote
    this.extra = new Map(); // id -> message held outside the seq stream (a thread's older replies, a quoted one)
    this.last = null;
    this.target = 0; // highest seq the server said exists (subscribed.lastSeq)
    this.oldest = null; // lowest seq held
    this.hasMoreBefore = true;
    this.loaded = false; // the latest page was fetched once
  }

  /** A message from the live stream (socket, replay, gap fill). Returns 'dup', 'ok' or 'gap'. */
  acceptLive(msg) {
    const seq = msg.seq;
    if (this.last !== null && seq <= this.last) return 'dup';
    if (this.msgs.has(seq)) return 'dup';
    this.put(msg);
    if (this.last === null || seq === this.last + 1) {
      this.last = seq;
      this.advance();
      return 'ok';
    }
    return 'gap';
  }

  /** Older messages from a history page; returns those that were new, ascending. */
  addHistory(messages) {
    const added = [];
    for (const m of [...messages].sort((x, y) => x.seq - y.seq)) {
      if (this.msgs.has(m.seq)) continue;
      if (this.last === null || m.seq > this.last) {
        if (this.acceptLive(m) !== 'dup') added.push(m);
      } else {
        this.put(m);
        added.push(m);
      }
    }
    return added;
  }

  /** The server's lastSeq from `subscribed`. */
  noteServerLast(lastSeq) {
    if (typeof lastSeq !== 'number') return;
    if (this.last === null) this.last = lastSeq;
    this.target = Math.max(this.target, lastSeq);
  }

  /** Highest seq known to exist (held or announced). */
  maxKnown() {
    let max = Math.max(this.target, this.last ?? 0);
    for (const seq of this.msgs.keys()) if (seq > max) max = seq;
    return max;
  }

  hasGap() {
    return this.last !== null && this.last < this.maxKnown();
  }

  /**
   * After the server has said nothing exists between `last` and the next held message (retention
   * removed it), jump to that message so the stream can continue. Returns whether it moved.
   */
  skipGap() {
    if (this.last === null) return false;
    let next = null;
    for (const seq of this.msgs.keys()) if (seq > this.last && (next === null || seq < next)) next = seq;
    if (next === null) {
      const moved = this.target > this.last;
      this.last = Math.max(this.last, this.target);
      return moved;
    }
    this.last = next;
    this.advance();
    return true;
  }

  sorted() {
    return [...this.msgs.values()].sort((a, b) => a.seq - b.seq);
  }

  /** A held message by id, in the stream or beside it; undefined when not held. */
  find(id) {
    return this.byId.get(id) ?? this.extra.get(id);
  }

  /**
   * Holds a message read apart from the stream (a thread page, one quoted message) without moving
   * `last`. Returns the object held for its id: the one already held, if any, which stays current.
   */
  keep(msg) {
    const held = this.find(msg.id);
    if (held) return held;
    this.extra.set(msg.id, msg);
    return msg;
  }

  put(msg) {
    this.msgs.set(msg.seq, msg);
    this.byId.set(msg.id, msg);
    this.extra.delete(msg.id);
    if (this.oldest === null || msg.seq < this.oldest) this.oldest = msg.seq;
  }

  advance() {
    while (this.msgs.has(this.last + 1)) this.last++;
  }
}
