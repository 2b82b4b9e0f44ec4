import { afterEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../src/protocol/wire.js';
import { capturingLogger, LatencyProbe, publishMany, publishSteadily, RedisFeedFixture, recordFrames, storedSnapshot, update, writeStrayEntry } from '../helpers/feeds.js';
import { OddsClient } from '../helpers/odds-client.js';
import { waitUntil } from '../helpers/ports.js';
import { testReadPath } from '../helpers/read-path.js';

const FEED_FORMAT_ERROR = 50; // pino's error level

/**
 * Whatever Redis returns, a client sees seq + 1 or a new Snapshot. Garbage
 * is written straight into the snapshot hash and the streams, and into the
 * shard's log beside them (as a faulty shard, a bad restore or a stray
 * writer would), next to a bystander event on the same shard.
 */
describe('corrupt data in Redis (redis)', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function setup() {
    const fixture = await RedisFeedFixture.create({}, 1);
    cleanups.push(() => fixture.stop());
    const admin = fixture.servers[0].client();
    cleanups.push(async () => admin.disconnect());
    const { log, records } = capturingLogger();
    const node = await fixture.startNode({}, log);
    const connect = async () => {
      const client = await OddsClient.connect(node.port, { keepUpdates: false });
      cleanups.push(() => client.terminate());
      return client;
    };
    await publishMany(fixture, 'ev-by', 3);
    const bystander = await connect();
    bystander.subscribe('ev-by');
    await bystander.waitFor(() => bystander.events.has('ev-by'), 'bystander snapshot');
    const latency = new LatencyProbe(bystander, 'ev-by');
    const steady = publishSteadily(fixture, 'ev-by', 10);
    cleanups.push(() => steady.stop());
    // The node reads heartbeats from the newest one it has seen ('$' at start): let it see a few first.
    await bystander.waitFor(() => bystander.updateCount >= 20, 'bystander live for a while');
    const key = (eventId: string, kind: 'stream' | 'snap') => `${fixture.keyPrefix}{${eventId}}:${kind}`;
    const formatErrors = async (kind: string) =>
      (await node.metrics.feedFormatErrors.get()).values.filter((v) => v.labels.kind === kind).reduce((n, v) => n + v.value, 0);
    const checkBystander = async () => {
      const last = await steady.stop();
      await bystander.waitForSeq('ev-by', last!.seq);
      expect(bystander.violations).toEqual([]);
      expect(bystander.view('ev-by').stale, 'the bystander\'s event never went stale').toBe(false);
      expect(latency.percentile(99), 'bystander p99 (ms)').toBeLessThan(500);
    };
    return { fixture, admin, node, records, connect, key, formatErrors, checkBystander };
  }

  it('corrupt snapshot + continuity break: subscribers never see a seq jump (stale, then REPLACE), new subscribers get FEED_UNAVAILABLE, logged at error and counted; recovers when the publisher writes a good snapshot', async () => {
    const { fixture, admin, node, records, connect, key, formatErrors, checkBystander } = await setup();
    await publishMany(fixture, 'ev-x', 7, 2);
    const watcher = await connect();
    const frames = recordFrames(watcher);
    watcher.subscribe('ev-x');
    await watcher.waitFor(() => watcher.events.get('ev-x')?.seq === 7, 'snapshot at 7');

    // Garbage in market m0's payload, and three sequence numbers that never reach the stream: the next publish is seq 11.
    await admin.hset(key('ev-x', 'snap'), 'm:m0', Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f, 0x01, 0x07]));
    await admin.hincrby(key('ev-x', 'snap'), '_seq', 3);
    const eleven = await fixture.publish(update('ev-x', 'm1', 1_777));
    expect(eleven.seq).toBe(11);
    await watcher.waitFor(() => watcher.view('ev-x').stale, 'subscribers told the event is stale', 10_000);
    expect(watcher.view('ev-x').seq, 'nothing after 7 was shown as a continuation').toBe(7);

    const newcomer = await connect();
    newcomer.subscribe('ev-x');
    await newcomer.waitFor(() => newcomer.errors.length > 0, 'error frame for a new subscriber');
    expect(newcomer.errors[0].code).toBe(ErrorCode.ERROR_CODE_FEED_UNAVAILABLE);
    const otherNode = await fixture.startNode();
    const elsewhere = await OddsClient.connect(otherNode.port, { keepUpdates: false });
    cleanups.push(() => elsewhere.terminate());
    elsewhere.subscribe('ev-x');
    await elsewhere.waitFor(() => elsewhere.errors.length > 0, 'error frame on a node opening the event');
    expect(elsewhere.errors[0].code).toBe(ErrorCode.ERROR_CODE_FEED_UNAVAILABLE);

    // Still corrupt after more publishes of another market; the node keeps retrying (with backoff), never adopting it.
    await fixture.publish(update('ev-x', 'm1', 1_778));
    await new Promise((r) => setTimeout(r, 500));
    expect(watcher.view('ev-x').seq).toBe(7);
    expect(watcher.view('ev-x').stale).toBe(true);

    const good = await fixture.publish(update('ev-x', 'm0', 1_900)); // the publisher rewrites m0: the snapshot is whole again
    await watcher.waitFor(() => watcher.view('ev-x').seq === good.seq && !watcher.view('ev-x').stale, 'REPLACE at the good snapshot, live', 10_000);
    const truth = await storedSnapshot(admin, fixture.keyPrefix, 'ev-x');
    expect([...watcher.view('ev-x').markets].map(([m, u]) => [m, Number(u.seq), u.selections[0].price]).sort()).toEqual(
      [...truth.markets].map(([m, s]) => [m, s.seq, s.price]).sort(),
    );
    const kinds = frames.filter((f) => f.eventId === 'ev-x').map((f) => f.kind);
    expect(kinds.slice(kinds.indexOf('stale')), 'stale, then the REPLACE, then live (or the REPLACE alone clearing it)').toEqual(
      kinds.includes('live') ? ['stale', 'replace', 'live'] : ['stale', 'replace'],
    );
    newcomer.subscribe('ev-x');
    await newcomer.waitFor(() => newcomer.events.get('ev-x')?.seq === good.seq, 'a snapshot once recovered');

    expect(await formatErrors('snapshot'), 'undecodable snapshots counted').toBeGreaterThanOrEqual(2);
    expect(records.some((r) => r.level === FEED_FORMAT_ERROR && r.kind === 'snapshot'), 'logged at error level').toBe(true);
    const resyncs = (await node.metrics.resyncs.get()).values.find((v) => v.labels.cause === 'gap')?.value ?? 0;
    expect(resyncs, 'the resync counted once it succeeded').toBeGreaterThanOrEqual(1);
    for (const c of [watcher, newcomer, elsewhere]) expect(c.violations).toEqual([]);
    await checkBystander();
  });

  it('garbage stream entries and heartbeats are stepped over and counted; a continuation that took their place is delivered, no gap, no violation', async () => {
    const { fixture, admin, connect, key, formatErrors, checkBystander } = await setup();
    const first = await publishMany(fixture, 'ev-g', 5, 2);
    const watcher = await connect();
    watcher.subscribe('ev-g');
    await watcher.waitFor(() => watcher.events.get('ev-g')?.seq === 5, 'snapshot at 5');

    await writeStrayEntry(admin, fixture.keyPrefix, 'ev-g', ['e', first.epoch, 's', '6', 'p', Buffer.from([0x0a, 0xff, 0xff])]);
    await writeStrayEntry(admin, fixture.keyPrefix, 'ev-g', ['x', 'not an odds update']);
    await admin.xadd(`${fixture.keyPrefix}heartbeat`, '*', 'who', 'knows');
    const six = await fixture.publish(update('ev-g', 'm0', 1_650)); // the publisher's own seq 6, after the garbage
    const seven = await fixture.publish(update('ev-g', 'm1', 1_651));
    expect(six.seq).toBe(6);
    await watcher.waitForSeq('ev-g', seven.seq);
    expect(watcher.view('ev-g').markets.get('m0')?.selections[0].price).toBe(1_650);
    expect(watcher.view('ev-g').replaces, 'no snapshot was needed').toBe(1);
    expect(await formatErrors('entry'), 'garbage entries counted').toBeGreaterThanOrEqual(2);
    await waitUntil(async () => (await formatErrors('heartbeat')) >= 1, 5_000, 'garbage heartbeat counted');
    expect(watcher.violations).toEqual([]);
    await checkBystander();
  });

  it('an event stream replaced by a key of another type sets aside that event only (stale, FEED_UNAVAILABLE), the shard and its other events go on; recovers when the stream is back', async () => {
    const { fixture, admin, node, connect, key, checkBystander } = await setup();
    await publishMany(fixture, 'ev-w', 4, 2);
    const watcher = await connect();
    watcher.subscribe('ev-w');
    await watcher.waitFor(() => watcher.events.get('ev-w')?.seq === 4, 'snapshot at 4');

    await admin.del(key('ev-w', 'stream'));
    await admin.set(key('ev-w', 'stream'), 'a string where a stream should be');
    // A node on the log path reads an event's stream only for its snapshot or a catch-up (after a reconnect):
    // a reconnect makes it look (the streams path finds out by its next read).
    if (testReadPath === 'log') await admin.client('KILL', 'TYPE', 'normal', 'SKIPME', 'yes');
    await watcher.waitFor(() => watcher.view('ev-w').stale, 'the event reported stale', 10_000);
    expect(node.feed.shards()[0].stale, 'the shard itself is not stale').toBe(false);
    const newcomer = await connect();
    newcomer.subscribe('ev-w');
    await newcomer.waitFor(() => newcomer.errors.length > 0, 'error frame');
    expect(newcomer.errors[0].code).toBe(ErrorCode.ERROR_CODE_FEED_UNAVAILABLE);

    await admin.del(key('ev-w', 'stream'));
    const back = await fixture.publish(update('ev-w', 'm0', 1_950));
    await watcher.waitFor(() => watcher.view('ev-w').seq === back.seq && !watcher.view('ev-w').stale, 'REPLACE once the stream is back', 10_000);
    expect(watcher.violations).toEqual([]);
    await waitUntil(async () => node.feed.shards()[0].reachable, 5_000, 'shard reachable');
    await checkBystander();
  });
});
