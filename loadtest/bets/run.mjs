#!/usr/bin/env node
// npm run bench:breaker (formerly bench:bets) [-- --quick] [-- --core-workers N | --fast-cores] — bet placement under load, measured, not asserted.
//
// One Redis, the odds simulator, the reference cores of two jurisdictions
// (MT, DE: each N core-sim processes behind one port, sharing one Redis
// store: loadtest/bets/core-cluster.mjs) and one edge node, each its own
// process, on loopback. A load generator process drives closed-loop bet
// traffic at 100, 1,000 and 5,000 bets/s from many authenticated connections
// while odds flow, with the cores answering in 5-15 ms; then once with the
// cores slower than the budget; then at 1,000/s through a core outage (every
// core process stopped with SIGSTOP: calls hang, the worst case for a breaker)
// and its recovery (SIGCONT). Client-side round trips come from the load
// generator; edge-added latency (edge time minus core time), budget
// violations and breaker refusals from the edge's own audit lines; the
// breaker's open/close times from its transition log lines.
import { spawn, execFileSync } from 'node:child_process';
import { request } from 'node:http';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus } from 'node:os';
import { createInterface } from 'node:readline';
import * as hdr from 'hdr-histogram-js';

const quick = process.argv.includes('--quick');
const flag = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const DURATION_MS = quick ? 5_000 : 15_000;
/** core-sim processes per jurisdiction (one decides a few hundred bets/s on this kind of machine). */
const CORE_WORKERS = Number(flag('core-workers', '3'));
/** --fast-cores: one fast-core.mjs per jurisdiction (accepts everything, no Redis) instead of core-sim: the edge alone. */
const FAST_CORES = process.argv.includes('--fast-cores');
const BUDGET_MS = 30;
const SECRET = 'bench-secret-bench-secret-bench-secret!!';
const EVENTS = Array.from({ length: 20 }, (_, i) => `match-${i + 1}`);
const PHASES = [
  { name: 'warm-up (not reported)', rate: 200, connections: 100, latency: [5, 15], warmUp: true },
  { name: '100/s, core 5-15 ms', rate: 100, connections: 100, latency: [5, 15] },
  { name: '1,000/s, core 5-15 ms', rate: 1_000, connections: 400, latency: [5, 15] },
  { name: '5,000/s, core 5-15 ms', rate: 5_000, connections: 1_000, latency: [5, 15] },
  { name: '1,000/s, core 40-60 ms (over budget)', rate: 1_000, connections: 400, latency: [40, 60] },
  // Every core process hangs (SIGSTOP) 3 s in, and resumes (SIGCONT) 4 s later.
  { name: '1,000/s, cores hang 3 s in, resume 4 s later', rate: 1_000, connections: 400, latency: [5, 15], durationMs: 12_000, outage: { afterMs: 3_000, forMs: 4_000 } },
];
const BREAKER_OPEN_MS = 2_000; // the edge's default breakerOpenMs
const CLI = 'dist/src/cli/oddsgate.js';
const children = [];

