// The emoji picker: a small popover by the button that opened it, with common emoji and a field
// for any other (up to 32 characters). Arrow keys move between the emoji, Escape closes it and
// gives the focus back to its button, as does a pick.
import { h } from './ui.js';

const COMMON = ['👍', '❤️', '😂', '🎉', '😮', '😢', '🙏', '👀'];

let open = null; // {el, opener, onPick, check}

/**
 * Opens the picker under `opener`. `onPick(emoji)` is called with the chosen emoji; `check(value)`
 * returns why a typed one is refused, or null.
 */
export function openPicker(opener, { onPick, check }) {
  const again = open && open.opener === opener;
  closePicker(false);
  if (again) return; // the same button toggles it
  const field = h('input', {
    class: 'picker-field', 'aria-label': 'Any emoji', placeholder: 'Other…', maxlength: '64',
    autocomplete: 'off', spellcheck: 'false', 'aria-describedby': 'picker-error',
  });
  const error = h('p', { class: 'picker-error', id: 'picker-error', role: 'alert' });
  const pick = (emoji) => {
    const cb = onPick;
    closePicker(true);
    cb(emoji);
  };
  const grid = h('div', { class: 'picker-grid', role: 'group', 'aria-label': 'Common emoji' },
    ...COMMON.map((e) => h('button', {
      type: 'button', class: 'picker-emoji', 'aria-label': `React with ${e}`, dataset: { emoji: e },
      on: { click: () => pick(e) },
    }, e)));
  const form = h('form', {
    class: 'picker-form',
    on: {
      submit: (ev) => {
        ev.preventDefault();
        const value = field.value.trim();
        const problem = check(value);
        if (problem) {
          error.textContent = problem;
          field.setAttribute('aria-invalid', 'true');
          field.focus();
          return;
        }
        pick(value);
      },
    },
  }, field, h('button', { type: 'submit', class: 'picker-add' }, 'Add'));
  field.addEventListener('input', () => { error.textContent = ''; field.removeAttribute('aria-invalid'); });
  const el = h('div', { class: 'picker', role: 'dialog', 'aria-label': 'Add a reaction' }, grid, form, error);
  el.addEventListener('keydown', (ev) => onKey(ev, grid));
  // Tabbing out of it closes it: it is a popover, not a modal dialog.
  el.addEventListener('focusout', (ev) => {
    if (ev.relatedTarget && !el.contains(ev.relatedTarget) && open && open.el === el) closePicker(false);
  });
  document.body.append(el);
  place(el, opener);
  open = { el, opener, onPick };
  opener.setAttribute('aria-expanded', 'true');
  grid.querySelector('button').focus();
}

/** Closes the picker; returns whether one was open. `refocus`: give the focus back to its button. */
export function closePicker(refocus = true) {
  if (!open) return false;
  const { el, opener } = open;
  open = null;
  el.remove();
  opener.removeAttribute('aria-expanded');
  if (refocus) refocusOpener(opener);
  return true;
}

/** The opener may have been redrawn meanwhile: its message's new react button takes the focus. */
function refocusOpener(opener) {
  if (opener.isConnected) { opener.focus(); return; }
  const id = opener.closest('li.message')?.dataset.id;
  const again = id && document.querySelector(`li.message[data-id="${id}"] [data-action="react"]`);
  if (again) again.focus();
}

function onKey(ev, grid) {
  if (ev.key === 'Escape') {
    ev.preventDefault();
    ev.stopPropagation();
    closePicker(true);
    return;
  }
  const buttons = [...grid.querySelectorAll('button')];
  const i = buttons.indexOf(document.activeElement);
  if (i < 0) return;
  const step = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: 4, ArrowUp: -4 }[ev.key];
  if (!step) return;
  ev.preventDefault();
  buttons[(i + step + buttons.length) % buttons.length].focus();
}

function place(el, opener) {
  const r = opener.getBoundingClientRect();
  const w = el.offsetWidth;
  const hgt = el.offsetHeight;
  const left = Math.max(8, Math.min(window.innerWidth - w - 8, r.right - w));
  const below = r.bottom + 6;
  const top = below + hgt > window.innerHeight - 8 ? Math.max(8, r.top - hgt - 6) : below;
  el.style.left = `${left}px`;
  el.style.top = `${top}px`;
}

// A click elsewhere closes it, without taking the focus back (the click put it somewhere).
document.addEventListener('mousedown', (ev) => {
  if (open && !open.el.contains(ev.target) && !open.opener.contains(ev.target)) closePicker(false);
});
