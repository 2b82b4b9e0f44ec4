// Peer 1, the ceiling: a bare uWebSockets.js server that XREADs the event
// streams and app.publish()es each entry's payload bytes (with its seq
// appended as protobuf field 5) to a topic per event. No decoding, no cache,
// no snapshots, no checks: what any Redis-fed uWS gateway could at best do.
// Client protocol: a text frame "ev1,ev2,..." subscribes; answered "ok".
import uWS from 'uWebSockets.js';
import { peerArgs, readStreams, withSeq } from './stream-reader.mjs';

const { port, url, events } = peerArgs();
const app = uWS.App();
app.ws('/*', {
  compression: uWS.DISABLED,
  maxPayloadLength: 16 * 1024,
  idleTimeout: 120,
  sendPingsAutomatically: true,
  maxBackpressure: 4 * 1024 * 1024,
  message: (ws, message) => {
    for (const eventId of Buffer.from(message).toString().split(',')) if (eventId) ws.subscribe(eventId);
    ws.send('ok', false);
  },
});
app.get('/readyz', (res) => res.end('ok'));
await readStreams({ url, events, onEntry: (i, seq, payload) => app.publish(events[i], withSeq(payload, seq), true) });
app.listen('127.0.0.1', port, (socket) => {
  if (!socket) {
    console.error(`bare-uws: cannot listen on ${port}`);
    process.exit(1);
  }
  console.log('READY');
});

// A clean exit on SIGTERM (lets --cpu-prof write its profile).
process.on('SIGTERM', () => process.exit(0));
