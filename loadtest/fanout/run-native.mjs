#!/usr/bin/env node
// npm run bench:fanout [-- --quick] [-- --clients 1000,10000] [-- --servers oddsgate,uws,ws,socketio] [-- --rounds N]
//
// Odds fan-out, four servers side by side, one workload, one publisher:
//   oddsgate   this repo's edge node (dist/src/cli/oddsgate.js serve)
//   uws        bare uWebSockets.js: XREAD + app.publish of the raw bytes (the ceiling)
//   ws         plain `ws` + ioredis gateway (Map event -> Set<socket>)
//   socketio   Socket.IO with @socket.io/redis-streams-adapter, rooms + emit
// All read the same Redis streams, written by oddsgate's own RedisOddsPublisher
// (loadtest/fanout/publisher.mjs) into one redis-server the bench spawns.
// The clients are a native C load generator (loadtest/native/wsload.c, built
// here with gcc), one process per <= 15,000 connections.
//
// Per server and client count, one after the other (never two servers at once):
//   1. start the server, RSS before any client;
//   2. connect N clients, each subscribed to K of E events; RSS with all of them idle;
//   3. moderate rate (20k deliveries/s by default): publish-to-client latency histogram;
//   4. step the publish rate up until the server (or the publisher) stops keeping up:
//      sustained deliveries/s at saturation = the best step's received rate.
// Prints one table and the oddsgate/peer ratios; writes loadtest/results/fanout-<ts>.json.
import { spawn, fork, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, release } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const HERE = join(ROOT, 'loadtest', 'fanout');
const NATIVE = join(ROOT, 'loadtest', 'native');
const WSLOAD = join(NATIVE, 'build', 'wsload');
const CLI = join(ROOT, 'dist', 'src', 'cli', 'oddsgate.js');
/** The native client's driver and the histograms of oddsgate loadtest (dist/src/loadtest), loaded once dist/ is built. */
let shared;
const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

// ---------------------------------------------------------------- options

function flag(name) {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return undefined;
  const v = process.argv[i + 1];
  return v === undefined || v.startsWith('--') ? true : v;
}
const envOr = (name, def) => flag(name.toLowerCase().replace(/^fanout_/, '').replace(/_/g, '-')) ?? process.env[name] ?? def;
const quick = flag('quick') === true || process.env.FANOUT_QUICK === '1';
const opts = {
  quick,
  clients: String(envOr('FANOUT_CLIENTS', quick ? '10000' : '1000,10000')).split(',').map(Number).filter((n) => n > 0),
  servers: String(envOr('FANOUT_SERVERS', 'oddsgate,uws,ws,socketio')).split(',').filter(Boolean),
  events: Number(envOr('FANOUT_EVENTS', 200)),
  per: Number(envOr('FANOUT_PER', 2)),
  moderate: Number(envOr('FANOUT_MODERATE', 20_000)),
  maxDeliveries: Number(envOr('FANOUT_MAX_DELIVERIES', 600_000)),
  stepFactor: Number(envOr('FANOUT_STEP_FACTOR', quick ? 1.3 : 1.2)),
  satP99Ms: Number(envOr('FANOUT_SAT_P99_MS', 100)),
  stepMs: Number(envOr('FANOUT_STEP_MS', quick ? 2_000 : 3_000)),
  moderateMs: Number(envOr('FANOUT_MODERATE_MS', quick ? 5_000 : 10_000)),
  // RSS windows: V8's memory reducer gives back young-generation space some 10 s after a burst of
  // allocation (connecting thousands of clients is one), so RSS is the minimum over a window this long.
  idleMs: Number(envOr('FANOUT_IDLE_MS', quick ? 10_000 : 20_000)),
  perLoadgen: Number(envOr('FANOUT_PER_LOADGEN', 15_000)),
  ogWorkers: envOr('FANOUT_OG_WORKERS', 'auto'),
  // Rounds run every server again, alternating (oddsgate, uws, oddsgate, uws, ...): the ratios are
  // taken per round, so one noisy run on a shared machine shows as the spread, not as the figure.
  rounds: Number(envOr('FANOUT_ROUNDS', 1)),
  peerMaxClients: 19_000,
  cpuProfile: flag('cpu-prof') === true || process.env.FANOUT_CPU_PROF === '1',
};
const SERVER_DEFS = {
  oddsgate: { mode: 'og', path: '/v1/ws' },
  // The same node with the fan-out path's metrics off (fanoutMetrics=false): what recording them costs.
  'oddsgate-nometrics': { mode: 'og', path: '/v1/ws', ogFlags: ['--fanout-metrics', 'false'] },
  uws: { mode: 'raw', path: '/', script: 'bare-uws.mjs' },
  ws: { mode: 'raw', path: '/', script: 'ws-gateway.mjs' },
  socketio: { mode: 'sio', path: '/socket.io/?EIO=4&transport=websocket', script: 'socketio-gateway.mjs' },
};
for (const s of opts.servers) if (!SERVER_DEFS[s]) throw new Error(`unknown server ${s}; use ${Object.keys(SERVER_DEFS).join(',')}`);

