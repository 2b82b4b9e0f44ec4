#!/usr/bin/env node
// node loadtest/mass-connect/run.mjs [--clients 50000] [--workers 4] [--seconds 300] [--rate 100]
//     [--idle-timeout-sec 120] [--events 200] [--per 2] [--root DIR] [--label NAME] [--gc-log]
//
// Does work synchronized across connections hurt latency after a mass connect?
// One node (`oddsgate serve --workers W` on a Redis shard this script spawns),
// N clients connected in one burst (the native client loadtest/native/wsload.c,
// at most 15,000 sockets per process: the open-files limit is 20,000), odds
// published at a steady rate (loadtest/fanout/publisher.mjs, oddsgate's own
// Redis publisher); then for --seconds, every second: the p99 of
// publish-to-client latency over that second, the WebSocket pings the clients
// got, and the CPU of the node, the rest of the bench and everything else.
// Prints the per-second table, the steady p99 (median of the per-second p99s),
// the worst second and its ratio to the steady p99 (issue 10's target: <= 2),
// and writes loadtest/results/mass-connect-<label>-<time>.json.
//
// --idle-timeout-sec shortens the keepalive so its effect shows sooner (uWS's
// automatic pings, before, came idleTimeoutSec minus 4-16 s after the last
// frame a client sent; the keepalive's visit every idleTimeoutSec / 2).
// --root runs another checkout's node and publisher (its dist/ must be built),
// e.g. the code before a change: git worktree add /tmp/old-edge <commit>,
// ln -s "$PWD/node_modules" /tmp/old-edge/, (cd /tmp/old-edge && npx tsc -p tsconfig.build.json).
// The clients are always this checkout's wsload.
// --gc-log preloads gc-log.cjs into the node (every worker): each second's row then says how many
// worker mark-compacts overlapped it and its longest GC pause, and the summary how many of the
// seconds above 2x the steady p99 had a mark-compact.
//
// Each wsload process connects from a source address of its own
// (127.0.0.2, .3, ...): the loopback's ephemeral ports (32768-60999) are per
// source address. The wsload driver, its build, the process groups and the
// histograms are `oddsgate loadtest`'s (src/loadtest, from this checkout's
// dist/: npm run build first).
import { fork } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const shared = (module) => import(pathToFileURL(join(HERE_ROOT, 'dist', 'src', 'loadtest', module)).href);
const [{ Processes, cpuSeconds }, { buildNativeClient, WsloadProcess, sumStats }, { latencyHistogram, recordBuckets, percentiles }, { sourceAddress }] = await Promise.all(
  ['processes.js', 'native-driver.js', 'histograms.js', 'machine-limits.js'].map(shared),
);
const PER_LOADGEN = 15_000;

