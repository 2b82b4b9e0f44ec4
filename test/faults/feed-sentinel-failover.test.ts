import type { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig, parseShard } from '../../src/config/load.js';
import { RedisOddsPublisher } from '../../src/feed/redis-publisher.js';
import { connectShard } from '../../src/feed/shard-connection.js';
import { ShardRing } from '../../src/feed/shard-ring.js';
import { startNode } from '../../src/main.js';
import { expectClientOnStore, expectNoSilentSwitch, publishAtRate, type StoredEvent } from '../helpers/failover-checks.js';
import { recordFrames, storedSnapshot, storedStream, testLog, update, type ReceivedFrame } from '../helpers/feeds.js';
import { OddsClient } from '../helpers/odds-client.js';
import { waitUntil } from '../helpers/ports.js';
import { RedisServer } from '../helpers/redis-server.js';
import { SentinelTopology } from '../helpers/redis-sentinel.js';
import { readPathUnderTest } from '../helpers/read-path.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Three shards, each a primary and a replica under three Sentinels. One
 * primary is SIGKILLed under 2,000 updates/s while its replica's link is
 * held back, so the promoted replica lacks writes the old primary
 * acknowledged and clients already hold: the publisher then writes seqs
 * clients saw, with other prices. Every client must end on exactly the
 * store's prices, having been sent a REPLACE, never a silent switch.
 */
