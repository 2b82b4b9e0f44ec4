// npm run bench:drain [-- --clients 10000] [-- --quick]
//
// Draining a node holding 10,000 clients under odds and bet traffic, two ways
// side by side in one run, each on a fresh fleet:
//   paced   the product's drain (SIGTERM): Drain frames in waves over
//           drainWindowMs (30 s), each client reconnecting at its moment to the
//           successor its frame names, resuming and resending open bets;
//   naive   what a drain without pacing does (SIGINT, the node stopping at
//           once): every socket closed with 1001 together, and the same
//           clients reconnecting at once (route lookup, same backoff).
// Everything real and on loopback: three Redis shards, three `oddsgate serve`
// nodes (edge-a drained; edge-b and edge-c hold bystanders on every event),
// `oddsgate simulate`, a reference core per jurisdiction, and the clients in
// several processes (MovingClient: the test suite's drain-following client),
// each on its own 127.0.0.x source address.
//
// Measured, not asserted: time to empty, peak reconnects/s on the
// successors, publish-to-client p99 on the successors before vs during the
// drain, updates lost, bets lost or doubled; printed as a table and written
// to loadtest/results/drain-<time>.json with the targets checked.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import type * as hdr from 'hdr-histogram-js';
import { ClientFleet, type ClientSpec } from '../../test/helpers/client-fleet.js';
import { betProblems, clientProblems, peakInWindow } from '../../test/helpers/drain-checks.js';
import { EdgeFleet } from '../../test/helpers/edge-fleet.js';
import { AUDIENCE, HS_SECRET, ISSUER, TokenFactory } from '../../test/helpers/tokens.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const quick = process.argv.includes('--quick');
const CLIENTS = arg('clients', quick ? 4_000 : 10_000);
const BYSTANDERS = arg('bystanders', quick ? 500 : 1_000); // per successor
const EVENTS = 100;
const RATE = arg('rate', 100); // odds updates/s over all events
const BETTORS = arg('bettors', 100);
const WINDOW_MS = arg('window-ms', quick ? 10_000 : 30_000);
const WAVE_MS = 250; // drainWaveMs, the default
const BEFORE_MS = arg('before-ms', quick ? 5_000 : 10_000);
// The drained node's clients in processes of their own; the bystanders, which measure the successors'
// fan-out, in one more that does no moving work (a busy mover process would delay its own readings).
const PROCESSES = arg('processes', Math.max(4, Math.ceil(CLIENTS / 2_500)));
const JURISDICTIONS = ['MT', 'DE', 'BR', 'NJ'];
const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

const cpuTicks = (pid: number) => {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return Number(f[11]) + Number(f[12]);
  } catch {
    return 0;
  }
};
/** Busy CPU ticks of the whole machine (/proc/stat: everything but idle and iowait). */
const machineTicks = () => {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  return f.reduce((a, b) => a + b, 0) - f[3] - f[4];
};
/** Busy CPU ticks of this process and every process it started, at any depth, by pid. */
const benchTicks = (): Map<number, number> => {
  const parent = new Map<number, number>();
  const busy = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const f = readFileSync(`/proc/${name}/stat`, 'utf8').split(') ')[1].split(' ');
      parent.set(Number(name), Number(f[1]));
      busy.set(Number(name), Number(f[11]) + Number(f[12]));
    } catch {
      // gone meanwhile
    }
  }
  const ours = new Map<number, number>();
  for (const [pid, ticks] of busy) {
    for (let p: number | undefined = pid; p !== undefined && p > 1; p = parent.get(p)) {
      if (p === process.pid) {
        ours.set(pid, ticks);
        break;
      }
    }
  }
  return ours;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const p99 = (h: hdr.Histogram | undefined) => (h && h.totalCount > 0 ? h.getValueAtPercentile(99) / 1000 : Number.NaN);
const p50 = (h: hdr.Histogram | undefined) => (h && h.totalCount > 0 ? h.getValueAtPercentile(50) / 1000 : Number.NaN);

