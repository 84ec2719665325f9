// Keyboard habits of chat apps: Up in an empty composer edits one's last message (Escape cancels
// and comes back to the composer), Ctrl+K or Cmd+K opens the room switcher: type to filter, arrows
// to choose, Enter to open, Escape to close. The switcher lists what the sidebar lists and opens a
// room by the sidebar's own button, so it follows the sidebar's rules (js/views.js).
import { $, h } from './ui.js';

let editFromComposer = false;

/** The last message of this user in the timeline that may be edited: its edit button. */
function lastOwnEditButton() {
  const own = [...document.querySelectorAll('#message-list li.message.own[data-id]:not(.deleted)')];
  for (let i = own.length - 1; i >= 0; i--) {
    const b = own[i].querySelector('[data-action="edit"]');
    if (b) return b;
  }
  return null;
}

function onComposerKey(ev) {
  const input = ev.currentTarget;
  if (ev.key !== 'ArrowUp' || ev.shiftKey || ev.altKey || ev.ctrlKey || ev.metaKey || ev.isComposing) return;
  if (input.value !== '') return;
  const button = lastOwnEditButton();
  if (!button) return;
  ev.preventDefault();
  editFromComposer = true;
  button.click();
}

// Before the editor's own Escape handling (js/actions.js), which gives the focus to the message.
function onEditorEscape(ev) {
  if (ev.key !== 'Escape' || !editFromComposer || !ev.target.closest?.('#message-list .edit-box')) return;
  editFromComposer = false;
  setTimeout(() => $('#message-input').focus(), 0);
}

// ---- the room switcher ---------------------------------------------------------------------

let dialog = null;
let field = null;
let listbox = null;
let active = 0;

function rooms() {
  return [...document.querySelectorAll('#sidebar .room-item[data-room-id]')].map((b) => ({
    id: b.dataset.roomId,
    label: b.querySelector('.room-name')?.textContent || b.dataset.roomId,
    section: b.closest('.side-section')?.querySelector('h2')?.textContent || '',
    button: b,
  }));
}

function matches() {
  const q = field.value.trim().toLowerCase();
  const all = rooms();
  return q ? all.filter((r) => r.label.toLowerCase().includes(q) || r.id.includes(q)) : all;
}

function drawOptions() {
  const found = matches();
  active = Math.max(0, Math.min(active, found.length - 1));
  listbox.replaceChildren(...found.map((r, i) => h('li', {
    id: `switcher-option-${i}`, role: 'option', class: 'switcher-option',
    'aria-selected': i === active ? 'true' : 'false', dataset: { roomId: r.id },
    on: { click: () => choose(r), mousemove: () => { if (active !== i) { active = i; drawOptions(); } } },
  }, h('span', { class: 'switcher-name' }, r.label), h('span', { class: 'switcher-section muted' }, r.section))));
  if (!found.length) listbox.append(h('li', { class: 'switcher-empty muted', role: 'presentation' }, 'No room matches'));
  if (found.length) field.setAttribute('aria-activedescendant', `switcher-option-${active}`);
  else field.removeAttribute('aria-activedescendant');
  return found;
}

function choose(room) {
  dialog.close();
  room.button.click();
  $('#message-input').focus();
}

function build() {
  field = h('input', {
    id: 'switcher-input', class: 'switcher-input', type: 'text', role: 'combobox', autocomplete: 'off',
    spellcheck: 'false', 'aria-expanded': 'true', 'aria-controls': 'switcher-list', 'aria-autocomplete': 'list',
    'aria-label': 'Room or conversation', placeholder: 'Jump to a room or conversation',
  });
  listbox = h('ul', { id: 'switcher-list', class: 'switcher-list', role: 'listbox', 'aria-label': 'Rooms' });
  dialog = h('dialog', { id: 'switcher', class: 'dialog switcher', 'aria-label': 'Switch room' },
    field, listbox, h('p', { class: 'switcher-hint muted' }, '↑ ↓ to choose · Enter to open · Esc to close'));
  field.addEventListener('input', () => { active = 0; drawOptions(); });
  field.addEventListener('keydown', (ev) => {
    const found = matches();
    if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
      ev.preventDefault();
      if (!found.length) return;
      active = (active + (ev.key === 'ArrowDown' ? 1 : found.length - 1)) % found.length;
      drawOptions();
      listbox.children[active]?.scrollIntoView({ block: 'nearest' });
    } else if (ev.key === 'Enter') {
      ev.preventDefault();
      if (found[active]) choose(found[active]);
    }
  });
  dialog.addEventListener('click', (ev) => { if (ev.target === dialog) dialog.close(); }); // the backdrop
  document.body.append(dialog);
}

/** Opens the switcher (when the chat is shown). */
export function openSwitcher() {
  if ($('#app').hidden || document.querySelector('dialog[open]')) return;
  if (!dialog) build();
  field.value = '';
  active = 0;
  drawOptions();
  dialog.showModal();
  field.focus();
}

export function initShortcuts() {
  $('#message-input').addEventListener('keydown', onComposerKey);
  document.addEventListener('keydown', onEditorEscape, true);
  document.addEventListener('keydown', (ev) => {
    if ((ev.ctrlKey || ev.metaKey) && !ev.altKey && !ev.shiftKey && ev.key.toLowerCase() === 'k') {
      ev.preventDefault();
      openSwitcher();
    }
  });
}
