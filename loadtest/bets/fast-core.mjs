#!/usr/bin/env node
// node loadtest/bets/fast-core.mjs [--port 0] [--latency-min-ms 5 --latency-max-ms 15]
//
// A core that is up and quick, for measuring the edge alone: every
// POST /v1/bets is ACCEPTED at the requested price (a new bet id each) after
// the injected latency; GET /v1/bets/... is 404; GET /healthz is 200;
// GET|POST /admin/faults reads or sets {latency: {minMs, maxMs}}. No
// idempotency, no price check: not the reference core (oddsgate core-sim),
// whose decisions cost a few hundred bets/s per process. Prints its URL on
// stdout, then serves until killed.
import { createServer } from 'node:http';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
let latency = { minMs: arg('latency-min-ms', 0), maxMs: arg('latency-max-ms', arg('latency-min-ms', 0)) };
let next = 0;

function send(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined;
    if (req.url === '/v1/bets' && req.method === 'POST') {
      const answer = () => send(res, 200, { outcome: 'accepted', betId: `FAST-${process.pid}-${++next}`, acceptedPrice: body.price });
      const ms = latency.minMs + Math.random() * (latency.maxMs - latency.minMs);
      return ms > 0 ? setTimeout(answer, ms) : answer();
    }
    if (req.url === '/admin/faults') {
      if (req.method === 'POST' && body?.latency) latency = body.latency;
      return send(res, 200, { latency });
    }
    if (req.url === '/healthz') return send(res, 200, { ok: true });
    send(res, 404, { error: 'unknown bet' });
  });
});
server.keepAliveTimeout = 65_000;
server.on('connection', (socket) => socket.setNoDelay(true));
server.listen(arg('port', 0), '127.0.0.1', () => process.stdout.write(`http://127.0.0.1:${server.address().port}\n`));