// ---------------------------------------------------------------- processes

const groups = new Set(); // process group ids we started (every child is spawned detached, as a group leader)
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (...a) => console.log(`[${new Date().toISOString().slice(11, 19)}]`, ...a);

function startProcess(cmd, args, { env = {}, stdio = ['ignore', 'pipe', 'inherit'] } = {}) {
  const child = spawn(cmd, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio, detached: true });
  groups.add(child.pid);
  child.on('exit', () => groups.delete(child.pid));
  return child;
}

function killGroup(pid, signal = 'SIGKILL') {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

async function stopProcess(child, graceMs = 3_000) {
  if (!child || child.exitCode !== null || child.signalCode !== null) {
    if (child) killGroup(child.pid);
    return;
  }
  const exited = new Promise((r) => child.once('exit', r));
  killGroup(child.pid, 'SIGTERM');
  await Promise.race([exited, sleep(graceMs)]);
  killGroup(child.pid, 'SIGKILL'); // workers and stragglers of the group too
  await Promise.race([exited, sleep(1_000)]);
  groups.delete(child.pid);
}

function cleanup() {
  for (const pid of groups) killGroup(pid);
  groups.clear();
}
process.on('exit', cleanup);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => process.exit(130));

function freePort() {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function waitHttp(url, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await fetch(url).then((r) => r.ok, () => false)) return;
    await sleep(100);
  }
  throw new Error(`${url} did not come up within ${timeoutMs} ms`);
}

/** The pid and all its descendants (oddsgate --workers N forks workers). */
function processTree(pid) {
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

function cpuTicks(pids, which = 'all') {
  let sum = 0;
  for (const pid of pids) {
    try {
      const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      sum += (which === 'sys' ? 0 : Number(f[11])) + Number(f[12]); // utime + stime
    } catch {
      // exited
    }
  }
  return sum;
}

function rssBytes(pids) {
  let sum = 0;
  for (const pid of pids) {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) sum += Number(m[1]) * 1024;
    } catch {
      // exited
    }
  }
  return sum;
}

/** The lowest RSS seen over `ms` (sampled twice a second): the settled footprint, not a GC's high-water mark. */
async function minRss(pids, ms) {
  let min = Infinity;
  for (const end = Date.now() + ms; Date.now() < end; await sleep(500)) min = Math.min(min, rssBytes(pids()));
  return min;
}

/** CPU use of several process sets between two samples, in % of one core. */
class CpuMeter {
  constructor(sets) {
    this.sets = sets; // name -> () => pids
  }
  sample() {
    const s = { t: performance.now() };
    for (const [name, pids] of Object.entries(this.sets)) s[name] = cpuTicks(pids());
    if (this.sets.server) s.serverSys = cpuTicks(this.sets.server(), 'sys');
    // Whole machine: user+nice+system of every process, and interrupt time (loopback TCP runs much of
    // its receive path in softirq). "other" = busy time of processes that are not part of this bench
    // (the machine is shared: a test run next door shows up here).
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    s.irq = f[5] + f[6];
    s.other = f[0] + f[1] + f[2] - Object.keys(this.sets).reduce((sum, k) => sum + s[k], 0);
    // (serverSys: the kernel share of the server's CPU, included in server)
    return s;
  }
  static percent(a, b) {
    const secs = (b.t - a.t) / 1000;
    const out = {};
    for (const k of Object.keys(a)) if (k !== 't') out[k] = Math.max(0, round1(((b[k] - a[k]) / CLK_TCK / secs) * 100));
    return out;
  }
}

/**
 * The native clients of one server, one wsload process per `perLoadgen` connections. The process
 * driver, the counters' sum and the histograms are oddsgate loadtest's (src/loadtest, from dist/:
 * `shared`, loaded after the build).
 */
class LoadGens {
  constructor(port, def, clients) {
    this.gens = [];
    for (let first = 0; first < clients; first += opts.perLoadgen) {
      const n = Math.min(opts.perLoadgen, clients - first);
      const args = ['--port', String(port), '--path', def.path, '--mode', def.mode, '--conns', String(n), '--first', String(first), '--events', String(opts.events), '--per', String(opts.per), '--concurrency', '256'];
      this.gens.push(new shared.WsloadProcess(startProcess, WSLOAD, args));
    }
  }
  pids() {
    return this.gens.map((g) => g.pid);
  }
  async stats() {
    return shared.sumStats(await Promise.all(this.gens.map((g) => g.ask('s'))));
  }
  /** Latency histogram since the last call (microseconds), merged over the processes. */
  async histogram() {
    const h = shared.latencyHistogram();
    for (const part of await Promise.all(this.gens.map((g) => g.ask('h')))) shared.recordBuckets(part.buckets, h);
    return h;
  }
  async stop() {
    for (const g of this.gens) g.child.stdin.end();
    await Promise.all(this.gens.map((g) => stopProcess(g.child, 1_000)));
  }
}

