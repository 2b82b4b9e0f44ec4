import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { LoadtestResult } from './result.js';
import { compareRows } from './compare.js';

const require = createRequire(import.meta.url);

/** uPlot's script and stylesheet, read from node_modules when the report is written: the report opens offline. */
function chartLibrary(): { script: string; css: string } {
  const dir = require.resolve('uplot').replace(/dist\/uPlot\.[^/]+$/, 'dist/');
  return { script: readFileSync(`${dir}uPlot.iife.min.js`, 'utf8'), css: readFileSync(`${dir}uPlot.min.css`, 'utf8') };
}

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
const num = (v: number | null | undefined, d = 1) => (v === null || v === undefined ? '-' : v.toFixed(d));
/** JSON safe inside a <script> element. */
const scriptJson = (v: unknown) => JSON.stringify(v).replace(/</g, '\\u003c');

function sloTable(r: LoadtestResult): string {
  const rows = r.slo.map((v) => `<tr class="${v.ok ? 'ok' : 'bad'}"><td>${v.ok ? 'met' : 'MISSED'}</td><td>${esc(v.name)}</td><td>${esc(v.target)}</td><td>${esc(v.actual)}</td></tr>`).join('');
  return `<table><tr><th></th><th>SLO</th><th>target</th><th>this run</th></tr>${rows}</table>`;
}

function phaseTable(r: LoadtestResult): string {
  const rows = r.phases
    .map((p) => `<tr><td>${esc(p.name)}</td><td>${p.startSec}-${p.endSec} s</td><td>${num(p.fanout.p50)}</td><td>${num(p.fanout.p99)}</td><td>${num(p.fanout.p999)}</td><td>${num(p.bet.p50)}</td><td>${num(p.bet.p99)}</td><td>${p.fanout.count}</td><td>${p.bet.count}</td></tr>`)
    .join('');
  return `<table><tr><th>phase</th><th>time</th><th>fan-out p50</th><th>p99</th><th>p99.9</th><th>bet p50</th><th>p99</th><th>updates</th><th>bets</th></tr>${rows}</table>`;
}

function outcomes(r: LoadtestResult): string {
  const entries = Object.entries(r.totals.outcomes).sort((a, b) => b[1] - a[1]);
  const max = Math.max(1, ...entries.map(([, v]) => v));
  const rows = entries.map(([k, v]) => `<tr><td>${esc(k)}</td><td class="n">${v}</td><td><div class="bar${k === 'ACCEPTED' ? '' : ' other'}" style="width:${(v / max) * 300}px"></div></td></tr>`).join('');
  const b = r.totals.bets;
  return `<table>${rows || '<tr><td>no bets</td></tr>'}</table><p>placed ${b.placed}, accepted ${b.accepted}, rejected ${b.rejected} (decided only after resends ${b.decidedAfterResend ?? 0}), undecided ${b.undecided}; lost ${b.lost}, doubled ${b.doubled} (${b.checkedAtCore} accepted bets checked at the core, ${b.missingAtCore} missing; core records ${b.coreCreated ?? '-'}); budget violations ${r.totals.budgetViolations ?? '-'}</p>`;
}

function totalsTable(r: LoadtestResult): string {
  const t = r.totals;
  const rows: Array<[string, string]> = [
    ['fan-out ms p50 / p99 / p99.9 / max', `${num(t.fanout.p50)} / ${num(t.fanout.p99)} / ${num(t.fanout.p999)} / ${num(t.fanout.max)} (${t.fanout.count} updates)`],
    ['bet round trip ms p50 / p99 / max', `${num(t.bet.p50)} / ${num(t.bet.p99)} / ${num(t.bet.max)} (${t.bet.count})`],
    ['conflated subscriptions, fan-out ms p50 / p99', `${num(t.conflatedFanout.p50)} / ${num(t.conflatedFanout.p99)} (${t.conflatedFanout.count} updates)`],
    ['time to connect ms p50 / p99', `${num(t.connect.p50)} / ${num(t.connect.p99)}`],
    ['clients peak / opened / gave up / success', `${t.clients.peak} / ${t.clients.opened} / ${t.clients.gaveUp} / ${t.clients.successPct.toFixed(3)}%`],
    ['reconnects / churned / drain moves', `${t.clients.reconnects} / ${t.clients.churned} / ${t.clients.drainMoves}`],
    ['updates received / lost / duplicated / REPLACE', `${t.updates.received} / ${t.updates.lost} / ${t.updates.duplicated} / ${t.updates.replaces}`],
    ['server CPU mean, RSS first → last, loop p99 max', `${num(t.server.cpuPctMean, 0)}%, ${num(t.server.rssMbFirst, 0)} → ${num(t.server.rssMbLast, 0)} MB, ${num(t.server.eventLoopP99MsMax)} ms`],
    ['after warm-up: RSS growth, fan-out p99 drift', t.drift ? `${num(t.drift.rssGrowthPct)}%, ${num(t.drift.p99DriftPct)}% (from ${t.drift.fromSec} s)` : '-'],
    ['driver CPU mean / max', `${num(t.driverCpuPctMean, 0)}% / ${num(t.driverCpuPctMax, 0)}% (${r.driver.clientProcesses} native processes; bets: ${r.driver.bets})`],
  ];
  return `<table>${rows.map(([k, v]) => `<tr><td>${esc(k)}</td><td>${esc(v)}</td></tr>`).join('')}</table>`;
}

