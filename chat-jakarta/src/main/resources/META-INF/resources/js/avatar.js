// Avatars: a user's initials on a colour derived from the username, the same in every page and
// for every spelling of the name (usernames are case-insensitive).
import { h } from './ui.js';

/** One or two letters: the first of each of the first two parts of the name ("mary.jones" → "MJ"). */
export function initials(username) {
  const parts = String(username || '?').split(/[._-]+/).filter(Boolean);
  const letters = parts.length > 1 ? parts[0][0] + parts[1][0] : [...(parts[0] || '?')][0];
  return letters.toUpperCase();
}

/** A hue from the lower-cased name (FNV-1a), at a lightness that keeps white initials at AA contrast. */
export function avatarColour(username) {
  let hash = 0x811c9dc5;
  for (const ch of String(username || '').toLowerCase()) {
    hash ^= ch.codePointAt(0);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `hsl(${hash % 360} 55% 32%)`;
}

/** The avatar of a message's author; decorative (the name is beside it), so hidden from readers. */
export function avatar(username) {
  return h('span', {
    class: 'avatar', 'aria-hidden': 'true', style: `background-color: ${avatarColour(username)}`,
  }, initials(username));
}
