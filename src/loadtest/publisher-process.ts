// The load test's odds publisher, a child process of `oddsgate loadtest`:
// oddsgate's own OddsSimulator on a RedisOddsPublisher (the product's stream
// format, published_at_ms on every update), at the rate the orchestrator
// asks for phase by phase. Arguments: <shards a=redis://..,b=..> <keyPrefix>
// <events> <markets> <seed>. Stdin, one JSON line each:
// {"ratePerSec": 4000, "goalChancePerSec": 0.001} sets the rate and the goal
// chance from now on. Prints "ready" once every market is seeded, then once a
// second {"published": n} (the total so far).
import { createInterface } from 'node:readline';
import { OddsSimulator, type SimulatorOptions } from '../feed/odds-simulator.js';
import { RedisOddsPublisher } from '../feed/redis-publisher.js';

const [shards, keyPrefix, events, markets, seed] = process.argv.slice(2);
const publisher = new RedisOddsPublisher({
  shards: shards.split(',').map((s) => {
    const [name, url] = s.split('=');
    return { name, url };
  }),
  keyPrefix,
  streamMaxLen: 10_000,
  heartbeatMs: 250,
  // A shard the profile restarts is away for a moment: the simulator's publishes fail meanwhile and are counted lost by nobody.
  onConnectionError: () => undefined,
});
const options: SimulatorOptions = { events: Number(events), marketsPerEvent: Number(markets), ratePerSec: 0, goalChancePerSec: 0, seed: Number(seed), maxInFlight: 20_000, onError: () => undefined };
const simulator = new OddsSimulator(publisher, options);

await publisher.start();
await simulator.seed();
simulator.start();
process.stdout.write('ready\n');
createInterface({ input: process.stdin }).on('line', (line) => {
  const { ratePerSec, goalChancePerSec } = JSON.parse(line) as { ratePerSec: number; goalChancePerSec: number };
  simulator.retune({ ratePerSec, goalChancePerSec });
});
const report = setInterval(() => process.stdout.write(`${JSON.stringify({ published: simulator.published })}\n`), 1_000);
const stop = async () => {
  clearInterval(report);
  simulator.stop();
  await publisher.stop();
  process.exit(0);
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
process.stdin.once('end', stop);
