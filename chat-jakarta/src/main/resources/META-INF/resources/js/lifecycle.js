// The message lifecycle of the room log (contract v2): EDIT, DELETE and REACTION entries, and
// thread replies, applied to the messages they act on. Pure: no DOM, no network, so it can be
// checked under Node.
//
// Messages read by HTTP (history, threads, one message) come in their current state; entries that
// arrive later, live, are applied here. Which entries a message's state already holds is not said
// by the server, so the rules below avoid counting one twice:
// - an entry in the same history page as its target is not applied (the page shows its effect);
// - my own reaction is known by `me`, so adding or removing it twice changes nothing;
// - a reply counts towards its root once (by id), and never when it is not newer than the
//   `lastReplyAt` the server last gave for that root (a root replayed from the store holds it).

export const CONTENT_KINDS = new Set(['CHAT', 'PRIVATE', 'FILE_SHARED']);
const LIFECYCLE_KINDS = new Set(['EDIT', 'DELETE', 'REACTION']);
const EDITABLE_KINDS = new Set(['CHAT', 'PRIVATE']);

export const isContent = (m) => CONTENT_KINDS.has(m.kind);
export const isLifecycle = (m) => LIFECYCLE_KINDS.has(m.kind);
export const isThreadReply = (m) => isContent(m) && m.thread != null;
export const isEditable = (m) => EDITABLE_KINDS.has(m.kind) && !m.deleted;
/** Whether an entry of the log is a bubble of the main timeline (thread replies live in their panel). */
export const inTimeline = (m) => !isLifecycle(m) && !isThreadReply(m);

export const sameUser = (a, b) => !!a && !!b && a.toLowerCase() === b.toLowerCase();

/** The id of the message an entry acts on: its target, or a thread reply's root; null for none. */
export function actsOn(entry) {
  if (isLifecycle(entry)) return entry.target ?? null;
  if (isThreadReply(entry)) return entry.thread;
  return null;
}

/** Notes what the server said of a message's state as it arrived, before anything is applied to it. */
export function adopt(msg) {
  if (msg.lastReplyAt) msg.serverReplyAt = msg.lastReplyAt;
  return msg;
}

const time = (iso) => Date.parse(iso) || 0;

/**
 * Applies one entry (EDIT, DELETE, REACTION, or a thread reply) to the message it acts on.
 * `find(id)` gives a held message; `me` is the current user. Returns the ids of the messages that
 * changed (the target, and a thread root whose reply was deleted); empty when nothing did.
 * `fresh` holds ids whose state is already current (they came in the same page): never touched.
 */
export function applyEntry(entry, find, me, fresh = null) {
  const id = actsOn(entry);
  if (id === null || (fresh && fresh.has(id))) return [];
  const target = find(id);
  if (!target) return [];
  switch (entry.kind) {
    case 'EDIT':
      return edit(target, entry) ? [id] : [];
    case 'DELETE': {
      if (target.deleted) return [];
      target.deleted = true;
      target.text = '';
      delete target.file;
      delete target.reactions;
      const changed = [id];
      const root = target.thread != null && !(fresh && fresh.has(target.thread)) ? find(target.thread) : null;
      if (root && uncountReply(root)) changed.push(root.id);
      return changed;
    }
    case 'REACTION':
      return react(target, entry.emoji, !!entry.active, sameUser(entry.from, me)) ? [id] : [];
    default:
      return countReply(target, entry) ? [id] : [];
  }
}

function edit(target, entry) {
  if (target.deleted) return false;
  // A replay may bring older edits after a message that already shows a later one.
  if (target.editedAt && time(entry.createdAt) < time(target.editedAt)) return false;
  const changed = target.text !== entry.text || target.editedAt !== entry.createdAt;
  target.text = entry.text;
  target.editedAt = entry.createdAt;
  target.mentions = entry.mentions || []; // the server finds them again in the new text
  return changed;
}

/** A reaction added or removed; order of first use, an emoji dropped at zero. */
export function react(target, emoji, active, mine) {
  if (active && target.deleted) return false;
  const list = target.reactions || (target.reactions = []);
  let r = list.find((x) => x.emoji === emoji);
  if (active) {
    if (mine && r && r.me) return false;
    if (!r) {
      r = { emoji, count: 0, me: false };
      list.push(r);
    }
    r.count += 1;
    if (mine) r.me = true;
  } else {
    if (!r || (mine && !r.me)) return false;
    r.count -= 1;
    if (mine) r.me = false;
    if (r.count <= 0) list.splice(list.indexOf(r), 1);
  }
  return true;
}

function countReply(root, reply) {
  root.counted = root.counted || new Set();
  if (root.counted.has(reply.id)) return false;
  root.counted.add(reply.id);
  if (root.serverReplyAt && time(reply.createdAt) <= time(root.serverReplyAt)) return false;
  root.replies = (root.replies || 0) + 1;
  if (!root.lastReplyAt || time(reply.createdAt) > time(root.lastReplyAt)) root.lastReplyAt = reply.createdAt;
  return true;
}

function uncountReply(root) {
  if (!root.replies) return false;
  root.replies -= 1;
  return true;
}

/**
 * Applies the entries of a page read by HTTP from a room's log (the latest page, or one that fills
 * a gap) to what was held before it. `added`: the entries of the page that were new here, their
 * state current; `later`: entries held before the page whose seq is above it (they came live while
 * it was on its way), applied to the page's messages when the page reaches the end of the log
 * (`complete`), as they happened after it was read. Returns the ids of the messages that changed.
 */
export function applyPage({ added, later = [], complete, find, me }) {
  const fresh = new Set(added.map((m) => m.id));
  const changed = new Set();
  const old = (id) => (fresh.has(id) ? undefined : find(id));
  for (const m of added) for (const id of applyEntry(m, old, me)) changed.add(id);
  if (complete) {
    const page = (id) => (fresh.has(id) ? find(id) : undefined);
    for (const m of later) for (const id of applyEntry(m, page, me)) changed.add(id);
  }
  return changed;
}

/** The first line of a message's text, for a quote; a file's name; '' for none. */
export function firstLine(msg) {
  if (!msg) return '';
  if (msg.deleted) return '';
  if (msg.kind === 'FILE_SHARED' && msg.file) return msg.file.name || msg.text || '';
  return (msg.text || '').split('\n').find((l) => l.trim()) || '';
}

/**
 * Why the server would refuse a reaction's emoji (1..`max` characters, counted as code points, no
 * space or control character), or null. Without `max` (the rules not known yet) the server decides.
 */
export function emojiProblem(value, max = null) {
  const chars = [...value];
  if (chars.length === 0) return 'Type an emoji';
  if (max && chars.length > max) return `At most ${max} characters`;
  if (/[\s\p{Cc}]/u.test(value)) return 'No spaces';
  return null;
}
