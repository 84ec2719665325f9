// A shared file inside its message: an image as an inline preview made from its server-side
// thumbnail (a click opens it full size in a lightbox), anything else as a card with an icon, the
// name and the size (a click downloads it). Uploaded HTML and SVG are never rendered: only PNG, JPEG
// and GIF files are asked for a thumbnail, which the server made itself (as PNG or JPEG) and has
// only for an image it could read; the full size opens only for a file that has one, and only in an
// <img>. A preview arriving moves nothing the reader looks at (see js/timeline.js).
import { h, icon, toast } from './ui.js';
import { formatSize } from './util.js';
import { readerPlace, keepPlace } from './timeline.js';

const PREVIEWED = new Set(['image/png', 'image/jpeg', 'image/gif']);

let api = null;
let download = null;
const asked = new Map(); // fileId -> Promise of {url, width, height} or null
const ready = new Map(); // fileId -> {url, width, height}, once loaded
let lightbox = null;

/**
 * @param {object} c
 * @param {object} c.api the REST client (its `thumbnail` and `download`)
 * @param {(file: object) => void} c.onDownload saves a file under its name
 */
export function initAttachments(c) {
  ({ api, onDownload: download } = c);
}

const baseType = (t) => String(t || '').split(';')[0].trim().toLowerCase();

/** The card of any file: icon, name and size; a click downloads it. */
function fileCard(f, onDownload) {
  return h('button', {
    type: 'button',
    class: 'file-link file-card',
    dataset: { fileId: String(f.id) },
    'aria-label': `Download ${f.name} (${formatSize(f.size)})`,
    on: { click: () => onDownload && onDownload(f) },
  }, h('span', { class: 'file-icon' }, icon('file', 20)),
  h('span', { class: 'file-text' },
    h('span', { class: 'file-name' }, f.name || 'file'),
    h('span', { class: 'file-size' }, formatSize(f.size))));
}

/** A shared file as shown in a message: the card, with the image's preview above it when it has one. */
export function renderAttachment(f, onDownload = download) {
  const card = fileCard(f, onDownload);
  if (!api || !PREVIEWED.has(baseType(f.contentType))) return card;
  const box = h('div', { class: 'file-attachment', dataset: { fileId: String(f.id) } }, card);
  const known = ready.get(f.id);
  if (known) box.prepend(previewButton(f, known));
  else thumbnailOf(f.id).then((t) => { if (t) showPreview(box, f, t); });
  return box;
}

function thumbnailOf(id) {
  if (!asked.has(id)) {
    asked.set(id, api.thumbnail(id).then(async (blob) => {
      if (!blob) return null;
      const url = URL.createObjectURL(blob);
      const img = new Image();
      img.src = url;
      await img.decode();
      const t = { url, width: img.naturalWidth, height: img.naturalHeight };
      ready.set(id, t);
      return t;
    }).catch(() => {
      asked.delete(id); // asked again when next drawn; the card stays meanwhile
      return null;
    }));
  }
  return asked.get(id);
}

function previewButton(f, t) {
  return h('button', {
    type: 'button', class: 'file-preview', 'aria-label': `Open ${f.name} full size`,
    on: { click: () => openFull(f, t) },
  }, h('img', { class: 'file-thumb', src: t.url, alt: f.name || 'image', width: t.width, height: t.height }));
}

/** Puts the preview in, keeping the reader's place (or the bottom of the view, when they are there). */
function showPreview(box, f, t) {
  if (box.querySelector('.file-preview')) return;
  const scroller = box.closest('.message-area, .thread-area');
  const list = box.closest('ul');
  const atBottom = !!scroller && scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 24;
  const place = scroller && list && !atBottom ? readerPlace(scroller, list) : null;
  box.prepend(previewButton(f, t));
  if (atBottom) scroller.scrollTop = scroller.scrollHeight;
  else keepPlace(scroller, place);
}

function ensureLightbox() {
  if (lightbox) return lightbox;
  const img = h('img', { class: 'lightbox-image', alt: '' });
  const name = h('span', { class: 'lightbox-name' });
  const save = h('button', { type: 'button', class: 'lightbox-download' }, 'Download');
  const close = h('button', {
    type: 'button', class: 'icon-button lightbox-close', 'aria-label': 'Close', title: 'Close (Escape)',
  }, icon('close', 16));
  const dialog = h('dialog', { id: 'lightbox', class: 'lightbox', 'aria-label': 'Image' },
    h('div', { class: 'lightbox-bar' }, name, save, close), h('div', { class: 'lightbox-body' }, img));
  close.addEventListener('click', () => dialog.close());
  // A click on the dimmed backdrop (the dialog itself, outside its content) closes it too.
  dialog.addEventListener('click', (ev) => { if (ev.target === dialog) dialog.close(); });
  dialog.addEventListener('close', () => {
    if (img.dataset.full) URL.revokeObjectURL(img.dataset.full);
    delete img.dataset.full;
    img.removeAttribute('src');
    dialog.dataset.state = '';
  });
  document.body.append(dialog);
  lightbox = { dialog, img, name, save };
  return lightbox;
}

/** Opens the image full size: the thumbnail at once, then the file's own bytes. */
async function openFull(f, t) {
  const box = ensureLightbox();
  box.name.textContent = `${f.name} · ${formatSize(f.size)}`;
  box.save.onclick = () => download && download(f);
  box.img.alt = f.name || 'image';
  box.img.src = t.url;
  box.dialog.dataset.state = 'loading';
  if (!box.dialog.open) box.dialog.showModal();
  try {
    const { blob } = await api.download(f.id, f.name);
    if (!box.dialog.open) return;
    // Typed as the image it was previewed as, whatever the uploader declared it to be.
    const url = URL.createObjectURL(new Blob([blob], { type: baseType(f.contentType) }));
    box.img.dataset.full = url;
    box.img.src = url;
    await box.img.decode().catch(() => {});
    box.dialog.dataset.state = 'full';
  } catch (e) {
    toast(e.message);
  }
}
