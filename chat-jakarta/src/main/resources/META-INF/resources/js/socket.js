// One WebSocket for all rooms, reconnected with exponential backoff and jitter whenever it
// closes for any reason other than a refused token (1008) or an explicit stop().
import { backoffDelay } from './util.js';

const PING_EVERY_MS = 20000; // below the 30 s idle timeouts common in front of servers
const SILENCE_LIMIT_MS = 45000; // no frame at all (not even pong) for this long: the link is dead

/**
 * Lifecycle: `start()` connects; every close schedules a reconnect until `stop()`. Statuses passed
 * to `onStatus`: 'connecting', 'online' (after the server's welcome), 'reconnecting' (with the
 * delay in ms), 'offline' (stopped).
 *
 * @param {object} o
 * @param {() => string} o.url the ws URL, computed per attempt (the token may change)
 * @param {(frame: object) => void} o.onFrame every parsed frame, welcome included
 * @param {(status: string, detail?: number) => void} o.onStatus
 * @param {() => void} o.onAuthRejected the server closed with 1008 (bad or revoked token)
 * @param {() => Promise<boolean>} o.beforeRetry asked after a connection that never got its welcome;
 *        resolving false stops reconnecting (e.g. the REST check says the token is gone)
 */
export class ChatSocket {
  constructor({ url, onFrame, onStatus, onAuthRejected, beforeRetry }) {
    Object.assign(this, { url, onFrame, onStatus, onAuthRejected, beforeRetry });
    this.ws = null;
    this.attempt = 0;
    this.running = false;
    this.welcomed = false;
    this.retryTimer = null;
    this.pingTimer = null;
    this.lastFrameAt = 0;
    this.onOnline = () => { if (this.running && !this.ws) this.connectNow(); };
  }

  start() {
    if (this.running) return;
    this.running = true;
    window.addEventListener('online', this.onOnline);
    this.connect();
  }

  stop() {
    this.running = false;
    window.removeEventListener('online', this.onOnline);
    clearTimeout(this.retryTimer);
    this.stopPing();
    if (this.ws) {
      const ws = this.ws;
      this.ws = null;
      ws.onclose = null;
      ws.close(1000, 'bye');
    }
    this.onStatus('offline');
  }

  /** True when a frame can be sent now (open and welcomed). */
  get ready() {
    return !!this.ws && this.ws.readyState === WebSocket.OPEN && this.welcomed;
  }

  /** Sends a frame if the socket is ready; returns whether it was handed to the socket. */
  send(frame) {
    if (!this.ready) return false;
    this.ws.send(JSON.stringify(frame));
    return true;
  }

  connectNow() {
    clearTimeout(this.retryTimer);
    this.attempt = 0;
    this.connect();
  }

  connect() {
    if (!this.running || this.ws) return;
    this.welcomed = false;
    this.onStatus('connecting');
    let ws;
    try {
      ws = new WebSocket(this.url());
    } catch {
      this.scheduleRetry(false);
      return;
    }
    this.ws = ws;
    ws.onopen = () => {
      this.lastFrameAt = Date.now();
      this.startPing();
    };
    ws.onmessage = (ev) => {
      this.lastFrameAt = Date.now();
      let frame;
      try { frame = JSON.parse(ev.data); } catch { return; }
      if (!frame || typeof frame.type !== 'string') return;
      if (frame.type === 'welcome') {
        this.welcomed = true;
        this.attempt = 0;
        this.onStatus('online');
      }
      this.onFrame(frame);
    };
    ws.onclose = (ev) => this.closed(ws, ev.code);
    // onerror is always followed by onclose, which does the work
  }

  closed(ws, code) {
    if (this.ws !== ws) return;
    this.ws = null;
    this.stopPing();
    const hadWelcome = this.welcomed;
    this.welcomed = false;
    if (!this.running) return;
    if (code === 1008) {
      this.running = false;
      this.onStatus('offline');
      this.onAuthRejected();
      return;
    }
    this.scheduleRetry(!hadWelcome);
  }

  async scheduleRetry(handshakeFailed) {
    // A refused handshake looks like a plain 1006 to the page; ask REST whether the token is the cause.
    if (handshakeFailed && this.beforeRetry) {
      let goOn = true;
      try { goOn = await this.beforeRetry(); } catch { goOn = true; }
      if (!goOn || !this.running) return;
    }
    const delay = backoffDelay(this.attempt++);
    this.onStatus('reconnecting', delay);
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }

  startPing() {
    this.stopPing();
    this.pingTimer = setInterval(() => {
      if (!this.ws || this.ws.readyState !== WebSocket.OPEN) return;
      if (Date.now() - this.lastFrameAt > SILENCE_LIMIT_MS) {
        // A dead link may take long to report its close: give up on it now and reconnect.
        const ws = this.ws;
        ws.onclose = null;
        try { ws.close(4000, 'silent'); } catch { /* already closing */ }
        this.closed(ws, 4000);
        return;
      }
      this.ws.send(JSON.stringify({ type: 'ping' }));
    }, PING_EVERY_MS);
  }

  stopPing() {
    clearInterval(this.pingTimer);
    this.pingTimer = null;
  }
}
