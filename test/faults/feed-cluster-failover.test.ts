import type { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { feedShards, loadConfig } from '../../src/config/load.js';
import { FeedKeys } from '../../src/feed/redis-keys.js';
import { RedisOddsPublisher } from '../../src/feed/redis-publisher.js';
import { connectShard } from '../../src/feed/shard-connection.js';
import { ShardRing } from '../../src/feed/shard-ring.js';
import { startNode } from '../../src/main.js';
import { expectClientOnStore, expectNoSilentSwitch, publishAtRate, type StoredEvent } from '../helpers/failover-checks.js';
import { recordFrames, storedSnapshot, storedStream, testLog, update, type ReceivedFrame } from '../helpers/feeds.js';
import { OddsClient } from '../helpers/odds-client.js';
import { waitUntil } from '../helpers/ports.js';
import { RedisClusterHarness } from '../helpers/redis-cluster.js';
import { RedisServer } from '../helpers/redis-server.js';
import { readPathUnderTest } from '../helpers/read-path.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The feed on a Redis Cluster of three primaries (each with a replica)
 * under 2,000 updates/s: a manual CLUSTER FAILOVER, a slot migration and a
 * SIGKILLed primary, one after the other. Every client must end on exactly
 * the store's prices with its sequence invariant intact.
 */
describe('feed on a Redis Cluster (redis)', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('CLUSTER FAILOVER, a slot migration and a SIGKILLed primary during 2,000 updates/s: every client ends on the store\'s prices, zero violations', async () => {
    const cluster = await RedisClusterHarness.start();
    cleanups.push(() => cluster.stop());
    const membership = await RedisServer.start();
    cleanups.push(() => membership.stop());
    const settings = { redisCluster: cluster.seeds, redisClusterShards: 6, membershipRedis: membership.url, keyPrefix: 'cf:' };
    const config = loadConfig({ overrides: { ...readPathUnderTest, ...settings, port: 0, host: '127.0.0.1', feedStaleMs: 1_000, channelLingerMs: 0, redisCommandTimeoutMs: 500 } });
    const shards = feedShards(config);
    const ring = new ShardRing(shards);
    const events = Array.from({ length: 12 }, (_, i) => `ev-c${i}`);
    const keysOf = (e: string) => FeedKeys.forShard(config.keyPrefix, ring.shardFor(e));

    const publisher = new RedisOddsPublisher({ shards, keyPrefix: config.keyPrefix, streamMaxLen: 100_000, heartbeatMs: 100, commandTimeoutMs: 500 });
    await publisher.start();
    cleanups.push(() => publisher.stop());
    for (const e of events) for (let m = 0; m < 3; m++) await publisher.publish(update(e, `m${m}`, 1_000));

    const node = await startNode(config, testLog);
    cleanups.push(() => node.stop());
    const clients = await Promise.all([0, 1].map(() => OddsClient.connect(node.port, { keepUpdates: false })));
    for (const c of clients) cleanups.push(() => c.terminate());
    const logs = new Map<OddsClient, ReceivedFrame[]>(clients.map((c) => [c, recordFrames(c)]));
    await Promise.all([clients[0].subscribeUntilLive(events), clients[1].subscribeUntilLive(events.map((eventId) => ({ eventId, conflateMs: 100 })))]);

    const traffic = publishAtRate((u) => publisher.publish(u), events, 2_000);
    cleanups.push(() => traffic.stop());
    const live = async (what: string) => {
      const from = logs.get(clients[0])!.length;
      const startedAt = Date.now();
      await waitUntil(() => events.every((e) => !clients[0].view(e).stale && logs.get(clients[0])!.slice(from).some((f) => f.eventId === e && f.kind === 'update')), 30_000, `clients on live prices after ${what}`);
      return Date.now() - startedAt;
    };
    await sleep(1_000);

    const slotOf = async (e: string) => cluster.slotOf(keysOf(e).heartbeat);
    const failedOverAt = Date.now();
    await cluster.failover(await slotOf(events[0]));
    const failoverMs = Date.now() - failedOverAt + (await live('CLUSTER FAILOVER'));

    const migratedAt = Date.now();
    await cluster.migrateSlot(await slotOf(events[1]));
    const migrationMs = Date.now() - migratedAt + (await live('the slot migration'));

    const killedAt = Date.now();
    await cluster.killPrimary(await slotOf(events[2]));
    const killMs = Date.now() - killedAt + (await live('the SIGKILL'));
    await sleep(500);
    await traffic.stop();

    const admin = connectShard(shards[0], { maxRetriesPerRequest: 3 }) as unknown as Redis;
    cleanups.push(async () => admin.disconnect());
    const truth = new Map<string, StoredEvent>(await Promise.all(events.map(async (e) => [e, await storedSnapshot(admin, keysOf(e), e)] as const)));
    const stream = new Map(await Promise.all(events.map(async (e) => [e, await storedStream(admin, keysOf(e), e)] as const)));
    for (const [i, c] of clients.entries()) {
      await expectClientOnStore(c, truth, `client ${i}`);
      for (const e of events) expectNoSilentSwitch(logs.get(c)!, e, stream.get(e)!);
    }
    expect(traffic.sent() - traffic.failed(), 'publishes that went through').toBeGreaterThan(traffic.sent() / 2);
    console.info(
      `cluster: CLUSTER FAILOVER -> clients live ${failoverMs} ms, slot migration -> live ${migrationMs} ms, SIGKILL -> live ${killMs} ms; ${traffic.sent()} publishes, ${traffic.failed()} failed`,
    );
  });
});