/** The publisher child, over IPC. */
class Publisher {
  constructor(redisUrl) {
    this.proc = fork(join(HERE, 'publisher.mjs'), [], {
      cwd: ROOT,
      env: { ...process.env, FANOUT_REDIS_URL: redisUrl, FANOUT_EVENTS: String(opts.events) },
      detached: true,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    groups.add(this.proc.pid);
    this.waiters = [];
    this.proc.on('message', (m) => this.waiters.shift()?.(m));
  }
  request(msg) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`publisher did not answer ${JSON.stringify(msg)}`)), 60_000);
      this.waiters.push((m) => {
        clearTimeout(timer);
        resolve(m);
      });
      if (msg) this.proc.send(msg);
    });
  }
  setRate(perSec) {
    this.proc.send({ cmd: 'rate', perSec });
  }
}

// ---------------------------------------------------------------- helpers

const round1 = (x) => Math.round(x * 10) / 10;
const ms = (us) => Math.round(us / 10) / 100;
function summarize(h) {
  if (h.totalCount === 0) return { count: 0, p50Ms: null, p99Ms: null, p999Ms: null, maxMs: null };
  return {
    count: h.totalCount,
    p50Ms: ms(h.getValueAtPercentile(50)),
    p99Ms: ms(h.getValueAtPercentile(99)),
    p999Ms: ms(h.getValueAtPercentile(99.9)),
    maxMs: ms(h.maxValue),
  };
}

async function startServer(name, port, redisUrl, clients) {
  const def = SERVER_DEFS[name];
  const env = { FANOUT_PORT: String(port), FANOUT_REDIS_URL: redisUrl, FANOUT_EVENTS: String(opts.events) };
  const nodeArgs = opts.cpuProfile ? ['--cpu-prof', '--cpu-prof-dir', join(ROOT, 'loadtest', 'results', 'cpuprof')] : [];
  let child;
  let workers = 1;
  if (def.mode === 'og') {
    workers = opts.ogWorkers === 'auto' ? Math.max(1, Math.ceil(clients / opts.perLoadgen)) : Number(opts.ogWorkers);
    child = startProcess('node', [...nodeArgs, CLI, 'serve', '--host', '127.0.0.1', '--port', String(port), '--redis-shards', `a=${redisUrl}`, '--log-level', 'error', '--workers', String(workers),
      // The load generator opens thousands of sockets from one loopback address: no per-source limits here.
      '--max-connections-per-source', '0', '--upgrade-rate-per-source', '0', '--frame-rate-per-sec', '1000000', ...(def.ogFlags ?? [])], {
      env,
    });
  } else {
    child = startProcess('node', [...nodeArgs, join(HERE, 'peers', def.script)], { env });
  }
  child.stdout.on('data', () => undefined);
  const exited = new Promise((_, reject) => child.once('exit', (code) => reject(new Error(`${name} exited early (code ${code})`))));
  exited.catch(() => undefined);
  try {
    await Promise.race([waitHttp(`http://127.0.0.1:${port}/readyz`), exited]);
  } catch (err) {
    await stopProcess(child, 500);
    throw err;
  }
  return { child, workers, pids: () => processTree(child.pid) };
}

/** Busy % of one core used by processes outside the bench, over `ms`. */
async function otherLoad(ms = 1_000) {
  const meter = new CpuMeter({});
  const a = meter.sample();
  await sleep(ms);
  return CpuMeter.percent(a, meter.sample()).other;
}

/** The machine is shared: wait (bounded) for a neighbour's burst to pass before measuring. */
async function waitQuiet() {
  let load = await otherLoad();
  for (let i = 0; i < 30 && load > 25; i++) {
    if (i === 0) log(`machine busy (${load}% of a core used outside the bench); waiting up to 60 s`);
    load = await otherLoad(2_000);
  }
  if (load > 25) log(`WARNING: still ${load}% busy outside the bench; measuring anyway`);
  return load;
}

// ---------------------------------------------------------------- one server, one client count

