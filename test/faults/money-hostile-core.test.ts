import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { OddsNode } from '../../src/main.js';
import { BetOutcome } from '../../src/protocol/wire.js';
import { BetHarness, Bystander, capturingLogger, metricValue, placeBet, betResult, sendBet } from '../helpers/bet-harness.js';
import { update } from '../helpers/feeds.js';
import { HostileCore, type HostileAnswer } from '../helpers/hostile-core.js';
import type { OddsClient } from '../helpers/odds-client.js';
import { waitUntil } from '../helpers/ports.js';

const ACCEPTED = { outcome: 'accepted', betId: 'HOSTILE-1', acceptedPrice: 2_000 };
const json = (body: unknown, status?: number): HostileAnswer => ({ kind: 'json', body, status });
const ACCEPTED_BODY = JSON.stringify(ACCEPTED);

/** Each field of the contract wrong in turn, and every way an HTTP answer can go wrong; with the problem the edge must name. */
const HOSTILE_CASES: Array<[string, HostileAnswer, string]> = [
  ['betId an array', json({ ...ACCEPTED, betId: ['MT-1', 'MT-2'] }), 'contract'],
  ['betId an object', json({ ...ACCEPTED, betId: { id: 'MT-1' } }), 'contract'],
  ['betId a number', json({ ...ACCEPTED, betId: 12_345 }), 'contract'],
  ['betId empty', json({ ...ACCEPTED, betId: '' }), 'contract'],
  ['betId of 10,000 characters', json({ ...ACCEPTED, betId: 'x'.repeat(10_000) }), 'contract'],
  ['betId with a newline', json({ ...ACCEPTED, betId: 'MT-1\nforged' }), 'contract'],
  ['accepted without betId', json({ outcome: 'accepted', acceptedPrice: 2_000 }), 'contract'],
  ['accepted without acceptedPrice', json({ outcome: 'accepted', betId: 'MT-1' }), 'contract'],
  ['acceptedPrice -1', json({ ...ACCEPTED, acceptedPrice: -1 }), 'contract'],
  ['acceptedPrice 0', json({ ...ACCEPTED, acceptedPrice: 0 }), 'contract'],
  ['acceptedPrice 1000 (evens floor)', json({ ...ACCEPTED, acceptedPrice: 1_000 }), 'contract'],
  ['acceptedPrice a float', json({ ...ACCEPTED, acceptedPrice: 2_000.5 }), 'contract'],
  ['acceptedPrice a string', json({ ...ACCEPTED, acceptedPrice: '2000' }), 'contract'],
  ['acceptedPrice 2^32', json({ ...ACCEPTED, acceptedPrice: 2 ** 32 }), 'contract'],
  ['acceptedPrice null', json({ ...ACCEPTED, acceptedPrice: null }), 'contract'],
  ['currentPrice on an accepted bet', json({ ...ACCEPTED, currentPrice: 2_100 }), 'contract'],
  ['outcome unknown ("won")', json({ ...ACCEPTED, outcome: 'won' }), 'contract'],
  ['outcome missing', json({ betId: 'MT-1', acceptedPrice: 2_000 }), 'contract'],
  ['reason unknown', json({ outcome: 'rejected', reason: 'because' }), 'contract'],
  ['rejected without reason', json({ outcome: 'rejected' }), 'contract'],
  ['currentPrice with market_suspended', json({ outcome: 'rejected', reason: 'market_suspended', currentPrice: 2_100 }), 'contract'],
  ['currentPrice -1 with price_changed', json({ outcome: 'rejected', reason: 'price_changed', currentPrice: -1 }), 'contract'],
  ['an unknown extra field', json({ ...ACCEPTED, bonus: true }), 'contract'],
  ['coreLatencyMs a string', json({ ...ACCEPTED, coreLatencyMs: 'fast' }), 'contract'],
  ['a JSON array', json([ACCEPTED]), 'contract'],
  ['JSON null', json(null), 'contract'],
  ['not JSON', { kind: 'raw', body: 'accepted, trust me' }, 'not_json'],
  ['JSON cut short', { kind: 'raw', body: ACCEPTED_BODY.slice(0, 20) }, 'not_json'],
  ['a 100 MB body with its content-length', { kind: 'huge', bytes: 100 * 1024 * 1024, declared: true }, 'too_large'],
  ['a 100 MB chunked body', { kind: 'huge', bytes: 100 * 1024 * 1024, declared: false }, 'too_large'],
  ['a body trickling one byte every 50 ms', { kind: 'trickle', body: ACCEPTED_BODY, everyMs: 50 }, 'timeout'],
  ['a connection reset in the middle of the body', { kind: 'reset-mid-body', body: ACCEPTED_BODY }, 'truncated'],
  ['HTTP 500', json({ error: 'boom' }, 500), 'http_status'],
  ['HTTP 503', json({ error: 'down' }, 503), 'http_status'],
  ['HTTP 200 with an HTML error page', { kind: 'raw', body: '<html>502 Bad Gateway</html>' }, 'not_json'],
  ['a hang (headers never come)', { kind: 'hang' }, 'timeout'],
];
const HOSTILE = HOSTILE_CASES.map(([name, answer, problem]) => ({ name, answer, problem }));

/**
 * A core that breaks the contract in every way, for the POST of a bet and
 * for the GET poll of a pending one. Pass criterion of every case: the node
 * survives and keeps serving (a valid answer afterwards is ACCEPTED, no
 * unhandled rejection), the player gets UNKNOWN (never a wrong ACCEPTED),
 * coreAnswersInvalid{core,problem} counts it, and a bystander keeps
 * receiving odds in sequence with bounded latency.
 */
