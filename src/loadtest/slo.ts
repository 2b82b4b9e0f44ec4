import type { Slo } from './profile.js';
import type { LoadtestResult, SloVerdict } from './result.js';

const ms = (v: number | null) => (v === null ? 'no samples' : `${v.toFixed(1)} ms`);

/** The profile's SLOs against the run's totals: one verdict each, in the profile's order of fields. */
export function sloVerdicts(slo: Slo, totals: LoadtestResult['totals']): SloVerdict[] {
  const out: SloVerdict[] = [];
  // A latency SLO with no samples is missed: a run that delivered nothing has not shown the budget holds.
  const latency = (name: string, bound: number | undefined, p99: number | null) => {
    if (bound !== undefined) out.push({ name, target: `p99 ≤ ${bound} ms`, actual: ms(p99), ok: p99 !== null && p99 <= bound });
  };
  const count = (name: string, bound: number | undefined, actual: number) => {
    if (bound !== undefined) out.push({ name, target: `≤ ${bound}`, actual: String(actual), ok: actual <= bound });
  };
  latency('fan-out latency', slo.fanoutP99Ms, totals.fanout.p99);
  latency('bet round trip', slo.betP99Ms, totals.bet.p99);
  count('lost updates', slo.lostUpdates, totals.updates.lost);
  count('lost or doubled bets', slo.lostOrDoubledBets, totals.bets.lost + totals.bets.doubled);
  if (slo.connectSuccessPct !== undefined) {
    const pct = totals.clients.successPct;
    out.push({ name: 'connect success', target: `≥ ${slo.connectSuccessPct}%`, actual: `${pct.toFixed(3)}%`, ok: pct >= slo.connectSuccessPct });
  }
  if (slo.betFailurePct !== undefined) {
    const pct = totals.bets.failurePct;
    out.push({ name: 'bets without a decision (UNKNOWN, CORE_UNAVAILABLE)', target: `≤ ${slo.betFailurePct}%`, actual: `${pct.toFixed(2)}%`, ok: pct <= slo.betFailurePct });
  }
  return out;
}
