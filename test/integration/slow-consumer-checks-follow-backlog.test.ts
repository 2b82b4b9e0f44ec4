import { afterEach, describe, expect, it } from 'vitest';
import { CloseCode } from '../../src/protocol/close-codes.js';
import { bigUpdate, createFeed, publishMany, type FeedFixture } from '../helpers/feeds.js';
import { OddsClient } from '../helpers/odds-client.js';
import { waitUntil } from '../helpers/ports.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The slow-consumer check's periodic work follows the backed-up sockets:
 * a real node with 1,000 healthy connections and 3 that stopped reading
 * reads the 3 buffers every tick, scans the connections joined to live
 * topics a slice per tick, and never reads the ones with no live topic
 * (it used to read all 1,003 buffers every tick).
 */
describe('slow-consumer checks', () => {
  let feed: FeedFixture | undefined;
  const clients: OddsClient[] = [];

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.terminate()));
    await feed?.stop();
  });

  it('read the 3 stalled sockets every tick and a slice of the 500 subscribed healthy ones, never the 500 idle ones; the 3 are paused, then closed with 4001', async () => {
    feed = await createFeed('in-process');
    await publishMany(feed, 'ev-s', 5, 5);
    await publishMany(feed, 'ev-quiet', 3);
    const tickMs = 20;
    const scanMs = 1_000;
    const node = await feed.startNode({
      slowClientBufferBytes: 256 * 1024,
      slowClientTimeoutMs: 6_000, // past the sampling below, however far apart the scan found the three
      slowCheckIntervalMs: tickMs,
      slowScanPeriodMs: scanMs,
      maxConnectionsPerSource: 0,
      upgradeRatePerSource: 0,
    });
    const connect = async () => {
      const client = await OddsClient.connect(node.port, { keepUpdates: false });
      clients.push(client);
      return client;
    };
    const healthy = await Promise.all(Array.from({ length: 1_000 }, connect));
    const subscribed = healthy.slice(0, 500);
    for (const c of subscribed) c.subscribe('ev-quiet');
    await waitUntil(() => subscribed.every((c) => c.events.has('ev-quiet')), 30_000, '500 healthy clients subscribed');
    const stalled = await Promise.all(Array.from({ length: 3 }, connect));
    for (const c of stalled) c.subscribe('ev-s');
    await waitUntil(() => stalled.every((c) => c.events.has('ev-s')), 10_000, 'stalled clients subscribed');
    for (const c of stalled) c.stopReading();

    // ~1 KB frames at most ~2.5 MB/s: the kernel buffers fill, then uWS's; the scan (once a second) finds each
    // stalled socket with well under the 4 MB hard cap buffered, and the watch pauses it at 256 KB.
    for (let n = 0; node.edge.stats().laggingConnections < 3; n++) {
      expect(n, 'the 3 stalled clients were paused').toBeLessThan(20_000);
      await feed.publish(bigUpdate('ev-s', `m${n % 5}`, 1_100 + n));
      if (n % 50 === 49) await sleep(tickMs);
    }

    const perTick: number[] = [];
    for (const end = Date.now() + 1_500; Date.now() < end; await sleep(5)) perTick.push(node.edge.stats().bufferChecksLastTick);
    const slice = Math.ceil(subscribed.length / (scanMs / tickMs)); // 10 of the 500 per tick
    expect(Math.min(...perTick), 'the 3 backed-up sockets every tick').toBeGreaterThanOrEqual(3);
    expect(Math.max(...perTick), 'plus a slice of the scan; never the 1,003 connections').toBeLessThanOrEqual(3 + slice + 1);
    expect(node.edge.stats().backedUpConnections).toBe(3);

    await waitUntil(() => node.edge.connections === 1_000, 20_000, 'the node closed the stalled clients');
    // The close frame waits behind the backlog: the clients read again to get to it.
    for (const c of stalled) c.resumeReading();
    await waitUntil(() => stalled.every((c) => c.closeCode !== undefined), 20_000, 'stalled clients saw the close');
    for (const c of stalled) expect(c.closeCode).toBe(CloseCode.SLOW_CONSUMER);
    for (const c of healthy) expect(c.closeCode, 'healthy clients untouched').toBeUndefined();
    await waitUntil(() => node.edge.stats().backedUpConnections === 0, 5_000, 'nothing watched once they are gone');
  });
});