describe('shard failover under Sentinel (redis)', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('SIGKILL of a primary during 2,000 updates/s, its replica lacking the last writes: the node follows the promotion, every client ends on the store\'s prices after a REPLACE, zero violations', async () => {
    const names = ['sa', 'sb', 'sc'];
    const topology = await SentinelTopology.start(names);
    cleanups.push(() => topology.stop());
    const membership = await RedisServer.start();
    cleanups.push(() => membership.stop());
    const shardList = names.map((n) => `${n}=${topology.shardUrl(n)}`);
    const shards = shardList.map(parseShard);
    const ring = new ShardRing(shards);
    const events = Array.from({ length: 12 }, (_, i) => `ev-s${i}`);
    const victimName = ring.shardFor(events[0]).name;
    const victim = topology.shards[names.indexOf(victimName)];
    const victimEvents = events.filter((e) => ring.shardFor(e).name === victimName);

    const keyPrefix = 'sf:';
    const publisher = new RedisOddsPublisher({ shards, keyPrefix, streamMaxLen: 100_000, heartbeatMs: 100, commandTimeoutMs: 500 });
    await publisher.start();
    cleanups.push(() => publisher.stop());
    for (const e of events) for (let m = 0; m < 3; m++) await publisher.publish(update(e, `m${m}`, 1_000));

    const node = await startNode(
      loadConfig({
        overrides: { ...readPathUnderTest, port: 0, host: '127.0.0.1', redisShards: shardList, membershipRedis: membership.url, keyPrefix, feedStaleMs: 1_000, channelLingerMs: 0, redisCommandTimeoutMs: 500 },
      }),
      testLog,
    );
    cleanups.push(() => node.stop());
    const clients = await Promise.all([0, 1, 2].map(() => OddsClient.connect(node.port, { keepUpdates: false })));
    for (const c of clients) cleanups.push(() => c.terminate());
    const logs = new Map<OddsClient, ReceivedFrame[]>(clients.map((c) => [c, recordFrames(c)]));
    await Promise.all([clients[0].subscribeUntilLive(events), clients[1].subscribeUntilLive(victimEvents), clients[2].subscribeUntilLive(events.map((eventId) => ({ eventId, conflateMs: 100 })))]);

    const traffic = publishAtRate((u) => publisher.publish(u), events, 2_000);
    cleanups.push(() => traffic.stop());
    await sleep(1_500);

    // The replica stops receiving; the primary goes on acknowledging and the node delivering. Then the primary dies.
    await topology.holdReplication(victim);
    // Counted, not timed: the primary's seq now is at least what the replica holds; wait until clients
    // were sent updates past it (writes the replica never got), however slowly this machine goes.
    const probe = victim.primary.client();
    const replicaAtMost = await Promise.all(victimEvents.map(async (e) => (await storedSnapshot(probe, keyPrefix, e)).seq));
    probe.disconnect();
    await waitUntil(() => victimEvents.some((e, i) => clients[0].view(e).seq > replicaAtMost[i] + 5), 20_000, 'clients holding writes the replica lacks');
    const heldAtKill = victimEvents.map((e) => clients[0].view(e).seq);
    const framesAtKill = new Map(clients.map((c) => [c, logs.get(c)!.length]));
    const killedAt = Date.now();
    await victim.primary.stop(); // SIGKILL

    await waitUntil(async () => (await topology.primaryOf(victimName)) === victim.replica.port, 30_000, 'the Sentinels promoting the replica');
    const promotedMs = Date.now() - killedAt;
    // Back on live prices: every event of the shard has had an update since the kill and is not suspended.
    const sinceKill = () => logs.get(clients[0])!.slice(framesAtKill.get(clients[0]));
    await waitUntil(() => victimEvents.every((e) => !clients[0].view(e).stale && sinceKill().some((f) => f.eventId === e && f.kind === 'update')), 30_000, 'clients back on live prices');
    const liveMs = Date.now() - killedAt;
    const admins = shards.map((s) => connectShard(s, { maxRetriesPerRequest: 2 }) as Redis);
    cleanups.push(async () => admins.forEach((a) => a.disconnect()));
    const adminFor = (e: string) => admins[shards.indexOf(ring.shardFor(e))];
    // The new primary written past every seq clients held before the kill: each of those seqs now names another entry.
    for (const [i, e] of victimEvents.entries()) {
      await waitUntil(async () => (await storedSnapshot(adminFor(e), keyPrefix, e)).seq > heldAtKill[i] + 20, 20_000, `${e} written past what clients held`);
    }
    await traffic.stop();

    const truth = new Map<string, StoredEvent>(await Promise.all(events.map(async (e) => [e, await storedSnapshot(adminFor(e), keyPrefix, e)] as const)));
    const stream = new Map(await Promise.all(victimEvents.map(async (e) => [e, await storedStream(adminFor(e), keyPrefix, e)] as const)));

    // The promotion lost writes clients held: seqs they were sent now name other entries in the store.
    const beforeKill = logs.get(clients[0])!.slice(0, framesAtKill.get(clients[0]));
    const rewritten = victimEvents.filter((e) => beforeKill.some((f) => f.eventId === e && f.kind === 'update' && stream.get(e)!.has(f.seq) && stream.get(e)!.get(f.seq)!.offset !== f.offset));
    const streamSeqs = victimEvents.map((e) => `${e}: ${Math.min(...stream.get(e)!.keys())}..${Math.max(...stream.get(e)!.keys())}`);
    expect(rewritten.length, `events whose delivered seqs the new primary wrote again with other entries (replica at most ${replicaAtMost}, clients held ${heldAtKill}, promoted after ${promotedMs} ms, store now ${streamSeqs})`).toBeGreaterThan(0);

    for (const [i, c] of clients.entries()) {
      const watched = new Map([...truth].filter(([e]) => c.events.has(e)));
      await expectClientOnStore(c, watched, `client ${i}`);
      for (const e of victimEvents) {
        if (!c.events.has(e)) continue;
        expectNoSilentSwitch(logs.get(c)!, e, stream.get(e)!);
        expect(logs.get(c)!.slice(framesAtKill.get(c)).some((f) => f.eventId === e && f.kind === 'replace'), `client ${i}, ${e}: a REPLACE after the failover`).toBe(true);
      }
    }
    const resyncs = (await node.metrics.resyncs.get()).values.filter((v) => v.labels.shard === victimName).reduce((n, v) => n + v.value, 0);
    expect(resyncs, 'the node resynced the failed-over shard\'s events').toBeGreaterThanOrEqual(victimEvents.length);
    console.info(
      `sentinel failover: kill -> promotion ${promotedMs} ms, kill -> clients on live prices ${liveMs} ms; ${traffic.sent()} publishes, ${traffic.failed()} failed during the failover; clients held seqs ${heldAtKill}, the store went back and was rewritten for ${rewritten.length}/${victimEvents.length} events; resyncs ${resyncs}`,
    );
  });
});