function httpTable(r: LoadtestResult): string {
  if (r.http.length === 0) return '<p>none in this profile</p>';
  const rows = r.http.map((h) => `<tr><td>${h.target}</td><td>${esc(h.url)}</td><td>${h.atSec}+${h.durationSec} s</td><td>${h.requestsPerSec}</td><td>${h.latencyMs.p50}</td><td>${h.latencyMs.p99}</td><td>${h.latencyMs.max}</td><td>${h.non2xx}</td><td>${h.errors}</td></tr>`).join('');
  return `<table><tr><th>target</th><th>url</th><th>when</th><th>req/s</th><th>p50 ms</th><th>p99 ms</th><th>max</th><th>non-2xx</th><th>errors</th></tr>${rows}</table>`;
}

function compareSection(a: LoadtestResult, b: LoadtestResult): string {
  const rows = compareRows(a, b)
    .map((r) => `<tr class="${r.regression ? 'bad' : ''}"><td>${r.regression ? '▲' : ''}</td><td>${esc(r.name)}</td><td class="n">${num(r.a, 2)}</td><td class="n">${num(r.b, 2)}</td><td>${esc(r.change)}</td></tr>`)
    .join('');
  return `<h2>a against b</h2><table><tr><th></th><th>figure</th><th>a</th><th>b</th><th>change</th></tr>${rows}</table><p>▲: b worse than a by more than 10%.</p>`;
}

/**
 * The self-contained HTML report of one run, or of two runs compared (series
 * of both on each chart): latency percentiles over time with phases and
 * actions marked, connections and rates over time, server and driver CPU,
 * bet outcomes, and the SLO verdicts. uPlot is inlined: no network needed.
 */
