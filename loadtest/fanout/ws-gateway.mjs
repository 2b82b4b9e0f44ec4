// A plain `ws` + ioredis gateway, as a Node team would write one: a Set of sockets per event.
import { WebSocketServer } from 'ws';
import { pb } from '../../dist/src/protocol/wire.js';
import { readStreams, oddsFrame } from './stream-reader.mjs';

const [port, redisUrl, events] = [Number(process.argv[2]), process.argv[3], process.argv[4].split(',')];
const subscribers = new Map(events.map((e) => [e, new Set()]));
const wss = new WebSocketServer({ host: '127.0.0.1', port, path: '/v1/ws', perMessageDeflate: false });
wss.on('connection', (ws) => {
  const mine = [];
  ws.on('message', (data) => {
    for (const e of pb.ClientFrame.decode(data).subscribe?.events ?? []) {
      subscribers.get(e.eventId)?.add(ws);
      mine.push(e.eventId);
    }
  });
  ws.on('close', () => mine.forEach((e) => subscribers.get(e)?.delete(ws)));
});
wss.on('listening', () => process.send?.('ready'));
readStreams(redisUrl, events, (eventId, payload) => {
  const frame = oddsFrame(payload);
  for (const ws of subscribers.get(eventId) ?? []) ws.send(frame, { binary: true });
});
