import { describe, expect, it } from 'vitest';
import { InProcessFeed } from '../../src/feed/in-process-feed.js';
import { InProcessOddsStore } from '../../src/feed/in-process-store.js';
import { Hub } from '../../src/hub/hub.js';
import type { ClientSubscription, HubClient } from '../../src/hub/hub-client.js';
import { Metrics } from '../../src/observability/metrics.js';
import { MarketStatus, pb, SnapshotMode } from '../../src/protocol/wire.js';
import type { TokenBucket } from '../../src/util/token-bucket.js';
import { testLog } from '../helpers/feeds.js';
import { matchInfo } from '../helpers/match-info.js';

/** A client that keeps what the hub sends it directly (snapshots, resume replays). */
class TestClient implements HubClient {
  readonly subscriptions = new Map<string, ClientSubscription>();
  readonly sent: Array<ReturnType<typeof pb.ServerFrame.decode>> = [];
  open = true;
  lagging = false;
  replayBudget: TokenBucket | undefined = undefined;
  send(frame: Uint8Array): void {
    this.sent.push(pb.ServerFrame.decode(frame));
  }
  join(): void {}
  leave(): void {}
}

const update = (price: number, marketId = 'm0') => ({ eventId: 'ev', marketId, status: MarketStatus.MARKET_STATUS_OPEN, selections: [{ id: 'home', price }] });

async function setup() {
  const store = new InProcessOddsStore(1_000);
  for (let i = 0; i < 4; i++) store.append(update(1_500 + i, `m${i % 2}`));
  const feed = new InProcessFeed(store, { log: testLog, metrics: new Metrics() });
  const published: Array<{ topic: string; frame: Uint8Array }> = [];
  const options = { resumeBufferSize: 16, resumeBufferMs: 60_000, maxResumeEntries: 100, resumePageEntries: 10, resumeEntriesPerSecPerConnection: 1, resumeEntriesBurstPerConnection: 100, resumeEntriesPerSecPerNode: 1, resumeEntriesBurstPerNode: 100, conflationStepMs: 50, maxConflateMs: 1_000, channelLingerMs: 0, fanoutMetrics: true, resumeAheadWaitMs: 2_000 };
  const hub = new Hub(feed, { publish: (topic, frame) => published.push({ topic, frame }) }, options, new Metrics(), testLog);
  await feed.start();
  return { store, hub, published };
}

describe('Hub and display data', () => {
  it('a change is one EventInfo frame, encoded once and published to the plain topic and each conflation window; an older version is ignored', async () => {
    const { store, hub, published } = await setup();
    await hub.subscribe(new TestClient(), { eventId: 'ev', resume: null, conflateMs: 0 });
    await hub.subscribe(new TestClient(), { eventId: 'ev', resume: null, conflateMs: 100 });
    const { version } = store.appendInfo(matchInfo('ev', [1, 0]));
    expect(published.map((p) => p.topic)).toEqual(['o/ev', 'o/ev/100']);
    expect(published[0].frame, 'the same bytes for every topic').toBe(published[1].frame);
    const frame = pb.ServerFrame.decode(published[0].frame);
    expect([frame.kind, Number(frame.eventInfo!.version), frame.eventInfo!.score]).toEqual(['eventInfo', version, [1, 0]]);
    expect(hub.channel('ev')!.seq, 'outside the seq chain').toBe(4);

    hub.info('ev', pb.EventInfo.create({ ...matchInfo('ev', [0, 0]), version: version - 1 }));
    hub.info('ev', pb.EventInfo.create({ ...matchInfo('ev', [0, 0]), version }));
    expect(published, 'older and equal versions publish nothing').toHaveLength(2);
  });

  it('a REPLACE carries the info held; a CONTINUE is followed by it as its own frame', async () => {
    const { store, hub } = await setup();
    const { version } = store.appendInfo(matchInfo('ev', [2, 2]));
    const fresh = new TestClient();
    await hub.subscribe(fresh, { eventId: 'ev', resume: null, conflateMs: 0 });
    expect(fresh.sent).toHaveLength(1);
    expect(fresh.sent[0].snapshot!.mode).toBe(SnapshotMode.SNAPSHOT_MODE_REPLACE);
    expect(Number(fresh.sent[0].snapshot!.info!.version)).toBe(version);

    const snapshot = fresh.sent[0].snapshot!;
    store.append(update(1_600));
    const resumed = new TestClient();
    await hub.subscribe(resumed, { eventId: 'ev', resume: { epoch: snapshot.epoch ?? '', offset: snapshot.offset ?? '' }, conflateMs: 0 });
    expect(resumed.sent.map((f) => f.kind)).toEqual(['snapshot', 'eventInfo', 'odds']);
    expect(resumed.sent[0].snapshot!.mode).toBe(SnapshotMode.SNAPSHOT_MODE_CONTINUE);
    expect(resumed.sent[0].snapshot!.info, 'a CONTINUE carries no info').toBeNull();
    expect(Number(resumed.sent[1].eventInfo!.version)).toBe(version);
  });
});
