// Light or dark: the system's preference (prefers-color-scheme) until the user picks one with the
// toggle in the top bar; the pick is kept in this browser (localStorage) and applied to every tab.
import { $, icon } from './ui.js';

const KEY = 'parley.theme';
const media = () => window.matchMedia('(prefers-color-scheme: dark)');

/** The stored pick ('light' or 'dark'), or null to follow the system. */
export function storedTheme(storage = localStorage) {
  try {
    const v = storage.getItem(KEY);
    return v === 'light' || v === 'dark' ? v : null;
  } catch {
    return null;
  }
}

/** The theme in force: the pick, else the system's. */
export function currentTheme() {
  return storedTheme() || (media().matches ? 'dark' : 'light');
}

function apply() {
  const pick = storedTheme();
  if (pick) document.documentElement.dataset.theme = pick;
  else delete document.documentElement.dataset.theme;
  const button = $('#theme-button');
  if (!button) return;
  const dark = currentTheme() === 'dark';
  button.setAttribute('aria-pressed', String(dark));
  button.setAttribute('title', dark ? 'Dark theme: on' : 'Dark theme: off');
  button.replaceChildren(icon(dark ? 'moon' : 'sun', 18));
}

/** Applies the theme and wires the toggle; runs before the first paint of the chat. */
export function initTheme() {
  apply();
  $('#theme-button')?.addEventListener('click', () => {
    const next = currentTheme() === 'dark' ? 'light' : 'dark';
    try {
      // Picking what the system says anyway is the same as following it.
      if (next === (media().matches ? 'dark' : 'light')) localStorage.removeItem(KEY);
      else localStorage.setItem(KEY, next);
    } catch { /* storage refused (private mode): the system's theme stays */ }
    apply();
  });
  media().addEventListener('change', apply);
  window.addEventListener('storage', (ev) => { if (ev.key === KEY) apply(); });
}
