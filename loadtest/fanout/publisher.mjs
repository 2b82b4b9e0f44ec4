// The one odds publisher of the fan-out bench (a child of run.mjs, over IPC).
//
// Uses oddsgate's own RedisOddsPublisher, so every server reads the same
// streams in the same format: og:{event}:stream entries (e, s, p) written
// atomically with the og:{event}:snap hash, plus heartbeats on og:heartbeat.
// Events are published round-robin (every event gets the same share of the
// rate), each update one market's full state (~55-60 byte payload).
//
// Messages from the parent: {cmd:'seed'} -> {seeded}; {cmd:'rate', perSec};
// {cmd:'stats'} -> {published, failed, inFlight, shed}; {cmd:'stop'}.
import { RedisOddsPublisher } from '../../dist/src/feed/redis-publisher.js';

const { FANOUT_REDIS_URL: url, FANOUT_EVENTS = '200', FANOUT_PREFIX = 'match-', FANOUT_MARKETS = '4' } = process.env;
const events = Array.from({ length: Number(FANOUT_EVENTS) }, (_, i) => `${FANOUT_PREFIX}${i + 1}`);
const MARKETS = [
  { id: '1x2', selections: ['home', 'draw', 'away'] },
  { id: 'ou25', selections: ['over', 'under'] },
  { id: 'btts', selections: ['yes', 'no'] },
  { id: 'dnb', selections: ['home', 'away'] },
].slice(0, Number(FANOUT_MARKETS));
const TICK_MS = 2;
const MAX_IN_FLIGHT = 4_000;

const publisher = new RedisOddsPublisher({ shards: [{ name: 'a', url }], keyPrefix: 'og:', streamMaxLen: 10_000, heartbeatMs: 500 });
let rate = 0;
let owed = 0;
let last = performance.now();
let next = 0;
let published = 0;
let failed = 0;
let inFlight = 0;
let shed = 0;
let firstError = '';
let counter = 0;

function update(eventId, market) {
  counter++;
  return {
    eventId,
    marketId: market.id,
    status: 1,
    // Prices wander deterministically; every update differs from the previous one.
    selections: market.selections.map((id, k) => ({ id, price: 1_100 + ((counter * 7 + k * 131) % 4_000) })),
  };
}

function publishOne() {
  const eventId = events[next % events.length];
  const market = MARKETS[Math.floor(next / events.length) % MARKETS.length];
  next++;
  inFlight++;
  publisher
    .publish(update(eventId, market))
    .then(
      () => published++,
      (err) => {
        failed++;
        firstError ||= err.message;
      },
    )
    .finally(() => inFlight--);
}

function tick() {
  const now = performance.now();
  owed += (rate * (now - last)) / 1000;
  last = now;
  while (owed >= 1) {
    if (inFlight >= MAX_IN_FLIGHT) {
      // Redis (or this process) cannot keep up: shed instead of bursting later.
      shed += Math.floor(owed);
      owed = 0;
      break;
    }
    owed -= 1;
    publishOne();
  }
}

await publisher.start();
setInterval(tick, TICK_MS);
process.on('message', async (msg) => {
  if (msg.cmd === 'seed') {
    for (const eventId of events) for (const market of MARKETS) await publisher.publish(update(eventId, market));
    process.send({ seeded: events.length * MARKETS.length });
  } else if (msg.cmd === 'rate') {
    rate = msg.perSec;
    owed = 0;
    last = performance.now();
  } else if (msg.cmd === 'stats') {
    process.send({ published, failed, inFlight, shed, firstError });
  } else if (msg.cmd === 'stop') {
    rate = 0;
    await publisher.stop().catch(() => undefined);
    process.exit(0);
  }
});
process.on('disconnect', () => process.exit(0));
process.send({ started: true });
