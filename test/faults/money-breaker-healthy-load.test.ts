import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OddsNode } from '../../src/main.js';
import { BetHarness, Bystander, metricValue } from '../helpers/bet-harness.js';
import { update } from '../helpers/feeds.js';

const SECRET = 'healthy-load-secret-healthy-load-secret!';

/** Starts `node <args>` and resolves with the child and its first stdout line. */
function spawnNode(args: string[]): Promise<{ child: ChildProcess; firstLine: Promise<string>; exited: Promise<number | null> }> {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const firstLine = new Promise<string>((resolve) => lines.once('line', resolve));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return Promise.resolve({ child, firstLine, exited });
}

/**
 * The breaker under healthy load: 1,000 bets/s for 3 s against a healthy
 * core, default breaker settings. The load generator
 * (loadtest/bets/loadgen.mjs) and the core each run in their own process, so
 * this process holds only the node under test: one process holding all
 * three saturates at ~300 bets/s on this machine's two cores, which would
 * make the core look slow. The old breaker (10 failures among the last 20
 * calls: 20 ms of traffic at this rate) refused 20% of such bets after one
 * scheduling pause.
 */
describe('circuit breaker under healthy load', () => {
  let harness: BetHarness;
  let core: ChildProcess | undefined;
  let coreUrl = '';

  beforeAll(async () => {
    harness = await BetHarness.create();
    await harness.feed.publish(update('ev-load', 'winner', 2_000));
    const started = await spawnNode(['loadtest/bets/fast-core.mjs']);
    core = started.child;
    coreUrl = (await started.firstLine).trim();
  });
  afterAll(async () => {
    core?.kill('SIGKILL');
    await harness?.stop();
  });

  it('1,000 bets/s offered for 3 s from 200 connections, healthy core in its own process: 0 CORE_UNAVAILABLE, no breaker transition, every bet answered', async () => {
    const node: OddsNode = await harness.node(
      { MT: coreUrl },
      // The load generator's tokens carry no iss/aud. A 5 s budget: "healthy" means answering within it, and a
      // shared machine under load has shown 2.3 s round trips here (speed is bench:bets' job, at 30 ms).
      { authHs256Secret: SECRET, authIssuer: '', authAudience: '', authPublicKeyFile: '', maxConnectionsPerSource: 0, upgradeRatePerSource: 0, betBudgetMs: 5_000 },
    );
    const bystander = await Bystander.start(harness, node);
    try {
      const gen = await spawnNode(['loadtest/bets/loadgen.mjs', String(node.port), '1000', '3000', '200', SECRET, 'ev-load', 'MT']);
      const out = JSON.parse(await gen.firstLine) as { sent: number; answered: number; achievedPerSec: number; outcomes: Record<string, number>; reasons: Record<string, number> };
      await gen.exited;
      console.log(`healthy load: ${out.answered} of ${out.sent} bets answered at ${Math.round(out.achievedPerSec)}/s: ${JSON.stringify(out)}`);
      // Offered: 1,000/s. What a shared, loaded machine achieves varies (the closed loop slows with the
      // round trip: 190-1,000/s seen here); the floor only proves load was driven. bench:bets measures the rate.
      expect(out.answered, 'bets answered').toBeGreaterThan(300);
      expect(out.answered).toBe(out.sent);
      expect(out.reasons.REJECT_REASON_CORE_UNAVAILABLE ?? 0).toBe(0);
      expect(await metricValue(node.metrics.betDecisions, { reason: 'core_unavailable' })).toBe(0);
      expect(await metricValue(node.metrics.breakerTransitions, { core: 'MT' }), 'breaker transitions').toBe(0);
      await bystander.finish(10_000);
    } finally {
      await bystander.stop();
    }
  });
});