function freePort() {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function start(cmd, args, env = {}) {
  // Its own process group: a signal to -pid reaches the child and its workers.
  const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'], detached: true });
  children.push(child);
  return child;
}

/** One HTTP exchange on a new connection (a cluster hands each new connection to the next worker). */
function exchange(url, method, body) {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, agent: false, headers: { 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve(JSON.parse(text)));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Sets the latency of every worker behind `url`, and checks each of them took it. */
async function setLatency(url, [minMs, maxMs]) {
  for (let attempt = 0; attempt < 10; attempt++) {
    const workers = FAST_CORES ? 1 : CORE_WORKERS;
    for (let i = 0; i < workers * 2; i++) await exchange(`${url}/admin/faults`, 'POST', JSON.stringify({ latency: { minMs, maxMs } }));
    const seen = await Promise.all(Array.from({ length: workers * 3 }, () => exchange(`${url}/admin/faults`, 'GET')));
    if (seen.every((f) => f.latency.minMs === minMs && f.latency.maxMs === maxMs)) return;
  }
  throw new Error(`could not set latency ${minMs}-${maxMs} ms on every worker of ${url}`);
}

async function waitHttp(url, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await fetch(url).then((r) => r.ok, () => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not come up`);
}

/** The pids of a process group (the cluster primary and its workers). */
function groupPids(pgid) {
  return execFileSync('ps', ['-o', 'pid=', '-g', String(pgid)], { encoding: 'utf8' }).split('\n').map((l) => Number(l.trim())).filter(Boolean);
}

function cpuTicks(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime + stime, clock ticks (100/s)
}

function cleanup() {
  for (const c of children) {
    if (c.exitCode !== null) continue;
    try {
      process.kill(-c.pid, 'SIGCONT'); // a stopped group would not die
      process.kill(-c.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}
process.on('exit', cleanup);
process.on('SIGINT', () => process.exit(130));

let loadBefore = '';

async function main() {
  loadBefore = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  execFileSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
  const redisPort = await freePort();
  start('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--logfile', '']);
  const redisUrl = `redis://127.0.0.1:${redisPort}`;
  await new Promise((r) => setTimeout(r, 300));
  const shared = { ODDSGATE_REDIS_SHARDS: `a=${redisUrl}`, ODDSGATE_LOG_LEVEL: 'warn' };

  start('node', [CLI, 'simulate', '--events', String(EVENTS.length), '--markets', '4', '--rate', '200', '--goal-chance', '0.002', '--seed', '7', '--duration-sec', '3600'], shared);
  const cores = {};
  const coreGroups = [];
  for (const jurisdiction of ['MT', 'DE']) {
    const port = await freePort();
    const command = FAST_CORES
      ? ['loadtest/bets/fast-core.mjs', '--port', String(port), '--latency-min-ms', '5', '--latency-max-ms', '15']
      : ['loadtest/bets/core-cluster.mjs', String(CORE_WORKERS), '--jurisdiction', jurisdiction, '--core-port', String(port), '--latency-min-ms', '5', '--latency-max-ms', '15'];
    coreGroups.push(start('node', command, shared).pid);
    cores[jurisdiction] = `http://127.0.0.1:${port}`;
    await waitHttp(`${cores[jurisdiction]}/healthz`);
  }
  const corePids = () => coreGroups.flatMap((group) => groupPids(group));
  const edgePort = await freePort();
  const edge = start('node', [CLI, 'serve', '--port', String(edgePort), '--host', '127.0.0.1'], {
    ...shared,
    ODDSGATE_LOG_LEVEL: 'info',
    ODDSGATE_CORES: Object.entries(cores).map(([j, u]) => `${j}=${u}`).join(','),
    ODDSGATE_AUTH_HS256_SECRET: SECRET,
    ODDSGATE_BET_BUDGET_MS: String(BUDGET_MS),
    ODDSGATE_BET_RATE_PER_SEC: '1000',
    ODDSGATE_BET_BURST: '1000',
    ODDSGATE_AUDIT_HASH_KEY: 'bench',
    // Thousands of load-generator sockets from one loopback address: no per-source limits.
    ODDSGATE_MAX_CONNECTIONS_PER_SOURCE: '0',
    ODDSGATE_UPGRADE_RATE_PER_SOURCE: '0',
  });
  await waitHttp(`http://127.0.0.1:${edgePort}/healthz`);

  // The edge's audit lines, into the current phase's histograms.
  let phase = null;
  createInterface({ input: edge.stdout }).on('line', (line) => {
    if (phase && line.includes('core circuit breaker changed state')) {
      const t = JSON.parse(line);
      phase.transitions.push({ core: t.core, state: t.state, at: Date.parse(t.time) });
      return;
    }
    if (!phase || !line.includes('"audit":"bet"')) return;
    const a = JSON.parse(line);
    const total = a.edgeLatencyMs + (a.coreLatencyMs ?? 0);
    // An unknown outcome has no core time to subtract: its whole time is the budget, not edge work.
    if (a.outcome !== 'BET_OUTCOME_UNKNOWN') phase.edgeAdded.recordValue(Math.max(1, Math.round(a.edgeLatencyMs * 1000)));
    if (total > BUDGET_MS) {
      phase.violations++;
      // The target's condition: the core answered within 20 ms, so any overrun is the edge's own.
      if (a.coreLatencyMs !== null && a.coreLatencyMs <= 20) phase.edgeViolations++;
    }
    if (a.outcome === 'BET_OUTCOME_UNKNOWN') {
      phase.unknown++;
      if (total <= BUDGET_MS + 2) phase.unknownInTime++;
    }
    if (a.reason === 'REJECT_REASON_CORE_UNAVAILABLE') phase.breakerOpen++;
  });

  const rows = [];
  const breakerRows = [];
  for (const p of PHASES) {
    for (const url of Object.values(cores)) await setLatency(url, p.latency);
    await new Promise((r) => setTimeout(r, BREAKER_OPEN_MS + 500)); // a breaker opened by the previous phase gets its probes
    phase = { edgeAdded: hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: 3 }), violations: 0, edgeViolations: 0, unknown: 0, unknownInTime: 0, breakerOpen: 0, transitions: [] };
    const cpuPids = corePids();
    const edgeCpu0 = cpuTicks(edge.pid);
    const coreCpu0 = cpuPids.reduce((sum, pid) => sum + cpuTicks(pid), 0);
    const t0 = Date.now();
    const durationMs = p.durationMs ?? DURATION_MS;
    const gen = start('node', ['loadtest/bets/loadgen.mjs', String(edgePort), String(p.rate), String(durationMs), String(p.connections), SECRET, EVENTS.join(','), 'MT,DE']);
    let out = '';
    gen.stdout.on('data', (d) => (out += d));
    let outage;
    if (p.outage) {
      // The load generator connects its clients first (~0.5 s plus connection time): count from its first bet.
      await new Promise((r) => setTimeout(r, p.outage.afterMs + 1_000));
      outage = { startedAt: Date.now() };
      for (const group of coreGroups) process.kill(-group, 'SIGSTOP');
      await new Promise((r) => setTimeout(r, p.outage.forMs));
      outage.recoveredAt = Date.now();
      for (const group of coreGroups) process.kill(-group, 'SIGCONT');
    }
    await new Promise((r) => gen.once('exit', r));
    const edgeCpuPct = ((cpuTicks(edge.pid) - edgeCpu0) * 10 * 100) / (Date.now() - t0);
    const coreCpuPct = ((cpuPids.reduce((sum, pid) => sum + cpuTicks(pid), 0) - coreCpu0) * 10 * 100) / (Date.now() - t0);
    await new Promise((r) => setTimeout(r, 300));
    const g = JSON.parse(out.trim().split('\n').pop());
    const q = (x) => phase.edgeAdded.getValueAtPercentile(x) / 1000;
    rows.push({
      phase: p.name,
      targetPerSec: p.rate,
      achievedPerSec: Math.round(g.achievedPerSec),
      outcomes: g.outcomes,
      reasons: g.reasons,
      roundTripMs: g.roundTripMs,
      edgeAddedMs: { p50: q(50), p99: q(99) },
      budgetViolations: phase.violations,
      violationsWithCoreWithin20ms: phase.edgeViolations,
      unknown: phase.unknown,
      unknownWithinBudgetPlus2ms: phase.unknownInTime,
      breakerOpenAnswers: phase.breakerOpen,
      breakerTransitions: phase.transitions.length,
      edgeCpuPct: Math.round(edgeCpuPct),
      coresCpuPct: Math.round(coreCpuPct),
      loadgenCpuPct: Math.round(g.loadgenCpuPct),
    });
    if (outage) {
      for (const core of Object.keys(cores)) {
        const mine = phase.transitions.filter((t) => t.core === core);
        const opened = mine.find((t) => t.state === 'open' && t.at >= outage.startedAt);
        const closed = mine.find((t) => t.state === 'closed' && t.at >= outage.recoveredAt);
        breakerRows.push({
          core,
          openedAfterMs: opened ? opened.at - outage.startedAt : null,
          closedAfterRecoveryMs: closed ? closed.at - outage.recoveredAt : null,
          transitions: mine.map((t) => `${t.state}@${t.at - outage.startedAt}`).join(' '),
        });
      }
    }
    phase = null;
    if (p.warmUp) rows.pop();
  }

  const f = (n) => (typeof n === 'number' ? n.toFixed(2) : String(n));
  const coreKind = FAST_CORES ? 'fast cores (loadtest/bets/fast-core.mjs, no decisions)' : `${CORE_WORKERS} core-sim processes per jurisdiction`;
  console.log(`\nbench:breaker — budget ${BUDGET_MS} ms, ${DURATION_MS / 1000} s per phase, ${coreKind}, loopback, ${cpus().length} cores shared by every process, load average before: ${loadBefore}\n`);
  console.log('| phase | bets/s | RTT p50 | RTT p99 | RTT p99.9 | edge-added p50 | edge-added p99 | budget violations (core ≤ 20 ms) | unknown (in budget+2ms) | breaker-open answers | edge CPU | cores CPU | loadgen CPU |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(
      `| ${r.phase} | ${r.achievedPerSec} | ${f(r.roundTripMs.p50)} | ${f(r.roundTripMs.p99)} | ${f(r.roundTripMs.p999)} | ${f(r.edgeAddedMs.p50)} | ${f(r.edgeAddedMs.p99)} | ${r.budgetViolations} (${r.violationsWithCoreWithin20ms}) | ${r.unknown} (${r.unknownWithinBudgetPlus2ms}) | ${r.breakerOpenAnswers} | ${r.edgeCpuPct}% | ${r.coresCpuPct}% | ${r.loadgenCpuPct}% |`,
    );
  }
  console.log('\n(ms; RTT measured by the load generator, edge-added = edge time minus core time from the edge\'s audit lines)');
  for (const r of rows) console.log(`${r.phase}: outcomes ${JSON.stringify(r.outcomes)} reasons ${JSON.stringify(r.reasons)}`);
  console.log(`\nBreaker through the outage (targets: open within 1,000 ms of the outage, closed within one open interval, ${BREAKER_OPEN_MS} ms, of the recovery):`);
  console.log('| core | opened after outage began | closed after recovery | transitions (state@ms from outage start) |');
  console.log('|---|---|---|---|');
  for (const b of breakerRows) console.log(`| ${b.core} | ${b.openedAfterMs ?? 'never'} ms | ${b.closedAfterRecoveryMs ?? 'never'} ms | ${b.transitions} |`);
  const healthy = rows.filter((r) => r.phase.includes('core 5-15 ms'));
  console.log(`\nBreaker refusals (CORE_UNAVAILABLE) with healthy cores: ${healthy.map((r) => `${r.phase}: ${r.breakerOpenAnswers}`).join('; ')}`);
  mkdirSync('loadtest/results', { recursive: true });
  const file = `loadtest/results/bets-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
  writeFileSync(file, JSON.stringify({ budgetMs: BUDGET_MS, durationMs: DURATION_MS, cores: coreKind, loadBefore, rows, breaker: breakerRows }, null, 2));
  console.log(`\nresults: ${file}`);
}

main()
  .then(() => process.exit(0))
  .catch((err) => {
    console.error(err);
    process.exit(1);
  });
