// Display names: the page shows a user by the display name they chose, where set, and by the
// username otherwise; the username stays reachable as a tooltip ("@alice") and in the DM field.
// Learned from every user the server returns (the caller, members lists, profiles, blocks).

const byKey = new Map(); // lower-case username -> display name

/** What to show for a user. */
export function shown(username) {
  if (!username) return '';
  return byKey.get(String(username).toLowerCase()) || username;
}

/** The tooltip that keeps the username reachable. */
export function handle(username) {
  return username ? `@${username}` : '';
}

/**
 * Takes the display name of a user object (`{username, displayName}`); a null or absent one clears
 * it. Returns whether what the page shows for that user changed.
 */
export function learnUser(user) {
  if (!user || !user.username || !('displayName' in user)) return false;
  const key = String(user.username).toLowerCase();
  const before = byKey.get(key);
  if (user.displayName) byKey.set(key, user.displayName);
  else byKey.delete(key);
  return before !== byKey.get(key);
}

/** As {@link learnUser} for a list; repaints the names already on the page when one changed. */
export function learnUsers(users) {
  let changed = false;
  for (const u of users || []) changed = learnUser(u) || changed;
  if (changed) paintNames();
  return changed;
}

/** Forgets every name (sign-out). */
export function forgetNames() {
  byKey.clear();
}

/** Rewrites the sender names of the messages already shown (they carry data-from). */
export function paintNames(root = document) {
  for (const li of root.querySelectorAll('li[data-from]')) {
    const from = li.dataset.from;
    const span = li.querySelector(':scope > .meta > .from, :scope .meta .from');
    if (from && span && span.textContent !== shown(from)) {
      span.textContent = shown(from);
      span.title = handle(from);
    }
  }
}
