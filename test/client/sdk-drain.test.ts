import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreSim } from '../../src/core-sim/core-sim.js';
import { OddsClient } from '../../src/client/node.js';
import type { OddsNode } from '../../src/main.js';
import { BetHarness } from '../helpers/bet-harness.js';
import { publishSteadily, update } from '../helpers/feeds.js';
import { waitUntil } from '../helpers/ports.js';
import { connectSdk, SdkWatch } from '../helpers/sdk-watch.js';

/**
 * A drain under the SDK: two real nodes on one ring (membership in Redis),
 * odds flowing and a bet pending at the core when the first node drains.
 * The SDK moves to the successor the Drain frame names, resumes its view
 * without a gap, and the pending bet gets its one decision.
 */
describe('the client SDK follows a drain', () => {
  let harness: BetHarness;
  let core: CoreSim;
  let a: OddsNode;
  let b: OddsNode;

  beforeAll(async () => {
    harness = await BetHarness.create();
    core = await harness.core('MT', { latency: { minMs: 1, maxMs: 3 } });
    const ring = { membershipHeartbeatMs: 100, membershipTimeoutMs: 1_000, drainWindowMs: 600, drainWaveMs: 100, drainGraceMs: 10_000, pendingPollMs: 50 };
    a = await harness.node({ MT: core.url }, { nodeId: 'edge-a', ...ring });
    b = await harness.node({ MT: core.url }, { nodeId: 'edge-b', ...ring });
    await waitUntil(() => a.routes.nodes.length === 2 && b.routes.nodes.length === 2, 20_000, 'both nodes on both rings');
  });
  afterAll(async () => {
    await harness?.stop();
  });

  it('asks /v1/route first and connects to the session\'s owner, keeping the sid on every connection', async () => {
    const sid = Array.from({ length: 200 }, (_, i) => `sdk-route-${i}`).find((k) => a.routes.owner(k)?.id === 'edge-b')!;
    const watch = await connectSdk(a.port, { routeUrl: `http://127.0.0.1:${a.port}/v1/route`, sid });
    try {
      expect(watch.welcomes).toEqual(['edge-b']);
      expect(watch.client.sessionKey).toBe(sid);
    } finally {
      watch.client.close();
    }
  });

  it('moves to the successor at the Drain frame\'s moment: view intact without a gap, the pending bet decided once', async () => {
    await harness.feed.publish(update('ev-bet', 'winner', 2_000));
    const client = new OddsClient({ url: `ws://127.0.0.1:${a.port}/v1/ws`, token: () => harness.tokens.hs256('sdk-drained', 'MT'), reconnect: { baseMs: 50, maxMs: 500 } });
    const watch = new SdkWatch(client);
    try {
      await client.connect();
      const view = watch.watch(client.subscribe('ev-bet'));
      await waitUntil(() => view.ready, 10_000, 'the view');
      const publisher = publishSteadily(harness.feed, 'ev-bet', 10, 1);
      await watch.seqReached(view, view.seq + 10);

      core.setFaults({ pendingRatio: 1, pendingDelayMs: 1_500 });
      const before = await core.stats();
      let pending = false;
      const bet = client.placeBet({ eventId: 'ev-bet', marketId: 'winner', selectionId: 'home', stake: 200, currency: 'EUR', acceptPriceChange: 'any' }, { onPending: () => (pending = true) });
      await waitUntil(() => pending, 10_000, 'the bet pending at the core');
      const summary = await a.drain();
      expect(summary).toMatchObject({ moved: 1 });

      const accepted = await bet;
      const last = (await publisher.stop())!;
      await watch.seqReached(view, last.seq);

      expect(accepted.outcome).toBe('accepted');
      const after = await core.stats();
      expect(after.created - before.created, 'one bet for the key').toBe(1);
      expect(watch.welcomes).toEqual(['edge-a', 'edge-b']);
      expect(client.nodeId).toBe('edge-b');
      expect(watch.states.map((s) => s.state)).toEqual(['connecting', 'open', 'draining', 'open']);
      expect(watch.states[2].detail).toMatchObject({ nodeId: 'edge-b' });
      expect(watch.violations).toEqual([]);
      expect(watch.contiguous('ev-bet', last.seq), `seqs ${watch.seqs('ev-bet').join(',')}`).toBe(true);
      // The first snapshot and one CONTINUE on the successor.
      expect(watch.snapshots('ev-bet')).toHaveLength(2);
    } finally {
      core.setFaults({ pendingRatio: 0 });
      client.close();
    }
  });
});
