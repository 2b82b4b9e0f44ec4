import type { Percentiles } from './histograms.js';
import type { LoadtestResult } from './result.js';

const ms = (v: number | null) => (v === null ? '-' : v.toFixed(1));
const n = (v: number | null) => (v === null ? '-' : Math.round(v).toLocaleString('en-US'));
const pct = (v: number | null) => (v === null ? '-' : `${v >= 0 ? '+' : ''}${v.toFixed(1)}%`);
const lat = (p: Percentiles) => `${ms(p.p50)} / ${ms(p.p99)} / ${ms(p.p999)} / ${ms(p.max)}`;

/** Rows of [label, value] as an aligned two-column table. */
export function table(rows: Array<[string, string]>): string {
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`).join('\n');
}

/** The end-of-run summary: per phase, totals, HTTP, and the SLO verdicts naming what was missed. */
export function summary(r: LoadtestResult): string {
  const t = r.totals;
  const out: string[] = [];
  out.push(`\nloadtest ${r.profile.name}: ${r.durationSec} s${r.interrupted ? ' (interrupted)' : ''}, ${r.machine.cores} cores, load average ${r.machine.loadAverageBefore.map((x) => x.toFixed(1)).join(' ')} before, ${r.machine.loadAverageAfter.map((x) => x.toFixed(1)).join(' ')} after`);
  out.push('\nper phase (ms: p50 / p99 / p99.9 / max)');
  const width = Math.max(5, ...r.phases.map((p) => p.name.length));
  out.push(`  ${'phase'.padEnd(width)}  ${'fan-out'.padEnd(28)}  bet round trip`);
  for (const p of r.phases) out.push(`  ${p.name.padEnd(width)}  ${lat(p.fanout).padEnd(28)}  ${lat(p.bet)}`);
  out.push('\ntotals');
  out.push(
    table([
      ['fan-out latency (ms, p50/p99/p99.9/max)', `${lat(t.fanout)}  (${n(t.fanout.count)} updates)`],
      ['bet round trip (ms)', `${lat(t.bet)}  (${n(t.bet.count)} answers)`],
      ['conflated subscriptions, fan-out (ms)', `${lat(t.conflatedFanout)}  (${n(t.conflatedFanout.count)} updates; not in the fan-out SLO)`],
      ['time to connect (ms)', lat(t.connect)],
      ['clients: peak / opened / gave up', `${n(t.clients.peak)} / ${n(t.clients.opened)} / ${n(t.clients.gaveUp)}  (success ${t.clients.successPct.toFixed(3)}%)`],
      ['reconnects / churned / drain moves', `${n(t.clients.reconnects)} / ${n(t.clients.churned)} / ${n(t.clients.drainMoves)}`],
      ['updates: received / lost / duplicated', `${n(t.updates.received)} / ${n(t.updates.lost)} / ${n(t.updates.duplicated)}  (REPLACE snapshots ${n(t.updates.replaces)}, error frames ${n(t.updates.errorFrames)})`],
      ['bets: placed / accepted / rejected / undecided', `${n(t.bets.placed)} / ${n(t.bets.accepted)} / ${n(t.bets.rejected)} / ${n(t.bets.undecided)}  (decided only after resends ${n(t.bets.decidedAfterResend ?? 0)})`],
      ['bets: lost / doubled (vs the cores)', `${n(t.bets.lost)} / ${n(t.bets.doubled)}  (${n(t.bets.checkedAtCore)} accepted checked at the core, ${n(t.bets.missingAtCore)} missing; core records ${n(t.bets.coreCreated)})`],
      ['bet answers by kind', Object.entries(t.outcomes).map(([k, v]) => `${k} ${v}`).join(', ') || '-'],
      ['budget violations (nodes)', n(t.budgetViolations)],
      ['server CPU mean / RSS first→last / loop p99 max', `${n(t.server.cpuPctMean)}% / ${n(t.server.rssMbFirst)}→${n(t.server.rssMbLast)} MB / ${ms(t.server.eventLoopP99MsMax)} ms`],
      ['driver CPU mean / max (% of a core)', `${n(t.driverCpuPctMean)}% / ${n(t.driverCpuPctMax)}%  (${r.driver.clientProcesses} native process(es); bets: ${r.driver.bettorConnections ? r.driver.bets : 'none'})`],
    ]),
  );
  if (t.drift) out.push(`  after warm-up (from ${t.drift.fromSec} s): nodes' RSS ${pct(t.drift.rssGrowthPct)}, fan-out p99 ${pct(t.drift.p99DriftPct)} (median per-second p99, last tenth against first)`);
  if (t.updates.firstError) out.push(`  first error seen by a client: ${t.updates.firstError}`);
  const saturated = t.driverCpuPctMax / r.driver.clientProcesses > 90;
  if (saturated) out.push('  WARNING: the driver used more than 90% of a core per process at some point: latency then is partly the driver\'s');
  if (r.http.length > 0) {
    out.push('\nHTTP under load (autocannon; ms p50 / p99 / max)');
    for (const h of r.http) out.push(`  ${h.target.padEnd(7)} at ${h.atSec} s for ${h.durationSec} s: ${n(h.requestsPerSec)} req/s, ${h.latencyMs.p50} / ${h.latencyMs.p99} / ${h.latencyMs.max}, ${h.non2xx} non-2xx, ${h.errors} errors (${h.url})`);
  }
  if (r.actions.length > 0) out.push('\nactions', ...r.actions.map((a) => `  ${a.atSec} s: ${a.what}`));
  out.push('\nSLOs');
  for (const v of r.slo) out.push(`  ${v.ok ? 'met   ' : 'MISSED'}  ${v.name}: ${v.target}, was ${v.actual}`);
  const missed = r.slo.filter((v) => !v.ok);
  out.push(r.interrupted ? '\nresult: INTERRUPTED (no verdict)' : missed.length === 0 ? '\nresult: PASS' : `\nresult: FAIL (${missed.map((v) => v.name).join(', ')})`);
  return out.join('\n');
}
