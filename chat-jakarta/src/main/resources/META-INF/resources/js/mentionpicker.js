// The `@` autocomplete of a composer: typing `@` and the start of a name lists the open room's
// members whose username or display name starts so (not the user), up to MAX; ArrowDown/ArrowUp move
// through the list, Enter or Tab put `@username ` in place of what was typed, Escape closes it (and
// nothing else: the composer keeps its reply, the panel stays open). A click on a name does the same
// as Enter. The list is an ARIA listbox the textarea controls (`aria-activedescendant`; no
// `aria-expanded`, which ARIA gives only to comboboxes, a role a textarea may not take). Its keys
// are taken in the capture phase, before the composer's own (Enter sends, Up edits the last message).
import { h } from './ui.js';
import { state } from './state.js';
import { shown } from './names.js';
import { sameUser } from './lifecycle.js';

const MAX = 8;
/** `@` where a mention may start (the server's rule, js/mentions.js), then what is typed of the name. */
const TYPED = /(?:^|[^A-Za-z0-9_.@-])@([A-Za-z0-9_.-]{0,32})$/;

/** The members to offer: the open room's, the user left out. */
function candidates(prefix) {
  const p = prefix.toLowerCase();
  const names = state.members.map((m) => m.username).filter((u) => u && !sameUser(u, state.me));
  return names
    .filter((u) => u.toLowerCase().startsWith(p) || shown(u).toLowerCase().startsWith(p))
    .sort((a, b) => (b.toLowerCase().startsWith(p) - a.toLowerCase().startsWith(p)) || a.localeCompare(b))
    .slice(0, MAX);
}

/** Attaches the autocomplete to a composer's textarea. */
export function initMentionPicker(input) {
  const id = `${input.id}-mentions`;
  const box = h('ul', { id, class: 'mention-picker', role: 'listbox', 'aria-label': 'Members to mention', hidden: true });
  input.closest('form').append(box);
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-controls', id);
  let names = [];
  let active = 0;
  let token = null; // {start, end} of `@prefix` in the value

  const close = () => {
    if (box.hidden) return;
    box.hidden = true;
    names = [];
    token = null;
    input.removeAttribute('aria-activedescendant');
  };

  const draw = () => {
    box.replaceChildren(...names.map((u, i) => {
      const label = shown(u);
      return h('li', {
        id: `${id}-${i}`, role: 'option', class: 'mention-option', 'aria-selected': i === active ? 'true' : 'false',
        dataset: { username: u },
        on: {
          mousedown: (ev) => { ev.preventDefault(); active = i; pick(); }, // keeps the focus in the composer
        },
      }, h('span', { class: 'mention-option-name' }, label),
      label !== u ? h('span', { class: 'mention-option-handle muted' }, ` @${u}`) : null);
    }));
    input.setAttribute('aria-activedescendant', `${id}-${active}`);
  };

  const update = () => {
    const caret = input.selectionStart;
    const m = input.selectionEnd === caret ? TYPED.exec(input.value.slice(0, caret)) : null;
    const found = m ? candidates(m[1]) : [];
    if (!found.length) { close(); return; }
    token = { start: caret - m[1].length - 1, end: caret };
    const keep = names[active];
    names = found;
    active = Math.max(0, names.indexOf(keep));
    box.hidden = false;
    draw();
  };

  function pick() {
    const name = names[active];
    if (!name || !token) return;
    const after = input.value.slice(token.end);
    const insert = `@${name}${after.startsWith(' ') ? '' : ' '}`;
    input.value = input.value.slice(0, token.start) + insert + after;
    const caret = token.start + insert.length + (after.startsWith(' ') ? 1 : 0);
    input.setSelectionRange(caret, caret);
    close();
    // The composer's own listeners (counter, typing notice, draft) see the change.
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }

  input.addEventListener('input', update);
  input.addEventListener('click', update);
  input.addEventListener('blur', close);
  input.addEventListener('keyup', (ev) => {
    if (['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(ev.key)) update();
  });
  input.addEventListener('keydown', (ev) => {
    if (box.hidden || ev.isComposing) return;
    const take = () => { ev.preventDefault(); ev.stopImmediatePropagation(); };
    if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
      take();
      active = (active + (ev.key === 'ArrowDown' ? 1 : names.length - 1)) % names.length;
      draw();
    } else if ((ev.key === 'Enter' && !ev.shiftKey) || (ev.key === 'Tab' && !ev.shiftKey)) {
      take();
      pick();
    } else if (ev.key === 'Escape') {
      take();
      close();
    }
  }, true);
}
