import { decodeJwt } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CoreSim } from '../../src/core-sim/core-sim.js';
import { CloseCode } from '../../src/protocol/close-codes.js';
import { BetOutcome, pb, RejectReason } from '../../src/protocol/wire.js';
import { BetHarness, Bystander, capturingLogger, metricValue, placeBet, sendBet } from '../helpers/bet-harness.js';
import { update } from '../helpers/feeds.js';
import type { OddsClient } from '../helpers/odds-client.js';
import { waitUntil } from '../helpers/ports.js';

/**
 * Work that never became a bet decision is bounded and never audited: a
 * PlaceBet that is not authenticated, invalid, rate limited or on an expired
 * token gets its refusal, a betFramesRefused{reason} count and (but for the
 * expired token, whose session the edge closes with 4003) a charge to the
 * connection's error budget — and no audit line. Audit lines stay for every
 * real decision, and carry only validated keys.
 */
describe('refused bet frames', () => {
  let harness: BetHarness;
  let core: CoreSim;
  let keySeq = 0;
  const key = (name: string) => `${name}-${++keySeq}-${process.pid}`;

  beforeAll(async () => {
    harness = await BetHarness.create();
    core = await harness.core('MT', { latency: { minMs: 1, maxMs: 3 } });
    await harness.feed.publish(update('ev-bet', 'winner', 2_000));
  });
  afterEach(() => harness.closeAll());
  afterAll(async () => {
    await harness?.stop();
  });

  const audits = (lines: Array<Record<string, unknown>>) => lines.filter((l) => l.audit === 'bet');

  /**
   * Each client sends `frames` copies of `frame`, 500 at a time with a yield between: the
   * node sees a flood, while this process (which also runs the bystander) keeps turning.
   */
  async function flood(clients: OddsClient[], frame: Uint8Array, frames: number): Promise<void> {
    for (let sent = 0; sent < frames; sent += 500) {
      for (const c of clients) for (let i = 0; i < 500; i++) c.sendRaw(frame);
      await new Promise((r) => setImmediate(r));
    }
  }

  it('anonymous PlaceBet flood (20 waves of 10 connections x 5,000 frames): 0 audit lines, each connection closed 4500 after maxProtocolErrors, every refusal counted, bystander p99 < 500 ms', async () => {
    const logs = capturingLogger('info');
    const node = await harness.node({ MT: core.url }, { maxProtocolErrors: 20 }, logs.log);
    const bystander = await Bystander.start(harness, node);
    const frame = pb.ClientFrame.encode({
      placeBet: { idempotencyKey: 'anon-flood-key', eventId: 'ev-bet', marketId: 'winner', selectionId: 'home', price: 2_000, seq: 1, stake: 100, currency: 'EUR' },
    }).finish();
    let connections = 0;
    let answered = 0;
    // Counted, not timed: 200 connections stay inside the node's per-source upgrade burst (500), so
    // the flood tests bet frames, not the upgrade limit (a timed loop on a fast machine met HTTP 429).
    for (let wave = 0; wave < 20; wave++) {
      const attackers = await Promise.all(Array.from({ length: 10 }, () => harness.anonymous(node)));
      connections += attackers.length;
      await flood(attackers, frame, 5_000);
      expect(await Promise.all(attackers.map((a) => a.closed))).toEqual(Array(10).fill(CloseCode.PROTOCOL_VIOLATION));
      for (const a of attackers) {
        answered += a.betResults.length;
        expect(a.betResults.every((r) => r.reason === RejectReason.REJECT_REASON_NOT_AUTHENTICATED)).toBe(true);
      }
    }
    const refused = await metricValue(node.metrics.betFramesRefused, { reason: 'not_authenticated' });
    expect(refused, 'every answered frame counted').toBe(answered);
    expect(refused, 'at most maxProtocolErrors + 1 per connection').toBeLessThanOrEqual(connections * 21);
    expect(audits(logs.lines)).toEqual([]);
    expect(await metricValue(node.metrics.betDecisions)).toBe(0);
    const p99 = await bystander.finish();
    console.log(`anonymous PlaceBet flood: ${connections} connections, ${connections * 5_000} frames sent, ${refused} answered and refused; bystander p99 ${p99} ms over ${bystander.latencies.length} updates`);
    expect(p99).toBeLessThan(500);
  });

  it('invalid PlaceBet flood from a player (hostile keys): 0 audit lines, no raw key in any log line, closed 4500, counted as invalid', async () => {
    const logs = capturingLogger('debug');
    const node = await harness.node({ MT: core.url }, { maxProtocolErrors: 20 }, logs.log);
    const player = await harness.player(node, 'player-invalid');
    const hostileKey = 'x"}\n{"audit":"bet","forged":true,"key":"';
    for (let i = 0; i < 1_000; i++) sendBet(player, hostileKey);
    expect(await player.closed).toBe(CloseCode.PROTOCOL_VIOLATION);
    expect(player.betResults.every((r) => r.reason === RejectReason.REJECT_REASON_INVALID_BET)).toBe(true);
    expect(await metricValue(node.metrics.betFramesRefused, { reason: 'invalid' })).toBe(player.betResults.length);
    expect(audits(logs.lines)).toEqual([]);
    expect(logs.text()).not.toContain('forged');
    expect(logs.lines.filter((l) => l.msg === 'bet frame refused').length, 'a sampled debug line, not one per frame').toBeLessThanOrEqual(2);
  });

  it('rate-limited flood of new bets (5/s, burst 10): only the 10 real decisions are audited, the rest refused RATE_LIMITED and counted, closed 4500', async () => {
    const logs = capturingLogger('info');
    const node = await harness.node({ MT: core.url }, { betRatePerSec: 5, betBurst: 10, maxProtocolErrors: 20 }, logs.log);
    const player = await harness.player(node, 'player-greedy');
    for (let i = 0; i < 2_000; i++) sendBet(player, key('greedy'));
    expect(await player.closed).toBe(CloseCode.PROTOCOL_VIOLATION);
    // The bets forwarded before the close are still decided and audited.
    await waitUntil(async () => (await metricValue(node.metrics.betDecisions, { outcome: 'accepted' })) === 10, 10_000, 'the 10 forwarded bets to be decided');
    expect(audits(logs.lines)).toHaveLength(await metricValue(node.metrics.betDecisions));
    expect(await metricValue(node.metrics.betFramesRefused, { reason: 'rate_limited' })).toBeGreaterThan(0);
    expect(audits(logs.lines).every((l) => typeof l.key === 'string' && /^greedy-\d+-\d+$/.test(l.key as string))).toBe(true);
  });

  it('token expiry at each bet: one ms before exp + tolerance ACCEPTED; at it REJECTED TOKEN_EXPIRED, nothing forwarded (a known key neither), no audit line, counted, no error-budget charge', async () => {
    const logs = capturingLogger('info');
    let wall: number | null = null;
    const clock = { monotonicMs: () => performance.now(), wallMs: () => wall ?? Date.now() };
    const node = await harness.node({ MT: core.url }, { authClockToleranceSec: 5 }, logs.log, { betClock: clock });
    const token = await harness.tokens.hs256('player-expiring', 'MT', { expiresIn: '60s' });
    const expiresAtMs = (decodeJwt(token).exp! + 5) * 1_000;
    const player = await harness.player(node, 'player-expiring', 'MT', 'ev-bet', token);

    wall = expiresAtMs - 1;
    const k = key('expiring');
    const first = await placeBet(player, k);
    expect(first.outcome).toBe(BetOutcome.BET_OUTCOME_ACCEPTED);
    const before = await core.stats();
    const auditsBefore = audits(logs.lines).length;

    wall = expiresAtMs;
    expect(await placeBet(player, key('expired'))).toMatchObject({ outcome: BetOutcome.BET_OUTCOME_REJECTED, reason: RejectReason.REJECT_REASON_TOKEN_EXPIRED });
    expect(await placeBet(player, k), 'a resend of a forwarded key too').toMatchObject({ outcome: BetOutcome.BET_OUTCOME_REJECTED, reason: RejectReason.REJECT_REASON_TOKEN_EXPIRED });
    expect(await core.stats()).toMatchObject({ requests: before.requests, lookups: before.lookups });
    expect(audits(logs.lines)).toHaveLength(auditsBefore);
    expect(await metricValue(node.metrics.betFramesRefused, { reason: 'token_expired' })).toBe(2);
    expect(player.closeCode, 'refusals of an expired token are not protocol errors (the edge closes the session with 4003)').toBeUndefined();
  });
});
