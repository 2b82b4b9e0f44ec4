// Peer 3: Socket.IO as a Node team would deploy it behind a balancer: the
// @socket.io/redis-streams-adapter on an ioredis client (so several nodes
// share rooms and broadcasts), a room per event, XREAD of the event streams,
// each update decoded from protobuf and emitted as JSON to its room.
// Client protocol: emit('subscribe', [ids], ack) joins the rooms; updates arrive as
// 'odds' events {eventId, marketId, status, selections, seq, publishedAtMs}.
import { createServer } from 'node:http';
import { Server } from 'socket.io';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { Redis } from 'ioredis';
import { pb } from '../../../dist/src/protocol/wire.js';
import { peerArgs, readStreams } from './stream-reader.mjs';

const { port, url, events } = peerArgs();
const http = createServer((req, res) => {
  if (req.url === '/readyz') res.end('ok');
});
const adapterClient = new Redis(url);
const io = new Server(http, { adapter: createAdapter(adapterClient), serveClient: false });
io.on('connection', (socket) => {
  socket.on('subscribe', (ids, ack) => {
    if (Array.isArray(ids)) socket.join(ids.filter((id) => typeof id === 'string'));
    if (typeof ack === 'function') ack(true);
  });
});
await readStreams({
  url,
  events,
  onEntry: (i, seq, payload) => {
    const u = pb.OddsUpdate.decode(payload);
    io.to(events[i]).emit('odds', {
      eventId: u.eventId,
      marketId: u.marketId,
      status: u.status,
      selections: u.selections.map((s) => ({ id: s.id, price: s.price })),
      seq,
      publishedAtMs: Number(u.publishedAtMs),
    });
  },
});
http.listen(port, '127.0.0.1', () => console.log('READY'));

// A clean exit on SIGTERM (lets --cpu-prof write its profile).
process.on('SIGTERM', () => process.exit(0));
