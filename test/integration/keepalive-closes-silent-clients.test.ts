import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createFeed, type FeedFixture } from '../helpers/feeds.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A raw client: counts the server's pings; `answers: false` is a dead peer whose stack never pongs. */
function rawClient(port: number, answers: boolean) {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/v1/ws`, { perMessageDeflate: false, autoPong: answers });
  const state = { ws, pings: 0, closeCode: undefined as number | undefined };
  ws.on('ping', () => state.pings++);
  ws.on('close', (code) => (state.closeCode = code));
  return new Promise<typeof state>((resolve, reject) => {
    ws.once('open', () => resolve(state));
    ws.once('error', reject);
  });
}

/** Keepalive on a real node: uWS's automatic pings are off, the edge's own wheel pings and closes. */
describe('keepalive', () => {
  let feed: FeedFixture | undefined;
  const sockets: WebSocket[] = [];

  afterEach(async () => {
    for (const ws of sockets.splice(0)) ws.terminate();
    await feed?.stop();
  });

  it('pings a silent client that answers and keeps it; drops one that never answers after idleTimeoutSec, without a close frame (1006)', async () => {
    feed = await createFeed('in-process');
    const node = await feed.startNode({ idleTimeoutSec: 2 });
    const live = await rawClient(node.port, true);
    const dead = await rawClient(node.port, false);
    sockets.push(live.ws, dead.ws);
    const opened = Date.now();

    // The node visits each connection every second and pings one silent for 0.5 s: the dead peer is dropped
    // once silent for 2 s (at most 3 s), after one or two pings. Generous bounds: the machine is loaded.
    for (const end = Date.now() + 15_000; dead.closeCode === undefined && Date.now() < end; ) await sleep(20);
    expect(dead.closeCode, 'dropped without a close frame').toBe(1006);
    expect(Date.now() - opened, 'not before the idle timeout').toBeGreaterThanOrEqual(2_000);
    expect(dead.pings).toBeGreaterThanOrEqual(1);

    // Pinged at every visit (once a second) while silent: three more pings span well over the idle timeout.
    const pingsBefore = live.pings;
    for (const end = Date.now() + 20_000; live.pings - pingsBefore < 3 && Date.now() < end; ) await sleep(20);
    expect(live.pings - pingsBefore).toBeGreaterThanOrEqual(3);
    expect(live.closeCode, 'a client that answers pings stays').toBeUndefined();
    expect(node.edge.connections).toBe(1);
  });
});
