import { afterEach, describe, expect, it } from 'vitest';
import { FeedKeys } from '../../src/feed/redis-keys.js';
import { RedisOddsPublisher } from '../../src/feed/redis-publisher.js';
import { matchInfo } from '../helpers/match-info.js';
import { update } from '../helpers/feeds.js';
import { RedisServer } from '../helpers/redis-server.js';

/** A log entry's fields by name. */
const byName = (fields: Buffer[]) => new Map(Array.from({ length: fields.length / 2 }, (_, i) => [fields[2 * i].toString(), fields[2 * i + 1]]));

/**
 * The publish and info scripts append every entry of an event's stream to
 * the shard's log as well (redis-keys.ts), in the same step: what a node on
 * feedReadPath log reads instead of the streams.
 */
describe('the publisher writes the shard log', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('each odds and info entry once, in publish order, with its event, epoch, seq, stream offset, the shard\'s n (+1 each) and the same payload; trimmed to about shardLogMaxLen', async () => {
    const redis = await RedisServer.start();
    cleanups.push(() => redis.stop());
    const publisher = new RedisOddsPublisher({ shards: [{ name: 'a', url: redis.url }], keyPrefix: 'lg:', streamMaxLen: 1_000, shardLogMaxLen: 100, heartbeatMs: 0 });
    await publisher.start();
    cleanups.push(() => publisher.stop());
    const admin = redis.client();
    cleanups.push(async () => admin.disconnect());
    const keys = new FeedKeys('lg:');

    const first = await publisher.publish(update('ev-a', 'm0', 1_500));
    await publisher.publishInfo(matchInfo('ev-a'));
    const second = await publisher.publish(update('ev-b', 'm0', 1_600));
    const log = (await admin.xrangeBuffer(keys.log, '-', '+')) as Array<[Buffer, Buffer[]]>;
    const streamA = (await admin.xrangeBuffer(keys.stream('ev-a'), '-', '+')) as Array<[Buffer, Buffer[]]>;
    expect(log.map(([, f]) => byName(f).get('ev')!.toString())).toEqual(['ev-a', 'ev-a', 'ev-b']);
    expect(log.map(([, f]) => Number(byName(f).get('n')!.toString()))).toEqual([1, 2, 3]);
    expect(Number(await admin.get(keys.logSeq))).toBe(3);

    const odds = byName(log[0][1]);
    expect([odds.get('e')!.toString(), odds.get('s')!.toString(), odds.get('o')!.toString()]).toEqual([first.epoch, '1', first.offset]);
    expect(odds.get('p')!.equals(byName(streamA[0][1]).get('p')!), 'the payload as in the event\'s stream').toBe(true);
    const info = byName(log[1][1]);
    expect([info.get('o')!.toString(), info.get('s')!.toString(), info.has('p')]).toEqual([streamA[1][0].toString(), '1', false]);
    expect(info.get('i')!.equals(byName(streamA[1][1]).get('i')!)).toBe(true);
    expect(byName(log[2][1]).get('o')!.toString()).toBe(second.offset);

    // Info before an event's first update has no stream to join: not in the log either.
    await publisher.publishInfo(matchInfo('ev-none'));
    expect(await admin.xlen(keys.log)).toBe(3);

    for (let i = 0; i < 600; i++) await publisher.publish(update(`ev-${i % 7}`, 'm0', 1_500 + i));
    const length = await admin.xlen(keys.log);
    expect(length, 'MAXLEN ~ 100: trimmed by whole nodes, never below 100').toBeGreaterThanOrEqual(100);
    expect(length).toBeLessThan(603);
    expect(await admin.xlen(keys.stream('ev-1')), 'the events\' own retention is streamMaxLen').toBeGreaterThan(80);
  });

  it('a key of the wrong type fails the publish and the info with nothing written: no seq taken, no entry in the stream without one in the log', async () => {
    const redis = await RedisServer.start();
    cleanups.push(() => redis.stop());
    const publisher = new RedisOddsPublisher({ shards: [{ name: 'a', url: redis.url }], keyPrefix: 'wt:', streamMaxLen: 1_000, heartbeatMs: 0 });
    await publisher.start();
    cleanups.push(() => publisher.stop());
    const admin = redis.client();
    cleanups.push(async () => admin.disconnect());
    const keys = new FeedKeys('wt:');
    await publisher.publish(update('ev-a', 'm0', 1_500));
    const state = async () => ({
      seq: await admin.hget(keys.snapshot('ev-a'), '_seq'),
      stream: await admin.xlen(keys.stream('ev-a')),
      log: (await admin.type(keys.log)) === 'stream' ? await admin.xlen(keys.log) : 'not a stream',
      logSeq: (await admin.type(keys.logSeq)) === 'string' ? await admin.get(keys.logSeq) : 'not a string',
    });

    for (const wrong of [keys.log, keys.logSeq, keys.catalogue]) {
      const kept = await admin.renamenx(wrong, `${wrong}:kept`).then(() => true, () => false); // the catalogue may not exist yet
      await admin.sadd(wrong, 'a set where the feed keeps something else');
      const before = await state();
      await expect(publisher.publish(update('ev-a', 'm0', 1_600)), wrong).rejects.toThrow(/WRONGTYPE .* nothing was written/);
      await expect(publisher.publishInfo(matchInfo('ev-a')), wrong).rejects.toThrow(/WRONGTYPE/);
      expect(await state(), `${wrong} of the wrong type: nothing written`).toEqual(before);
      await admin.del(wrong);
      if (kept) await admin.rename(`${wrong}:kept`, wrong);
    }
    const after = await publisher.publish(update('ev-a', 'm0', 1_700));
    expect(after.seq, 'the seq chain unbroken').toBe(2);
    expect(await admin.xlen(keys.log)).toBe(2);
  });
});
