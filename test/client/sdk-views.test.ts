import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OddsClient } from '../../src/client/node.js';
import { pb } from '../../src/protocol/wire.js';
import { publishMany, publishSteadily, RedisFeedFixture, storedSnapshot } from '../helpers/feeds.js';
import { connectSdkThroughProxy } from '../helpers/sdk-watch.js';
import { waitUntil } from '../helpers/ports.js';

/**
 * The SDK's views against a real node on real Redis shards, the network
 * faked by a TCP proxy: resumed without a gap, replaced when the stream
 * starts over, conflated, named by display data.
 */
describe('the client SDK keeps its views', () => {
  let feed: RedisFeedFixture;
  let client: OddsClient | undefined;

  beforeEach(async () => {
    feed = await RedisFeedFixture.create({});
  });
  afterEach(async () => {
    client?.close();
    await feed.stop();
  });

  it('after the socket is reset: no gap, no duplicate, the view continues (CONTINUE), and its prices equal the store', async () => {
    await publishMany(feed, 'ev-drop', 30);
    const { watch, proxy } = await connectSdkThroughProxy(await feed.startNode());
    client = watch.client;
    const latencies: number[] = [];
    client.on('latency', (ms, eventId) => eventId === 'ev-drop' && latencies.push(ms));
    const view = watch.watch(client.subscribe('ev-drop'));
    await watch.seqReached(view, 30);

    const publisher = publishSteadily(feed, 'ev-drop', 5);
    await watch.seqReached(view, 60);
    let afterReset = -1;
    client.on('state', (state) => state === 'reconnecting' && (afterReset = view.seq)); // the position it resumes from
    proxy.reset();
    await waitUntil(() => afterReset >= 0, 10_000, 'the client noticing the reset');
    await watch.seqReached(view, afterReset + 30);
    const last = (await publisher.stop())!;
    await watch.seqReached(view, last.seq);

    expect(watch.violations).toEqual([]);
    expect(watch.contiguous('ev-drop', last.seq)).toBe(true);
    // One latency sample (now - published_at_ms) per update applied.
    expect(latencies).toHaveLength(watch.seqs('ev-drop').length);
    // The first snapshot, then one CONTINUE at the position held: nothing replaced.
    expect(watch.snapshots('ev-drop').map((s) => s.seq)).toEqual([30, afterReset]);
    expect(proxy.accepted).toBe(2);
    expect(watch.states.map((s) => s.state)).toEqual(['connecting', 'open', 'reconnecting', 'open']);
    const stored = await storedSnapshot(feed.serverFor('ev-drop').client(), feed.keyPrefix, 'ev-drop');
    expect(view.markets.map((m) => [m.id, m.seq, m.selections[0].price])).toEqual([...stored.markets].sort().map(([id, m]) => [id, m.seq, m.price]));
    await proxy.stop();
  });

  it('after the shard restarted empty: a REPLACE swaps the view (markets of the old epoch gone), final prices equal the store', async () => {
    await publishMany(feed, 'ev-restart', 30, 3);
    const { watch, proxy } = await connectSdkThroughProxy(await feed.startNode());
    client = watch.client;
    const view = watch.watch(client.subscribe('ev-restart'));
    await watch.seqReached(view, 30);
    expect(view.markets.map((m) => m.id)).toEqual(['m0', 'm1', 'm2']);

    // The shard comes back empty while the client is cut off; the new epoch has two markets only.
    proxy.blackhole();
    await feed.restartEmpty('ev-restart');
    const last = await publishMany(feed, 'ev-restart', 10, 2, 1_700);
    proxy.heal();
    proxy.reset();
    await waitUntil(() => view.ready && view.markets.length === 2 && view.seq === last.seq, 20_000, `the new epoch in the view (seq ${view.seq}, markets ${view.markets.length})`);

    expect(watch.violations).toEqual([]);
    expect(client.subscribe('ev-restart'), 'the same view object').toBe(view);
    const stored = await storedSnapshot(feed.serverFor('ev-restart').client(), feed.keyPrefix, 'ev-restart');
    expect(view.markets.map((m) => [m.id, m.seq, m.selections[0].price])).toEqual([...stored.markets].sort().map(([id, m]) => [id, m.seq, m.price]));
    await proxy.stop();
  });

  it('keeps a quiet link open with pings; after it goes silent (black hole) gives up at idleTimeoutMs and reconnects once the network heals; no gap', async () => {
    await publishMany(feed, 'ev-silent', 20);
    const { watch, proxy } = await connectSdkThroughProxy(await feed.startNode(), { idleTimeoutMs: 2_000, reconnect: { baseMs: 50, maxMs: 300 } });
    client = watch.client;
    const view = watch.watch(client.subscribe('ev-silent'));
    await watch.seqReached(view, 20);
    // No odds for more than twice the idle timeout: the Pongs keep the connection.
    await new Promise((r) => setTimeout(r, 5_000));
    expect(watch.states.map((s) => s.state)).toEqual(['connecting', 'open']);

    proxy.blackhole();
    await waitUntil(() => watch.states.some((s) => s.state === 'reconnecting'), 20_000, 'the silent link given up');
    // Attempts through the black hole never get a Welcome: each is given up in turn.
    await waitUntil(() => proxy.accepted >= 3, 20_000, 'attempts while the link is dead');
    const last = await publishMany(feed, 'ev-silent', 20, 3, 1_600);
    proxy.heal();
    await watch.seqReached(view, last.seq);

    expect(watch.violations).toEqual([]);
    expect(watch.contiguous('ev-silent', last.seq)).toBe(true);
    expect(watch.states.at(-1)?.state).toBe('open');
    await proxy.stop();
  });

  it('a conflated subscription checks prev_seq, restarts from a REPLACE after a reset, and ends at the store\'s prices', async () => {
    await publishMany(feed, 'ev-conflated', 12, 3);
    const { watch, proxy } = await connectSdkThroughProxy(await feed.startNode());
    client = watch.client;
    const view = watch.watch(client.subscribe('ev-conflated', { conflateMs: 100 }));
    await watch.seqReached(view, 12);
    const publisher = publishSteadily(feed, 'ev-conflated', 2);
    await watch.seqReached(view, 60);
    proxy.reset();
    await waitUntil(() => watch.welcomes.length === 2, 10_000, 'the reconnect');
    await watch.seqReached(view, view.seq + 30);
    const last = (await publisher.stop())!;
    await watch.seqReached(view, last.seq);

    expect(watch.violations).toEqual([]);
    // Fewer frames than updates: the window merged some (each frame's prev_seq said so).
    expect(watch.seqs('ev-conflated').length).toBeLessThan(last.seq - 12);
    const stored = await storedSnapshot(feed.serverFor('ev-conflated').client(), feed.keyPrefix, 'ev-conflated');
    expect(view.markets.map((m) => [m.id, m.seq, m.selections[0].price])).toEqual([...stored.markets].sort().map(([id, m]) => [id, m.seq, m.price]));
    await proxy.stop();
  });

  it('names markets and selections, orders them, follows score changes and keeps the newest info across a resume', async () => {
    await publishMany(feed, 'ev-info', 9, 3);
    const markets = [
      { marketId: 'm2', name: 'Total goals over/under 2.5', displayOrder: 1 },
      { marketId: 'm1', name: 'Match result', displayOrder: 0, selections: [{ id: 'home', name: 'Arsenal' }, { id: 'away', name: 'Chelsea' }] },
    ];
    const base = { eventId: 'ev-info', name: 'Arsenal v Chelsea', sport: 'football', competition: 'Premier League', participants: [{ id: 'ars', name: 'Arsenal' }, { id: 'che', name: 'Chelsea' }], markets };
    const first = await feed.publisher.publishInfo({ ...base, phase: pb.EventPhase.EVENT_PHASE_PRE_MATCH, startsAtMs: 1_900_000_000_000 });

    const { watch, proxy } = await connectSdkThroughProxy(await feed.startNode());
    client = watch.client;
    const view = watch.watch(client.subscribe('ev-info'));
    await waitUntil(() => view.ready, 10_000, 'the view');
    expect(view.info).toMatchObject({ version: first.version, name: 'Arsenal v Chelsea', competition: 'Premier League', phase: 'pre_match', startsAtMs: 1_900_000_000_000, score: [] });
    // Display order from the info; a market it does not name shows its id, last.
    expect(view.markets.map((m) => m.name)).toEqual(['Match result', 'Total goals over/under 2.5', 'm0']);
    expect(view.market('m1')?.selections.map((s) => s.name)).toEqual(['Arsenal', 'Chelsea']);

    const goal = await feed.publisher.publishInfo({ ...base, phase: pb.EventPhase.EVENT_PHASE_LIVE, score: [1, 0], clock: { elapsedS: 1_234, atMs: Date.now(), running: true, period: '1H' } });
    await waitUntil(() => view.info?.version === goal.version, 10_000, 'the goal');
    expect(view.info).toMatchObject({ phase: 'live', score: [1, 0], clock: { elapsedS: 1_234, running: true, period: '1H' } });

    proxy.reset();
    await waitUntil(() => watch.welcomes.length === 2 && view.ready && watch.snapshots('ev-info').length === 2, 10_000, 'the resume');
    await publishMany(feed, 'ev-info', 3, 3, 1_800);
    await watch.seqReached(view, 12);
    expect(view.info?.version).toBe(goal.version);
    expect(watch.changes.get('ev-info')!.filter((c) => c.kind === 'info')).toHaveLength(1); // the goal; the same version again after the resume changes nothing
    expect(watch.violations).toEqual([]);
    await proxy.stop();
  });
});
