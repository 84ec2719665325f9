// The one "⋯" menu on each row of the member list. Modules add their items (blocking from
// js/profile.js, moderating from js/moderation.js) with addMemberItems; the menu is redrawn each
// time the list is (renderMembers is called from many places, so it follows the list's changes),
// or when a module's state changes (refreshMemberMenus). A row without items gets no button.
import { h, $ } from './ui.js';

/** Functions of (username, row) returning [{ label, className, onClick }]; in the order they were added. */
const providers = [];
let observing = false;

/** Adds items to every member's menu; `provider(username, li)` returns the items for that member (or none). */
export function addMemberItems(provider) {
  providers.push(provider);
  if (!observing) {
    observing = true;
    new MutationObserver(refreshMemberMenus).observe($('#member-list'), { childList: true });
  }
}

/** Redraws every row's menu from the providers. */
export function refreshMemberMenus() {
  for (const li of document.querySelectorAll('#member-list li[data-username]')) {
    const old = li.querySelector('.member-menu');
    if (old) old.remove();
    const username = li.dataset.username;
    const items = providers.flatMap((p) => p(username, li) || []);
    if (items.length) li.append(menuFor(username, items));
  }
}

function menuFor(username, items) {
  const close = () => { menu.hidden = true; toggle.setAttribute('aria-expanded', 'false'); };
  const menu = h('div', { class: 'member-menu-items', role: 'menu', hidden: true },
    ...items.map((item) => h('button', {
      type: 'button', role: 'menuitem', class: item.className,
      on: { click: () => { close(); item.onClick(); } },
    }, item.label)));
  const toggle = h('button', {
    type: 'button', class: 'icon-button member-menu-button', 'aria-haspopup': 'menu', 'aria-expanded': 'false',
    'aria-label': `Actions for ${username}`, title: `Actions for ${username}`,
    on: {
      click: () => { menu.hidden = !menu.hidden; toggle.setAttribute('aria-expanded', String(!menu.hidden)); },
      keydown: (e) => { if (e.key === 'Escape') close(); },
    },
  }, '⋯');
  menu.addEventListener('keydown', (e) => { if (e.key === 'Escape') { close(); toggle.focus(); } });
  return h('span', { class: 'member-menu' }, toggle, menu);
}
