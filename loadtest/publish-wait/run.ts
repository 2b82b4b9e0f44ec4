/**
 * What publishWaitReplicas costs a publish: p50/p99 of RedisOddsPublisher
 * .publish() one at a time, without WAIT and with WAIT 1 (one replica,
 * loopback), in alternating rounds so both see the same machine load.
 *
 *   npm run bench:publish-wait -- [publishes per mode, default 10000]
 */
import { RedisOddsPublisher } from '../../src/feed/redis-publisher.js';
import { RedisServer } from '../../test/helpers/redis-server.js';
import { waitUntil } from '../../test/helpers/ports.js';
import { MarketStatus } from '../../src/protocol/wire.js';

const perMode = Number(process.argv[2] ?? 10_000);
const rounds = 10;

const primary = await RedisServer.start();
const replica = await RedisServer.start({ replicaOf: primary.port });
const probe = replica.client();
await waitUntil(async () => /master_link_status:up/.test(await probe.info('replication')), 20_000, 'replica in sync');
probe.disconnect();

const shards = [{ name: 'a', url: primary.url }];
const modes = {
  'no WAIT': new RedisOddsPublisher({ shards, keyPrefix: 'bw:', streamMaxLen: 10_000, heartbeatMs: 0 }),
  'WAIT 1': new RedisOddsPublisher({ shards, keyPrefix: 'bw:', streamMaxLen: 10_000, heartbeatMs: 0, waitReplicas: 1, waitTimeoutMs: 1_000 }),
};
const samples: Record<string, number[]> = { 'no WAIT': [], 'WAIT 1': [] };
for (const p of Object.values(modes)) await p.start();

let price = 1_000;
const publishOnce = (p: RedisOddsPublisher) =>
  p.publish({ eventId: `ev-${price % 50}`, marketId: 'm0', status: MarketStatus.MARKET_STATUS_OPEN, selections: [{ id: 'home', price: price++ % 900_000 }] });
for (const p of Object.values(modes)) for (let i = 0; i < 500; i++) await publishOnce(p); // warm-up
for (let round = 0; round < rounds; round++) {
  for (const [mode, p] of Object.entries(modes)) {
    for (let i = 0; i < perMode / rounds; i++) {
      const t = process.hrtime.bigint();
      await publishOnce(p);
      samples[mode].push(Number(process.hrtime.bigint() - t) / 1e3);
    }
  }
}
const pct = (xs: number[], q: number) => xs[Math.min(xs.length - 1, Math.floor(xs.length * q))];
for (const [mode, xs] of Object.entries(samples)) {
  xs.sort((a, b) => a - b);
  console.log(`${mode.padEnd(8)} ${xs.length} publishes  p50 ${pct(xs, 0.5).toFixed(0)} us  p99 ${pct(xs, 0.99).toFixed(0)} us  p99.9 ${pct(xs, 0.999).toFixed(0)} us`);
}
for (const p of Object.values(modes)) await p.stop();
await replica.stop();
await primary.stop();