const flag = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? fallback : process.argv[i + 1];
};
const opts = {
  clients: Number(flag('clients', 50_000)),
  workers: Number(flag('workers', 4)),
  seconds: Number(flag('seconds', 300)),
  rate: Number(flag('rate', 100)),
  idleTimeoutSec: Number(flag('idle-timeout-sec', 120)),
  events: Number(flag('events', 200)),
  per: Number(flag('per', 2)),
  root: resolve(flag('root', HERE_ROOT)),
  label: flag('label', 'run'),
  // The first seconds after the burst carry the connect's own backlog (upgrades, snapshots): reported apart.
  settleSeconds: Number(flag('settle-seconds', 10)),
  gcLog: process.argv.includes('--gc-log'),
};
const CLI = join(opts.root, 'dist', 'src', 'cli', 'oddsgate.js');
if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build that checkout first (npx tsc -p tsconfig.build.json)`);

const processes = new Processes(); // every child in its own process group, all killed when this process exits
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => process.exit(130));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (...a) => console.log(`[${new Date().toISOString().slice(11, 19)}]`, ...a);

function freePort() {
  return new Promise((done) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => done(port));
    });
  });
}

async function waitFor(check, timeoutMs, what) {
  for (const end = Date.now() + timeoutMs; !(await check()); await sleep(100)) if (Date.now() > end) throw new Error(`${what}: not within ${timeoutMs} ms`);
}

/** The node's primary and its workers (cluster forks from the main thread). */
const withWorkers = (pid) => [pid, ...readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number)];

/** Busy seconds of the whole machine (user, nice, system, irq, softirq; /proc/stat counts in USER_HZ, 100 on Linux). */
function machineSeconds() {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  return (f[0] + f[1] + f[2] + f[5] + f[6]) / 100;
}

const sum = async (gens) => sumStats(await Promise.all(gens.map((g) => g.ask('s'))));

/** The latency histogram since the last call (µs), merged over the processes. */
async function histogram(gens) {
  const h = latencyHistogram();
  for (const part of await Promise.all(gens.map((g) => g.ask('h')))) recordBuckets(part.buckets, h);
  return h;
}

// ---------------------------------------------------------------- run

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The node's environment: with --gc-log, gc-log.cjs preloaded, writing to a fresh directory. */
function nodeEnv(gcDir) {
  if (!gcDir) return process.env;
  const preload = `--require ${join(dirname(fileURLToPath(import.meta.url)), 'gc-log.cjs')}`;
  return { ...process.env, NODE_OPTIONS: [process.env.NODE_OPTIONS, preload].filter(Boolean).join(' '), MASS_CONNECT_GC_DIR: gcDir };
}

/** Marks each second with the worker GC pauses that overlapped it (the node's own process if it has no workers). */
function addGcPauses(gcDir, rows) {
  const files = readdirSync(gcDir);
  const workers = files.filter((f) => f.startsWith('w'));
  const pauses = (workers.length ? workers : files).flatMap((f) =>
    readFileSync(join(gcDir, f), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [kind, at, ms] = line.split(' ');
        return { kind, at: Number(at), ms: Number(ms) };
      }),
  );
  for (const row of rows) {
    const overlapping = pauses.filter((p) => p.at < row.endedAt && p.at + p.ms > row.endedAt - 1_000);
    row.markCompacts = overlapping.filter((p) => p.kind === 'mark-compact').length;
    row.longestGcPauseMs = Math.round(Math.max(0, ...overlapping.map((p) => p.ms)) * 10) / 10;
  }
}

async function main() {
  const { binary } = buildNativeClient();
  const redisPort = await freePort();
  const redis = processes.start('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--loglevel', 'warning']);
  const redisUrl = `redis://127.0.0.1:${redisPort}`;
  await sleep(300);

  // bench:fanout's publisher (oddsgate's RedisOddsPublisher, over IPC), from the checkout under test.
  const publisher = fork(join(opts.root, 'loadtest', 'fanout', 'publisher.mjs'), [], {
    cwd: opts.root,
    env: { ...process.env, FANOUT_REDIS_URL: redisUrl, FANOUT_EVENTS: String(opts.events) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  process.on('exit', () => publisher.kill('SIGKILL'));
  const replies = [];
  publisher.on('message', (m) => replies.shift()?.(m));
  const ask = (msg) => new Promise((done) => (replies.push(done), msg && publisher.send(msg)));
  await ask(null); // started
  await ask({ cmd: 'seed' });

  const port = await freePort();
  const gcDir = opts.gcLog ? mkdtempSync(join(tmpdir(), 'mass-connect-gc-')) : undefined;
  const node = processes.start('node', [CLI, 'serve', '--host', '127.0.0.1', '--port', String(port), '--workers', String(opts.workers), '--redis-shards', `a=${redisUrl}`, '--log-level', 'error',
    '--idle-timeout-sec', String(opts.idleTimeoutSec), '--max-connections-per-source', '0', '--upgrade-rate-per-source', '0'], { cwd: opts.root, stdio: ['ignore', 'ignore', 'inherit'], env: nodeEnv(gcDir) });
  await waitFor(() => fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.ok, () => false), 30_000, 'node ready');
  log(`${opts.label}: node ${CLI} on ${port}, ${opts.workers} workers, idleTimeoutSec ${opts.idleTimeoutSec}; publishing ${opts.rate}/s over ${opts.events} events`);
  publisher.send({ cmd: 'rate', perSec: opts.rate });
  await sleep(2_000);

  // -- the burst: every client at once (connect concurrency as high as the processes allow)
  const gens = [];
  for (let first = 0, k = 0; first < opts.clients; first += PER_LOADGEN, k++) {
    const n = Math.min(PER_LOADGEN, opts.clients - first);
    const args = ['--targets', `127.0.0.1:${port}`, '--source', sourceAddress(k), '--path', '/v1/ws', '--mode', 'og', '--conns', String(n), '--first', String(first)];
    gens.push(new WsloadProcess((cmd, a, o) => processes.start(cmd, a, o), binary, [...args, '--events', String(opts.events), '--per', String(opts.per), '--concurrency', '4096']));
  }
  const t0 = performance.now();
  let stats;
  await waitFor(async () => {
    stats = await sum(gens);
    return stats.ready + stats.dead >= opts.clients || performance.now() - t0 > 120_000;
  }, 130_000, 'clients connected');
  log(`${opts.label}: ${stats.ready}/${opts.clients} connected and subscribed in ${((performance.now() - t0) / 1000).toFixed(1)} s${stats.dead ? ` (${stats.dead} failed: ${stats.firstError})` : ''}`);

  // -- per second, from the end of the burst on
  const seconds = [];
  await histogram(gens);
  const sample = (st) => ({ stats: st, node: cpuSeconds(withWorkers(node.pid)), bench: cpuSeconds([redis.pid, publisher.pid, ...gens.map((g) => g.pid)]), machine: machineSeconds(), t: performance.now() });
  let prev = sample(stats);
  for (let s = 1; s <= opts.seconds; s++) {
    await sleep(1_000 - ((performance.now() - t0) % 1_000));
    const [h, st] = await Promise.all([histogram(gens), sum(gens)]);
    const now = sample(st);
    const secs = (now.t - prev.t) / 1000;
    const pct = (k) => Math.round(((now[k] - prev[k]) / secs) * 100);
    const p = percentiles(h);
    const row = {
      second: s,
      endedAt: Date.now(), // wall clock (ms) at the end of this second: to line it up with the node's own traces (GC, profiles)
      deliveries: p.count,
      p50Ms: p.p50,
      p99Ms: p.p99,
      maxMs: p.max,
      pings: now.stats.pings - prev.stats.pings,
      closed: now.stats.closed - prev.stats.closed,
      nodeCpuPct: pct('node'),
      benchCpuPct: pct('bench'),
      otherCpuPct: Math.max(0, pct('machine') - pct('node') - pct('bench')),
    };
    seconds.push(row);
    prev = now;
    console.log(`  s${String(s).padStart(4)}  deliveries ${String(row.deliveries).padStart(6)}  p50 ${String(row.p50Ms).padStart(7)}  p99 ${String(row.p99Ms).padStart(8)}  max ${String(row.maxMs).padStart(8)} ms  pings ${String(row.pings).padStart(6)}  closed ${row.closed}  cpu node ${row.nodeCpuPct}% bench ${row.benchCpuPct}% other ${row.otherCpuPct}%`);
  }

  const p99s = seconds.map((r) => r.p99Ms).filter((x) => x !== null);
  const steady = median(p99s);
  if (gcDir) addGcPauses(gcDir, seconds);
  const worstOf = (rows) => rows.reduce((a, b) => ((b.p99Ms ?? 0) > (a.p99Ms ?? 0) ? b : a));
  const worst = worstOf(seconds);
  const settled = seconds.filter((r) => r.second > opts.settleSeconds);
  const worstSettled = worstOf(settled);
  // Seconds with 1.5x the run's mean pings per second or more (synchronized pings come in such seconds).
  const meanPings = seconds.reduce((a, r) => a + r.pings, 0) / seconds.length;
  const meanP99 = (rows) => (rows.length ? Math.round(rows.reduce((a, r) => a + (r.p99Ms ?? 0), 0) / rows.length) : null);
  const pingHeavy = settled.filter((r) => r.pings >= 1.5 * meanPings);
  const pingLight = settled.filter((r) => r.pings < 1.5 * meanPings);
  // After the first seconds: those above 2x the steady p99, and those with a worker mark-compact (--gc-log).
  const over2x = settled.filter((r) => r.p99Ms > 2 * steady);
  const withMarkCompact = settled.filter((r) => r.markCompacts > 0);
  const summary = {
    label: opts.label,
    options: opts,
    connected: stats.ready,
    steadyP99Ms: steady,
    worstSecond: worst.second,
    worstP99Ms: worst.p99Ms,
    worstOverSteady: Math.round((worst.p99Ms / steady) * 100) / 100,
    worstSettledSecond: worstSettled.second,
    worstSettledP99Ms: worstSettled.p99Ms,
    worstSettledOverSteady: Math.round((worstSettled.p99Ms / steady) * 100) / 100,
    pingHeavySeconds: { count: pingHeavy.length, meanP99Ms: meanP99(pingHeavy) },
    otherSeconds: { count: pingLight.length, meanP99Ms: meanP99(pingLight) },
    maxPingsInOneSecond: Math.max(...seconds.map((r) => r.pings)),
    pingsTotal: seconds.reduce((a, r) => a + r.pings, 0),
    closedTotal: seconds.reduce((a, r) => a + r.closed, 0),
    medianOtherCpuPct: median(seconds.map((r) => r.otherCpuPct)),
    settledSecondsOver2x: over2x.length,
    gc: gcDir && {
      dir: gcDir,
      secondsWithMarkCompact: withMarkCompact.length,
      ofThemOver2x: withMarkCompact.filter((r) => r.p99Ms > 2 * steady).length,
      over2xWithoutMarkCompact: over2x.filter((r) => !r.markCompacts).length,
    },
    loadavg: loadavg(),
    cpus: cpus().length,
    seconds,
  };
  log(`${opts.label}: steady p99 ${steady} ms (median of ${p99s.length} seconds); worst second s${worst.second}: p99 ${worst.p99Ms} ms = ${summary.worstOverSteady}x steady; after the first ${opts.settleSeconds} s: s${worstSettled.second}, ${worstSettled.p99Ms} ms = ${summary.worstSettledOverSteady}x; seconds with >= 1.5x the mean pings: ${pingHeavy.length}, mean p99 ${summary.pingHeavySeconds.meanP99Ms} ms (others ${summary.otherSeconds.meanP99Ms} ms); pings ${summary.pingsTotal} (at most ${summary.maxPingsInOneSecond} in one second); closed ${summary.closedTotal}; CPU outside the bench (median) ${summary.medianOtherCpuPct}% of a core; ${over2x.length} seconds after the first ${opts.settleSeconds} above 2x${summary.gc ? ` (seconds with a worker mark-compact: ${summary.gc.secondsWithMarkCompact}, ${summary.gc.ofThemOver2x} of them above 2x; above 2x without one: ${summary.gc.over2xWithoutMarkCompact}; GC logs in ${gcDir})` : ''}; loadavg ${summary.loadavg.map((x) => x.toFixed(1)).join(' ')} on ${summary.cpus} cores`);
  const dir = join(HERE_ROOT, 'loadtest', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `mass-connect-${opts.label}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify(summary, null, 2));
  log(`wrote ${file}`);
  for (const g of gens) g.quit();
  publisher.send({ cmd: 'stop' });
  await processes.stopAll();
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
