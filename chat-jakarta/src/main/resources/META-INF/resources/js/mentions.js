// Mentions in a message's text: each `@name` the server listed in the message's `mentions` (members
// of the room, as registered) is wrapped in `span.mention`, and in `span.mention.mention-me` when it
// names the signed-in user. Only the listed names are marked, by the server's rule for where one
// starts (not after a letter, digit, `_ . - @`: `bob@example.org` names nobody) and with its trailing
// dots and hyphens dropped when the longer name is not listed ("thanks @alice."). Text in code, code
// blocks and links stays as it is. Works on the fragment js/richtext.js made, as text nodes only.
import { h } from './ui.js';

const MENTION = /(?<![A-Za-z0-9_.@-])@([A-Za-z0-9_.-]{1,64})/g;

/** The part of `raw` (after `@`) that is a listed name, or null. */
function listedName(raw, listed) {
  let name = raw;
  while (name) {
    if (listed.has(name.toLowerCase())) return name;
    const last = name[name.length - 1];
    if (last !== '.' && last !== '-') return null;
    name = name.slice(0, -1);
  }
  return null;
}

function skipped(node, root) {
  for (let el = node.parentNode; el && el !== root; el = el.parentNode) {
    if (el.nodeName === 'CODE' || el.nodeName === 'PRE' || el.nodeName === 'A') return true;
  }
  return false;
}

/**
 * Marks the mentions of `mentions` (usernames) in `root` (a fragment or element) in place and
 * returns it; `me` is the signed-in user.
 */
export function markMentions(root, mentions, me) {
  if (!Array.isArray(mentions) || !mentions.length) return root;
  const listed = new Set(mentions.map((u) => String(u).toLowerCase()));
  const mine = (me || '').toLowerCase();
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const texts = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) if (n.data.includes('@') && !skipped(n, root)) texts.push(n);
  for (const node of texts) {
    const text = node.data;
    const out = [];
    let at = 0;
    for (const m of text.matchAll(MENTION)) {
      const name = listedName(m[1], listed);
      if (!name) continue;
      if (m.index > at) out.push(document.createTextNode(text.slice(at, m.index)));
      const isMe = name.toLowerCase() === mine;
      out.push(h('span', { class: isMe ? 'mention mention-me' : 'mention', dataset: { user: name } }, `@${name}`));
      at = m.index + 1 + name.length;
    }
    if (!out.length) continue;
    if (at < text.length) out.push(document.createTextNode(text.slice(at)));
    node.replaceWith(...out);
  }
  return root;
}
