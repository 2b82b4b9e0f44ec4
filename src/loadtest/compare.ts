import type { LoadtestResult } from './result.js';

/** A figure both runs have, and which direction is better. */
interface Row {
  name: string;
  value: (r: LoadtestResult) => number | null;
  lowerIsBetter: boolean;
}

const ROWS: Row[] = [
  { name: 'fan-out p50 (ms)', value: (r) => r.totals.fanout.p50, lowerIsBetter: true },
  { name: 'fan-out p99 (ms)', value: (r) => r.totals.fanout.p99, lowerIsBetter: true },
  { name: 'fan-out p99.9 (ms)', value: (r) => r.totals.fanout.p999, lowerIsBetter: true },
  { name: 'bet p50 (ms)', value: (r) => r.totals.bet.p50, lowerIsBetter: true },
  { name: 'bet p99 (ms)', value: (r) => r.totals.bet.p99, lowerIsBetter: true },
  { name: 'time to connect p99 (ms)', value: (r) => r.totals.connect.p99, lowerIsBetter: true },
  { name: 'peak clients', value: (r) => r.totals.clients.peak, lowerIsBetter: false },
  { name: 'connect success (%)', value: (r) => r.totals.clients.successPct, lowerIsBetter: false },
  { name: 'updates received', value: (r) => r.totals.updates.received, lowerIsBetter: false },
  { name: 'updates lost', value: (r) => r.totals.updates.lost, lowerIsBetter: true },
  { name: 'updates duplicated', value: (r) => r.totals.updates.duplicated, lowerIsBetter: true },
  { name: 'bets placed', value: (r) => r.totals.bets.placed, lowerIsBetter: false },
  { name: 'bets lost + doubled', value: (r) => r.totals.bets.lost + r.totals.bets.doubled, lowerIsBetter: true },
  { name: 'bets without decision (%)', value: (r) => r.totals.bets.failurePct, lowerIsBetter: true },
  { name: 'budget violations', value: (r) => r.totals.budgetViolations, lowerIsBetter: true },
  { name: 'server CPU mean (%)', value: (r) => r.totals.server.cpuPctMean, lowerIsBetter: true },
  { name: 'server RSS at end (MB)', value: (r) => r.totals.server.rssMbLast, lowerIsBetter: true },
  { name: 'event-loop p99 max (ms)', value: (r) => r.totals.server.eventLoopP99MsMax, lowerIsBetter: true },
  { name: 'RSS growth after warm-up (%)', value: (r) => r.totals.drift?.rssGrowthPct ?? null, lowerIsBetter: true },
  { name: 'p99 drift after warm-up (%)', value: (r) => r.totals.drift?.p99DriftPct ?? null, lowerIsBetter: true },
  { name: 'driver CPU max (%)', value: (r) => r.totals.driverCpuPctMax, lowerIsBetter: true },
];

/** Worse by more than this share (and by more than a rounding's worth) is flagged a regression. */
const REGRESSION = 0.1;

export interface ComparedRow {
  name: string;
  a: number | null;
  b: number | null;
  change: string;
  regression: boolean;
}

export function compareRows(a: LoadtestResult, b: LoadtestResult): ComparedRow[] {
  return ROWS.map((row) => {
    const va = row.value(a);
    const vb = row.value(b);
    if (va === null || vb === null) return { name: row.name, a: va, b: vb, change: '-', regression: false };
    const delta = vb - va;
    const worse = row.lowerIsBetter ? delta > 0 : delta < 0;
    const relative = va === 0 ? (vb === 0 ? 0 : Infinity) : Math.abs(delta) / Math.abs(va);
    const change = va === 0 ? (vb === 0 ? '=' : `${delta > 0 ? '+' : ''}${round(delta)}`) : `${delta >= 0 ? '+' : ''}${(((vb - va) / Math.abs(va)) * 100).toFixed(1)}%`;
    return { name: row.name, a: va, b: vb, change, regression: worse && relative > REGRESSION && Math.abs(delta) >= 0.05 };
  });
}

const round = (v: number) => (Math.abs(v) >= 100 ? Math.round(v).toLocaleString('en-US') : String(Math.round(v * 100) / 100));

/** `oddsgate loadtest compare`: the figures side by side, regressions marked, then the SLO verdicts of each. */
export function compareTable(a: LoadtestResult, b: LoadtestResult): string {
  const rows = compareRows(a, b);
  const w = Math.max(...rows.map((r) => r.name.length));
  const cell = (v: number | null) => (v === null ? '-' : round(v)).padStart(12);
  const out = [`a: ${a.profile.name} ${a.startedAt}`, `b: ${b.profile.name} ${b.startedAt}`, '', `  ${''.padEnd(w)}  ${'a'.padStart(12)}  ${'b'.padStart(12)}  change`];
  for (const r of rows) out.push(`${r.regression ? '▲ ' : '  '}${r.name.padEnd(w)}  ${cell(r.a)}  ${cell(r.b)}  ${r.change}${r.regression ? '  REGRESSION' : ''}`);
  out.push('', 'SLOs   a       b');
  const names = [...new Set([...a.slo, ...b.slo].map((v) => v.name))];
  const verdict = (r: LoadtestResult, name: string) => {
    const v = r.slo.find((s) => s.name === name);
    return v ? (v.ok ? 'met   ' : 'MISSED') : '-     ';
  };
  for (const name of names) out.push(`  ${verdict(a, name)}  ${verdict(b, name)}  ${name}`);
  const regressions = rows.filter((r) => r.regression).length;
  out.push('', regressions === 0 ? 'no regression beyond 10%' : `${regressions} figure(s) worse by more than 10% (▲)`);
  return out.join('\n');
}
