import { describe, expect, it } from 'vitest';
import { FeedUnavailableError } from '../../src/errors.js';
import { InProcessFeed } from '../../src/feed/in-process-feed.js';
import { InProcessOddsStore } from '../../src/feed/in-process-store.js';
import { Hub } from '../../src/hub/hub.js';
import { Metrics } from '../../src/observability/metrics.js';
import { MarketStatus, pb, SnapshotMode } from '../../src/protocol/wire.js';
import { testLog } from '../helpers/feeds.js';
import { SilentHubClient } from '../helpers/silent-hub-client.js';

const update = (price: number, marketId = 'm0') => ({ eventId: 'ev', marketId, status: MarketStatus.MARKET_STATUS_OPEN, selections: [{ id: 'h', price }] });

/** A hub over the in-process feed, with every frame it publishes decoded in `published`. */
async function setup() {
  const store = new InProcessOddsStore(1_000);
  for (let i = 0; i < 5; i++) store.append(update(1_500 + i, `m${i % 2}`));
  const feed = new InProcessFeed(store, { log: testLog, metrics: new Metrics() });
  const published: ReturnType<typeof pb.ServerFrame.decode>[] = [];
  const options = { resumeBufferSize: 16, resumeBufferMs: 60_000, maxResumeEntries: 100, resumePageEntries: 10, resumeEntriesPerSecPerConnection: 1, resumeEntriesBurstPerConnection: 100, resumeEntriesPerSecPerNode: 1, resumeEntriesBurstPerNode: 100, conflationStepMs: 50, maxConflateMs: 1_000, channelLingerMs: 0, fanoutMetrics: true, resumeAheadWaitMs: 2_000 };
  const hub = new Hub(feed, { publish: (_topic, frame) => published.push(pb.ServerFrame.decode(frame)) }, options, new Metrics(), testLog);
  await feed.start();
  await hub.subscribe(new SilentHubClient(), { eventId: 'ev', resume: null, conflateMs: 0 });
  return { store, hub, published };
}

const kinds = (frames: ReturnType<typeof pb.ServerFrame.decode>[]) =>
  frames.map((f) => (f.snapshot ? `snapshot:${f.snapshot.seq}` : f.odds ? `odds:${f.odds.seq}` : `stale:${f.feedStatus!.stale}`));

describe('Hub, in depth behind the feed', () => {
  it('never publishes an entry that is not channel.seq + 1: it asks the feed for a resync and publishes its REPLACE instead', async () => {
    const { store, hub, published } = await setup();
    const [entry] = await (await new InProcessFeed(store, { log: testLog, metrics: new Metrics() }).replay('ev')).range('0-0', '99999999999999-0', 1);
    hub.entries('ev', [{ ...entry, seq: 7 }]); // the channel is at 5
    hub.entries('ev', [{ ...entry, seq: 6 }]); // ignored until the resync: the channel cannot vouch for anything now
    expect(published).toEqual([]);
    await Promise.resolve(); // the in-process feed resyncs in a microtask
    expect(kinds(published)).toEqual(['snapshot:5']);
    expect(published[0].snapshot!.mode).toBe(SnapshotMode.SNAPSHOT_MODE_REPLACE);
    store.append(update(1_600));
    expect(kinds(published)).toEqual(['snapshot:5', 'odds:6']);
  });

  it('an unavailable event: subscribers told stale, new subscribers refused with the reason; the next snapshot clears both', async () => {
    const { store, hub, published } = await setup();
    const reason = new FeedUnavailableError('in-process');
    hub.unavailable('ev', reason);
    expect(kinds(published)).toEqual(['stale:true']);
    expect(hub.channel('ev')!.stale, 'bets see the event stale').toBe(true);
    await expect(hub.subscribe(new SilentHubClient(), { eventId: 'ev', resume: null, conflateMs: 0 })).rejects.toBe(reason);

    hub.snapshot('ev', { ...store.snapshot('ev')!, markets: [], info: undefined }, 'resync');
    expect(kinds(published), 'the REPLACE clears the flag; nothing else is stale').toEqual(['stale:true', 'snapshot:5']);
    expect(hub.channel('ev')!.stale).toBe(false);
    await hub.subscribe(new SilentHubClient(), { eventId: 'ev', resume: null, conflateMs: 0 });
  });

  it('a REPLACE published while the shard is stale is followed by stale:true (every snapshot clears the flag)', async () => {
    const { store, hub, published } = await setup();
    hub.stale(['ev'], true);
    hub.snapshot('ev', { ...store.snapshot('ev')!, markets: [], info: undefined }, 'resync');
    hub.stale(['ev'], false);
    expect(kinds(published)).toEqual(['stale:true', 'snapshot:5', 'stale:true', 'stale:false']);
  });
});
