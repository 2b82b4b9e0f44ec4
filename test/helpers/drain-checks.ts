import { BetOutcome, RejectReason } from '../../src/protocol/wire.js';
import type { BetRecord, ClientReport } from './client-fleet-protocol.js';

/** The most events in any window of `windowMs` (sliding, anchored at each event). */
export function peakInWindow(times: number[], windowMs = 1_000): number {
  const sorted = [...times].sort((a, b) => a - b);
  let peak = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i] - sorted[j] >= windowMs) j++;
    peak = Math.max(peak, i - j + 1);
  }
  return peak;
}

/** What went wrong with bets, in words (empty: every key has one final decision, taken by the core). */
export function betProblems(bets: BetRecord[], expect: { outcome: BetOutcome } = { outcome: BetOutcome.BET_OUTCOME_ACCEPTED }): string[] {
  const problems: string[] = [];
  const keys = new Set<string>();
  for (const b of bets) {
    if (keys.has(b.key)) problems.push(`key ${b.key} placed twice`);
    keys.add(b.key);
    if (!b.final) problems.push(`${b.key}: no final answer (answers ${b.outcomes.map((o) => BetOutcome[o]).join(', ') || 'none'}, sent ${b.sends}x)`);
    else if (b.final.outcome !== expect.outcome) problems.push(`${b.key}: ${BetOutcome[b.final.outcome]} ${RejectReason[b.final.reason]}`);
  }
  return problems;
}

/** Every client's own checks: the invariant on every frame, no contradicting bet answers, no close it could not follow. */
export function clientProblems(clients: ClientReport[]): string[] {
  const problems: string[] = [];
  for (const c of clients) {
    for (const v of c.violations) problems.push(`${c.sid}: ${v}`);
    for (const v of c.conflicts) problems.push(`${c.sid}: conflicting answers ${v}`);
    if (c.unexpectedCloses.length > 0) problems.push(`${c.sid}: closed ${c.unexpectedCloses.join(', ')}`);
    if (!c.connected) problems.push(`${c.sid}: not connected at the end`);
  }
  return problems;
}

/** Where a pacing problem comes from, per 500 ms from t0: reconnect moments named, Drain frames received, connections started and opened. */
export function moveTimeline(moves: Array<{ dueAt: number; drainAt: number; startedAt: number; openedAt: number }>, t0: number): string {
  const bucket = (t: number) => Math.floor((t - t0) / 500);
  const rows: Record<string, number[]> = { due: [], drain: [], start: [], open: [] };
  for (const m of moves) {
    for (const [k, t] of [['due', m.dueAt], ['drain', m.drainAt], ['start', m.startedAt], ['open', m.openedAt]] as const) {
      const b = bucket(t);
      rows[k][b] = (rows[k][b] ?? 0) + 1;
    }
  }
  const width = Math.max(...Object.values(rows).map((r) => r.length));
  return Object.entries(rows)
    .map(([k, r]) => `${k.padEnd(5)} ${Array.from({ length: width }, (_, i) => String(r[i] ?? 0).padStart(4)).join('')}`)
    .join('\n');
}
