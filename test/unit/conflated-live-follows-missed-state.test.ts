import { describe, expect, it } from 'vitest';
import { InProcessFeed } from '../../src/feed/in-process-feed.js';
import { InProcessOddsStore } from '../../src/feed/in-process-store.js';
import { Hub } from '../../src/hub/hub.js';
import { Metrics } from '../../src/observability/metrics.js';
import { MarketStatus, pb } from '../../src/protocol/wire.js';
import { testLog } from '../helpers/feeds.js';
import { SilentHubClient } from '../helpers/silent-hub-client.js';
import { waitUntil } from '../helpers/ports.js';

const update = (price: number, marketId: string) => ({ eventId: 'ev', marketId, status: MarketStatus.MARKET_STATUS_OPEN, selections: [{ id: 'home', price }] });

/**
 * "Live again" comes after the missed state (README, Dead feed). A feed that
 * returns without a REPLACE (the updates it missed were still there to read)
 * hands them to the hub first; on a conflated topic they go out at the end
 * of the window, so its FeedStatus{stale: false} must wait for that window.
 */
describe('Conflated topics and feed status', () => {
  it('stale goes out at once; live waits for the window carrying the missed updates, then follows it', async () => {
    const store = new InProcessOddsStore(1_000);
    store.append(update(1_500, 'm0'));
    const feed = new InProcessFeed(store, { log: testLog, metrics: new Metrics() });
    const published: Array<ReturnType<typeof pb.ServerFrame.decode>> = [];
    const options = { resumeBufferSize: 16, resumeBufferMs: 60_000, maxResumeEntries: 100, resumePageEntries: 10, resumeEntriesPerSecPerConnection: 1, resumeEntriesBurstPerConnection: 100, resumeEntriesPerSecPerNode: 1, resumeEntriesBurstPerNode: 100, conflationStepMs: 50, maxConflateMs: 1_000, channelLingerMs: 0, fanoutMetrics: true, resumeAheadWaitMs: 2_000 };
    const hub = new Hub(feed, { publish: (topic, frame) => topic === 'o/ev/50' && published.push(pb.ServerFrame.decode(frame)) }, options, new Metrics(), testLog);
    await feed.start();
    await hub.subscribe(new SilentHubClient(), { eventId: 'ev', resume: null, conflateMs: 50 });

    hub.stale(['ev'], true);
    store.append(update(1_600, 'm0'));
    store.append(update(1_700, 'm1'));
    hub.stale(['ev'], false);
    const kinds = () => published.map((f) => (f.kind === 'feedStatus' ? (f.feedStatus!.stale ? 'stale' : 'live') : `${f.kind} ${f.odds?.marketId ?? ''}`.trim()));
    expect(kinds(), 'the missed updates wait for their window, and live with them').toEqual(['stale']);
    await waitUntil(async () => published.length === 4, 2_000, 'the window');
    expect(kinds()).toEqual(['stale', 'odds m0', 'odds m1', 'live']);

    hub.stale(['ev'], true);
    hub.stale(['ev'], false);
    expect(kinds().slice(4), 'nothing pending: both at once').toEqual(['stale', 'live']);
  });
});
