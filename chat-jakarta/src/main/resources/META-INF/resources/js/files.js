// File sharing: the attach button and drag-and-drop upload with a progress bar, and downloads
// through fetch (the API wants the bearer header, which a plain link cannot send).
import { $, toast } from './ui.js';

let ctx = null;
let running = null; // {abort}
const queue = [];

/**
 * @param {object} c
 * @param {object} c.api the REST client
 * @param {() => object|null} c.currentRoom the open room
 * @param {(message: object) => void} c.onMessage the FILE_SHARED message the server answered with
 */
export function initFiles(c) {
  ctx = c;
  const input = $('#file-input');
  input.addEventListener('change', () => {
    enqueue([...input.files]);
    input.value = '';
  });
  $('#upload-cancel').addEventListener('click', () => {
    queue.length = 0;
    if (running) running.abort();
  });

  const area = $('#message-area');
  const overlay = $('#drop-overlay');
  let depth = 0; // dragenter/leave fire for every child element crossed
  const hasFiles = (ev) => ev.dataTransfer && [...ev.dataTransfer.types].includes('Files');
  const hide = () => { depth = 0; overlay.hidden = true; area.classList.remove('dragging'); };
  area.addEventListener('dragenter', (ev) => {
    if (!hasFiles(ev)) return;
    ev.preventDefault();
    depth++;
    overlay.hidden = false;
    area.classList.add('dragging');
  });
  area.addEventListener('dragover', (ev) => {
    if (!hasFiles(ev)) return;
    ev.preventDefault();
    ev.dataTransfer.dropEffect = 'copy';
  });
  area.addEventListener('dragleave', () => { if (--depth <= 0) hide(); });
  area.addEventListener('drop', (ev) => {
    if (!hasFiles(ev)) return;
    ev.preventDefault();
    hide();
    enqueue([...ev.dataTransfer.files]);
  });
}

/** Queues files for upload into the open room (the attach button, a drop, a paste). */
export function uploadFiles(files) {
  enqueue(files);
}

function enqueue(files) {
  const room = ctx.currentRoom();
  if (!files.length) return;
  if (!room || !room.member) { toast('Open a room you belong to first'); return; }
  if (room.virtual) { toast('Send a first message to start this conversation, then share files'); return; }
  for (const f of files) queue.push({ file: f, room: room.id });
  if (!running) next();
}

async function next() {
  const item = queue.shift();
  if (!item) {
    running = null;
    $('#upload-status').hidden = true;
    return;
  }
  const bar = $('#upload-progress');
  $('#upload-name').textContent = item.file.name;
  bar.value = 0;
  $('#upload-status').hidden = false;
  const up = ctx.api.upload(item.room, item.file, (fraction) => { bar.value = Math.round(fraction * 100); });
  running = up;
  try {
    const body = await up.promise;
    if (body && body.message) ctx.onMessage(body.message);
  } catch (e) {
    if (e.code !== 'ABORTED') {
      toast(e.status === 413 ? `${item.file.name}: file too large` : `${item.file.name}: ${e.message}`);
    }
  }
  next();
}

/** Saves a shared file under its name, via a temporary blob URL. */
export async function downloadFile(file) {
  try {
    const { blob, name } = await ctx.api.download(file.id, file.name);
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    a.hidden = true;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 30000);
  } catch (e) {
    toast(e.message);
  }
}
