'use strict';
// The Node `ws` baseline of Parley's benchmarks (bench/run.sh starts it).
//   node --expose-gc server.js [--port P]     (default 8092; listens on 127.0.0.1 only)
// /ws          every text received goes to every connected /ws client, the sender included:
//              the broadcast loop of the ws README, the usual "close to the limit" reference.
// /room/<id>   the same, restricted to the clients connected to that room path (many-rooms scenario).
// GET /stats   {"rss","heapUsed","clients"} after a full GC (needs --expose-gc), for the idle scenario.
const http = require('http');
const { WebSocketServer, WebSocket } = require('ws');

let port = 8092;
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--port' && i + 1 < args.length) {
    port = Number(args[++i]);
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      console.error(`--port must be a number between 1 and 65535, got '${args[i]}'`);
      process.exit(2);
    }
  } else {
    console.error(`usage: node server.js [--port P]; unknown argument '${args[i]}'`);
    process.exit(2);
  }
}

const server = http.createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/stats') {
    if (typeof global.gc === 'function') {
      global.gc();
    }
    const mem = process.memoryUsage();
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ rss: mem.rss, heapUsed: mem.heapUsed, clients: wss.clients.size, gc: typeof global.gc === 'function' }));
  } else {
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end('{"error":"NOT_FOUND","message":"only /ws, /room/<id> and GET /stats"}');
  }
});

// perMessageDeflate off (the ws default for servers), as in Parley and the Tyrus baseline.
const wss = new WebSocketServer({ server, perMessageDeflate: false, maxPayload: 64 * 1024 });
const rooms = new Map();

function broadcast(clients, data) {
  for (const client of clients) {
    if (client.readyState === WebSocket.OPEN) {
      client.send(data, { binary: false });
    }
  }
}

wss.on('connection', (ws, req) => {
  const path = req.url.split('?')[0];
  if (path.startsWith('/room/') && path.length > 6) {
    const id = path.slice(6);
    let members = rooms.get(id);
    if (!members) {
      members = new Set();
      rooms.set(id, members);
    }
    members.add(ws);
    ws.on('message', (data, isBinary) => { if (!isBinary) broadcast(members, data); });
    ws.on('close', () => members.delete(ws));
  } else if (path === '/ws') {
    ws.on('message', (data, isBinary) => { if (!isBinary) broadcast(wss.clients, data); });
  } else {
    ws.close(1008, 'unknown path');
    return;
  }
  ws.on('error', () => ws.terminate());
});

server.listen(port, '127.0.0.1', () => {
  console.log(`READY port=${port}`);
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => process.exit(0));
}