describe('a hostile core', () => {
  let harness: BetHarness;
  let core: HostileCore;
  let node: OddsNode;
  let bystander: Bystander;
  let player: OddsClient;
  let logs: ReturnType<typeof capturingLogger>;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  let keySeq = 0;

  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled);
    harness = await BetHarness.create();
    core = await HostileCore.start();
    await harness.feed.publish(update('ev-bet', 'winner', 2_000));
    logs = capturingLogger('info');
    node = await harness.node(
      { MT: core.url },
      // This file tests answers, not the breaker (it never opens here); budgets a loaded machine keeps.
      { betBudgetMs: 2_000, coreAbandonAfterMs: 300, pendingPollMs: 250, pendingMaxWaitMs: 10_000, breakerMinimumCalls: 1_000_000 },
      logs.log,
    );
    bystander = await Bystander.start(harness, node);
    player = await harness.player(node, 'player-hostile');
  });
  afterEach(() => {
    expect(unhandled).toEqual([]);
    core.post = { kind: 'json', body: ACCEPTED };
    core.get = { kind: 'json', body: { outcome: 'pending' } };
  });
  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    await bystander?.stop();
    await core?.stop();
    await harness?.stop();
  });

  const invalid = (problem: string) => metricValue(node.metrics.coreAnswersInvalid, { core: 'MT', problem });

  /** The node still serves: a valid answer reaches the player as ACCEPTED. */
  async function stillServes(): Promise<void> {
    core.post = { kind: 'json', body: ACCEPTED };
    const ok = await placeBet(player, `still-ok-${++keySeq}`);
    expect(ok).toMatchObject({ outcome: BetOutcome.BET_OUTCOME_ACCEPTED, betId: 'HOSTILE-1', acceptedPrice: 2_000 });
  }

  it('control: a valid answer is ACCEPTED with the core\'s bet id and price', async () => {
    await stillServes();
  });

  it.each(HOSTILE)('POST answered with $name: player gets UNKNOWN, node keeps serving, coreAnswersInvalid{problem=$problem} +1', async ({ answer, problem }) => {
    const before = await invalid(problem);
    core.post = answer;
    const r = await placeBet(player, `hostile-post-${++keySeq}`);
    expect(r.outcome, r.message).toBe(BetOutcome.BET_OUTCOME_UNKNOWN);
    expect(r.betId).toBe('');
    expect(r.acceptedPrice).toBe(0);
    // A hang or a trickle is counted when the call is abandoned (deadline + coreAbandonAfterMs).
    await waitUntil(async () => (await invalid(problem)) === before + 1, 5_000, `coreAnswersInvalid{problem=${problem}} to count it`);
    await stillServes();
  });

  it.each(HOSTILE)('pending bet polled with $name: player gets PENDING then UNKNOWN, node keeps serving, coreAnswersInvalid{problem=$problem} +1', async ({ answer, problem }) => {
    const before = await invalid(problem);
    core.post = { kind: 'json', body: { outcome: 'pending' } };
    core.get = answer;
    const key = `hostile-poll-${++keySeq}`;
    sendBet(player, key);
    expect((await betResult(player, key, 1)).outcome).toBe(BetOutcome.BET_OUTCOME_PENDING);
    const final = await betResult(player, key, 2);
    expect(final.outcome).toBe(BetOutcome.BET_OUTCOME_UNKNOWN);
    expect(final.betId).toBe('');
    await waitUntil(async () => (await invalid(problem)) === before + 1, 5_000, `coreAnswersInvalid{problem=${problem}} to count it`);
    await stillServes();
  });

  it('a 100 MB body is not read: the core could write only a bounded part of it before the edge hung up', async () => {
    core.hugeBytesWritten = 0;
    const rssBefore = process.memoryUsage().rss;
    core.post = { kind: 'huge', bytes: 100 * 1024 * 1024, declared: false };
    expect((await placeBet(player, `hostile-huge-${++keySeq}`)).outcome).toBe(BetOutcome.BET_OUTCOME_UNKNOWN);
    await new Promise((r) => setTimeout(r, 200)); // let the core notice the hang-up
    expect(core.hugeBytesWritten, 'bytes the core got out (socket buffers included)').toBeLessThan(32 * 1024 * 1024);
    expect(process.memoryUsage().rss - rssBefore, 'RSS growth').toBeLessThan(64 * 1024 * 1024);
  });

  it('an invalid answer is an error line naming the core and the problem, without player id or token', async () => {
    await new Promise((r) => setTimeout(r, 1_100)); // past the sampler's once-a-second window for this problem
    logs.lines.length = 0;
    core.post = json({ ...ACCEPTED, betId: ['x'] });
    expect((await placeBet(player, `hostile-logged-${++keySeq}`)).outcome).toBe(BetOutcome.BET_OUTCOME_UNKNOWN);
    const line = logs.lines.find((l) => l.msg === 'core answer broke the contract');
    expect(line).toMatchObject({ level: 50, core: 'MT', problem: 'contract', code: 'OG_CORE_ANSWER_INVALID' });
    expect(JSON.stringify(logs.lines)).not.toContain('player-hostile');
  });

  it('the bystander received odds in sequence throughout, p99 latency under 1 s; no log line ever held the player id', async () => {
    const p99 = await bystander.finish();
    console.log(`hostile core: bystander p99 ${p99} ms over ${bystander.latencies.length} updates`);
    expect(p99).toBeLessThan(1_000);
    expect(logs.text()).not.toContain('player-hostile');
    expect(logs.text()).not.toContain('bearer');
  });
});
