import { afterEach, describe, expect, it } from 'vitest';
import { EventPhase } from '../../src/protocol/wire.js';
import { createFeed, feedKinds, publishMany, type FeedFixture } from '../helpers/feeds.js';
import { matchInfo } from '../helpers/match-info.js';
import { closeChecked } from '../helpers/close-checked.js';
import { OddsClient } from '../helpers/odds-client.js';

/**
 * Display data over both feeds: in REPLACE snapshots, as one EventInfo
 * frame per change in order with the odds and outside the seq chain, after
 * a CONTINUE, across node restarts. Every test ends with zero invariant
 * violations for every client.
 */
describe.each(feedKinds)('event info over the %s feed', (kind) => {
  let feed: FeedFixture;
  const clients: OddsClient[] = [];

  async function connect(port: number): Promise<OddsClient> {
    const client = await OddsClient.connect(port, { keepUpdates: true });
    clients.push(client);
    return client;
  }

  afterEach(async () => {
    await closeChecked(clients);
    await feed?.stop();
  });

  it('a REPLACE snapshot carries the info; info published before the first odds waits for the first snapshot', async () => {
    feed = await createFeed(kind);
    const early = await feed.publishInfo(matchInfo('ev-early'));
    await publishMany(feed, 'ev-early', 3);
    await publishMany(feed, 'ev-late', 3);
    const late = await feed.publishInfo(matchInfo('ev-late', [1, 0]));
    const node = await feed.startNode();
    const client = await connect(node.port);
    client.subscribe('ev-early', 'ev-late');
    await client.waitFor(() => client.events.has('ev-early') && client.events.has('ev-late'), 'both snapshots');
    for (const [eventId, version, score] of [['ev-early', early.version, [0, 0]], ['ev-late', late.version, [1, 0]]] as const) {
      const info = client.view(eventId).info!;
      expect(info, `${eventId} snapshot carries its info`).toBeDefined();
      expect([info.eventId, Number(info.version), info.name, info.competition, info.score]).toEqual([eventId, version, 'Arsenal v Chelsea', 'Premier League', score]);
      expect(info.markets.map((m) => m.name)).toEqual(['Market 0', 'Market 1', 'Market 2']);
      expect(client.view(eventId).seq, 'info takes no seq').toBe(3);
    }
  });

  it('a change reaches plain and conflated subscribers as one EventInfo frame, in order with the odds, without a seq', async () => {
    feed = await createFeed(kind);
    await publishMany(feed, 'ev-goal', 5);
    const first = await feed.publishInfo(matchInfo('ev-goal'));
    const node = await feed.startNode();
    const plain = await connect(node.port);
    const conflated = await connect(node.port);
    plain.subscribe('ev-goal');
    conflated.subscribe({ eventId: 'ev-goal', conflateMs: 100 });
    await plain.waitFor(() => plain.events.has('ev-goal'), 'snapshot');
    await conflated.waitFor(() => conflated.events.has('ev-goal'), 'conflated snapshot');

    await publishMany(feed, 'ev-goal', 4);
    const goal = await feed.publishInfo(matchInfo('ev-goal', [1, 0]));
    const last = await publishMany(feed, 'ev-goal', 4);
    await plain.waitForSeq('ev-goal', last.seq);
    await conflated.waitForSeq('ev-goal', last.seq);

    const view = plain.view('ev-goal');
    expect(goal.version).toBeGreaterThan(first.version);
    expect(view.infoFrames!.map((i) => Number(i.version)), 'one frame for the one change').toEqual([goal.version]);
    expect(view.infoAfterSeq, 'between the odds it was published between').toEqual([9]);
    expect(view.info!.score).toEqual([1, 0]);
    expect(view.updates.map((u) => u.seq), 'the seq chain is untouched').toEqual([6, 7, 8, 9, 10, 11, 12, 13]);
    expect(conflated.view('ev-goal').infoFrames!.map((i) => Number(i.version))).toEqual([goal.version]);
    expect(conflated.view('ev-goal').info!.score).toEqual([1, 0]);
  });

  it('a resume (CONTINUE) is followed by the current info; a new node serves it in its REPLACE', async () => {
    feed = await createFeed(kind);
    await publishMany(feed, 'ev-res', 5);
    await feed.publishInfo(matchInfo('ev-res'));
    const node = await feed.startNode();
    const before = await connect(node.port);
    before.subscribe('ev-res');
    await before.waitFor(() => before.events.has('ev-res'), 'snapshot');
    await before.terminate();

    await publishMany(feed, 'ev-res', 3);
    const changed = await feed.publishInfo(matchInfo('ev-res', [0, 1]));
    await publishMany(feed, 'ev-res', 3);
    const again = await connect(node.port);
    again.events.set('ev-res', { ...before.view('ev-res'), updates: [], markets: new Map(before.view('ev-res').markets), infoFrames: [], infoAfterSeq: [] });
    again.resume('ev-res');
    await again.waitForSeq('ev-res', 11);
    const view = again.view('ev-res');
    expect(view.replaces, 'a CONTINUE, not a REPLACE').toBe(1);
    expect(view.infoFrames!.map((i) => Number(i.version)), 'the current info right after the CONTINUE').toEqual([changed.version]);
    expect(view.infoAfterSeq, 'before the replayed odds').toEqual([5]);
    expect(view.info!.score).toEqual([0, 1]);

    const another = await feed.startNode();
    const fresh = await connect(another.port);
    fresh.subscribe('ev-res');
    await fresh.waitFor(() => fresh.events.has('ev-res'), 'snapshot from the new node');
    expect(Number(fresh.view('ev-res').info!.version), 'the store kept the info').toBe(changed.version);
  });

  it('/v1/events lists the published events, most recently active first, with what their info says', async () => {
    feed = await createFeed(kind);
    const pause = () => new Promise((resolve) => setTimeout(resolve, 10));
    await publishMany(feed, 'ev-named', 2);
    await feed.publishInfo(matchInfo('ev-named', [1, 0]));
    await pause();
    await publishMany(feed, 'ev-plain', 2);
    await pause();
    await feed.publishInfo({ ...matchInfo('ev-over', [3, 1], EventPhase.EVENT_PHASE_ENDED), name: 'Lens v Lille', competition: 'Ligue 1' });
    await publishMany(feed, 'ev-over', 1);
    await pause();
    await feed.publishInfo({ eventId: 'ev-info-only', name: 'Roma v Lazio', phase: EventPhase.EVENT_PHASE_PRE_MATCH });
    const node = await feed.startNode();
    const answer = (await (await fetch(`http://127.0.0.1:${node.port}/v1/events`)).json()) as { events: string[]; details: Array<Record<string, unknown>> };
    // Display data alone is no event yet: it has no stream to subscribe to.
    expect(answer.events).toEqual(['ev-over', 'ev-plain', 'ev-named']);
    expect(answer.details.map(({ lastActivityMs, ...rest }) => (expect(lastActivityMs).toBeGreaterThan(0), rest))).toEqual([
      { eventId: 'ev-over', name: 'Lens v Lille', competition: 'Ligue 1', startsAtMs: 1_700_000_000_000, phase: 'ended' },
      { eventId: 'ev-plain' },
      { eventId: 'ev-named', name: 'Arsenal v Chelsea', competition: 'Premier League', startsAtMs: 1_700_000_000_000, phase: 'live' },
    ]);
  });

  it('a store that starts over (new epoch) keeps versions increasing: the client takes the new info', async () => {
    feed = await createFeed(kind);
    await publishMany(feed, 'ev-ep', 3);
    const old = await feed.publishInfo(matchInfo('ev-ep', [2, 2]));
    const node = await feed.startNode();
    const client = await connect(node.port);
    client.subscribe('ev-ep');
    await client.waitFor(() => client.events.has('ev-ep'), 'snapshot');

    await feed.restartEmpty('ev-ep');
    const renewed = await feed.publishInfo(matchInfo('ev-ep', [0, 0], EventPhase.EVENT_PHASE_PRE_MATCH));
    const first = await feed.publish({ eventId: 'ev-ep', marketId: 'm0', status: 1, selections: [{ id: 'home', price: 2_000 }] });
    expect(renewed.version, 'counted on from the clock, not from 1').toBeGreaterThan(old.version);
    await client.waitFor(() => client.view('ev-ep').epoch === first.epoch, 'REPLACE of the new epoch');
    expect(client.view('ev-ep').info!.phase).toBe(EventPhase.EVENT_PHASE_PRE_MATCH);
    expect(Number(client.view('ev-ep').info!.version)).toBe(renewed.version);
  });
});