async function runOne(name, clients, redisUrl, redisPid, publisher) {
  const def = SERVER_DEFS[name];
  const fanout = (clients * opts.per) / opts.events; // subscribers per event (the assignment is uniform)
  const result = { server: name, clients, subscriptionsPerClient: opts.per, events: opts.events, subscribersPerEvent: fanout };
  if (def.mode !== 'og' && clients > opts.peerMaxClients) {
    result.skipped = `single-process peer: more than ${opts.peerMaxClients} sockets exceed the 20,000 open-files limit`;
    log(`${name} x${clients}: skipped (${result.skipped})`);
    return result;
  }
  result.otherLoadBefore = await waitQuiet();
  const port = await freePort();
  log(`${name} x${clients}: starting on port ${port}`);
  let server;
  try {
    server = await startServer(name, port, redisUrl, clients);
  } catch (err) {
    result.error = err.message;
    log(`${name} x${clients}: FAILED to start: ${err.message}`);
    return result;
  }
  result.workers = server.workers;
  let gens;
  try {
    const rssBefore = await minRss(server.pids, opts.idleMs);
    const ogStats = async () => (def.mode === 'og' && server.workers === 1 ? fetch(`http://127.0.0.1:${port}/v1/stats`).then((r) => r.json(), () => null) : null);
    const statsBefore = await ogStats();

    // -- connect and subscribe
    const t0 = performance.now();
    gens = new LoadGens(port, def, clients);
    const meter = new CpuMeter({ server: server.pids, loadgen: () => gens.pids(), publisher: () => [publisher.proc.pid], redis: () => [redisPid] });
    const connectDeadline = Date.now() + 60_000 + clients * 6;
    let stats;
    let lastReady = -1;
    let lastProgress = Date.now();
    for (;;) {
      stats = await gens.stats();
      if (stats.ready + stats.dead >= clients) break;
      if (stats.ready !== lastReady) {
        lastReady = stats.ready;
        lastProgress = Date.now();
      }
      if (Date.now() > connectDeadline || Date.now() - lastProgress > 20_000) break;
      await sleep(250);
    }
    result.connectSeconds = round1((performance.now() - t0) / 1000);
    result.connected = stats.ready;
    log(`${name} x${clients}: ${stats.ready}/${clients} subscribed in ${result.connectSeconds} s${stats.dead ? ` (${stats.dead} failed: ${stats.firstError})` : ''}`);
    if (stats.ready === 0) throw new Error(`no client could subscribe (${stats.firstError || 'no error reported'})`);

    // -- idle: memory per subscribed connection
    const rssIdle = await minRss(server.pids, opts.idleMs);
    result.rssBeforeBytes = rssBefore;
    result.rssIdleBytes = rssIdle;
    result.rssPerConnBytes = Math.round((rssIdle - rssBefore) / stats.ready);
    const statsIdle = await ogStats();
    if (statsBefore && statsIdle) {
      // oddsgate only: how much of the growth is the V8 heap (JS objects per session) vs native (uWS sockets, allocator).
      result.heapUsedPerConnBytes = Math.round((statsIdle.heapUsedBytes - statsBefore.heapUsedBytes) / stats.ready);
      result.serverStatsIdle = statsIdle;
    }

    // -- moderate rate: latency
    const measure = async (deliveriesPerSec, windowMs, warmMs) => {
      const pubRate = deliveriesPerSec / fanout;
      publisher.setRate(pubRate);
      await sleep(warmMs);
      const [s0, p0] = await Promise.all([gens.stats(), publisher.request({ cmd: 'stats' })]);
      const c0 = meter.sample();
      await gens.histogram(); // discard the warm-up
      await sleep(windowMs);
      const [s1, p1, h] = await Promise.all([gens.stats(), publisher.request({ cmd: 'stats' }), gens.histogram()]);
      const c1 = meter.sample();
      const secs = (c1.t - c0.t) / 1000;
      const published = (p1.published - p0.published) / secs;
      const received = (s1.odds - s0.odds) / secs;
      return {
        targetDeliveriesPerSec: deliveriesPerSec,
        targetPublishPerSec: round1(pubRate),
        publishedPerSec: Math.round(published),
        expectedDeliveriesPerSec: Math.round(published * fanout * (stats.ready / clients)),
        deliveriesPerSec: Math.round(received),
        latency: summarize(h),
        cpu: CpuMeter.percent(c0, c1),
        shed: p1.shed - p0.shed,
        gapEvents: s1.gapEvents - s0.gapEvents,
      };
    };
    result.moderate = await measure(opts.moderate, opts.moderateMs, 2_000);
    const m = result.moderate;
    log(
      `${name} x${clients}: moderate ${m.deliveriesPerSec}/s (published ${m.publishedPerSec}/s x ${fanout}) p50 ${m.latency.p50Ms} p99 ${m.latency.p99Ms} p99.9 ${m.latency.p999Ms} ms; CPU server ${m.cpu.server}% loadgen ${m.cpu.loadgen}%`,
    );

    // -- step up to saturation. A step is sustained when clients receive >= 95% of what was
    // published for them and p99 stays <= satP99Ms: past that the server is building a backlog,
    // and a backlogged uWS server batches frames per socket and shows throughput it cannot keep
    // at an acceptable latency (reported apart, as peakDeliveriesPerSec).
    result.steps = [];
    let best = null;
    let stopReason = 'step limit';
    const m0 = result.moderate;
    const moderateSustained = m0.deliveriesPerSec >= 0.95 * m0.expectedDeliveriesPerSec && m0.latency.p99Ms !== null && m0.latency.p99Ms <= opts.satP99Ms;
    // Up from 1.5 x moderate; a server that cannot sustain the moderate rate is probed downwards instead.
    const targets = [];
    if (moderateSustained) for (let t = opts.moderate * 1.5; t <= opts.maxDeliveries; t = Math.round(t * opts.stepFactor)) targets.push(t);
    else for (let t = Math.round(opts.moderate / 1.25); t >= 2_000 && targets.length < 5; t = Math.round(t / 1.25)) targets.push(t);
    result.direction = moderateSustained ? 'up' : 'down';
    for (const target of targets) {
      let step;
      for (let attempt = 1; attempt <= 3; attempt++) {
        step = await measure(target, opts.stepMs, 800);
        step.attempt = attempt;
        step.receivedAll = step.deliveriesPerSec >= 0.95 * step.expectedDeliveriesPerSec;
        step.latencyOk = step.latency.p99Ms !== null && step.latency.p99Ms <= opts.satP99Ms;
        step.sustained = step.receivedAll && step.latencyOk;
        step.publisherShort = step.publishedPerSec < 0.9 * step.targetPublishPerSec;
        result.steps.push(step);
        log(
          `${name} x${clients}: step ${target}/s${attempt > 1 ? ' (retry)' : ''} -> ${step.deliveriesPerSec}/s (published ${step.publishedPerSec}/s of ${Math.round(step.targetPublishPerSec)}) p50 ${step.latency.p50Ms} p99 ${step.latency.p99Ms} ms; CPU server ${step.cpu.server}% (sys ${step.cpu.serverSys}%) loadgen ${step.cpu.loadgen}% publisher ${step.cpu.publisher}% redis ${step.cpu.redis}% other ${step.cpu.other}%${step.sustained ? '' : step.receivedAll ? ' [p99 over bound]' : ' [behind]'}${step.publisherShort ? ' [publisher short]' : ''}`,
        );
        if (step.sustained || step.publisherShort) break;
        // A retry after draining: a GC pause or a neighbour's burst should not end the climb.
        // A third try only if the second one was disturbed by load from outside the bench.
        if (attempt === 2 && step.cpu.other <= 20) break;
        publisher.setRate(0);
        await sleep(2_000);
        if (attempt === 2) await waitQuiet();
      }
      if (step.publisherShort) {
        stopReason = 'publisher';
        break;
      }
      if (!moderateSustained) {
        // Going down: the first sustained rate is the answer.
        if (step.sustained) {
          best = step;
          stopReason = 'server';
          break;
        }
        continue;
      }
      if (!step.sustained) {
        // The server fell behind with a core to itself: 'server'. Otherwise the 2 cores were full
        // (clients, publisher, Redis and server together): 'machine'.
        const c = step.cpu;
        const benchTotal = c.server + c.loadgen + c.publisher + c.redis + c.other;
        stopReason = c.server < 85 && benchTotal >= 170 ? 'machine' : 'server';
        break;
      }
      best = step;
    }
    publisher.setRate(0);
    const peak = result.steps.reduce((a, b) => (b.deliveriesPerSec > a.deliveriesPerSec ? b : a), result.steps[0]);
    // No sustained step at all: the moderate rate is the best that was measured (if that was kept up).
    const base = best ?? (!moderateSustained ? null : result.moderate.deliveriesPerSec >= 0.95 * result.moderate.expectedDeliveriesPerSec && result.moderate.latency.p99Ms <= opts.satP99Ms ? result.moderate : null);
    result.saturation = {
      deliveriesPerSec: base ? base.deliveriesPerSec : null,
      atTargetDeliveriesPerSec: base ? base.targetDeliveriesPerSec : null,
      cpu: (base ?? peak).cpu,
      latency: base ? base.latency : null,
      // Why the climb stopped: the server fell behind (or past the p99 bound), the publisher could not offer more, or the last step was reached.
      limitedBy: stopReason,
      peakDeliveriesPerSec: peak.deliveriesPerSec,
      peakLatency: peak.latency,
    };
    const final = await gens.stats();
    result.clientTotals = {
      odds: final.odds,
      snapshots: final.snapshots,
      gapEvents: final.gapEvents,
      missing: final.missing,
      dups: final.dups,
      errors: final.errors,
      closed: final.closed,
      failed: final.failed,
      firstError: final.firstError,
    };
    log(
      `${name} x${clients}: sustained ${result.saturation.deliveriesPerSec ?? '-'}/s (stopped by: ${stopReason}; peak ${peak.deliveriesPerSec}/s at p99 ${peak.latency.p99Ms} ms); gaps ${final.gapEvents} (missing ${final.missing}), dups ${final.dups}, errors ${final.errors}, closed ${final.closed}`,
    );
  } catch (err) {
    result.error = err.message;
    log(`${name} x${clients}: FAILED: ${err.message}`);
  } finally {
    publisher.setRate(0);
    if (gens) await gens.stop();
    await stopProcess(server.child);
    await sleep(500);
  }
  return result;
}

