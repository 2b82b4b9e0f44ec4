import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OddsClient } from '../../src/client/node.js';
import { pb } from '../../src/protocol/wire.js';
import { publishMany, RedisFeedFixture } from '../helpers/feeds.js';
import { waitUntil } from '../helpers/ports.js';
import { connectSdkThroughProxy } from '../helpers/sdk-watch.js';

/** Display data through the SDK: names in the REPLACE snapshot, live changes as EventInfo frames, nothing regressed by a resume. */
describe('the client SDK shows display data', () => {
  let feed: RedisFeedFixture;
  let client: OddsClient | undefined;

  beforeEach(async () => {
    feed = await RedisFeedFixture.create({});
  });
  afterEach(async () => {
    client?.close();
    await feed.stop();
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
