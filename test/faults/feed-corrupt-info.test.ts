import { afterEach, describe, expect, it } from 'vitest';
import { capturingLogger, publishMany, RedisFeedFixture, writeStrayEntry } from '../helpers/feeds.js';
import { OddsClient } from '../helpers/odds-client.js';
import { waitUntil } from '../helpers/ports.js';
import { matchInfo } from '../helpers/match-info.js';

const ERROR_LEVEL = 50; // pino's error level

/**
 * Display data that Redis returns broken (a stray writer, a bad restore)
 * is logged and counted, and changes nothing else: the odds flow with
 * their seq + 1 invariant, no REPLACE, no unavailable event, and the node
 * keeps the last good info until a good one comes.
 */
describe('corrupt event info in Redis (redis)', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('a garbage info entry and a garbage _info in the snapshot hash: counted and logged, the odds keep their chain, the previous info stays, a good info heals', async () => {
    const fixture = await RedisFeedFixture.create({}, 1);
    cleanups.push(() => fixture.stop());
    const admin = fixture.servers[0].client();
    cleanups.push(async () => admin.disconnect());
    const { log, records } = capturingLogger();
    const node = await fixture.startNode({}, log);
    const infoErrors = async () => (await node.metrics.feedFormatErrors.get()).values.filter((v) => v.labels.kind === 'info').reduce((n, v) => n + v.value, 0);
    const connect = async () => {
      const client = await OddsClient.connect(node.port, { keepUpdates: true });
      cleanups.push(() => client.terminate());
      return client;
    };
    const snap = `${fixture.keyPrefix}{ev-c}:snap`;

    await publishMany(fixture, 'ev-c', 4);
    const good = await fixture.publishInfo(matchInfo('ev-c', [1, 1]));
    const watcher = await connect();
    watcher.subscribe('ev-c');
    await watcher.waitFor(() => watcher.events.get('ev-c')?.info !== undefined, 'snapshot with info');

    // A stray info entry at the event's position: undecodable payload, a version above the good one.
    const epoch = (await admin.hget(snap, '_epoch'))!;
    await writeStrayEntry(admin, fixture.keyPrefix, 'ev-c', ['e', epoch, 's', '4', 'v', String(good.version + 1), 'i', Buffer.from([0xff, 0xff, 0x01])]);
    const afterEntry = await publishMany(fixture, 'ev-c', 5);
    await watcher.waitForSeq('ev-c', afterEntry.seq);
    await waitUntil(async () => (await infoErrors()) >= 1, 5_000, 'the bad info entry counted');

    // The hash's info broken too: a subscriber opening the event afresh still gets its odds.
    await admin.hset(snap, '_info', Buffer.from('not an EventInfo'));
    watcher.unsubscribe('ev-c');
    await waitUntil(async () => node.hub.channel('ev-c') === undefined, 5_000, 'channel closed (channelLingerMs 0)');
    const fresh = await connect();
    fresh.subscribe('ev-c');
    await fresh.waitFor(() => fresh.events.has('ev-c'), 'snapshot despite the broken info');
    expect(fresh.errors, 'never FEED_UNAVAILABLE for display data').toEqual([]);
    expect(fresh.view('ev-c').seq).toBe(afterEntry.seq);
    expect(fresh.view('ev-c').info, 'no info rather than a broken one').toBeUndefined();
    await waitUntil(async () => (await infoErrors()) >= 2, 5_000, 'the bad snapshot info counted');

    const more = await publishMany(fixture, 'ev-c', 3);
    await fresh.waitForSeq('ev-c', more.seq);
    const healed = await fixture.publishInfo(matchInfo('ev-c', [2, 1]));
    await fresh.waitFor(() => Number(fresh.view('ev-c').info?.version ?? 0) === healed.version, 'a good info heals');
    expect(fresh.view('ev-c').info!.score).toEqual([2, 1]);

    const w = watcher.view('ev-c');
    expect(Number(w.info!.version), 'the watcher kept the good info').toBe(good.version);
    expect(w.infoFrames, 'the broken entry never reached a client').toEqual([]);
    expect(w.updates.map((u) => u.seq)).toEqual([5, 6, 7, 8, 9]);
    expect(w.replaces, 'no REPLACE for display data').toBe(1);
    expect(fresh.view('ev-c').replaces).toBe(1);
    const logged = records.filter((r) => r.level === ERROR_LEVEL && r.kind === 'info');
    expect(logged.length, 'logged at error level with kind info').toBeGreaterThanOrEqual(1);
    for (const c of [watcher, fresh]) expect(c.violations).toEqual([]);
  });
});