// ---------------------------------------------------------------- table

function pad(s, n, right = false) {
  s = String(s);
  return right ? s.padEnd(n) : s.padStart(n);
}
const fmtInt = (x) => (x === null || x === undefined ? '-' : Math.round(x).toLocaleString('en-US'));
const fmtMs = (x) => (x === null || x === undefined ? '-' : x.toFixed(2));
const fmtRatio = (x) => (x === null || x === undefined || !isFinite(x) ? '-' : `${x.toFixed(2)}x`);

function printTable(results) {
  const cols = [
    ['server', 9, true],
    ['clients', 7],
    ['subs/ev', 7],
    ['sat. deliv/s', 12],
    ['p50 ms', 7],
    ['p99 ms', 7],
    ['p99.9 ms', 8],
    ['RSS/conn', 9],
    ['srv CPU% mod/sat', 16],
    ['gen CPU% mod/sat', 16],
    ['pub+redis%', 10],
    ['other%', 6],
    ['stopped by', 10, true],
    ['notes', 0, true],
  ];
  const line = (cells) => cells.map((c, i) => pad(c, cols[i][1], cols[i][2])).join('  ');
  const out = [];
  out.push(line(cols.map((c) => c[0])));
  out.push('-'.repeat(out[0].length + 10));
  for (const r of results) {
    if (r.skipped || r.error || !r.saturation) {
      out.push(line([r.server, fmtInt(r.clients), '', '', '', '', '', '', '', '', '', '', '', r.skipped ? `skipped: ${r.skipped}` : `error: ${r.error}`]));
      continue;
    }
    const s = r.saturation;
    const notes = [];
    if (r.connected < r.clients) notes.push(`${r.connected} connected`);
    if (r.clientTotals.gapEvents) notes.push(`${r.clientTotals.gapEvents} seq gaps (${r.clientTotals.missing} missing)`);
    if (r.clientTotals.dups) notes.push(`${r.clientTotals.dups} dup/old seq`);
    if (r.clientTotals.errors) notes.push(`${r.clientTotals.errors} error frames`);
    if (r.clientTotals.closed) notes.push(`${r.clientTotals.closed} closed`);
    if (r.workers > 1) notes.push(`${r.workers} workers`);
    if (opts.rounds > 1) notes.push(`round ${r.round}`);
    notes.push(`peak ${fmtInt(s.peakDeliveriesPerSec)}/s at p99 ${fmtMs(s.peakLatency.p99Ms)} ms`);
    out.push(
      line([
        r.server,
        fmtInt(r.clients),
        fmtInt(r.subscribersPerEvent),
        fmtInt(s.deliveriesPerSec),
        fmtMs(r.moderate.latency.p50Ms),
        fmtMs(r.moderate.latency.p99Ms),
        fmtMs(r.moderate.latency.p999Ms),
        `${(r.rssPerConnBytes / 1024).toFixed(2)} KiB`,
        `${r.moderate.cpu.server.toFixed(0)} / ${s.cpu.server.toFixed(0)}`,
        `${r.moderate.cpu.loadgen.toFixed(0)} / ${s.cpu.loadgen.toFixed(0)}`,
        (s.cpu.publisher + s.cpu.redis).toFixed(0),
        s.cpu.other.toFixed(0),
        s.limitedBy,
        notes.join('; '),
      ]),
    );
  }
  return out.join('\n');
}

