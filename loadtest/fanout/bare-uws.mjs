// The ceiling: a uWS server that only XREADs and publishes the raw bytes to a topic per event.
import uWS from 'uWebSockets.js';
import { pb } from '../../dist/src/protocol/wire.js';
import { readStreams, oddsFrame } from './stream-reader.mjs';

const [port, redisUrl, events] = [Number(process.argv[2]), process.argv[3], process.argv[4].split(',')];
const app = uWS.App().ws('/v1/ws', {
  compression: uWS.DISABLED,
  maxBackpressure: 4 * 1024 * 1024,
  message: (ws, message) => {
    for (const e of pb.ClientFrame.decode(new Uint8Array(message)).subscribe?.events ?? []) ws.subscribe(e.eventId);
  },
});
app.listen('127.0.0.1', port, (ok) => ok && process.send?.('ready'));
readStreams(redisUrl, events, (eventId, payload) => app.publish(eventId, oddsFrame(payload), true));