interface ModeResult {
  mode: 'paced' | 'naive';
  clients: number;
  /** ms from the drain's start until the drained node had no connection left (its summary; naive: until it exited). */
  nodeEmptyMs: number;
  /** ms from the drain's start until the last client had its new connection open. */
  allBackMs: number;
  /** Paced: the last reconnect moment a Drain frame named, ms after the drain's start. */
  lastMomentMs: number;
  /** Most new connections to the successors opened (accepted) in one second. */
  peakReconnectsPerSec: number;
  /** Most new connections to the successors started (arriving) in one second. */
  peakOfferedPerSec: number;
  p50BeforeMs: number;
  p99BeforeMs: number;
  p50DuringMs: number;
  p99DuringMs: number;
  /** Every client on a successor during the drain, moved ones included (measured in the busy mover processes). */
  p99DuringAllMs: number;
  /** Clients that did not hold the last update of their event at the end. */
  updatesLost: number;
  replaces: number;
  violations: number;
  betsPlaced: number;
  betsLostOrDoubled: number;
  betsResent: number;
  coreCreated: number;
  refusedAttempts: number;
  generatorCpuPct: { before: number; during: number };
  /** CPU used by processes outside the bench meanwhile (% of a core): a shared machine disturbs the numbers. */
  otherCpuPct: number;
  loadAverage: number;
  nodesCpuPct: Record<string, { before: number; during: number }>;
  summary: Record<string, unknown> | undefined;
}