export function htmlReport(runs: LoadtestResult[]): string {
  const lib = chartLibrary();
  const title = runs.length === 1 ? `loadtest ${runs[0].profile.name} — ${runs[0].startedAt}` : `loadtest compare — ${runs.map((r) => `${r.profile.name} ${r.startedAt}`).join(' vs ')}`;
  const label = (i: number) => (runs.length === 1 ? '' : i === 0 ? 'a ' : 'b ');
  const sections = runs
    .map(
      (r, i) => `<section><h2>${label(i)}${esc(r.profile.name)} ${r.passed ? '<span class="ok">PASS</span>' : r.interrupted ? '<span class="bad">INTERRUPTED</span>' : '<span class="bad">FAIL</span>'}</h2>
<p>${esc(r.profile.description)}</p>
<p>${r.startedAt}, ${r.durationSec} s; ${r.machine.cores} cores, load average ${r.machine.loadAverageBefore.map((x) => x.toFixed(1)).join(' ')} before; targets ${esc(r.targets.join(', '))}</p>
<h3>SLO verdicts</h3>${sloTable(r)}
<h3>Per phase (ms)</h3>${phaseTable(r)}
<h3>Totals</h3>${totalsTable(r)}
<h3>Bet outcomes</h3>${outcomes(r)}
<h3>HTTP under load (autocannon)</h3>${httpTable(r)}
<h3>Actions</h3><p>${r.actions.map((a) => `${a.atSec} s: ${esc(a.what)}`).join('<br>') || 'none'}</p></section>`,
    )
    .join('');
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>${lib.css}
body{font:14px system-ui,sans-serif;margin:24px;color:#222}h1{font-size:20px}h2{font-size:17px;margin-top:28px}h3{font-size:15px}
table{border-collapse:collapse;margin:6px 0}td,th{border:1px solid #ddd;padding:3px 8px;text-align:left}td.n{text-align:right}
.ok{color:#176b2c;font-weight:600}.bad{color:#b00020;font-weight:600}tr.bad td{background:#fde8ea}tr.ok td:first-child{color:#176b2c}
.bar{height:12px;background:#2f7ed8}.bar.other{background:#e0772f}.chart{margin:12px 0}.legend-note{color:#666;font-size:12px}</style>
</head><body><h1>${esc(title)}</h1>
<p class="legend-note">Dashed grey lines: phase starts (named at the top); red lines: actions. Latency is per 1 s bucket.</p>
<div id="charts"></div>
${runs.length === 2 ? compareSection(runs[0], runs[1]) : ''}
${sections}
<script>${lib.script}</script>
<script>
const runs = ${scriptJson(runs.map((r) => ({ timeline: r.timeline, phases: r.phases, actions: r.actions, name: r.profile.name })))};
const tag = (i) => runs.length === 1 ? '' : (i === 0 ? 'a ' : 'b ');
const maxT = Math.max(1, ...runs.flatMap((r) => r.timeline.map((p) => Math.round(p.t))));
const xs = Array.from({ length: maxT + 1 }, (_, i) => i);
const column = (r, key) => { const c = new Array(xs.length).fill(null); for (const p of r.timeline) c[Math.round(p.t)] = p[key]; return c; };
const colors = ['#2f7ed8', '#e0772f', '#8bbc21', '#910000', '#1aadce', '#492970', '#f28f43', '#77a1e5'];
function marks(u) {
  const ctx = u.ctx, top = u.bbox.top, h = u.bbox.height;
  ctx.save(); ctx.font = '11px sans-serif';
  runs.forEach((r) => {
    for (const p of r.phases) { const x = u.valToPos(p.startSec, 'x', true); ctx.strokeStyle = '#999'; ctx.setLineDash([4, 4]); ctx.beginPath(); ctx.moveTo(x, top); ctx.lineTo(x, top + h); ctx.stroke(); ctx.fillStyle = '#555'; ctx.fillText(p.name, x + 3, top + 12); }
    for (const a of r.actions) { const x = u.valToPos(a.atSec, 'x', true); ctx.strokeStyle = '#d00'; ctx.setLineDash([]); ctx.beginPath(); ctx.moveTo(x, top); ctx.lineTo(x, top + h); ctx.stroke(); ctx.fillStyle = '#d00'; ctx.fillText(a.what.split(' (')[0], x + 3, top + h - 6); }
  });
  ctx.restore();
}
function chart(title, keys, unit) {
  const series = [{ label: 't (s)' }];
  const data = [xs];
  let c = 0;
  runs.forEach((r, i) => { for (const [key, name] of keys) { series.push({ label: tag(i) + name, stroke: colors[c++ % colors.length], width: 1.5, dash: i === 1 ? [6, 3] : undefined, spanGaps: false }); data.push(column(r, key)); } });
  const el = document.createElement('div'); el.className = 'chart'; document.getElementById('charts').appendChild(el);
  new uPlot({ title, width: Math.min(1200, window.innerWidth - 60), height: 260, series, scales: { x: { time: false } }, axes: [{ label: 'seconds since the start' }, { label: unit }], hooks: { draw: [marks] } }, data, el);
}
chart('Latency percentiles over time (1 s buckets)', [['fanoutP50Ms', 'fan-out p50'], ['fanoutP99Ms', 'fan-out p99'], ['betP50Ms', 'bet p50'], ['betP99Ms', 'bet p99']], 'ms');
chart('Connections', [['clients', 'clients subscribed'], ['connecting', 'connecting']], 'clients');
chart('Rates', [['deliveriesPerSec', 'deliveries/s'], ['publishedPerSec', 'odds published/s'], ['betsPerSec', 'bets/s'], ['reconnectsPerSec', 'reconnects/s']], 'per second');
chart('CPU: nodes (from their /metrics) and the load generator itself', [['serverCpuPct', 'nodes CPU'], ['driverCpuPct', 'driver CPU']], '% of one core');
chart('Nodes: memory and event-loop delay', [['serverRssMb', 'RSS (MB, all nodes)'], ['eventLoopP99Ms', 'event-loop delay p99 (ms, worst node)']], 'MB / ms');
</script></body></html>
`;
}
