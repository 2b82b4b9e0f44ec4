import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { RedisOddsPublisher } from '../../src/feed/redis-publisher.js';
import { ShardRing } from '../../src/feed/shard-ring.js';
import type { PublishResult } from '../../src/feed/odds-update.js';
import { startNode, type OddsNode } from '../../src/main.js';
import { recordFrames, testLog, update, RedisFeedFixture } from '../helpers/feeds.js';
import { OddsClient } from '../helpers/odds-client.js';
import { RedisServer } from '../helpers/redis-server.js';
import { TcpProxy } from '../helpers/tcp-proxy.js';
import { waitUntil } from '../helpers/ports.js';
import { readPathUnderTest } from '../helpers/read-path.js';

/** A dead feed is not a quiet market: Redis-only failures, with the network faked by a TCP proxy. */
describe('feed failures (redis)', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function readyz(port: number): Promise<number> {
    return (await fetch(`http://127.0.0.1:${port}/readyz`)).status;
  }

  it('black-holed shard: stale reported within feedStaleMs + 2 s, /readyz 503 and the shard unreachable; after the heal every missed update before stale:false, no snapshot, no gap', async () => {
    const redis = await RedisServer.start();
    cleanups.push(() => redis.stop());
    const proxy = new TcpProxy(redis.port);
    await proxy.start();
    cleanups.push(() => proxy.stop());
    const publisher = new RedisOddsPublisher({ shards: [{ name: 'a', url: redis.url }], keyPrefix: 'bh:', streamMaxLen: 100_000, heartbeatMs: 100 });
    await publisher.start();
    cleanups.push(() => publisher.stop());
    await publisher.publish(update('ev-bh', 'm0', 1_500));

    const feedStaleMs = 800;
    const node = await startNode(
      loadConfig({ overrides: { ...readPathUnderTest, port: 0, host: '127.0.0.1', redisShards: `a=${proxy.url}`, keyPrefix: 'bh:', feedStaleMs, xreadBlockMs: 200, channelLingerMs: 0 } }),
      testLog,
    );
    cleanups.push(() => node.stop());
    const client = await OddsClient.connect(node.port);
    cleanups.push(() => client.terminate());
    client.subscribe('ev-bh');
    await client.waitFor(() => client.events.has('ev-bh'), 'snapshot');
    expect(await readyz(node.port)).toBe(200);

    let last: PublishResult | undefined;
    let publishing = true;
    const publisherLoop = (async () => {
      for (let i = 0; publishing && i < 5_000; i++) {
        last = await publisher.publish(update('ev-bh', `m${i % 4}`, 1_600 + i));
        await new Promise((r) => setTimeout(r, 10));
      }
    })();
    await client.waitForSeq('ev-bh', 20);

    const frames = recordFrames(client);
    const cutAt = Date.now();
    proxy.blackhole();
    await client.waitFor(() => client.view('ev-bh').stale, 'FeedStatus stale', 5_000);
    const detectMs = Date.now() - cutAt;
    // The heartbeat stops at the cut; the check runs every feedStaleMs / 4 (at most 250 ms): generous slack on top for a busy machine.
    expect(detectMs, 'suspension reported within feedStaleMs + 2 s').toBeLessThan(feedStaleMs + 2_000);
    await waitUntil(async () => (await readyz(node.port)) === 503, 5_000, '/readyz 503 while the shard is unreachable');
    const shard = node.feed.shards()[0];
    expect([shard.stale, shard.reachable], 'the shard reported stale and unreachable').toEqual([true, false]);
    const seqWhenCut = client.view('ev-bh').seq;
    await waitUntil(() => (last?.seq ?? 0) >= seqWhenCut + 50, 10_000, 'the publisher wrote on during the black hole');

    const seqAtHeal = last!.seq;
    proxy.heal();
    await client.waitFor(() => !client.view('ev-bh').stale, 'FeedStatus live again', 10_000);
    publishing = false;
    await publisherLoop;
    await client.waitForSeq('ev-bh', last!.seq, 10_000);
    const view = client.view('ev-bh');
    expect(view.replaces, 'recovered from the stream, not a snapshot').toBe(1);
    expect(view.updates.map((u) => u.seq)).toEqual(Array.from({ length: view.updates.length }, (_, i) => view.updates[0].seq + i));
    // README: the missed updates arrive first, then FeedStatus{stale: false}.
    const live = frames.findIndex((f) => f.kind === 'live');
    const heldWhenLive = frames.slice(0, live).filter((f) => f.kind === 'update').at(-1)!.seq;
    expect(heldWhenLive, 'stale:false only after every update written until the heal').toBeGreaterThanOrEqual(seqAtHeal);
    expect(client.violations).toEqual([]);
    await waitUntil(async () => (await readyz(node.port)) === 200, 5_000, '/readyz 200 after recovery');
  });

  it('treats a silent publisher (no heartbeats) as a stale feed and goes live when it returns', async () => {
    const redis = await RedisServer.start();
    cleanups.push(() => redis.stop());
    const options = { shards: [{ name: 'a', url: redis.url }], keyPrefix: 'hb:', streamMaxLen: 1_000, heartbeatMs: 100 };
    const publisher = new RedisOddsPublisher(options);
    await publisher.start();
    await publisher.publish(update('ev-hb', 'm0', 1_500));
    const node = await startNode(loadConfig({ overrides: { ...readPathUnderTest, port: 0, host: '127.0.0.1', redisShards: `a=${redis.url}`, keyPrefix: 'hb:', feedStaleMs: 500, channelLingerMs: 0 } }), testLog);
    cleanups.push(() => node.stop());
    const client = await OddsClient.connect(node.port);
    cleanups.push(() => client.terminate());
    client.subscribe('ev-hb');
    await client.waitFor(() => client.events.has('ev-hb'), 'snapshot');

    await publisher.stop();
    await client.waitFor(() => client.view('ev-hb').stale, 'stale after the publisher went silent', 3_000);
    expect(await readyz(node.port), 'Redis itself is reachable: the node stays ready').toBe(200);

    const back = new RedisOddsPublisher(options);
    await back.start();
    cleanups.push(() => back.stop());
    const next = await back.publish(update('ev-hb', 'm0', 1_700));
    await client.waitFor(() => !client.view('ev-hb').stale && client.view('ev-hb').seq === next.seq, 'live again with the new update', 3_000);
    expect(client.violations).toEqual([]);
  });

  it('one of three shards down: /readyz stays 200 and names it unreachable, its event gets FEED_UNAVAILABLE while another shard\'s event is served; served again when it is back', async () => {
    const fixture = await RedisFeedFixture.create({});
    cleanups.push(() => fixture.stop());
    await fixture.publish(update('ev-down', 'm0', 1_500));
    const downShard = fixture.publisher.shardFor('ev-down');
    const other = Array.from({ length: 40 }, (_, i) => `ev-up-${i}`).find((id) => fixture.publisher.shardFor(id) !== downShard)!;
    await fixture.publish(update(other, 'm0', 1_500));
    const node: OddsNode = await fixture.startNode({ redisCommandTimeoutMs: 300 });
    expect(await readyz(node.port)).toBe(200);
    const shard = fixture.serverFor('ev-down');
    await shard.stop();
    const unreachable = async () => {
      const res = await fetch(`http://127.0.0.1:${node.port}/readyz`);
      const body = (await res.json()) as { shards: Array<{ name: string; reachable: boolean }> };
      return { status: res.status, down: body.shards.filter((s) => !s.reachable).map((s) => s.name) };
    };
    await waitUntil(async () => (await unreachable()).down.length > 0, 5_000, 'the shard reported unreachable');
    expect(await unreachable(), 'the node can still serve the other shards: ready').toEqual({ status: 200, down: [downShard] });

    const client = await OddsClient.connect(node.port);
    cleanups.push(() => client.terminate());
    client.subscribe('ev-down', other);
    await client.waitFor(() => client.errors.length > 0 && client.events.has(other), 'an error frame for one event, a snapshot for the other');
    const { ErrorCode } = await import('../../src/protocol/wire.js');
    expect(client.errors.map((e) => [e.eventId, e.code])).toEqual([['ev-down', ErrorCode.ERROR_CODE_FEED_UNAVAILABLE]]);

    await shard.restartEmpty();
    await waitUntil(async () => (await unreachable()).down.length === 0, 10_000, 'every shard reachable');
    await waitUntil(async () => fixture.publish(update('ev-down', 'm0', 1_600)).then(() => true, () => false), 10_000, 'publisher reconnected');
    client.subscribe('ev-down');
    await client.waitFor(() => client.events.has('ev-down'), 'snapshot after recovery');
    expect(client.violations).toEqual([]);
  });

  it('starts reading a new event at once, without waiting out a long blocking read', async () => {
    const redis = await RedisServer.start();
    cleanups.push(() => redis.stop());
    // No heartbeats: nothing else would wake the blocking XREAD before its 20 s block ends.
    const publisher = new RedisOddsPublisher({ shards: [{ name: 'a', url: redis.url }], keyPrefix: 'wk:', streamMaxLen: 1_000, heartbeatMs: 0 });
    await publisher.start();
    cleanups.push(() => publisher.stop());
    await publisher.publish(update('ev-first', 'm0', 1_500));
    await publisher.publish(update('ev-second', 'm0', 1_500));
    const node = await startNode(
      loadConfig({ overrides: { ...readPathUnderTest, port: 0, host: '127.0.0.1', redisShards: `a=${redis.url}`, keyPrefix: 'wk:', xreadBlockMs: 20_000, feedStaleMs: 120_000 } }),
      testLog,
    );
    cleanups.push(() => node.stop());
    const client = await OddsClient.connect(node.port);
    cleanups.push(() => client.terminate());
    client.subscribe('ev-first');
    await client.waitFor(() => client.events.has('ev-first'), 'first snapshot');
    await new Promise((r) => setTimeout(r, 300)); // the XREAD over ev-first is now blocked in Redis

    client.subscribe('ev-second');
    await client.waitFor(() => client.events.has('ev-second'), 'second snapshot');
    const started = Date.now();
    const next = await publisher.publish(update('ev-second', 'm0', 1_750));
    await client.waitForSeq('ev-second', next.seq, 5_000);
    // Without CLIENT UNBLOCK the update would wait out the 20 s block; 5 s is an outer bound a busy machine keeps.
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(client.violations).toEqual([]);
  });

  it('places every event on the same shard in the publisher and in the edge', async () => {
    const fixture = await RedisFeedFixture.create({});
    cleanups.push(() => fixture.stop());
    const edgeRing = new ShardRing(fixture.shardSpecs());
    const ids = Array.from({ length: 60 }, (_, i) => `match-${i}`);
    for (const id of ids) await fixture.publish(update(id, 'm0', 1_500));
    const used = new Set<string>();
    for (const id of ids) {
      const shard = edgeRing.shardFor(id).name;
      used.add(shard);
      expect(fixture.publisher.shardFor(id)).toBe(shard);
      const client = fixture.servers[Number(shard.slice('shard-'.length))].client();
      expect(await client.exists(`${fixture.keyPrefix}{${id}}:stream`)).toBe(1);
      client.disconnect();
    }
    expect(used.size, 'events spread over all three shards').toBe(3);

    const node = await fixture.startNode();
    const client = await OddsClient.connect(node.port);
    cleanups.push(() => client.terminate());
    client.subscribe(...ids);
    await client.waitFor(() => client.events.size === ids.length, 'a snapshot for every event');
    expect(client.errors).toEqual([]);
  });
});