async function runMode(mode: 'paced' | 'naive', tokens: TokenFactory): Promise<ModeResult> {
  log(`\n[${mode}] starting three nodes, ${JURISDICTIONS.length} cores, the simulator`);
  const fleet = await EdgeFleet.create({
    jurisdictions: JURISDICTIONS,
    env: {
      ODDSGATE_DRAIN_WINDOW_MS: String(WINDOW_MS),
      ODDSGATE_DRAIN_WAVE_MS: String(WAVE_MS),
      ODDSGATE_AUTH_HS256_SECRET: HS_SECRET,
      ODDSGATE_AUTH_ISSUER: ISSUER,
      ODDSGATE_AUTH_AUDIENCE: AUDIENCE,
      ODDSGATE_AUDIT_HASH_KEY: 'bench-drain',
      ODDSGATE_BET_BUDGET_MS: '1000',
      ODDSGATE_BET_RATE_PER_SEC: '100',
      ODDSGATE_BET_BURST: '100',
      ODDSGATE_LOG_LEVEL: 'warn',
    },
  });
  let clients: ClientFleet | undefined;
  try {
    const ids = ['edge-a', 'edge-b', 'edge-c'];
    await Promise.all(ids.map((id) => fleet.startNode(id, { ODDSGATE_LOG_LEVEL: id === 'edge-a' ? 'info' : 'warn' })));
    await fleet.waitForRing(ids);
    const events = await fleet.simulate({ events: EVENTS, markets: 4, rate: RATE });
    clients = await ClientFleet.start(PROCESSES + 1, { kind: 'lookup', nodes: ids.map((id) => fleet.node(id).httpUrl) });

    const specs: ClientSpec[] = [];
    const place = (i: number) => (i < CLIENTS ? i % PROCESSES : PROCESSES);
    const address = (i: number) => `127.0.0.${2 + place(i)}`; // a source address per client process
    for (let i = 0; i < CLIENTS; i++) {
      const bettor = i < BETTORS;
      specs.push({
        sid: `${mode}-c${i}`,
        url: fleet.node('edge-a').wsUrl,
        eventId: events[i % EVENTS],
        token: bettor ? await tokens.hs256(`player-${i}`, JURISDICTIONS[i % JURISDICTIONS.length]) : undefined,
        localAddress: '',
      });
    }
    for (const node of ['edge-b', 'edge-c']) {
      for (let i = 0; i < BYSTANDERS; i++) specs.push({ sid: `${mode}-${node}-b${i}`, url: fleet.node(node).wsUrl, eventId: events[i % EVENTS], localAddress: '' });
    }
    specs.forEach((s, i) => (s.localAddress = address(i)));
    log(`[${mode}] connecting ${CLIENTS} clients to edge-a (${PROCESSES} client processes) and ${BYSTANDERS} bystanders to each of edge-b, edge-c (one more)`);
    const t0 = Date.now();
    await clients.connect(specs, 100, (_, i) => place(i));
    log(`[${mode}] connected in ${((Date.now() - t0) / 1000).toFixed(1)} s; edge-a holds ${(await fleet.node('edge-a').status())?.connections}`);
    await clients.bets({ everyMs: 1_000 });
    await sleep(3_000);

    // CPU of the nodes and the load generator, sampled every 500 ms (a process that exits keeps its last sample).
    const pids: Record<string, number[]> = { ...Object.fromEntries(ids.map((id) => [id, [fleet.node(id).child.pid!]])), generator: clients.pids };
    const ticks: Record<string, Map<number, number>> = Object.fromEntries(Object.keys(pids).map((k) => [k, new Map<number, number>()]));
    const sample = () => {
      for (const [k, list] of Object.entries(pids)) for (const pid of list) {
        const t = cpuTicks(pid);
        if (t > 0) ticks[k].set(pid, t);
      }
    };
    const total = (k: string) => [...ticks[k].values()].reduce((a, b) => a + b, 0);
    sample();
    const cpuBefore = Object.fromEntries(Object.keys(pids).map((k) => [k, total(k)]));
    // The machine is shared: what other processes used meanwhile says how far to trust the numbers.
    let benchBusy = 0;
    const benchLast = benchTicks();
    const machineBefore = machineTicks();
    const sampleBench = () => {
      for (const [pid, ticks] of benchTicks()) {
        benchBusy += ticks - (benchLast.get(pid) ?? 0); // a process started meanwhile counts from 0
        benchLast.set(pid, ticks);
      }
    };
    const sampler = setInterval(() => {
      sample();
      sampleBench();
    }, 500);
    const measureFrom = Date.now();

    await clients.phase('before');
    log(`[${mode}] measuring fan-out for ${BEFORE_MS / 1000} s before the drain`);
    await sleep(BEFORE_MS);
    await clients.phase('during');
    sample();
    const cpuAtDrain = Object.fromEntries(Object.keys(pids).map((k) => [k, total(k)]));
    const drainAt = Date.now();
    const a = fleet.node('edge-a');
    log(`[${mode}] ${mode === 'paced' ? 'SIGTERM: paced drain' : 'SIGINT: every socket closed with 1001 at once'} of edge-a`);
    a.signal(mode === 'paced' ? 'SIGTERM' : 'SIGINT');
    await Promise.race([a.exited, sleep(WINDOW_MS + 60_000)]);
    const nodeEmptyAt = Date.now();
    // Every moved client back on a socket, every bet answered.
    const settled = await clients.settle(60_000);
    if (!settled.settled) log(`[${mode}] not settled: ${JSON.stringify(settled.detail).slice(0, 500)}`);
    await clients.phase('after');
    const duringMs = Date.now() - drainAt;
    sample();
    sampleBench();
    clearInterval(sampler);
    const elapsedMs = Date.now() - measureFrom;
    const otherCpuPct = Math.round(((Math.max(0, machineTicks() - machineBefore - benchBusy) / CLK_TCK) * 1000 * 100) / elapsedMs);
    const pct = (ticks: number, ms: number) => Math.round(((ticks / CLK_TCK) * 1000 * 100) / ms);
    // Before the drain and during it (SIGTERM until settled), separately: what the drain itself costs.
    const cpuPct = (k: string) => ({ before: pct(cpuAtDrain[k] - cpuBefore[k], drainAt - measureFrom), during: pct(total(k) - cpuAtDrain[k], duringMs) });

    await clients.bets(null);
    const settledBets = await clients.settle(60_000);
    if (!settledBets.settled) log(`[${mode}] bets not settled: ${JSON.stringify(settledBets.detail).slice(0, 500)}`);
    await fleet.stopSimulating();
    const last = await fleet.eventSeqs(events);
    const reached = await clients.reach(last, 60_000);

    const report = await clients.report();
    const moves = report.clients.flatMap((c) => c.moves.filter((m) => m.dueAt >= drainAt));
    const summary = a.summary();
    // Fan-out on the successors as their bystanders saw it (their own process), and as every client on them did.
    const successorHist = (phase: string, from: Map<string, hdr.Histogram>) => {
      let merged: hdr.Histogram | undefined;
      for (const [key, h] of from) {
        const [p, node] = key.split('|');
        if (p !== phase || (node !== 'edge-b' && node !== 'edge-c')) continue;
        if (!merged) merged = h;
        else merged.add(h);
      }
      return merged;
    };
    const bystanders = report.latencyByProcess[PROCESSES];
    const before = successorHist('before', bystanders);
    const during = successorHist('during', bystanders);
    const duringAll = successorHist('during', report.latency);
    const behind = reached.reached ? 0 : (reached.detail as Array<{ behind: number }>).reduce((n, d) => n + d.behind, 0);
    const stats = await fleet.coreStats();
    const result: ModeResult = {
      mode,
      clients: CLIENTS,
      nodeEmptyMs: mode === 'paced' ? Number(summary?.durationMs ?? nodeEmptyAt - drainAt) : nodeEmptyAt - drainAt,
      allBackMs: Math.max(0, ...moves.map((m) => m.openedAt)) - drainAt,
      lastMomentMs: mode === 'paced' ? Math.max(0, ...moves.map((m) => m.dueAt)) - drainAt : 0,
      peakReconnectsPerSec: peakInWindow(moves.map((m) => m.openedAt)),
      peakOfferedPerSec: peakInWindow(moves.map((m) => m.startedAt)),
      p50BeforeMs: p50(before),
      p99BeforeMs: p99(before),
      p50DuringMs: p50(during),
      p99DuringMs: p99(during),
      p99DuringAllMs: p99(duringAll),
      updatesLost: behind,
      replaces: report.clients.reduce((n, c) => n + c.replacements.length, 0),
      violations: report.clients.reduce((n, c) => n + c.violations.length, 0),
      betsPlaced: report.bets.length,
      betsLostOrDoubled: betProblems(report.bets).length + Math.abs(stats.created - report.bets.length),
      betsResent: report.bets.reduce((n, b) => n + b.sends - 1, 0),
      coreCreated: stats.created,
      refusedAttempts: moves.reduce((n, m) => n + m.attempts - 1, 0),
      generatorCpuPct: cpuPct('generator'),
      otherCpuPct,
      loadAverage: loadavg()[0],
      nodesCpuPct: Object.fromEntries(ids.map((id) => [id, cpuPct(id)])),
      summary,
    };
    log(`[${mode}] ${moves.length} moves, drain phase ${(duringMs / 1000).toFixed(1)} s; ${JSON.stringify({ ...result, summary: undefined })}`);
    const problems = [...clientProblems(report.clients), ...betProblems(report.bets)];
    if (problems.length > 0) log(`[${mode}] problems (first 5): ${problems.slice(0, 5).join('; ')}`);
    return result;
  } finally {
    await clients?.stop();
    await fleet.stop();
  }
}

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function main(): Promise<void> {
  execFileSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
  const tokens = await TokenFactory.create();
  const startLoad = loadavg()[0];
  log(`bench:drain — ${CLIENTS} clients on the drained node, ${BYSTANDERS} bystanders on each successor, ${RATE} updates/s over ${EVENTS} events (1 event per client), ${BETTORS} bettors at ~1 bet/s, drainWindowMs ${WINDOW_MS}; ${cpus().length} cores, load average ${startLoad.toFixed(2)} at start`);
  const paced = await runMode('paced', tokens);
  const naive = await runMode('naive', tokens);

  const f = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : 'n/a');
  const rows: Array<[string, (r: ModeResult) => string]> = [
    ['clients on the drained node', (r) => String(r.clients)],
    ['last reconnect moment named (s)', (r) => (r.mode === 'paced' ? f(r.lastMomentMs / 1000) : 'at once')],
    ['node empty after (s)', (r) => f(r.nodeEmptyMs / 1000)],
    ['all clients back after (s)', (r) => f(r.allBackMs / 1000)],
    ['peak reconnects/s arriving at the successors (started by clients)', (r) => String(r.peakOfferedPerSec)],
    ['peak reconnects/s accepted by the successors (opened)', (r) => String(r.peakReconnectsPerSec)],
    ['refused reconnect attempts', (r) => String(r.refusedAttempts)],
    ['successors fan-out p50 before / during, bystanders (ms)', (r) => `${f(r.p50BeforeMs)} / ${f(r.p50DuringMs)}`],
    ['successors fan-out p99 before / during, bystanders (ms)', (r) => `${f(r.p99BeforeMs)} / ${f(r.p99DuringMs)}`],
    ['successors fan-out p99 during, every client on them (ms)', (r) => f(r.p99DuringAllMs)],
    ['updates lost (clients short of the last update)', (r) => String(r.updatesLost)],
    ['sequence violations (a gap or a repeat)', (r) => String(r.violations)],
    ['REPLACE snapshots (resumes that did not continue)', (r) => String(r.replaces)],
    ['bets placed / created at the cores', (r) => `${r.betsPlaced} / ${r.coreCreated}`],
    ['bets lost or doubled', (r) => String(r.betsLostOrDoubled)],
    ['bet resends (same key)', (r) => String(r.betsResent)],
    ['load generator CPU before / during (% of a core, all processes)', (r) => `${r.generatorCpuPct.before} / ${r.generatorCpuPct.during}`],
    ['drained node CPU before / during (%)', (r) => `${r.nodesCpuPct['edge-a'].before} / ${r.nodesCpuPct['edge-a'].during}`],
    ['successors CPU before / during (% each, b; c)', (r) => `${r.nodesCpuPct['edge-b'].before} / ${r.nodesCpuPct['edge-b'].during}; ${r.nodesCpuPct['edge-c'].before} / ${r.nodesCpuPct['edge-c'].during}`],
    ['CPU used outside the bench meanwhile (% of a core)', (r) => String(r.otherCpuPct)],
  ];
  log(`\n| | paced drain (oddsgate) | naive (close all with 1001) |\n|---|---|---|`);
  for (const [name, cell] of rows) log(`| ${name} | ${cell(paced)} | ${cell(naive)} |`);

  const targets = {
    // The last wave's reconnect moments end at the window; its clients need a moment to connect elsewhere.
    emptyWithinWindow: paced.nodeEmptyMs <= WINDOW_MS + WAVE_MS,
    zeroUpdatesLost: paced.updatesLost === 0 && paced.violations === 0,
    zeroBetsLostOrDoubled: paced.betsLostOrDoubled === 0,
    p99DuringWithin2xBefore: paced.p99DuringMs <= 2 * paced.p99BeforeMs,
    peakAtMostFifthOfNaive: paced.peakOfferedPerSec * 5 <= naive.peakOfferedPerSec,
  };
  log(`\ntargets (paced drain; empty within the window + one ${WAVE_MS} ms wave for its last clients to connect): ${Object.entries(targets).map(([k, ok]) => `${ok ? 'met' : 'MISSED'} ${k}`).join(', ')}`);
  log(`(peak reconnect rates: arrivals are what the drain decides; acceptances are capped by how fast the successors complete handshakes on this machine, and a naive storm queues behind that cap: see its p99)`);
  mkdirSync('loadtest/results', { recursive: true });
  const file = `loadtest/results/drain-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
  writeFileSync(file, JSON.stringify({ settings: { CLIENTS, BYSTANDERS, EVENTS, RATE, BETTORS, WINDOW_MS, WAVE_MS, BEFORE_MS, PROCESSES, loadAverageAtStart: startLoad }, paced, naive, targets }, null, 2));
  log(`results: ${file}`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
