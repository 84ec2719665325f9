// Pasting an image (or any file) from the clipboard shares it in the open room, like a drop: a
// screenshot pasted into the composer, or anywhere on the page outside another field or a dialog.
import { $ } from './ui.js';

let upload = () => {};

/** `c.upload(files)`: queues files for upload into the open room (js/files.js). */
export function initPaste(c) {
  ({ upload } = c);
  document.addEventListener('paste', onPaste);
}

function onPaste(ev) {
  const files = ev.clipboardData ? [...ev.clipboardData.files] : [];
  if (!files.length) return;
  const t = ev.target instanceof Element ? ev.target : null;
  if (t && t.closest('dialog')) return;
  if (t && t !== $('#message-input') && t.matches('input, textarea, select, [contenteditable]')) return;
  ev.preventDefault();
  upload(files.map(named));
}

/** Clipboard images come named "image.png" (or not at all): they get a name that tells them apart. */
function named(file, i) {
  if (file.name && !/^image\.\w+$/.test(file.name)) return file;
  const ext = ((file.type.split('/')[1] || 'png').replace('jpeg', 'jpg')).replace(/[^a-z0-9]/gi, '');
  const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
  return new File([file], `pasted-${stamp}${i ? `-${i + 1}` : ''}.${ext || 'bin'}`, { type: file.type });
}
