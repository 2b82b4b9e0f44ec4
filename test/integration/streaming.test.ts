import { afterEach, describe, expect, it } from 'vitest';
import type { PublishResult } from '../../src/feed/odds-update.js';
import { MarketStatus } from '../../src/protocol/wire.js';
import { bigUpdate, createFeed, feedKinds, publishMany, update, type FeedFixture } from '../helpers/feeds.js';
import { closeChecked } from '../helpers/close-checked.js';
import { OddsClient } from '../helpers/odds-client.js';
import { waitUntil } from '../helpers/ports.js';

/**
 * The streaming contract, run against both feeds (Redis shards and the
 * embedded in-process feed). Every test ends by asserting the stream
 * invariant held for every client: no silent gap, ever.
 */
describe.each(feedKinds)('streaming over the %s feed', (kind) => {
  let feed: FeedFixture;
  const clients: OddsClient[] = [];

  async function connect(port: number, keepUpdates = true): Promise<OddsClient> {
    const client = await OddsClient.connect(port, { keepUpdates });
    clients.push(client);
    return client;
  }

  afterEach(async () => {
    await closeChecked(clients);
    await feed?.stop();
  });

  it('sends a snapshot, then every update in order; two nodes deliver the same sequence', async () => {
    feed = await createFeed(kind);
    await publishMany(feed, 'ev-1', 10);
    const [nodeA, nodeB] = [await feed.startNode(), await feed.startNode()];
    const a = await connect(nodeA.port);
    const b = await connect(nodeB.port);
    a.subscribe('ev-1');
    b.subscribe('ev-1');
    await a.waitFor(() => a.events.has('ev-1'), 'snapshot on node A');
    await b.waitFor(() => b.events.has('ev-1'), 'snapshot on node B');
    expect(a.view('ev-1').seq).toBe(10);
    expect(a.view('ev-1').markets.size).toBe(3);

    const last = await publishMany(feed, 'ev-1', 300);
    await a.waitForSeq('ev-1', last.seq);
    await b.waitForSeq('ev-1', last.seq);
    const seqs = (c: OddsClient) => c.view('ev-1').updates.map((u) => `${u.seq}:${u.marketId}:${u.selections[0].price}:${u.offset}`);
    expect(seqs(a)).toHaveLength(300);
    expect(seqs(a)).toEqual(seqs(b));
    expect(a.view('ev-1').updates[0].seq).toBe(11);
  });

  it('resumes after a disconnect with exactly the missed updates, then live ones', async () => {
    feed = await createFeed(kind);
    await publishMany(feed, 'ev-r', 20);
    // A small ring, so a long absence is replayed from the stream and a short one from memory.
    const node = await feed.startNode({ resumeBufferSize: 16 });
    for (const missed of [5, 120]) {
      const first = await connect(node.port);
      first.subscribe('ev-r');
      await first.waitFor(() => first.events.has('ev-r'), 'snapshot');
      const seqAtDisconnect = first.view('ev-r').seq;
      await first.terminate();

      await publishMany(feed, 'ev-r', missed);
      const again = await connect(node.port);
      again.events.set('ev-r', { ...first.view('ev-r'), updates: [], markets: new Map(first.view('ev-r').markets) });
      again.resume('ev-r');
      const live = await publishMany(feed, 'ev-r', 10);
      await again.waitForSeq('ev-r', live.seq);

      const view = again.view('ev-r');
      expect(view.replaces, 'a resume inside retention never falls back to a snapshot').toBe(1);
      expect(view.updates.map((u) => u.seq)).toEqual(Array.from({ length: missed + 10 }, (_, i) => seqAtDisconnect + 1 + i));
    }
  });

  it('answers a resume point beyond retention with a replacing snapshot', async () => {
    feed = await createFeed(kind, { streamMaxLen: 50 });
    await publishMany(feed, 'ev-old', 10);
    const node = await feed.startNode({ resumeBufferSize: 16 });
    const first = await connect(node.port);
    first.subscribe('ev-old');
    await first.waitFor(() => first.events.has('ev-old'), 'snapshot');
    const stale = first.view('ev-old');
    await first.terminate();

    const last = await publishMany(feed, 'ev-old', 200);
    const again = await connect(node.port);
    again.events.set('ev-old', { ...stale, updates: [], markets: new Map(stale.markets) });
    again.resume('ev-old');
    await again.waitFor(() => again.view('ev-old').replaces === 2, 'replacing snapshot');
    expect(again.view('ev-old').seq).toBe(last.seq);
    expect(again.view('ev-old').updates).toEqual([]);
  });

  it('replaces the state when the stream restarts empty under a new epoch, live and on resume', async () => {
    feed = await createFeed(kind);
    await publishMany(feed, 'ev-e', 30);
    const node = await feed.startNode();
    const live = await connect(node.port);
    live.subscribe('ev-e');
    await live.waitFor(() => live.events.has('ev-e'), 'snapshot');
    const before = { ...live.view('ev-e') };

    await feed.restartEmpty('ev-e');
    const first = await publishUntilAccepted(feed, 'ev-e');
    expect(first.epoch).not.toBe(before.epoch);
    const last = await publishMany(feed, 'ev-e', 20, 3, 2_500);
    await live.waitFor(() => live.view('ev-e').epoch === last.epoch && live.view('ev-e').seq === last.seq, 'new epoch delivered', 15_000);
    expect(live.view('ev-e').replaces).toBe(2);

    // A client still holding the old epoch gets a replacing snapshot, never the new stream's entries as a continuation.
    const late = await connect(node.port);
    late.events.set('ev-e', { ...before, updates: [], markets: new Map(before.markets) });
    late.resume('ev-e');
    await late.waitFor(() => late.view('ev-e').epoch === last.epoch, 'replacing snapshot with the new epoch');
    expect(late.view('ev-e').seq).toBe(last.seq);
    expect(late.view('ev-e').replaces).toBe(2);
  });

  it('conflates to at most one update per market per 200 ms window and ends on the latest price', async () => {
    feed = await createFeed(kind);
    await publishMany(feed, 'ev-c', 3);
    const node = await feed.startNode();
    const client = await connect(node.port);
    client.subscribe({ eventId: 'ev-c', conflateMs: 200 });
    await client.waitFor(() => client.events.has('ev-c'), 'snapshot');
    expect(client.view('ev-c').conflateMs).toBe(200);

    const latest = new Map<string, PublishResult & { price: number }>();
    const started = performance.now();
    const until = Date.now() + 1_500;
    for (let i = 0; Date.now() < until; i++) {
      const price = 1_600 + i;
      const market = `m${i % 3}`;
      latest.set(market, { ...(await feed.publish(update('ev-c', market, price))), price });
      await new Promise((r) => setTimeout(r, 2));
    }
    const finalSeq = Math.max(...[...latest.values()].map((r) => r.seq));
    await client.waitForSeq('ev-c', finalSeq, 5_000);
    const elapsedMs = performance.now() - started;

    const view = client.view('ev-c');
    expect(view.updates.length).toBeLessThan(finalSeq / 5);
    // Windows start at least 200 ms apart (a timer never fires early, by more than libuv's 1 ms), each carries a
    // market at most once: a count bound that a busy machine only loosens (arrival gaps on the client do not hold).
    const windows = Math.floor(elapsedMs / 199) + 1;
    for (const market of latest.keys()) {
      expect(view.updates.filter((u) => u.marketId === market).length, `updates of ${market} in ${Math.round(elapsedMs)} ms`).toBeLessThanOrEqual(windows);
    }
    for (const [market, result] of latest) {
      expect(view.markets.get(market)?.selections[0].price).toBe(result.price);
      expect(view.markets.get(market)?.seq).toBe(result.seq);
    }
  });

  it('pauses a client that stops reading (stats show it lagging; never closed although 2x the hard cap was published), then brings it to the latest prices with a REPLACE, skipping intermediate ones', async () => {
    feed = await createFeed(kind);
    await publishMany(feed, 'ev-s', 5, 5);
    const pauseAt = 768 * 1024;
    const hardCap = 4 * 1024 * 1024;
    // The 10 MB below go out in well under a second: the scan that finds a stalled socket (uWS reports nothing
    // for it) must look every tick to catch it before the hard cap, as slowScanPeriodMs's description says.
    const node = await feed.startNode({ slowClientBufferBytes: pauseAt, slowClientMaxBufferBytes: hardCap, slowClientTimeoutMs: 60_000, slowCheckIntervalMs: 20, slowScanPeriodMs: 20 });
    const slow = await connect(node.port, false);
    const healthy = await connect(node.port, false);
    slow.subscribe('ev-s');
    healthy.subscribe('ev-s');
    await slow.waitFor(() => slow.events.has('ev-s'), 'snapshot (slow)');
    await healthy.waitFor(() => healthy.events.has('ev-s'), 'snapshot (healthy)');
    slow.stopReading();
    let publishedBytes = 0;
    healthy.ws.on('message', (data: Buffer) => (publishedBytes += data.length));

    let maxBuffered = 0;
    let sawLagging = false;
    const sampler = setInterval(() => {
      const stats = node.edge.stats();
      maxBuffered = Math.max(maxBuffered, stats.maxBufferedBytes);
      sawLagging ||= stats.laggingConnections > 0;
    }, 10);
    const latest = new Map<string, number>();
    let last: PublishResult | undefined;
    for (let batch = 0; batch < 50; batch++) {
      const pending: Array<Promise<PublishResult>> = [];
      for (let i = 0; i < 200; i++) {
        const n = batch * 200 + i;
        const market = `m${n % 5}`;
        latest.set(market, 1_100 + n);
        pending.push(feed.publish(bigUpdate('ev-s', market, 1_100 + n)));
      }
      last = (await Promise.all(pending)).at(-1);
      await new Promise((r) => setTimeout(r, 5));
    }
    await healthy.waitForSeq('ev-s', last!.seq, 30_000);
    clearInterval(sampler);

    // ~1 KB frames: 10,000 of them (10 MB) outgrow the kernel's socket buffers (a few MB on loopback). Had the node
    // kept sending to the stalled socket, uWS would have closed it at the hard cap (closeOnBackpressureLimit).
    expect(healthy.updateCount).toBe(10_000);
    expect(publishedBytes, 'the premise: more than twice the hard cap went out while the slow client did not read').toBeGreaterThan(2 * hardCap);
    expect(maxBuffered, 'its send buffer reached the pause threshold').toBeGreaterThanOrEqual(pauseAt);
    expect(sawLagging, 'the node paused it (stats: a lagging connection)').toBe(true);
    expect(slow.closeCode, 'never closed: the node stopped sending to it').toBeUndefined();

    slow.resumeReading();
    await slow.waitFor(() => [...latest].every(([m, price]) => slow.view('ev-s').markets.get(m)?.selections[0].price === price), 'slow client converged', 30_000);
    expect(slow.view('ev-s').seq).toBe(last!.seq);
    expect(slow.view('ev-s').replaces, 'caught up from a replacing snapshot').toBeGreaterThan(1);
    expect(slow.updateCount, 'intermediate prices skipped, not queued').toBeLessThan(healthy.updateCount);
    expect(slow.closeCode).toBeUndefined();
    await waitUntil(() => node.edge.stats().laggingConnections === 0, 5_000, 'no lagging connection once caught up');
  });

  it('answers bad input with an error frame or a documented close, and other clients never notice', async () => {
    feed = await createFeed(kind);
    await publishMany(feed, 'ev-b', 3);
    const node = await feed.startNode({ subscribeBurst: 20, subscribeRatePerSec: 5, maxProtocolErrors: 10, maxFrameBytes: 1024 });
    const bystander = await connect(node.port);
    bystander.subscribe('ev-b');
    await bystander.waitFor(() => bystander.events.has('ev-b'), 'bystander snapshot');
    const publishing = publishMany(feed, 'ev-b', 400);

    const expectError = async (send: (c: OddsClient) => void, codes: number[]) => {
      const c = await connect(node.port);
      send(c);
      await c.waitFor(() => c.errors.length > 0, 'error frame');
      expect(codes).toContain(c.errors[0].code);
      await c.ping(7); // the connection is still usable
      return c;
    };
    const { ErrorCode } = await import('../../src/protocol/wire.js');
    const { pb } = await import('../../src/protocol/wire.js');
    const valid = pb.ClientFrame.encode({ subscribe: { events: [{ eventId: 'ev-b' }, { eventId: 'ev-other' }] } }).finish();

    await expectError((c) => c.sendRaw(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x0f, 0x01])), [ErrorCode.ERROR_CODE_MALFORMED_FRAME]);
    await expectError((c) => c.sendRaw(Uint8Array.from({ length: 64 }, (_, i) => (i * 197 + 13) & 0xff)), [ErrorCode.ERROR_CODE_MALFORMED_FRAME, ErrorCode.ERROR_CODE_UNKNOWN_FRAME, ErrorCode.ERROR_CODE_INVALID_ARGUMENT]);
    await expectError((c) => c.sendRaw('{"subscribe":"ev-b"}'), [ErrorCode.ERROR_CODE_TEXT_FRAME]);
    await expectError((c) => c.sendRaw(valid.subarray(0, valid.length - 3)), [ErrorCode.ERROR_CODE_MALFORMED_FRAME]);
    await expectError((c) => c.sendRaw(new Uint8Array([0x48, 0x01])), [ErrorCode.ERROR_CODE_UNKNOWN_FRAME]);
    await expectError((c) => c.subscribe('no such event!'), [ErrorCode.ERROR_CODE_INVALID_ARGUMENT]);
    const unknown = await expectError((c) => c.subscribe('ev-never-published'), [ErrorCode.ERROR_CODE_UNKNOWN_EVENT]);
    expect(unknown.errors[0].eventId).toBe('ev-never-published');

    const oversized = await connect(node.port);
    oversized.sendRaw(pb.ClientFrame.encode({ subscribe: { events: Array.from({ length: 40 }, (_, i) => ({ eventId: `ev-${'x'.repeat(40)}-${i}` })) } }).finish());
    expect(await oversized.closed).toBe(1009);
    expect(oversized.errors).toEqual([]);

    const flooder = await connect(node.port);
    for (let i = 0; i < 200; i++) flooder.subscribe('ev-b');
    expect(await flooder.closed).toBe(4002);
    expect(flooder.errors.some((e) => e.code === ErrorCode.ERROR_CODE_RATE_LIMITED)).toBe(true);

    const last = await publishing;
    await bystander.waitForSeq('ev-b', last.seq);
    expect(bystander.view('ev-b').updates).toHaveLength(400);
    expect(bystander.errors).toEqual([]);
    expect(bystander.closeCode).toBeUndefined();
  });

  it('reports a suspended market as published and keeps every market of the event', async () => {
    feed = await createFeed(kind);
    await feed.publish(update('ev-st', 'winner', 1_900));
    const node = await feed.startNode();
    const client = await connect(node.port);
    client.subscribe('ev-st');
    await client.waitFor(() => client.events.has('ev-st'), 'snapshot');
    const suspended = await feed.publish(update('ev-st', 'winner', 1_900, MarketStatus.MARKET_STATUS_SUSPENDED));
    await client.waitForSeq('ev-st', suspended.seq);
    expect(client.view('ev-st').markets.get('winner')?.status).toBe(MarketStatus.MARKET_STATUS_SUSPENDED);
  });
});

/** 60 selections: frames of ~1 KB. */
/** Right after a shard restart the publisher reconnects; retry until an update is accepted (bounded). */
async function publishUntilAccepted(feed: FeedFixture, eventId: string): Promise<PublishResult> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      return await feed.publish(update(eventId, 'm0', 2_222));
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}
