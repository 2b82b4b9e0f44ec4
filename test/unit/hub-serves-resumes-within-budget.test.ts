import { describe, expect, it } from 'vitest';
import { InProcessFeed } from '../../src/feed/in-process-feed.js';
import { InProcessOddsStore } from '../../src/feed/in-process-store.js';
import { Hub, type HubOptions } from '../../src/hub/hub.js';
import type { ClientSubscription, HubClient } from '../../src/hub/hub-client.js';
import type { TokenBucket } from '../../src/util/token-bucket.js';
import { Metrics } from '../../src/observability/metrics.js';
import { MarketStatus, pb, SnapshotMode } from '../../src/protocol/wire.js';
import { testLog } from '../helpers/feeds.js';

class TestClient implements HubClient {
  readonly subscriptions = new Map<string, ClientSubscription>();
  open = true;
  lagging = false;
  replayBudget: TokenBucket | undefined = undefined;
  readonly frames: ReturnType<typeof pb.ServerFrame.decode>[] = [];
  /** The frames as sent, by seq for odds frames. */
  readonly oddsBytes = new Map<number, Uint8Array>();
  readonly topics = new Set<string>();
  send(frame: Uint8Array): void {
    const decoded = pb.ServerFrame.decode(frame);
    this.frames.push(decoded);
    if (decoded.odds) this.oddsBytes.set(Number(decoded.odds.seq), frame);
  }
  join(topic: string): void {
    this.topics.add(topic);
  }
  leave(topic: string): void {
    this.topics.delete(topic);
  }
  /** seq of the first frame (a snapshot), and the seqs of the updates that followed it. */
  answer(): { mode: SnapshotMode; seq: number; updates: number[] } {
    const [first, ...rest] = this.frames;
    return { mode: first.snapshot!.mode!, seq: Number(first.snapshot!.seq), updates: rest.filter((f) => f.odds).map((f) => Number(f.odds!.seq)) };
  }
}

const base: HubOptions = {
  resumeBufferSize: 16,
  resumeBufferMs: 60_000,
  maxResumeEntries: 500,
  resumePageEntries: 7,
  resumeEntriesPerSecPerConnection: 1,
  resumeEntriesBurstPerConnection: 1_000,
  resumeEntriesPerSecPerNode: 1,
  resumeEntriesBurstPerNode: 100_000,
  conflationStepMs: 50,
  maxConflateMs: 1_000,
  channelLingerMs: 0,
  fanoutMetrics: true,
  resumeAheadWaitMs: 2_000,
};

