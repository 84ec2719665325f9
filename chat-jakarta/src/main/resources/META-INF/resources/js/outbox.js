// The offline queue: a message typed here stays in this browser (localStorage, per user) from the
// moment it is sent until the server acknowledges it, so neither a dropped connection nor a reload
// or a closed tab loses it. After a reload the page takes the queue back, shows each message as
// pending where it was typed, and sends them again in the order they were typed, each with its own
// clientMsgId, so that the server stores each once however often it arrives (the contract's
// idempotent send). Tabs of one user share the queue: each writes only its own entries. A logout
// empties it (what was typed stays on this computer no longer than the session).
import { store as storage } from './session.js'; // null without storage: the queue lives in this page only

const key = (user) => `parley.outbox.${user.toLowerCase()}`;

function read(user) {
  try {
    const all = JSON.parse(storage?.getItem(key(user)) || '[]');
    return Array.isArray(all) ? all : [];
  } catch {
    return [];
  }
}

function write(user, all) {
  try {
    if (all.length) storage?.setItem(key(user), JSON.stringify(all));
    else storage?.removeItem(key(user));
  } catch { /* storage full or refused: the queue lives in this page only */ }
}

const kept = (p) => ({
  clientMsgId: p.clientMsgId, room: p.room, to: p.to, text: p.text,
  replyTo: p.replyTo, thread: p.thread, failed: p.failed || null,
});

/** Keeps (or updates) pending message `p` of `user` in the queue, after those already there. */
export function keep(user, p) {
  if (!user) return;
  const all = read(user);
  const at = all.findIndex((q) => q.clientMsgId === p.clientMsgId);
  if (at >= 0) all[at] = kept(p);
  else all.push(kept(p));
  write(user, all);
}

/** Takes the message with this clientMsgId out of the queue (acknowledged, or taken back). */
export function drop(user, clientMsgId) {
  if (!user) return;
  const all = read(user);
  const left = all.filter((q) => q.clientMsgId !== clientMsgId);
  if (left.length !== all.length) write(user, left);
}

/** The queue of `user` in the order typed, as pending messages not yet acknowledged. */
export function queued(user) {
  if (!user) return [];
  return read(user)
    .filter((q) => q && typeof q.clientMsgId === 'string' && typeof q.room === 'string' && typeof q.text === 'string')
    .map((q) => ({ ...q, acked: false, failed: q.failed || null }));
}

/** Empties the queue of `user` (a logout). */
export function forgetQueue(user) {
  if (user) write(user, []);
}