/** Server CPU per delivery at the moderate rate, in µs: % of one core over deliveries per second. */
const cpuUsPerDelivery = (r) => (r.moderate.cpu.server / 100) * 1e6 / r.moderate.deliveriesPerSec;
const median = (values) => {
  const sorted = values.filter((v) => v !== null).sort((a, b) => a - b);
  return sorted.length === 0 ? null : sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
};

function ratios(results) {
  const out = [];
  const verdicts = [];
  const measured = (server, clients, round) => results.find((r) => r.server === server && r.clients === clients && (r.round ?? 1) === round && r.saturation);
  for (const clients of opts.clients) {
    const rounds = [...new Set(results.filter((r) => r.clients === clients).map((r) => r.round ?? 1))];
    for (const round of rounds) {
      const og = measured('oddsgate', clients, round);
      if (!og) continue;
      for (const peer of ['uws', 'ws', 'socketio']) {
        const p = measured(peer, clients, round);
        if (!p) continue;
        out.push({
          clients,
          round,
          peer,
          deliveries: og.saturation.deliveriesPerSec && p.saturation.deliveriesPerSec ? og.saturation.deliveriesPerSec / p.saturation.deliveriesPerSec : null,
          p50: og.moderate.latency.p50Ms / p.moderate.latency.p50Ms,
          p99: og.moderate.latency.p99Ms / p.moderate.latency.p99Ms,
          p999: og.moderate.latency.p999Ms / p.moderate.latency.p999Ms,
          rssPerConn: og.rssPerConnBytes / p.rssPerConnBytes,
          serverCpuPerDelivery: cpuUsPerDelivery(og) / cpuUsPerDelivery(p),
        });
      }
    }
    const against = (peer) => out.filter((r) => r.clients === clients && r.peer === peer);
    const uws = against('uws');
    const sio = against('socketio');
    const og = rounds.map((round) => measured('oddsgate', clients, round)).filter(Boolean);
    const v = { clients, rounds: rounds.length };
    if (uws.length) {
      const sat = uws.map((r) => r.deliveries);
      v.deliveriesAtLeast90PctOfUwsEveryRound = { ratios: sat, pass: sat.every((d) => d !== null && d >= 0.9) };
      const cpu = median(uws.map((r) => r.serverCpuPerDelivery));
      v.cpuPerDeliveryWithin5PctOfUws = { ratio: cpu, perRound: uws.map((r) => r.serverCpuPerDelivery), pass: cpu !== null && cpu <= 1.05 };
      const p99 = median(uws.map((r) => r.p99));
      v.p99Within2xOfUws = { ratio: p99, pass: p99 <= 2 };
    }
    if (sio.length) {
      const sat = median(sio.map((r) => r.deliveries));
      v.deliveriesAtLeast5xSocketIo = { ratio: sat, pass: sat !== null && sat >= 5 };
    }
    const rss = Math.max(...og.map((r) => r.rssPerConnBytes));
    v.rssPerConnUnder4KiB = { bytes: rss, pass: rss < 4096 };
    verdicts.push(v);
  }
  return { rows: out, verdicts };
}

