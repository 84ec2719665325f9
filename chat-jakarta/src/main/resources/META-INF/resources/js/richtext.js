// A message's text as rich text: a Markdown subset (bold, italic, strike, inline code, code blocks,
// quotes, lists, links) rendered by marked, then sanitised by DOMPurify into a DOM fragment, so the
// page never assigns HTML itself. Raw HTML in a message is shown as the text it is; headings, tables
// and images are not chat: they come out as a paragraph, the table's text and a link. Links (and
// bare URLs, linkified by marked's GFM mode) open in a new tab with rel="noopener noreferrer"; only
// http, https and mailto targets are kept. `:name:` shortcodes become emoji (js/emoji.js).
// The libraries are WebJars of chat-jakarta (see WEB.md); their versions are in the paths below and
// in the root pom, and WebJarPathsTest checks that the two agree.
import { Marked } from '../webjars/marked/15.0.12/lib/marked.esm.js';
import '../webjars/dompurify/3.2.6/dist/purify.min.js';
import { emojiFor } from './emoji.js';

const ALLOWED_TAGS = ['p', 'br', 'strong', 'em', 'del', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a', 'hr'];
const ALLOWED_ATTR = ['href', 'title', 'start'];
const SAFE_URL = /^(?:https?:|mailto:)/i;

const escapeHtml = (s) => String(s).replace(/[&<>"']/g, (c) => ({
  '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;',
}[c]));

const emoji = {
  name: 'emoji',
  level: 'inline',
  // Only where a shortcode may begin: a bare ':' (as in "https:") must not cut the text before it.
  start(src) {
    const i = src.search(/:[a-z0-9_+-]{1,40}:/);
    return i < 0 ? undefined : i;
  },
  tokenizer(src) {
    const m = /^:([a-z0-9_+-]{1,40}):/.exec(src);
    const e = m && emojiFor(m[1]);
    return e ? { type: 'emoji', raw: m[0], emoji: e } : undefined;
  },
  renderer: (token) => escapeHtml(token.emoji),
};

const marked = new Marked({ gfm: true, breaks: true, async: false });
marked.use({
  extensions: [emoji],
  renderer: {
    // Markup typed in a message is text, block or inline.
    html: ({ text, block }) => (block
      ? `<p>${escapeHtml(text.replace(/\s+$/, '')).replace(/\n/g, '<br>\n')}</p>\n`
      : escapeHtml(text)),
    heading({ tokens }) { return `<p>${this.parser.parseInline(tokens)}</p>\n`; },
    table: ({ raw }) => `<p>${escapeHtml(raw.trim()).replace(/\n/g, '<br>\n')}</p>\n`,
    image: ({ href, text }) => `<a href="${escapeHtml(href)}">${escapeHtml(text || href)}</a>`,
    checkbox: ({ checked }) => (checked ? '[x] ' : '[ ] '),
    // The newline stays after the break: the text of a message is still the message typed.
    br: () => '<br>\n',
  },
});

// An instance of its own: the hook below is this module's, not every DOMPurify user's.
const purify = globalThis.DOMPurify(window);
purify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName !== 'A') return;
  const href = node.getAttribute('href');
  if (!href || !SAFE_URL.test(href.trim())) node.removeAttribute('href');
  if (node.hasAttribute('href')) {
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer');
  }
});

const BLOCKS = new Set(['P', 'PRE', 'BLOCKQUOTE', 'UL', 'OL', 'LI', 'HR']);

/**
 * The text as a fragment of safe nodes. A message that is one paragraph comes without its `<p>`,
 * so that a plain message is the text it was (its textContent is the message).
 */
export function renderRichText(text) {
  const html = marked.parse(String(text ?? ''));
  const frag = purify.sanitize(html, {
    ALLOWED_TAGS, ALLOWED_ATTR, RETURN_DOM_FRAGMENT: true, ALLOW_DATA_ATTR: false,
  });
  tidy(frag);
  const kids = [...frag.childNodes];
  if (kids.length === 1 && kids[0].nodeName === 'P') {
    const p = kids[0];
    frag.replaceChildren(...p.childNodes);
  }
  return frag;
}

/** Drops the newlines marked leaves between blocks (they are not content; inline spaces stay). */
function tidy(node) {
  for (const child of [...node.childNodes]) {
    if (child.nodeType === Node.TEXT_NODE) {
      if (!child.data.trim() && (CONTAINERS.has(node.nodeName) || isBlock(child.previousSibling) || isBlock(child.nextSibling))) {
        child.remove();
      }
    } else if (child.nodeName !== 'PRE') {
      tidy(child);
    }
  }
}

const CONTAINERS = new Set(['#document-fragment', 'BLOCKQUOTE', 'UL', 'OL']);
const isBlock = (n) => !!n && BLOCKS.has(n.nodeName);
