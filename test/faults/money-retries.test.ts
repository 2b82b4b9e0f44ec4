import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CoreSim } from '../../src/core-sim/core-sim.js';
import type { OddsNode } from '../../src/main.js';
import { BetOutcome, MarketStatus, RejectReason } from '../../src/protocol/wire.js';
import { BetHarness, betResult, metricValue, placeBet, resultsOf, sendBet } from '../helpers/bet-harness.js';
import { update } from '../helpers/feeds.js';
import type { OddsClient } from '../helpers/odds-client.js';
import { waitUntil } from '../helpers/ports.js';

/**
 * The retry contract: a resent PlaceBet (same key) learns the core's
 * outcome, whatever changed at the edge since (price, suspension, rate
 * limit, another node). The edge answers a key itself only when the core
 * does not hold it. Proved with the reference core's records (/v1/stats).
 */
describe('retries of a key', () => {
  let harness: BetHarness;
  let core: CoreSim;
  let keySeq = 0;
  const key = (name: string) => `${name}-${++keySeq}-${process.pid}`;

  beforeAll(async () => {
    harness = await BetHarness.create();
    core = await harness.core('MT', { latency: { minMs: 1, maxMs: 3 } });
  });
  afterEach(async () => {
    await harness.closeAll();
    core.setFaults({ latency: { minMs: 1, maxMs: 3 } });
    await harness.feed.publish(update('ev-bet', 'winner', 2_000));
  });
  afterAll(async () => {
    await harness?.stop();
  });

  const node = (overrides = {}) => harness.node({ MT: core.url }, overrides);
  const stats = () => core.stats();

  /** Publishes and waits until `client` has seen it: the edge's cache holds the new state. */
  async function publishSeen(client: OddsClient, price: number, status = MarketStatus.MARKET_STATUS_OPEN): Promise<void> {
    const published = await harness.feed.publish(update('ev-bet', 'winner', price, status));
    await client.waitForSeq('ev-bet', published.seq);
  }

  it('after the price moved: the resend gets the original ACCEPTED (same betId); the core holds one bet', async () => {
    await harness.feed.publish(update('ev-bet', 'winner', 2_000));
    const player = await harness.player(await node(), 'player-moved');
    const k = key('moved');
    const first = await placeBet(player, k);
    expect(first.outcome).toBe(BetOutcome.BET_OUTCOME_ACCEPTED);
    const before = await stats();
    await publishSeen(player, 2_100);
    const again = await placeBet(player, k);
    expect(again).toMatchObject({ outcome: BetOutcome.BET_OUTCOME_ACCEPTED, betId: first.betId, acceptedPrice: 2_000 });
    expect(await stats()).toMatchObject({ created: before.created, duplicates: before.duplicates + 1 });
  });

  it('after a suspension: the resend gets the original ACCEPTED (same betId); the core holds one bet', async () => {
    await harness.feed.publish(update('ev-bet', 'winner', 2_000));
    const player = await harness.player(await node(), 'player-suspended');
    const k = key('suspended');
    const first = await placeBet(player, k);
    expect(first.outcome).toBe(BetOutcome.BET_OUTCOME_ACCEPTED);
    const before = await stats();
    await publishSeen(player, 2_000, MarketStatus.MARKET_STATUS_SUSPENDED);
    expect(await placeBet(player, k)).toMatchObject({ outcome: BetOutcome.BET_OUTCOME_ACCEPTED, betId: first.betId });
    expect(await placeBet(player, key('new-while-suspended'))).toMatchObject({ outcome: BetOutcome.BET_OUTCOME_REJECTED, reason: RejectReason.REJECT_REASON_MARKET_SUSPENDED });
    expect((await stats()).created).toBe(before.created);
  });

  it('after UNKNOWN and then a price move: the resend gets the decision the core made meanwhile', async () => {
    await harness.feed.publish(update('ev-bet', 'winner', 2_000));
    const player = await harness.player(await node({ betBudgetMs: 100 }), 'player-unknown');
    const k = key('unknown');
    const before = await stats();
    core.setFaults({ latency: 400 });
    expect((await placeBet(player, k)).outcome).toBe(BetOutcome.BET_OUTCOME_UNKNOWN);
    await waitUntil(async () => (await stats()).accepted === before.accepted + 1, 10_000, 'the core to decide the bet');
    await publishSeen(player, 2_100);
    core.setFaults({ latency: 1 });
    const again = await placeBet(player, k);
    expect(again).toMatchObject({ outcome: BetOutcome.BET_OUTCOME_ACCEPTED, acceptedPrice: 2_000 });
    expect(again.betId).toMatch(/^MT-/);
    expect((await stats()).created).toBe(before.created + 1);
  });

  it('through a second node that never saw the key: after a price move the resend gets the original ACCEPTED via a lookup; one bet at the core', async () => {
    await harness.feed.publish(update('ev-bet', 'winner', 2_000));
    const [a, b] = [await node(), await node()];
    const onA = await harness.player(a, 'player-roaming');
    const k = key('roaming');
    const first = await placeBet(onA, k);
    expect(first.outcome).toBe(BetOutcome.BET_OUTCOME_ACCEPTED);
    await onA.terminate();
    const onB = await harness.player(b, 'player-roaming');
    await publishSeen(onB, 2_100);
    const before = await stats();
    expect(await placeBet(onB, k)).toMatchObject({ outcome: BetOutcome.BET_OUTCOME_ACCEPTED, betId: first.betId, acceptedPrice: 2_000 });
    const after = await stats();
    expect(after.created).toBe(before.created);
    expect(after.lookups, 'node B asked the core before refusing').toBe(before.lookups + 1);
    // Node B now knows the key: the next resend goes straight to the core.
    expect(await placeBet(onB, k)).toMatchObject({ betId: first.betId });
    expect((await stats()).lookups).toBe(after.lookups);
  });

  it('a new key failing the price check is looked up (404) and then refused PRICE_CHANGED with the current price; nothing created', async () => {
    await harness.feed.publish(update('ev-bet', 'winner', 2_000));
    const player = await harness.player(await node(), 'player-new-moved');
    await publishSeen(player, 2_100);
    const before = await stats();
    const r = await placeBet(player, key('never-sent'));
    expect(r).toMatchObject({ outcome: BetOutcome.BET_OUTCOME_REJECTED, reason: RejectReason.REJECT_REASON_PRICE_CHANGED, currentPrice: 2_100 });
    expect(await stats()).toMatchObject({ created: before.created, lookups: before.lookups + 1 });
  });

  it('the same key for another stake after the price moved: the core answers IDEMPOTENCY_KEY_REUSED, not the edge PRICE_CHANGED', async () => {
    await harness.feed.publish(update('ev-bet', 'winner', 2_000));
    const player = await harness.player(await node(), 'player-reuse');
    const k = key('reuse');
    expect((await placeBet(player, k)).outcome).toBe(BetOutcome.BET_OUTCOME_ACCEPTED);
    await publishSeen(player, 2_100);
    expect(await placeBet(player, k, { stake: 2_000 })).toMatchObject({ outcome: BetOutcome.BET_OUTCOME_REJECTED, reason: RejectReason.REJECT_REASON_IDEMPOTENCY_KEY_REUSED });
  });

  it('1,000 resends of one key with the default rate limit (5/s, burst 10): none RATE_LIMITED, all the original ACCEPTED, one bet; also through a second node after a price move', async () => {
    await harness.feed.publish(update('ev-bet', 'winner', 2_000));
    const limits = { betRatePerSec: 5, betBurst: 10 };
    const [a, b] = [await node(limits), await node(limits)];
    const k = key('storm');
    const onA = await harness.player(a, 'player-storm');
    const first = await placeBet(onA, k);
    expect(first.outcome).toBe(BetOutcome.BET_OUTCOME_ACCEPTED);
    const before = await stats();

    async function storm(client: OddsClient): Promise<void> {
      const already = resultsOf(client, k).length;
      for (let i = 0; i < 1_000; i++) {
        if (i % 50 === 0) await new Promise((r) => setImmediate(r));
        sendBet(client, k);
      }
      await betResult(client, k, already + 1_000, 30_000);
      const answers = resultsOf(client, k).slice(already);
      expect(answers.filter((r) => r.outcome !== BetOutcome.BET_OUTCOME_ACCEPTED || r.betId !== first.betId)).toEqual([]);
    }
    await storm(onA);
    // A second node that never saw the key, after the price moved: the first resends are looked up, the rest go to the core.
    const onB = await harness.player(b, 'player-storm');
    await publishSeen(onB, 2_100);
    await storm(onB);
    expect((await stats()).created).toBe(before.created);
    for (const n of [a, b] as OddsNode[]) expect(await metricValue(n.metrics.betFramesRefused, { reason: 'rate_limited' })).toBe(0);
    expect(onB.closeCode, 'no error budget charged').toBeUndefined();
  });
});
