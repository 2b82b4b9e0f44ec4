import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { FeedKeys } from '../../src/feed/redis-keys.js';
import { RedisOddsPublisher } from '../../src/feed/redis-publisher.js';
import { startNode, type OddsNode } from '../../src/main.js';
import { ErrorCode } from '../../src/protocol/wire.js';
import { EdgeFleet } from '../helpers/edge-fleet.js';
import { bigUpdate, capturingLogger, publishMany, RedisFeedFixture, recordFrames, storedSnapshot, testLog, update, type ReceivedFrame } from '../helpers/feeds.js';
import { OddsClient } from '../helpers/odds-client.js';
import { waitUntil } from '../helpers/ports.js';
import { RedisServer } from '../helpers/redis-server.js';
import { TcpProxy } from '../helpers/tcp-proxy.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ERROR_LEVEL = 50; // pino's

/** The n of a log entry's fields ([name, value, ...]). */
const nOf = (fields: string[]) => Number(fields[fields.indexOf('n') + 1]);

/** Every update a client holds of an event, after its one snapshot: seq + 1 each time, nothing missing. */
function expectEveryUpdateInOrder(client: OddsClient, eventId: string): void {
  const view = client.view(eventId);
  expect(view.replaces, `${eventId}: one snapshot, never a REPLACE`).toBe(1);
  const seqs = view.updates.map((u) => Number(u.seq));
  expect(seqs, `${eventId}: every update, in order`).toEqual(Array.from({ length: seqs.length }, (_, i) => seqs[0] + i));
}

/** The client holds exactly the store's snapshot of the event: each market's seq and price. */
async function expectStorePrices(client: OddsClient, admin: RedisServer, keyPrefix: string, eventId: string): Promise<void> {
  const redis = admin.client();
  try {
    const truth = await storedSnapshot(redis, keyPrefix, eventId);
    await client.waitFor(() => client.view(eventId).seq === truth.seq && !client.view(eventId).stale, `${eventId} at the store's seq ${truth.seq}, live`, 15_000);
    const held = [...client.view(eventId).markets].map(([m, u]) => [m, Number(u.seq), u.selections[0].price]).sort();
    expect(held, `${eventId}: the client's markets are the store's`).toEqual([...truth.markets].map(([m, s]) => [m, s.seq, s.price]).sort());
  } finally {
    redis.disconnect();
  }
}

/**
 * feedReadPath log (loadtest/read-path/DESIGN.md): what the shard log adds
 * to the guarantees, with real redis-server processes and nodes on the log
 * path whatever the default. The log can lose entries under a node, be
 * rewritten, be of the wrong type or be missing; a node opens events while
 * the log runs. No client is ever left on a wrong price or sees a gap.
 */
