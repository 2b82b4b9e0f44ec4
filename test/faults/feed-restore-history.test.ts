import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { RedisOddsPublisher } from '../../src/feed/redis-publisher.js';
import { ShardRing } from '../../src/feed/shard-ring.js';
import { startNode } from '../../src/main.js';
import {
  LatencyProbe,
  publishSteadily,
  recordFrames,
  storedSnapshot,
  storedStream,
  testLog,
  update,
  type ReceivedFrame,
} from '../helpers/feeds.js';
import { OddsClient } from '../helpers/odds-client.js';
import { waitUntil } from '../helpers/ports.js';
import { RedisServer } from '../helpers/redis-server.js';
import { TcpProxy } from '../helpers/tcp-proxy.js';
import { readPathUnderTest } from '../helpers/read-path.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * History can go backwards: a shard restarted from an RDB file taken before
 * its last writes keeps the epoch, and the publisher goes on writing the
 * sequence numbers clients already saw, with other prices. The node must
 * notice and replace; no client may go on from the lost history onto the new
 * one as if nothing happened.
 */
describe('shard restored from older data (redis)', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('restart from an older RDB under traffic: every client ends on the store\'s snapshot, never continues lost history with new entries without a REPLACE, a resume from lost history gets a REPLACE, zero violations; bystander on another shard p99 < 500 ms', async () => {
    const restored = await RedisServer.start({ persistent: true });
    cleanups.push(() => restored.destroy());
    const other = await RedisServer.start();
    cleanups.push(() => other.stop());
    const shards = [
      { name: 'a', url: restored.url },
      { name: 'b', url: other.url },
    ];
    const ring = new ShardRing(shards);
    const candidates = Array.from({ length: 40 }, (_, i) => `ev-h${i}`);
    const events = candidates.filter((id) => ring.shardFor(id).name === 'a').slice(0, 3);
    const bystanderEvent = candidates.find((id) => ring.shardFor(id).name === 'b')!;
    expect(events).toHaveLength(3);

    const keyPrefix = 'rh:';
    const publisher = new RedisOddsPublisher({ shards, keyPrefix, streamMaxLen: 100_000, heartbeatMs: 100, commandTimeoutMs: 500 });
    await publisher.start();
    cleanups.push(() => publisher.stop());
    for (const eventId of events) for (let i = 0; i < 9; i++) await publisher.publish(update(eventId, `m${i % 3}`, 1_400 + i));
    await publisher.publish(update(bystanderEvent, 'm0', 1_500));

    // The node reaches shard a through a proxy, so it can be kept from seeing the restore until the publisher has
    // written more entries than were lost: then the old epoch-and-seq check passes and only history identity tells.
    const proxy = new TcpProxy(restored.port);
    await proxy.start();
    cleanups.push(() => proxy.stop());
    const node = await startNode(
      loadConfig({ overrides: { ...readPathUnderTest, port: 0, host: '127.0.0.1', redisShards: [`a=${proxy.url}`, `b=${other.url}`], keyPrefix, feedStaleMs: 1_000, channelLingerMs: 0, redisCommandTimeoutMs: 500 } }),
      testLog,
    );
    cleanups.push(() => node.stop());

    const connect = async () => {
      const client = await OddsClient.connect(node.port, { keepUpdates: false });
      cleanups.push(() => client.terminate());
      return client;
    };
    const plain = [await connect(), await connect()];
    const conflated = await connect();
    const leaver = await connect();
    const logs = new Map<OddsClient, ReceivedFrame[]>([...plain, conflated, leaver].map((c) => [c, recordFrames(c)]));
    for (const c of [...plain, leaver]) c.subscribe(...events);
    conflated.subscribe(...events.map((eventId) => ({ eventId, conflateMs: 100 })));
    for (const c of logs.keys()) await c.waitFor(() => events.every((e) => c.events.has(e)), 'snapshots');

    const bystander = await connect();
    bystander.subscribe(bystanderEvent);
    await bystander.waitFor(() => bystander.events.has(bystanderEvent), 'bystander snapshot');
    const latency = new LatencyProbe(bystander, bystanderEvent);
    const steady = publishSteadily({ publish: (u) => publisher.publish(u) }, bystanderEvent, 20);
    cleanups.push(() => steady.stop());

    // Phase A prices 1500..2499; after the restore, phase B prices 2700..3699: the two histories never share a price.
    let base = 1_500;
    let publishing = true;
    let failedPublishes = 0;
    const publishingLoop = (async () => {
      for (let i = 0; publishing; i++) {
        try {
          await publisher.publish(update(events[i % 3], `m${Math.floor(i / 3) % 3}`, base + (i % 1_000)));
        } catch {
          failedPublishes++; // the shard is restarting: the trading system keeps trying
        }
        await sleep(3);
      }
    })();
    cleanups.push(async () => {
      publishing = false;
      await publishingLoop;
    });

    const admin = restored.client(); // reconnects by itself after the restart
    cleanups.push(async () => admin.disconnect());
    await sleep(400);
    const backup = await restored.snapshot();
    const atBackup = await Promise.all(events.map(async (e) => (await storedSnapshot(admin, keyPrefix, e)).seq));
    await sleep(600); // clients now hold entries the backup does not have
    for (const [i, e] of events.entries()) await plain[0].waitForSeq(e, atBackup[i] + 20);
    const leaverHeld = events.map((e) => ({ ...leaver.view(e) }));
    await leaver.terminate();

    base = 2_700;
    proxy.blackhole();
    await restored.restartFrom(backup);
    await waitUntil(async () => (await storedSnapshot(admin, keyPrefix, events[0])).seq > plain[0].view(events[0]).seq + 30, 10_000, 'the store written past what clients hold');
    proxy.heal();
    await sleep(1_000);

    // A client away over the restore resumes from a point of the lost history.
    const back = await connect();
    const backLog = recordFrames(back);
    logs.set(back, backLog);
    for (const [i, e] of events.entries()) back.events.set(e, { ...leaverHeld[i], updates: [], markets: new Map(leaverHeld[i].markets) });
    for (const e of events) back.resume(e);
    await back.waitFor(() => events.every((e) => backLog.some((f) => f.eventId === e && f.kind !== 'stale' && f.kind !== 'live')), 'answers to the resumes');

    publishing = false;
    await publishingLoop;
    const truth = new Map(await Promise.all(events.map(async (e) => [e, await storedSnapshot(admin, keyPrefix, e)] as const)));
    const stream = new Map(await Promise.all(events.map(async (e) => [e, await storedStream(admin, keyPrefix, e)] as const)));
    for (const [i, e] of events.entries()) expect(truth.get(e)!.seq, `${e}: the store went back, then forward again`).toBeGreaterThan(atBackup[i]);

    // Every client ends on exactly the store's snapshot: each market's seq, offset and price.
    for (const c of [...plain, conflated, back]) {
      await c.waitFor(
        () => events.every((e) => c.events.get(e)?.seq === truth.get(e)!.seq && !c.events.get(e)!.stale),
        'client at the store\'s last seq, live',
        15_000,
      );
      for (const e of events) {
        const view = c.view(e);
        const held = [...view.markets].map(([m, u]) => [m, Number(u.seq), u.offset, u.selections[0].price]).sort();
        const stored = [...truth.get(e)!.markets].map(([m, s]) => [m, s.seq, s.offset, s.price]).sort();
        expect(held, `${e}: client's markets = store's snapshot`).toEqual(stored);
      }
    }

    // No silent switch: an update that belongs to the store's history never follows a frame of the lost one.
    const inStore = (e: string, seq: number, offset: string) => stream.get(e)!.get(seq)?.offset === offset;
    for (const [client, frames] of logs) {
      for (const e of events) {
        let lastPosition: { seq: number; offset: string } | undefined;
        for (const f of frames.filter((x) => x.eventId === e && (x.kind === 'update' || x.kind === 'replace'))) {
          if (f.kind === 'update' && lastPosition && inStore(e, f.seq, f.offset)) {
            expect(inStore(e, lastPosition.seq, lastPosition.offset), `${e}: update ${f.seq} of the store's history right after ${lastPosition.seq} of a lost one, without a REPLACE`).toBe(true);
          }
          if (f.kind === 'replace' && inStore(e, f.seq, f.offset)) {
            for (const m of f.markets) expect(inStore(e, m.seq, m.offset), `${e}: a REPLACE of the store's history holds market ${m.marketId} at ${m.seq} of a lost one`).toBe(true);
          }
          lastPosition = { seq: f.seq, offset: f.offset };
        }
      }
      expect(client.violations).toEqual([]);
    }
    // The client that resumed from a lost point got a REPLACE for each event, never a CONTINUE.
    for (const e of events) {
      const first = backLog.find((f) => f.eventId === e && (f.kind === 'replace' || f.kind === 'continue' || f.kind === 'error'));
      expect(first?.kind, `${e}: answer to a resume from lost history`).toBe('replace');
    }
    const resyncs = (await node.metrics.resyncs.get()).values.filter((v) => v.labels.shard === 'a').reduce((n, v) => n + v.value, 0);
    expect(resyncs, 'the node resynced the restored shard\'s events').toBeGreaterThanOrEqual(events.length);

    await steady.stop();
    expect(bystander.violations).toEqual([]);
    expect(bystander.view(bystanderEvent).stale, 'the other shard\'s event never went stale').toBe(false);
    expect(latency.percentile(99), 'bystander p99 (ms)').toBeLessThan(500);
    if (process.env.FAULT_FIGURES) {
      console.info(`restore: backup at seqs ${atBackup}, clients held ${leaverHeld.map((v) => v.seq)}, store now at ${events.map((e) => truth.get(e)!.seq)}, ${failedPublishes} publishes failed during the restart, resyncs ${resyncs}, bystander p99 ${latency.percentile(99)} ms`);
    }
    await waitUntil(async () => node.feed.shards().every((s) => s.reachable), 5_000, 'both shards reachable');
  });
});
