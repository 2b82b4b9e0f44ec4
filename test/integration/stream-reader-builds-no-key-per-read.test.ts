import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseShard } from '../../src/config/load.js';
import type { FeedEntry, FeedListener } from '../../src/feed/odds-feed.js';
import { RedisOddsPublisher } from '../../src/feed/redis-publisher.js';
import { FeedKeys } from '../../src/feed/redis-keys.js';
import { StreamShardReader } from '../../src/feed/stream-shard-reader.js';
import { Metrics } from '../../src/observability/metrics.js';
import { testLog } from '../helpers/feeds.js';
import { RedisServer } from '../helpers/redis-server.js';

/**
 * feedReadPath "streams" names every open event's stream on every blocking
 * XREAD, one read per update or so: building those keys on each read was
 * most of a node's garbage (mass-connect: scavenges, then mark-compacts, in
 * the seconds that missed the 2x target). The keys are built when an event
 * opens; reads reuse them, and a closed and reopened event is read again.
 */
describe('StreamShardReader', () => {
  let redis: RedisServer;
  let publisher: RedisOddsPublisher;
  let reader: StreamShardReader;
  const keys = new FeedKeys('og:');
  const delivered = new Map<string, number[]>();
  const listener: FeedListener = {
    snapshot: () => undefined,
    entries: (eventId: string, entries: FeedEntry[]) => delivered.set(eventId, [...(delivered.get(eventId) ?? []), ...entries.map((e) => e.seq)]),
    info: () => undefined,
    stale: () => undefined,
    unavailable: () => undefined,
  };
  const publish = (eventId: string, price: number) => publisher.publish({ eventId, marketId: '1x2', status: 1, selections: [{ id: 'home', price }] });
  /** Publishes one update and waits for the reader to deliver it: one read (at least) per update. */
  const publishAndRead = async (eventId: string, price: number) => {
    const { seq } = await publish(eventId, price);
    await vi.waitFor(() => expect(delivered.get(eventId)).toContain(seq));
  };

  beforeAll(async () => {
    redis = await RedisServer.start();
    const shard = parseShard(`a=${redis.url}`);
    publisher = new RedisOddsPublisher({ shards: [shard], keyPrefix: 'og:', streamMaxLen: 1_000, heartbeatMs: 100 });
    await publisher.start();
    for (const eventId of ['match-1', 'match-2', 'match-3']) await publish(eventId, 1_500);
    const options = { keys, xreadBlockMs: 1_000, xreadCount: 100, feedStaleMs: 3_000, commandTimeoutMs: 2_000, maxRangeReads: 2, log: testLog, metrics: new Metrics() };
    reader = new StreamShardReader(shard, options, () => listener);
    await reader.start();
  });

  afterAll(async () => {
    await reader?.stop();
    await publisher?.stop();
    await redis?.stop();
  });

  it('names the open events on every read without building their keys again, and reads a reopened event', async () => {
    const streamKey = vi.spyOn(keys, 'stream');
    for (const eventId of ['match-1', 'match-2', 'match-3']) await reader.open(eventId);
    const builtAtOpen = streamKey.mock.calls.length;
    expect(builtAtOpen).toBeGreaterThanOrEqual(3);

    for (let i = 0; i < 10; i++) await publishAndRead(`match-${1 + (i % 3)}`, 1_600 + i);
    expect(streamKey.mock.calls.length).toBe(builtAtOpen);

    reader.close('match-2');
    await publish('match-2', 1_700); // not open: not delivered
    await publishAndRead('match-1', 1_701);
    const closedAt = delivered.get('match-2')!.length;
    await reader.open('match-2');
    await publishAndRead('match-2', 1_702);
    expect(delivered.get('match-2')!.length).toBe(closedAt + 1);
  });
});
