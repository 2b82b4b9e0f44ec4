import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import type { PublishResult } from '../../src/feed/odds-update.js';
import { RedisOddsPublisher } from '../../src/feed/redis-publisher.js';
import { startNode } from '../../src/main.js';
import { testLog, update } from '../helpers/feeds.js';
import { matchInfo } from '../helpers/match-info.js';
import { OddsClient } from '../helpers/odds-client.js';
import { RedisServer } from '../helpers/redis-server.js';
import { TcpProxy } from '../helpers/tcp-proxy.js';
import { readPathUnderTest } from '../helpers/read-path.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Info entries take no seq but do take stream offsets: the node's last
 * delivered position (what it verifies after every reconnect) must stay the
 * last odds entry, whatever info entries it read after it. Connections are
 * reset under traffic that interleaves odds and info: no REPLACE, every
 * update once and in order, every info once, in version order.
 */
describe('event info across reconnects (redis)', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('three connection resets while odds and info interleave: no REPLACE, every update and every info once, in order', async () => {
    const redis = await RedisServer.start();
    cleanups.push(() => redis.stop());
    const proxy = new TcpProxy(redis.port);
    await proxy.start();
    cleanups.push(() => proxy.stop());
    const keyPrefix = 'ir:';
    const publisher = new RedisOddsPublisher({ shards: [{ name: 'a', url: redis.url }], keyPrefix, streamMaxLen: 100_000, heartbeatMs: 100 });
    await publisher.start();
    cleanups.push(() => publisher.stop());
    for (let i = 0; i < 3; i++) await publisher.publish(update('ev-i', `m${i}`, 1_500 + i));
    await publisher.publishInfo(matchInfo('ev-i'));

    const node = await startNode(
      loadConfig({ overrides: { ...readPathUnderTest, port: 0, host: '127.0.0.1', logLevel: 'silent', redisShards: [`a=${proxy.url}`], keyPrefix, feedStaleMs: 1_000, xreadBlockMs: 200, redisCommandTimeoutMs: 500, channelLingerMs: 0 } }),
      testLog,
    );
    cleanups.push(() => node.stop());
    const client = await OddsClient.connect(node.port, { keepUpdates: true });
    cleanups.push(() => client.terminate());
    client.subscribe('ev-i');
    await client.waitFor(() => client.events.has('ev-i'), 'snapshot');

    // Odds and info interleaved; an info right before each reset, so the newest entry the node read is an info entry.
    let running = true;
    const versions: number[] = [];
    let last: PublishResult | undefined;
    const traffic = (async () => {
      for (let i = 0; running; i++) {
        last = await publisher.publish(update('ev-i', `m${i % 3}`, 1_500 + (i % 500)));
        if (i % 4 === 3) versions.push((await publisher.publishInfo(matchInfo('ev-i', [i % 7, i % 5]))).version);
        await sleep(5);
      }
    })();
    for (let i = 0; i < 3; i++) {
      await sleep(400);
      versions.push((await publisher.publishInfo(matchInfo('ev-i', [9, i]))).version);
      proxy.reset();
    }
    await sleep(300);
    running = false;
    await traffic;
    const final = await publisher.publishInfo(matchInfo('ev-i', [10, 10]));
    versions.push(final.version);
    await client.waitFor(() => Number(client.view('ev-i').info?.version ?? 0) === final.version, 'the final info', 20_000);
    await client.waitForSeq('ev-i', last!.seq, 20_000);

    const view = client.view('ev-i');
    expect(view.replaces, 'recovered from the stream, never from a snapshot').toBe(1);
    expect(view.updates.map((u) => Number(u.seq))).toEqual(Array.from({ length: last!.seq - 3 }, (_, i) => 4 + i));
    expect(view.infoFrames!.map((i) => Number(i.version)), 'every info once, in version order').toEqual([...versions].sort((a, b) => a - b));
    expect(client.violations).toEqual([]);
    expect(proxy.accepted, 'the resets made the node reconnect').toBeGreaterThan(3);
  });
});