function printRatios({ rows, verdicts }) {
  const out = [];
  out.push('oddsgate / peer              deliv/s (higher better)   p50      p99      p99.9    (lower better)   RSS/conn (lower better)   srv CPU per delivery');
  for (const r of rows) {
    out.push(
      `  x${pad(fmtInt(r.clients), 6, true)} round ${pad(String(r.round), 2, true)} vs ${pad(r.peer, 9, true)}  ${pad(fmtRatio(r.deliveries), 10)}               ${pad(fmtRatio(r.p50), 7)}  ${pad(fmtRatio(r.p99), 7)}  ${pad(fmtRatio(r.p999), 7)}                   ${pad(fmtRatio(r.rssPerConn), 7)}                   ${pad(fmtRatio(r.serverCpuPerDelivery), 7)}`,
    );
  }
  out.push('');
  out.push('targets (oddsgate):');
  for (const v of verdicts) {
    const mark = (t) => (t.pass ? 'PASS' : 'MISS');
    const list = (values) => values.map((x) => (x === null ? '-' : `${x.toFixed(2)}x`)).join(', ');
    const parts = [];
    if (v.deliveriesAtLeast90PctOfUwsEveryRound) parts.push(`saturation >= 0.9x bare uWS in every round: ${mark(v.deliveriesAtLeast90PctOfUwsEveryRound)} (${list(v.deliveriesAtLeast90PctOfUwsEveryRound.ratios)})`);
    if (v.cpuPerDeliveryWithin5PctOfUws) parts.push(`server CPU per delivery within 5% of bare uWS (median of rounds): ${mark(v.cpuPerDeliveryWithin5PctOfUws)} (${list([v.cpuPerDeliveryWithin5PctOfUws.ratio])}; rounds ${list(v.cpuPerDeliveryWithin5PctOfUws.perRound)})`);
    if (v.deliveriesAtLeast5xSocketIo) parts.push(`>= 5x Socket.IO: ${mark(v.deliveriesAtLeast5xSocketIo)} (${v.deliveriesAtLeast5xSocketIo.ratio === null ? '-' : v.deliveriesAtLeast5xSocketIo.ratio.toFixed(1)}x)`);
    if (v.p99Within2xOfUws) parts.push(`p99 within 2x of bare uWS: ${mark(v.p99Within2xOfUws)} (${v.p99Within2xOfUws.ratio.toFixed(2)}x)`);
    parts.push(`RSS/idle conn < 4 KiB: ${mark(v.rssPerConnUnder4KiB)} (${(v.rssPerConnUnder4KiB.bytes / 1024).toFixed(2)} KiB)`);
    out.push(`  ${fmtInt(v.clients)} clients, ${v.rounds} round(s):`);
    for (const part of parts) out.push(`    ${part}`);
  }
  return out.join('\n');
}

// ---------------------------------------------------------------- main