/** A hub over an in-process store holding 300 updates of `ev`, 20 of them published after the hub opened it (so they are in its ring). */
async function setup(options: Partial<HubOptions> = {}) {
  const store = new InProcessOddsStore(10_000);
  const offsets: string[] = [''];
  const publish = (n: number) => {
    for (let i = 0; i < n; i++) offsets.push(store.append({ eventId: 'ev', marketId: `m${i % 3}`, status: MarketStatus.MARKET_STATUS_OPEN, selections: [{ id: 'h', price: 1_500 + i }] }).offset);
  };
  publish(280);
  const feed = new InProcessFeed(store, { log: testLog, metrics: new Metrics() });
  const metrics = new Metrics();
  const published: Array<[string, Uint8Array]> = [];
  const hub = new Hub(feed, { publish: (topic, frame) => published.push([topic, frame]) }, { ...base, ...options }, metrics, testLog);
  await feed.start();
  const holder = new TestClient();
  await hub.subscribe(holder, { eventId: 'ev', resume: null, conflateMs: 0 });
  publish(20);
  const epoch = store.snapshot('ev')!.epoch;
  const resume = async (offset: string, client = new TestClient(), pointEpoch = epoch) => {
    await hub.subscribe(client, { eventId: 'ev', resume: { epoch: pointEpoch, offset }, conflateMs: 0 });
    return client;
  };
  const served = async () => Object.fromEntries((await metrics.resumes.get()).values.map((v) => [v.labels.served, v.value]));
  return { hub, offsets, resume, served, publish };
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('Hub resume', () => {
  it('serves a point in the ring from memory: CONTINUE, then exactly the missed updates', async () => {
    const { offsets, resume, served } = await setup();
    const c = await resume(offsets[290]);
    expect(c.answer()).toEqual({ mode: SnapshotMode.SNAPSHOT_MODE_CONTINUE, seq: 290, updates: range(291, 300) });
    expect(c.topics.size).toBe(1);
    expect(await served()).toEqual({ ring: 1 });
  });

  it('replays an older point from the stream in pages, joined to the ring without a gap or a repeat', async () => {
    const { offsets, resume, served } = await setup();
    const c = await resume(offsets[100]);
    expect(c.answer()).toEqual({ mode: SnapshotMode.SNAPSHOT_MODE_CONTINUE, seq: 100, updates: range(101, 300) });
    expect(await served()).toEqual({ stream: 1 });
  });

  it('splices each stream entry once for the replays that run at the same time: their clients get the very same frames', async () => {
    const { offsets, resume, served } = await setup();
    const [a, b] = await Promise.all([resume(offsets[100]), resume(offsets[120])]);
    expect([a.answer().updates, b.answer().updates]).toEqual([range(101, 300), range(121, 300)]);
    expect(await served()).toEqual({ stream: 2 });
    for (const seq of [121, 200, 284]) expect(a.oddsBytes.get(seq), `seq ${seq}, read from the stream by both`).toBe(b.oddsBytes.get(seq));
    const later = await resume(offsets[120]);
    expect(later.oddsBytes.get(200), 'a replay after the batch ended splices again').not.toBe(a.oddsBytes.get(200));
    expect(later.frames.map((f) => f.odds?.seq)).toEqual(b.frames.map((f) => f.odds?.seq));
  });

  it('answers with a REPLACE, never a replay: another epoch, an offset ahead, one inside the ring that is none of its entries, one the stream does not hold, a gap over maxResumeEntries', async () => {
    const { offsets, resume, served } = await setup({ maxResumeEntries: 150 });
    const [ms] = offsets[295].split('-');
    const answers = [
      await resume(offsets[100], undefined, 'another'),
      await resume('99999999999999-0'),
      await resume(`${ms}-99999`),
      await resume('1-0'),
      await resume(offsets[100]), // 200 behind
    ].map((c) => c.answer());
    for (const a of answers) expect(a).toEqual({ mode: SnapshotMode.SNAPSHOT_MODE_REPLACE, seq: 300, updates: [] });
    expect(await served()).toEqual({ replace: 5 });
  });

  it('charges the probe and the gap to the connection: past its budget a REPLACE, while another connection is still served', async () => {
    const { offsets, resume, served } = await setup({ resumeEntriesBurstPerConnection: 250 });
    const greedy = new TestClient();
    await resume(offsets[100], greedy); // 1 + 200
    expect(greedy.answer().mode).toBe(SnapshotMode.SNAPSHOT_MODE_CONTINUE);
    greedy.frames.length = 0;
    await resume(offsets[150], greedy); // 1 + 150: over
    expect(greedy.answer()).toEqual({ mode: SnapshotMode.SNAPSHOT_MODE_REPLACE, seq: 300, updates: [] });
    expect((await resume(offsets[150])).answer().mode).toBe(SnapshotMode.SNAPSHOT_MODE_CONTINUE);
    expect(await served()).toEqual({ stream: 2, budget: 1 });
  });

  it('charges the node: once its budget is spent every connection gets a REPLACE', async () => {
    const { offsets, resume, served } = await setup({ resumeEntriesBurstPerNode: 300 });
    expect((await resume(offsets[100])).answer().mode).toBe(SnapshotMode.SNAPSHOT_MODE_CONTINUE);
    expect((await resume(offsets[120])).answer().mode).toBe(SnapshotMode.SNAPSHOT_MODE_REPLACE);
    expect(await served()).toEqual({ stream: 1, budget: 1 });
  });

  it('sends nothing to a client that left while its replay was read', async () => {
    const { offsets, hub, resume } = await setup();
    const c = new TestClient();
    const pending = resume(offsets[100], c);
    hub.dropClient(c);
    c.open = false;
    await pending;
    expect(c.frames).toEqual([]);
  });
});