describe('the shard log read path (redis)', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  const connect = async (port: number) => {
    const client = await OddsClient.connect(port, { keepUpdates: true });
    cleanups.push(() => client.terminate());
    return client;
  };

  it('a log trimmed past a stopped node (SIGSTOP, more than shardLogMaxLen published): the jump in n makes it catch every open event up from its stream; clients get every update in order, no REPLACE, and end on the store\'s prices', async () => {
    const fleet = await EdgeFleet.create({ shards: 1, shardLogMaxLen: 100, streamMaxLen: 100_000 });
    cleanups.push(() => fleet.stop());
    // A watchdog (xreadBlockMs + feedStaleMs) well past the stop: the log's n must tell, not a replaced connection.
    const node = await fleet.startNode('log-1', { ODDSGATE_FEED_READ_PATH: 'log', ODDSGATE_FEED_STALE_MS: '30000' });
    cleanups.push(async () => node.signal('SIGCONT'));
    const busy = ['ev-t1', 'ev-t2', 'ev-t3'];
    const quiet = 'ev-t0'; // publishes nothing while the node is stopped: its history is intact, it must not be replaced
    for (const e of [quiet, ...busy]) for (let i = 0; i < 3; i++) await fleet.publisher.publish(update(e, `m${i}`, 1_500 + i));
    const clients = [await connect(node.port), await connect(node.port)];
    for (const c of clients) {
      c.subscribe(quiet, ...busy);
      await c.waitFor(() => [quiet, ...busy].every((e) => c.events.has(e)), 'snapshots');
    }
    for (let i = 0; i < 30; i++) await fleet.publisher.publish(update(busy[i % 3], `m${i % 2}`, 1_600 + i));
    for (const c of clients) for (const e of busy) await c.waitForSeq(e, 13);

    const admin = fleet.redis[0].client();
    cleanups.push(async () => admin.disconnect());
    const logKey = new FeedKeys(fleet.keyPrefix).log;
    const nAtStop = nOf((await admin.xrevrange(logKey, '+', '-', 'COUNT', 1))[0][1]);
    node.signal('SIGSTOP');
    for (let batch = 0; batch < 15; batch++) {
      await Promise.all(Array.from({ length: 100 }, (_, i) => fleet.publisher.publish(update(busy[i % 3], `m${i % 3}`, 1_700 + batch * 100 + i))));
    }
    const oldest = nOf((await admin.xrange(logKey, '-', '+', 'COUNT', 1))[0][1]);
    expect(oldest, 'the log was trimmed past what the node had read').toBeGreaterThan(nAtStop + 1);
    node.signal('SIGCONT');

    for (const c of clients) {
      for (const e of [quiet, ...busy]) {
        await expectStorePrices(c, fleet.redis[0], fleet.keyPrefix, e);
        expectEveryUpdateInOrder(c, e);
      }
      expect(c.violations).toEqual([]);
    }
    expect(node.logs.some((l) => String(l.msg).startsWith('the shard log lost entries under this node')), 'the node saw n jump').toBe(true);
    const resyncs = Object.values(await node.counter('oddsgate_resyncs_total')).reduce((a, b) => a + b, 0);
    expect(resyncs, 'no event resynced: the streams held everything').toBe(0);
  });

  it('events opened again and again while they publish at a high rate, their snapshots slower to arrive than the log: what the log brings meanwhile is held, so no REPLACE and no gap', async () => {
    const fixture = await RedisFeedFixture.create({}, 1);
    cleanups.push(() => fixture.stop());
    // A cap per direction of each connection: an event's ~300 KB snapshot (300 markets of ~1 KB) takes ~100 ms to
    // come through on the command connection, while the log's small entries keep flowing on the blocking one. So
    // the log brings entries written after the snapshot was taken before the snapshot itself arrives.
    const proxy = new TcpProxy(fixture.servers[0].port);
    await proxy.start();
    cleanups.push(() => proxy.stop());
    proxy.setFaults({ bytesPerSec: 3_000_000 });
    const node = await startNode(
      loadConfig({ overrides: { port: 0, host: '127.0.0.1', logLevel: 'silent', redisShards: [`shard-0=${proxy.url}`], keyPrefix: fixture.keyPrefix, feedReadPath: 'log', channelLingerMs: 0 } }),
      testLog,
    );
    cleanups.push(() => node.stop());
    const hot = ['ev-hot1', 'ev-hot2'];
    for (const e of hot) for (let m = 0; m < 300; m++) await fixture.publish(bigUpdate(e, `big${m}`, 1_500 + m));
    let publishing = true;
    let published = 0;
    // Two publishers in a loop: entries arrive in every read, and while every snapshot is read.
    const loops = Array.from({ length: 2 }, async (_, p) => {
      for (let i = 0; publishing; i++) {
        await fixture.publish(update(hot[(i + p) % 2], `m${i % 3}`, 1_500 + (i % 1_000)));
        published++;
      }
    });
    cleanups.push(async () => {
      publishing = false;
      await Promise.all(loops);
    });
    await waitUntil(async () => published >= 200, 10_000, 'publishing under way');

    for (let round = 0; round < 12; round++) {
      const client = await OddsClient.connect(node.port, { keepUpdates: true });
      client.subscribe(...hot);
      await client.waitFor(() => hot.every((e) => (client.events.get(e)?.updates.length ?? 0) >= 20), 'twenty updates of each after the snapshot');
      for (const e of hot) expectEveryUpdateInOrder(client, e);
      expect(client.violations).toEqual([]);
      await client.terminate();
      // channelLingerMs 0: the node stops reading both; the next round opens them again.
      await waitUntil(async () => hot.every((e) => node.hub.channel(e) === undefined), 5_000, 'events closed');
    }
    const resyncs = (await node.metrics.resyncs.get()).values.reduce((n, v) => n + v.value, 0);
    expect(resyncs, 'no resync, whatever the log brought during an open').toBe(0);
  });

  it('a log rewritten by a restore from an older RDB, with no reconnect (DEBUG RELOAD): n goes back, the node catches up and every client gets a REPLACE onto the store\'s prices, also for an event that publishes nothing since; never a silent switch', async () => {
    const server = await RedisServer.start({ persistent: true, args: ['--enable-debug-command', 'yes'] });
    cleanups.push(() => server.destroy());
    const keyPrefix = 'rw:';
    const shards = [{ name: 'a', url: server.url }];
    const publisher = new RedisOddsPublisher({ shards, keyPrefix, streamMaxLen: 100_000, heartbeatMs: 100 });
    await publisher.start();
    cleanups.push(() => publisher.stop());
    const { log, records } = capturingLogger('info');
    const node: OddsNode = await startNode(
      loadConfig({ overrides: { port: 0, host: '127.0.0.1', redisShards: ['a=' + server.url], keyPrefix, feedReadPath: 'log', feedStaleMs: 1_000, channelLingerMs: 0, redisCommandTimeoutMs: 500 } }),
      log,
    );
    cleanups.push(() => node.stop());
    const quiet = 'ev-q'; // nothing published to it after the restore: only the log's n can tell its history is gone
    const busy = 'ev-b';
    // Prices before the backup 1500.., lost ones 2500.., after the restore 3500..: no two histories share a price.
    for (const e of [quiet, busy]) for (let i = 0; i < 6; i++) await publisher.publish(update(e, `m${i % 3}`, 1_500 + i));
    const client = await connect(node.port);
    const frames = recordFrames(client);
    client.subscribe(quiet, busy);
    await client.waitFor(() => client.events.has(quiet) && client.events.has(busy), 'snapshots');
    await server.snapshot(); // dump.rdb now holds this state: DEBUG RELOAD NOSAVE loads it back
    let lost: Awaited<ReturnType<typeof publisher.publish>> | undefined;
    for (const e of [quiet, busy]) for (let i = 0; i < 4; i++) lost = await publisher.publish(update(e, `m${i % 3}`, 2_500 + i));
    for (const e of [quiet, busy]) await client.waitForSeq(e, 10);
    expect(lost!.seq).toBe(10);

    const admin = server.client();
    cleanups.push(async () => admin.disconnect());
    await admin.call('DEBUG', 'RELOAD', 'NOSAVE');
    for (let i = 0; i < 8; i++) await publisher.publish(update(busy, `m${i % 3}`, 3_500 + i));

    await expectStorePrices(client, server, keyPrefix, quiet);
    await expectStorePrices(client, server, keyPrefix, busy);
    const quietTruth = await storedSnapshot(admin, keyPrefix, quiet);
    expect(quietTruth.seq, 'the quiet event went back to the backup').toBe(6);
    for (const e of [quiet, busy]) {
      const replaces = frames.filter((f) => f.eventId === e && f.kind === 'replace');
      expect(replaces.length, `${e}: the opening snapshot, then a REPLACE after the restore`).toBeGreaterThanOrEqual(2);
      expectNoLostPriceAfterReplace(frames, e);
    }
    expect(client.violations).toEqual([]);
    expect(records.some((r) => String(r.msg).startsWith('the shard log was rewritten')), 'the node saw n go back').toBe(true);
  });

  /** After the REPLACE that follows the restore, no frame of the event carries a lost price (2500..2599). */
  function expectNoLostPriceAfterReplace(frames: ReceivedFrame[], eventId: string): void {
    const own = frames.filter((f) => f.eventId === eventId && (f.kind === 'update' || f.kind === 'replace'));
    const lastReplace = own.map((f) => f.kind).lastIndexOf('replace');
    for (const f of own.slice(lastReplace)) for (const m of f.markets) expect(m.price >= 2_500 && m.price < 2_600, `${eventId}: a lost price after the REPLACE`).toBe(false);
  }

  it('a log key of the wrong type: one error line, the shard reported unreachable (with why) and its events stale, a new subscriber refused with FEED_UNAVAILABLE, never a silent empty feed; all back when the log is a stream again', async () => {
    const fixture = await RedisFeedFixture.create({}, 1);
    cleanups.push(() => fixture.stop());
    const admin = fixture.servers[0].client();
    cleanups.push(async () => admin.disconnect());
    const logKey = new FeedKeys(fixture.keyPrefix).log;
    await publishMany(fixture, 'ev-w1', 3);
    await publishMany(fixture, 'ev-w2', 3);
    const { log, records } = capturingLogger('info');
    const node = await fixture.startNode({ feedReadPath: 'log', redisCommandTimeoutMs: 500 }, log);
    const watcher = await connect(node.port);
    watcher.subscribe('ev-w1');
    await watcher.waitFor(() => watcher.events.has('ev-w1'), 'snapshot');

    await admin.del(logKey);
    await admin.set(logKey, 'a string where the shard log should be');
    await waitUntil(async () => node.feed.shards()[0].reachable === false, 5_000, 'shard reported unreachable');
    expect(node.feed.shards()[0].problem, 'the shard state says why').toMatch(/shard log/);
    await watcher.waitFor(() => watcher.view('ev-w1').stale, 'the open event reported stale');
    const newcomer = await connect(node.port);
    newcomer.subscribe('ev-w2');
    await newcomer.waitFor(() => newcomer.errors.length > 0, 'an error, not an empty feed');
    expect(newcomer.errors[0].code).toBe(ErrorCode.ERROR_CODE_FEED_UNAVAILABLE);
    await sleep(2_500); // the read is retried all along
    const errorLines = records.filter((r) => r.level === ERROR_LEVEL && /shard log/.test(String(r.msg)));
    expect(errorLines, 'one error line for the whole episode').toHaveLength(1);
    const logErrors = (await node.metrics.feedFormatErrors.get()).values.find((v) => v.labels.kind === 'log')?.value;
    expect(logErrors, 'counted as a format error of the shard').toBe(1);

    await admin.del(logKey);
    const back = await fixture.publish(update('ev-w1', 'm0', 1_900));
    await waitUntil(async () => node.feed.shards()[0].reachable, 5_000, 'shard reachable again');
    expect(node.feed.shards()[0].problem).toBeUndefined();
    await watcher.waitFor(() => watcher.view('ev-w1').seq === back.seq && !watcher.view('ev-w1').stale, 'live at the new update');
    newcomer.subscribe('ev-w2');
    await newcomer.waitFor(() => newcomer.events.has('ev-w2'), 'served again');
    for (const c of [watcher, newcomer]) expect(c.violations).toEqual([]);
    expect(records.some((r) => r.msg === 'the shard log reads again')).toBe(true);
  });

  it('a publisher that writes no log (older than the node): events published while the log stays empty make the shard unreachable (with why) and stale, said once; a publisher that writes the log ends it', async () => {
    const fixture = await RedisFeedFixture.create({}, 1);
    cleanups.push(() => fixture.stop());
    const admin = fixture.servers[0].client();
    cleanups.push(async () => admin.disconnect());
    const { log, records } = capturingLogger('info');
    const node = await fixture.startNode({ feedReadPath: 'log' }, log);
    await waitUntil(async () => node.feed.shards()[0].reachable && !node.feed.shards()[0].stale, 5_000, 'shard live');
    // What an old publisher leaves in the catalogue (its score: the publish time), and nothing in the log.
    const catalogue = new FeedKeys(fixture.keyPrefix).catalogue;
    for (let i = 0; i < 4; i++) {
      await admin.zadd(catalogue, Date.now(), 'ev-old');
      await sleep(600);
    }
    await waitUntil(async () => !node.feed.shards()[0].reachable, 5_000, 'shard reported unreachable');
    expect(node.feed.shards()[0].problem).toMatch(/publisher older than this node/);
    await waitUntil(async () => node.feed.shards()[0].stale, 5_000, 'shard stale');
    expect(records.filter((r) => r.level === ERROR_LEVEL && /log stays empty/.test(String(r.msg)))).toHaveLength(1);

    await publishMany(fixture, 'ev-new', 2);
    await waitUntil(async () => node.feed.shards()[0].reachable && !node.feed.shards()[0].stale, 5_000, 'shard live again');
    expect(node.feed.shards()[0].problem).toBeUndefined();
  });
});
