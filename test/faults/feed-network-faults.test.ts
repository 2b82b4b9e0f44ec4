import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { RedisOddsPublisher } from '../../src/feed/redis-publisher.js';
import { ShardRing } from '../../src/feed/shard-ring.js';
import type { PublishResult } from '../../src/feed/odds-update.js';
import { startNode, type OddsNode } from '../../src/main.js';
import { LatencyProbe, publishSteadily, recordFrames, storedSnapshot, testLog, update, type ReceivedFrame } from '../helpers/feeds.js';
import { OddsClient } from '../helpers/odds-client.js';
import { waitUntil } from '../helpers/ports.js';
import { RedisServer } from '../helpers/redis-server.js';
import { TcpProxy } from '../helpers/tcp-proxy.js';
import { readPathUnderTest, testReadPath } from '../helpers/read-path.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const FEED_STALE_MS = 800;

/**
 * The network between the edge and one Redis shard goes bad (a TCP proxy
 * fakes it: latency with jitter, a bandwidth cap, resets, a black hole)
 * while the publisher, which reaches Redis directly, keeps writing. The
 * node must report what it cannot see, recover without a gap, and say
 * "live" only once clients hold the missed state. A bystander on the other
 * shard must not notice.
 */
describe('network faults between edge and Redis (redis)', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function setup(streamMaxLen: number, xreadBlockMs = 200) {
    const faulty = await RedisServer.start();
    cleanups.push(() => faulty.stop());
    const healthy = await RedisServer.start();
    cleanups.push(() => healthy.stop());
    const proxy = new TcpProxy(faulty.port);
    await proxy.start();
    cleanups.push(() => proxy.stop());
    const shards = [
      { name: 'a', url: faulty.url },
      { name: 'b', url: healthy.url },
    ];
    const ring = new ShardRing(shards);
    const candidates = Array.from({ length: 40 }, (_, i) => `ev-n${i}`);
    const events = candidates.filter((id) => ring.shardFor(id).name === 'a').slice(0, 2);
    const bystanderEvent = candidates.find((id) => ring.shardFor(id).name === 'b')!;
    const keyPrefix = 'nf:';
    const publisher = new RedisOddsPublisher({ shards, keyPrefix, streamMaxLen, heartbeatMs: 100 });
    await publisher.start();
    cleanups.push(() => publisher.stop());
    for (const e of [...events, bystanderEvent]) for (let i = 0; i < 3; i++) await publisher.publish(update(e, `m${i}`, 1_500 + i));

    const node: OddsNode = await startNode(
      loadConfig({
        overrides: {
          ...readPathUnderTest,
          port: 0,
          host: '127.0.0.1',
          redisShards: [`a=${proxy.url}`, `b=${healthy.url}`],
          keyPrefix,
          feedStaleMs: FEED_STALE_MS,
          xreadBlockMs,
          redisCommandTimeoutMs: 500,
          channelLingerMs: 0,
        },
      }),
      testLog,
    );
    cleanups.push(() => node.stop());
    const connect = async () => {
      const client = await OddsClient.connect(node.port, { keepUpdates: true });
      cleanups.push(() => client.terminate());
      return client;
    };
    const plain = await connect();
    const conflated = await connect();
    const logs = new Map<OddsClient, ReceivedFrame[]>([plain, conflated].map((c) => [c, recordFrames(c)]));
    plain.subscribe(...events);
    conflated.subscribe(...events.map((eventId) => ({ eventId, conflateMs: 100 })));
    for (const c of [plain, conflated]) await c.waitFor(() => events.every((e) => c.events.has(e)), 'snapshots');
    const bystander = await connect();
    bystander.subscribe(bystanderEvent);
    await bystander.waitFor(() => bystander.events.has(bystanderEvent), 'bystander snapshot');
    const latency = new LatencyProbe(bystander, bystanderEvent);
    const steadyBystander = publishSteadily({ publish: (u) => publisher.publish(u) }, bystanderEvent, 20);
    cleanups.push(() => steadyBystander.stop());

    // The trading system writes both events of the faulty shard every few ms, whatever the edge sees.
    const last = new Map<string, PublishResult>();
    let publishing = true;
    const publishingLoop = (async () => {
      for (let i = 0; publishing; i++) {
        const eventId = events[i % events.length];
        last.set(eventId, await publisher.publish(update(eventId, `m${Math.floor(i / 2) % 3}`, 1_600 + (i % 1_000))));
        await sleep(4);
      }
    })();
    const stopPublishing = async () => {
      publishing = false;
      await publishingLoop;
    };
    cleanups.push(stopPublishing);

    const admin = faulty.client();
    cleanups.push(async () => admin.disconnect());
    /** Publishing stopped: every client reaches the store's snapshot, live, without a violation; the bystander never noticed. */
    const converge = async () => {
      await stopPublishing();
      for (const c of [plain, conflated]) {
        for (const e of events) {
          const truth = await storedSnapshot(admin, keyPrefix, e);
          await c.waitFor(() => c.view(e).seq === truth.seq && !c.view(e).stale, `${e} at the store's seq ${truth.seq}, live`, 15_000);
          const held = [...c.view(e).markets].map(([m, u]) => [m, Number(u.seq), u.selections[0].price]).sort();
          expect(held, `${e}: markets = store's snapshot`).toEqual([...truth.markets].map(([m, s]) => [m, s.seq, s.price]).sort());
        }
        expect(c.violations).toEqual([]);
      }
      await steadyBystander.stop();
      expect(bystander.violations).toEqual([]);
      expect(bystander.view(bystanderEvent).stale, 'the other shard\'s event never went stale').toBe(false);
      expect(latency.percentile(99), 'bystander p99 (ms)').toBeLessThan(250);
      return latency.percentile(99);
    };
    return { proxy, node, events, plain, conflated, logs, last, converge, publisher };
  }

  /** Every stale of an event is followed by live, and only once the client holds at least `seqAtHeal` (missed state first). */
  function expectLiveOnlyAfterMissedState(frames: ReceivedFrame[], eventId: string, seqAtHeal: number): void {
    let position = 0;
    let stale = false;
    for (const f of frames.filter((x) => x.eventId === eventId)) {
      if (f.kind === 'replace' || f.kind === 'update') position = f.seq;
      if (f.kind === 'replace') stale = false; // every snapshot clears the flag (oddsgate.proto, FeedStatus)
      if (f.kind === 'stale') stale = true;
      if (f.kind === 'live') {
        expect(position, `${eventId}: stale:false arrived while the client held seq ${position}, before the missed state (${seqAtHeal})`).toBeGreaterThanOrEqual(seqAtHeal);
        stale = false;
      }
    }
    expect(stale, `${eventId}: still stale at the end`).toBe(false);
  }

  it('latency 40 ms + jitter 40 ms, then a 32 KiB/s bandwidth cap, each for 2 s: zero violations, clients converge to the store\'s snapshot, any stale is cleared; bystander on the other shard p99 < 250 ms', async () => {
    const { proxy, converge, logs, events } = await setup(100_000);
    proxy.setFaults({ latencyMs: 40, jitterMs: 40 });
    await sleep(2_000);
    proxy.setFaults({ bytesPerSec: 32 * 1024 });
    await sleep(2_000);
    proxy.heal();
    await converge();
    for (const frames of logs.values()) for (const e of events) expectLiveOnlyAfterMissedState(frames, e, 0);
  });

  it('every connection reset three times under traffic: zero violations, every update delivered (no REPLACE needed: nothing was trimmed); bystander on the other shard p99 < 250 ms', async () => {
    const { proxy, converge, plain, events } = await setup(100_000);
    for (let i = 0; i < 3; i++) {
      await sleep(500);
      proxy.reset();
    }
    await sleep(500);
    await converge();
    for (const e of events) {
      const view = plain.view(e);
      expect(view.replaces, `${e}: recovered from the stream, not from a snapshot`).toBe(1);
      expect(view.updates.map((u) => Number(u.seq)), `${e}: every update, in order`).toEqual(Array.from({ length: view.updates.length }, (_, i) => Number(view.updates[0].seq) + i));
    }
  });

  // 2 s outlasts the read watchdog (xreadBlockMs + feedStaleMs): the node replaces its connection. 1.2 s does not: the
  // read under way survives, and its reply, held in the black hole, arrives old when the link heals.
  it.each([
    { holeMs: 2_000, xreadBlockMs: 200 },
    { holeMs: 1_200, xreadBlockMs: 1_000 },
  ])(
    'black hole for $holeMs ms while the publisher trims (streamMaxLen 50), xreadBlockMs $xreadBlockMs: stale within feedStaleMs + 2 s, shard unreachable, the missed state before stale:false (a REPLACE; on the log path, while its read outlives the hole, every missed update from the log), zero violations; bystander on the other shard p99 < 250 ms',
    async ({ holeMs, xreadBlockMs }) => {
      const { proxy, node, converge, logs, events, last, plain } = await setup(50, xreadBlockMs);
      // On the log path a read that outlives the hole goes on in the shard's log, which still holds every missed
      // entry (its retention is shardLogMaxLen, not streamMaxLen): the missed updates come instead of a REPLACE.
      const replaced = testReadPath === 'streams' || holeMs > xreadBlockMs + FEED_STALE_MS;
      const cutAt = Date.now();
      proxy.blackhole();
      for (const c of logs.keys()) await c.waitFor(() => events.every((e) => c.view(e).stale), 'stale reported', FEED_STALE_MS + 5_000);
      const detectMs = Date.now() - cutAt;
      expect(detectMs, 'stale reported within feedStaleMs + 2 s').toBeLessThan(FEED_STALE_MS + 2_000);
      if (holeMs > xreadBlockMs + FEED_STALE_MS) await waitUntil(() => node.feed.shards().some((s) => s.name === 'a' && !s.reachable), 5_000, 'shard a reported unreachable');
      await sleep(holeMs - (Date.now() - cutAt));
      const seqAtHeal = new Map(events.map((e) => [e, last.get(e)!.seq]));
      proxy.heal();
      const p99 = await converge();
      for (const [client, frames] of logs) {
        for (const e of events) {
          expectLiveOnlyAfterMissedState(frames, e, seqAtHeal.get(e)!);
          const kinds = frames.filter((f) => f.eventId === e).map((f) => f.kind);
          const recovery = kinds.slice(kinds.indexOf('stale'));
          if (!replaced) continue;
          expect(recovery.indexOf('replace'), `${e}: a REPLACE came (trimmed past the client's position)`).toBeGreaterThan(0);
          if (recovery.includes('live')) expect(recovery.indexOf('replace'), `${e}: REPLACE before live`).toBeLessThan(recovery.indexOf('live'));
        }
        expect(client.violations).toEqual([]);
      }
      for (const e of events) {
        if (replaced) continue;
        const view = plain.view(e);
        expect(view.replaces, `${e}: recovered from the log, not from a snapshot`).toBe(1);
        expect(view.updates.map((u) => Number(u.seq)), `${e}: every update, in order`).toEqual(Array.from({ length: view.updates.length }, (_, i) => Number(view.updates[0].seq) + i));
      }
      await waitUntil(() => node.feed.shards().every((s) => s.reachable), 5_000, 'shard a reachable again');
      if (process.env.FAULT_FIGURES) console.info(`black hole ${holeMs} ms: stale after ${detectMs} ms, bystander p99 ${p99} ms`);
    },
  );
});
