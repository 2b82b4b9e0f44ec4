// Peer 2: a plain `ws` + ioredis gateway, written the way a Node team
// would: XREAD the event streams, keep a Map event -> Set<socket>, and
// ws.send() each entry's payload bytes (seq appended as protobuf field 5)
// to every subscriber.
// Client protocol: a text frame "ev1,ev2,..." subscribes; answered "ok".
import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';
import { peerArgs, readStreams, withSeq } from './stream-reader.mjs';

const { port, url, events } = peerArgs();
const subscribers = new Map(events.map((e) => [e, new Set()]));
const http = createServer((req, res) => res.end('ok'));
const wss = new WebSocketServer({ server: http, perMessageDeflate: false, clientTracking: false, maxPayload: 16 * 1024 });
wss.on('connection', (ws) => {
  const mine = [];
  ws.on('message', (data) => {
    for (const eventId of data.toString().split(',')) {
      const set = subscribers.get(eventId);
      if (!set) continue;
      set.add(ws);
      mine.push(set);
    }
    ws.send('ok');
  });
  ws.on('close', () => {
    for (const set of mine) set.delete(ws);
  });
  ws.on('error', () => undefined);
});
await readStreams({
  url,
  events,
  onEntry: (i, seq, payload) => {
    const frame = withSeq(payload, seq);
    for (const ws of subscribers.get(events[i])) ws.send(frame);
  },
});
http.listen(port, '127.0.0.1', () => console.log('READY'));

// A clean exit on SIGTERM (lets --cpu-prof write its profile).
process.on('SIGTERM', () => process.exit(0));
