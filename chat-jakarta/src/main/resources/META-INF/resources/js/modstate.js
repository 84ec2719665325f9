// What moderation means for the current user, read from the room and the room log (contract v2).
// Pure: no DOM, no network, so it can be checked under Node.
//
// Roles rank owner > admin > moderator > member; a role acts only on lower ones. The page learns
// of the user's own mute from the room list (`muted`, `mutedUntil` on the user's rooms, as the room
// list was read) and from the MODERATION entries of the log it holds (history pages and live): the
// latest mute or unmute of the user among those entries decides, as it is newer than the list or
// agrees with it; without one, the list does. A mute lapses at `until`.

export const RANK = { owner: 0, admin: 1, moderator: 2, member: 3 };
export const ROOM_ACT_KINDS = new Set(['MODERATION', 'ROOM_UPDATED']);

const same = (a, b) => !!a && !!b && a.toLowerCase() === b.toLowerCase();
const rank = (role) => RANK[role] ?? RANK.member;

/** Whether `role` is moderator or above. */
export const moderates = (role) => !!role && rank(role) <= RANK.moderator;
/** Whether `role` may change the room (owner, admin). */
export const administers = (role) => !!role && rank(role) <= RANK.admin;
/** Whether `actor` outranks `target`: may kick, ban or mute them. */
export const outranks = (actor, target) => !!actor && rank(actor) < rank(target);

/** The roles `actor` may give: those below its own, never owner. */
export function grantable(actor) {
  if (!administers(actor)) return [];
  return ['admin', 'moderator', 'member'].filter((r) => rank(r) > rank(actor));
}

/**
 * The user's mute in a room from its log entries (any order), else from the room as the room list
 * gave it: `{until: Date|null}` while muted, or null. `now` is a Date.
 */
export function muteOf(entries, user, now, room) {
  let last = null;
  for (const m of entries) {
    if (m.kind !== 'MODERATION' || !same(m.user, user)) continue;
    if (m.action !== 'mute' && m.action !== 'unmute') continue;
    if (!last || m.seq > last.seq) last = m;
  }
  if (!last && room && room.muted) last = { action: 'mute', until: room.mutedUntil };
  if (!last || last.action === 'unmute') return null;
  const until = last.until ? new Date(last.until) : null;
  if (until && until <= now) return null;
  return { until };
}

/** Why the composer is closed in `room` for a user of `role`, or null when they may write. */
export function composerBlock(room, role, mute) {
  if (!room || !room.member) return null;
  if (mute) return mute.until ? `You are muted until ${mute.until.toLocaleString()}` : 'You are muted in this room';
  if (room.readOnly && !moderates(role)) return 'This room is read-only: only moderators post';
  return null;
}

/** The instant a choice of the ban or mute menu ends ('3600' seconds; '' for no end), as ISO text. */
export function untilFrom(seconds, now) {
  if (!seconds) return undefined;
  return new Date(now.getTime() + Number(seconds) * 1000).toISOString();
}
