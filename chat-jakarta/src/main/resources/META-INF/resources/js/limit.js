// The text limit of the composers (`maxTextLength` from GET /api/config, in code points as the
// server counts): nothing is cut, a counter shows from 90% of the limit, Send is refused over it,
// and a refusal from the server is said in the same place, below the text it concerns.
import { $ } from './ui.js';
import { rules } from './util.js';

const SHOW_FROM = 0.9;

const COMPOSERS = {
  main: { input: '#message-input', button: '#send-button', note: '#message-limit' },
  thread: { input: '#thread-input', button: '#thread-send', note: '#thread-limit' },
};

/** What the server would count in what a composer sends (its text trimmed, in code points). */
export const lengthOf = (text) => [...text.trim()].length;

export function initLimits() {
  for (const where of Object.keys(COMPOSERS)) {
    $(COMPOSERS[where].input).addEventListener('input', () => {
      delete $(COMPOSERS[where].note).dataset.refusal;
      updateLimit(where);
    });
  }
}

/** Whether the text of composer `where` ('main' or 'thread') is over the limit. */
export function overLimit(where) {
  const max = rules.maxTextLength;
  return typeof max === 'number' && lengthOf($(COMPOSERS[where].input).value) > max;
}

/** Redraws the counter and the Send button of a composer (after its text changed in code too). */
export function updateLimit(where) {
  const c = COMPOSERS[where];
  const note = $(c.note);
  const button = $(c.button);
  const max = rules.maxTextLength;
  const length = lengthOf($(c.input).value);
  const over = typeof max === 'number' && length > max;
  button.disabled = over || $(c.input).disabled; // a composer one may not write in stays off
  button.title = over ? 'Too long to send' : '';
  if (over || note.dataset.refusal) $(c.input).setAttribute('aria-invalid', 'true');
  else $(c.input).removeAttribute('aria-invalid');
  if (note.dataset.refusal) {
    note.textContent = note.dataset.refusal;
    note.dataset.state = 'refused';
    note.hidden = false;
    return;
  }
  if (typeof max !== 'number' || length < Math.ceil(max * SHOW_FROM)) {
    note.hidden = true;
    note.textContent = '';
    note.dataset.state = '';
    return;
  }
  note.hidden = false;
  note.dataset.state = over ? 'over' : 'near';
  note.textContent = over
    ? `${length} / ${max} characters: ${length - max} too many to send. Shorten it or split it in two.`
    : `${length} / ${max} characters`;
}

/** Updates both composers (the limit has just been learned). */
export function updateLimits() {
  for (const where of Object.keys(COMPOSERS)) updateLimit(where);
}

/** The server refused what composer `where` sent: its reason is shown until the text changes. */
export function showRefusal(where, message) {
  $(COMPOSERS[where].note).dataset.refusal = message;
  updateLimit(where);
}