async function main() {
  const startedAt = new Date();
  // Bounded no matter what: a hung step cannot keep the machine busy.
  const hardLimitMs = (quick ? 6 : 25) * opts.rounds * 60_000;
  setTimeout(() => {
    console.error(`bench:fanout: exceeded its ${hardLimitMs / 60_000} minute limit; stopping`);
    process.exit(3);
  }, hardLimitMs).unref();

  log(`building oddsgate (npm run build) and the native client (gcc -O2)`);
  let buildNote = 'built';
  try {
    execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
  } catch (err) {
    if (!existsSync(CLI)) throw err;
    buildNote = 'npm run build failed; used the existing dist/';
    log(`WARNING: ${buildNote}`);
  }
  shared = { ...(await import('../../dist/src/loadtest/native-driver.js')), ...(await import('../../dist/src/loadtest/histograms.js')) };
  if (shared.buildNativeClient().binary !== WSLOAD) throw new Error(`the native client was built somewhere else than ${WSLOAD}`);

  const redisPort = await freePort();
  const redis = startProcess('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--logfile', '', '--loglevel', 'warning']);
  const redisUrl = `redis://127.0.0.1:${redisPort}`;
  const deadline = Date.now() + 5_000;
  while (!(await new Promise((r) => {
    const s = createServer();
    s.once('error', () => r(true)); // the port is taken: redis listens
    s.listen(redisPort, '127.0.0.1', () => s.close(() => r(false)));
  }))) {
    if (Date.now() > deadline) throw new Error('redis-server did not start');
    await sleep(50);
  }
  const publisher = new Publisher(redisUrl);
  await publisher.request(null); // {started}
  const seeded = await publisher.request({ cmd: 'seed' });
  log(`redis on ${redisPort}; publisher seeded ${seeded.seeded} markets over ${opts.events} events`);

  const results = [];
  for (const clients of opts.clients) {
    for (let round = 1; round <= opts.rounds; round++) {
      for (const name of opts.servers) results.push({ ...(await runOne(name, clients, redisUrl, redis.pid, publisher)), round });
    }
  }
  publisher.proc.send({ cmd: 'stop' });
  await sleep(200);
  await stopProcess(publisher.proc, 1_000);
  await stopProcess(redis, 1_000);

  const file = join(ROOT, 'loadtest', 'results', `fanout-${startedAt.toISOString().replace(/[:.]/g, '-')}.json`);
  report(results);
  writeResults(file, startedAt, results, buildNote);
}

/** Prints the table, the ratios and the targets. */
function report(results) {
  const table = printTable(results);
  const r = ratios(results);
  const header = [
    '',
    `odds fan-out: ${opts.events} events, each client subscribed to ${opts.per}; latency at ${fmtInt(opts.moderate)} deliveries/s; saturation by stepping x${opts.stepFactor} every ${opts.stepMs / 1000} s${quick ? ' (quick mode)' : ''}`,
    `machine: ${cpus().length} x ${cpus()[0]?.model ?? '?'}, Linux ${release()}, Node ${process.version}; one redis-server, one publisher (oddsgate RedisOddsPublisher); native C clients`,
    '',
  ].join('\n');
  console.log(header);
  console.log(table);
  console.log('');
  console.log(printRatios(r));
  console.log(
    [
      '',
      `columns: sat. deliv/s = highest step rate sustained (clients got >= 95% of it with p99 <= ${opts.satP99Ms} ms); p50/p99/p99.9 = publish-to-client latency at the moderate rate`,
      '(published_at_ms has 1 ms resolution: values carry 0-1 ms of truncation, mean +0.5 ms); RSS/conn = (lowest RSS over the idle window with all clients subscribed',
      '- the same before any client) / clients; CPU% = % of one core at the moderate rate / at the sustained saturation step (server: all its processes; gen = the C load generator;',
      'pub+redis = publisher process + redis-server, which share the same 2 cores; other = processes outside the bench: the machine is shared).',
      '"stopped by": server = it fell behind or past the p99 bound with its core mostly to itself; machine = the 2 cores were full (server < 85% of a core);',
      'publisher = the publisher could not offer more. "peak" = most frames/s received in any step, backlog included.',
    ].join('\n'),
  );
  return r;
}

function writeResults(file, startedAt, results, buildNote) {
  const r = ratios(results);
  mkdirSync(join(ROOT, 'loadtest', 'results'), { recursive: true });
  let commit = '';
  let dirty = '';
  try {
    commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT }).toString().trim();
    dirty = execFileSync('git', ['status', '--porcelain', 'src'], { cwd: ROOT }).toString().trim();
  } catch {
    // not a checkout
  }
  const json = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    options: opts,
    machine: { cpus: cpus().length, model: cpus()[0]?.model, kernel: release(), node: process.version },
    oddsgate: { commit, srcDirty: dirty ? dirty.split('\n') : [], build: buildNote },
    results,
    ratios: r.rows,
    targets: r.verdicts,
  };
  writeFileSync(file, JSON.stringify(json, null, 2));
  console.log(`\nresults: ${file}`);
}

const tableFile = flag('table');
(typeof tableFile === 'string'
  ? Promise.resolve().then(() => {
      const saved = JSON.parse(readFileSync(tableFile, 'utf8'));
      Object.assign(opts, saved.options);
      for (const r of saved.results) {
        // Files from before the 'machine' verdict existed: apply it from the last (failed) step.
        const last = r.steps?.[r.steps.length - 1];
        if (r.saturation?.limitedBy === 'server' && last && !last.sustained) {
          const c = last.cpu;
          if (c.server < 85 && c.server + c.loadgen + c.publisher + c.redis + c.other >= 170) r.saturation.limitedBy = 'machine';
        }
      }
      report(saved.results);
    })
  : main()
).then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
