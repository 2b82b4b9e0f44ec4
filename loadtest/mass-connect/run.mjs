#!/usr/bin/env node
// node loadtest/mass-connect/run.mjs [--clients 50000] [--workers 4] [--seconds 300] [--rate 100]
//     [--idle-timeout-sec 120] [--events 200] [--per 2] [--root DIR] [--label NAME]
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
//
// Over ~28,000 clients the loopback's ephemeral ports (32768-60999 per source
// address) run out: each wsload process then needs a source address of its
// own (--source 127.0.0.x, when this checkout's wsload has it) or a wider
// net.ipv4.ip_local_port_range.
import { execFileSync, fork, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import * as hdr from 'hdr-histogram-js';

const HERE_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const NATIVE = join(HERE_ROOT, 'loadtest', 'native');
const WSLOAD = join(NATIVE, 'build', 'wsload');
const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
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
};
const CLI = join(opts.root, 'dist', 'src', 'cli', 'oddsgate.js');
if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build that checkout first (npx tsc -p tsconfig.build.json)`);

// ---------------------------------------------------------------- processes

const groups = new Set();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (...a) => console.log(`[${new Date().toISOString().slice(11, 19)}]`, ...a);

function start(cmd, args, env = {}, stdio = ['ignore', 'ignore', 'inherit']) {
  const child = spawn(cmd, args, { cwd: opts.root, env: { ...process.env, ...env }, stdio, detached: true });
  groups.add(child.pid);
  child.on('exit', () => groups.delete(child.pid));
  return child;
}
function cleanup() {
  for (const pid of groups) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // gone already
    }
  }
}
process.on('exit', cleanup);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => process.exit(130));

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

/** The pid and its descendants (the node's workers). */
function tree(pid) {
  const out = [pid];
  for (let i = 0; i < out.length; i++) {
    try {
      for (const tid of readdirSync(`/proc/${out[i]}/task`)) {
        const kids = readFileSync(`/proc/${out[i]}/task/${tid}/children`, 'utf8').trim();
        if (kids) out.push(...kids.split(/\s+/).map(Number));
      }
    } catch {
      // exited meanwhile
    }
  }
  return out;
}

function cpuTicks(pids) {
  let sum = 0;
  for (const pid of pids) {
    try {
      const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      sum += Number(f[11]) + Number(f[12]);
    } catch {
      // exited
    }
  }
  return sum;
}
/** Busy ticks of the whole machine (user, nice, system, irq, softirq). */
function machineTicks() {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  return f[0] + f[1] + f[2] + f[5] + f[6];
}

/** One wsload process over stdin/stdout: one command per line, one JSON line back. */
class LoadGen {
  constructor(args) {
    this.proc = start(WSLOAD, args, {}, ['pipe', 'pipe', 'inherit']);
    this.waiters = [];
    createInterface({ input: this.proc.stdout }).on('line', (line) => this.waiters.shift()?.(JSON.parse(line)));
    this.proc.on('exit', () => this.waiters.splice(0).forEach((w) => w(null)));
  }
  cmd(c) {
    return new Promise((done, fail) => {
      const timer = setTimeout(() => fail(new Error(`wsload did not answer '${c}'`)), 10_000);
      this.waiters.push((v) => {
        clearTimeout(timer);
        v ? done(v) : fail(new Error('wsload exited'));
      });
      this.proc.stdin.write(`${c}\n`);
    });
  }
}

async function sum(gens, c) {
  const all = await Promise.all(gens.map((g) => g.cmd(c)));
  const total = {};
  for (const s of all) for (const [k, v] of Object.entries(s)) if (typeof v === 'number') total[k] = (total[k] ?? 0) + v;
  total.firstError = all.map((s) => s.firstError).find(Boolean) ?? '';
  return total;
}

/** The latency histogram since the last call (us), merged over the processes. */
async function histogram(gens) {
  const h = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 120_000_000, numberOfSignificantValueDigits: 3 });
  for (const part of await Promise.all(gens.map((g) => g.cmd('h')))) for (const [v, c] of part.buckets) h.recordValueWithCount(Math.max(1, v), c);
  return h;
}

// ---------------------------------------------------------------- run

const ms = (us) => Math.round(us / 10) / 100;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const wsloadSource = join(NATIVE, 'wsload.c');
  if (!existsSync(WSLOAD) || statSync(WSLOAD).mtimeMs < statSync(wsloadSource).mtimeMs) {
    mkdirSync(join(NATIVE, 'build'), { recursive: true });
    execFileSync('gcc', ['-O2', '-Wall', '-o', WSLOAD, wsloadSource, '-lm'], { stdio: 'inherit' });
  }
  const hasSource = readFileSync(wsloadSource, 'utf8').includes('"--source"');

  const redisPort = await freePort();
  const redis = start('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--loglevel', 'warning']);
  const redisUrl = `redis://127.0.0.1:${redisPort}`;
  await sleep(300);

  const publisher = fork(join(opts.root, 'loadtest', 'fanout', 'publisher.mjs'), [], {
    cwd: opts.root,
    env: { ...process.env, FANOUT_REDIS_URL: redisUrl, FANOUT_EVENTS: String(opts.events) },
    detached: true,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  groups.add(publisher.pid);
  const replies = [];
  publisher.on('message', (m) => replies.shift()?.(m));
  const ask = (msg) => new Promise((done) => (replies.push(done), msg && publisher.send(msg)));
  await ask(null); // started
  await ask({ cmd: 'seed' });

  const port = await freePort();
  const node = start('node', [CLI, 'serve', '--host', '127.0.0.1', '--port', String(port), '--workers', String(opts.workers), '--redis-shards', `a=${redisUrl}`, '--log-level', 'error',
    '--idle-timeout-sec', String(opts.idleTimeoutSec), '--max-connections-per-source', '0', '--upgrade-rate-per-source', '0']);
  await waitFor(() => fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.ok, () => false), 30_000, 'node ready');
  log(`${opts.label}: node ${CLI} on ${port}, ${opts.workers} workers, idleTimeoutSec ${opts.idleTimeoutSec}; publishing ${opts.rate}/s over ${opts.events} events`);
  publisher.send({ cmd: 'rate', perSec: opts.rate });
  await sleep(2_000);

  // -- the burst: every client at once (connect concurrency as high as the processes allow)
  const gens = [];
  for (let first = 0, i = 0; first < opts.clients; first += PER_LOADGEN, i++) {
    const n = Math.min(PER_LOADGEN, opts.clients - first);
    const source = hasSource ? ['--source', `127.0.0.${2 + i}`] : [];
    gens.push(new LoadGen(['--port', String(port), '--path', '/v1/ws', '--mode', 'og', '--conns', String(n), '--first', String(first), '--events', String(opts.events), '--per', String(opts.per), '--concurrency', '4096', ...source]));
  }
  const t0 = performance.now();
  let stats;
  await waitFor(async () => {
    stats = await sum(gens, 's');
    return stats.ready + stats.dead >= opts.clients || performance.now() - t0 > 120_000;
  }, 130_000, 'clients connected');
  log(`${opts.label}: ${stats.ready}/${opts.clients} connected and subscribed in ${((performance.now() - t0) / 1000).toFixed(1)} s${stats.dead ? ` (${stats.dead} failed: ${stats.firstError})` : ''}`);

  // -- per second, from the end of the burst on
  const seconds = [];
  await histogram(gens);
  let prev = { stats, node: cpuTicks(tree(node.pid)), bench: cpuTicks([redis.pid, publisher.pid, ...gens.map((g) => g.proc.pid)]), machine: machineTicks(), t: performance.now() };
  for (let s = 1; s <= opts.seconds; s++) {
    await sleep(1_000 - ((performance.now() - t0) % 1_000));
    const [h, st] = await Promise.all([histogram(gens), sum(gens, 's')]);
    const now = { stats: st, node: cpuTicks(tree(node.pid)), bench: cpuTicks([redis.pid, publisher.pid, ...gens.map((g) => g.proc.pid)]), machine: machineTicks(), t: performance.now() };
    const secs = (now.t - prev.t) / 1000;
    const pct = (k) => Math.round(((now[k] - prev[k]) / CLK_TCK / secs) * 100);
    const row = {
      second: s,
      deliveries: h.totalCount,
      p50Ms: h.totalCount ? ms(h.getValueAtPercentile(50)) : null,
      p99Ms: h.totalCount ? ms(h.getValueAtPercentile(99)) : null,
      maxMs: h.totalCount ? ms(h.maxValue) : null,
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
  const worstOf = (rows) => rows.reduce((a, b) => ((b.p99Ms ?? 0) > (a.p99Ms ?? 0) ? b : a));
  const worst = worstOf(seconds);
  const settled = seconds.filter((r) => r.second > opts.settleSeconds);
  const worstSettled = worstOf(settled);
  // Seconds with 1.5x the run's mean pings per second or more (synchronized pings come in such seconds).
  const meanPings = seconds.reduce((a, r) => a + r.pings, 0) / seconds.length;
  const meanP99 = (rows) => (rows.length ? Math.round(rows.reduce((a, r) => a + (r.p99Ms ?? 0), 0) / rows.length) : null);
  const pingHeavy = settled.filter((r) => r.pings >= 1.5 * meanPings);
  const pingLight = settled.filter((r) => r.pings < 1.5 * meanPings);
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
    loadavg: loadavg(),
    cpus: cpus().length,
    seconds,
  };
  log(`${opts.label}: steady p99 ${steady} ms (median of ${p99s.length} seconds); worst second s${worst.second}: p99 ${worst.p99Ms} ms = ${summary.worstOverSteady}x steady; after the first ${opts.settleSeconds} s: s${worstSettled.second}, ${worstSettled.p99Ms} ms = ${summary.worstSettledOverSteady}x; seconds with >= 1.5x the mean pings: ${pingHeavy.length}, mean p99 ${summary.pingHeavySeconds.meanP99Ms} ms (others ${summary.otherSeconds.meanP99Ms} ms); pings ${summary.pingsTotal} (at most ${summary.maxPingsInOneSecond} in one second); closed ${summary.closedTotal}; CPU outside the bench (median) ${summary.medianOtherCpuPct}% of a core; loadavg ${summary.loadavg.map((x) => x.toFixed(1)).join(' ')} on ${summary.cpus} cores`);
  const dir = join(HERE_ROOT, 'loadtest', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `mass-connect-${opts.label}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify(summary, null, 2));
  log(`wrote ${file}`);
  for (const g of gens) g.proc.stdin.end();
  publisher.send({ cmd: 'stop' });
  await sleep(500);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
