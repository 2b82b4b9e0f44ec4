#!/usr/bin/env node
// npm run bench:read-path [-- --events 200,2000,10000] [-- --rate 2000] [-- --window 20] [-- --per 20] [-- --node-env ODDSGATE_X=v,...]
//
// What one node's Redis read path costs as the number of open events grows (issue 10, item 1).
// Per event count N, from scratch: 3 redis-server shards, one oddsgate node (1 worker) and
// oddsgate loadtest's publisher (OddsSimulator on RedisOddsPublisher, dist/src/loadtest/
// publisher-process.js) started by oddsgate loadtest's LocalFleet; ceil(N / per) native clients
// (loadtest/native/wsload.c) subscribed to `per` events each, spread evenly, so that every one of
// the N events (or the first --open of them) is open on the node (checked on /readyz) with about one subscriber. The publisher
// then runs at a fixed total rate spread over the N events, and over one window the bench reads:
//   - XREAD calls and their Redis-side time per shard (INFO commandstats cmdstat_xread);
//   - bytes between the node and each shard in both directions (the node's own TCP sockets to
//     the shard, `ss -tinp`: bytes_sent / bytes_received; the XREAD connection carries nearly all
//     of it in the window), and each shard's total_net_input/output_bytes (publisher included);
//   - entries per read (the node's oddsgate_redis_read_entries histogram: on the log path the
//     entries of open events only), entries of the shard log stepped over per read (events not
//     open here: oddsgate_redis_read_skipped_entries_total, log path only) and reads per shard;
//   - node CPU (/proc/<pid>/stat of its process tree) per delivery (oddsgate_deliveries_total);
//   - Redis CPU (INFO cpu used_cpu_user + used_cpu_sys, summed over the shards);
//   - the machine: load average and the CPU used by processes outside the bench.
// Call counts and bytes do not depend on the machine's load; CPU figures do (read them as
// indicative on a shared machine). Prints a table, writes loadtest/results/read-path-<ts>.json.
// Needs a built dist/ (npm run build), redis-server, gcc and ss (iproute2).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { LocalFleet, LOCAL_ADMIN_TOKEN } from '../../dist/src/loadtest/local-fleet.js';
import { Processes, cpuSeconds } from '../../dist/src/loadtest/processes.js';
import { profileSchema } from '../../dist/src/loadtest/profile.js';
import { buildNativeClient, sumStats, WsloadProcess } from '../../dist/src/loadtest/native-driver.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
const SHARDS = 3;

function flag(name, def) {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 || process.argv[i + 1] === undefined ? def : process.argv[i + 1];
}
const opts = {
  events: String(flag('events', '200,2000,10000')).split(',').map(Number).filter((n) => n > 0),
  ratePerSec: Number(flag('rate', 2_000)),
  windowSec: Number(flag('window', 20)),
  warmSec: Number(flag('warm', 3)),
  per: Number(flag('per', 20)),
  // Events the clients open, of the published ones (match-1..match-<open>); default all: a node with few
  // of the shard's events open is the case where a design that reads every update of a shard costs most.
  open: flag('open', undefined) === undefined ? undefined : Number(flag('open')),
  shards: SHARDS,
  // Extra node settings, e.g. --node-env ODDSGATE_XREAD_COUNT=100 (comma-separated): the same bench
  // runs a node configured for another read path beside the default one.
  nodeEnv: Object.fromEntries(
    String(flag('node-env', ''))
      .split(',')
      .filter(Boolean)
      .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
  ),
};

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (line) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
const round = (x, digits = 1) => (Number.isFinite(x) ? Math.round(x * 10 ** digits) / 10 ** digits : null);

// ---------------------------------------------------------------- samples

/** Busy CPU time of the whole machine (user + nice + system + irq + softirq), in seconds. */
function machineBusySeconds() {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  return (f[0] + f[1] + f[2] + f[5] + f[6]) / CLK_TCK;
}

/** Bytes the processes `pids` sent to and received from 127.0.0.1:`port`, over their open TCP sockets (ss -tinp). */
function socketBytes(port, pids) {
  const text = execFileSync('ss', ['-tinpH', 'state', 'established', 'dst', `127.0.0.1:${port}`]).toString();
  const owned = new Set(pids);
  let sent = 0;
  let received = 0;
  let sockets = 0;
  // Each socket: a line with users:(("node",pid=N,...)), then an indented line of TCP info.
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const pid = /pid=(\d+)/.exec(lines[i]);
    if (!pid || !owned.has(Number(pid[1]))) continue;
    const info = lines[i + 1] ?? '';
    sent += Number(/bytes_sent:(\d+)/.exec(info)?.[1] ?? 0);
    received += Number(/bytes_received:(\d+)/.exec(info)?.[1] ?? 0);
    sockets++;
  }
  return { sent, received, sockets };
}

/** `field:value` lines of an INFO reply as numbers (and cmdstat_* lines as {calls, usec}). */
function parseInfo(text) {
  const out = {};
  for (const line of text.split('\r\n')) {
    const i = line.indexOf(':');
    if (i < 0) continue;
    const key = line.slice(0, i);
    const value = line.slice(i + 1);
    if (key.startsWith('cmdstat_')) out[key] = Object.fromEntries(value.split(',').map((kv) => kv.split('=')).map(([k, v]) => [k, Number(v)]));
    else out[key] = Number(value);
  }
  return out;
}

/** One sample of a labelled series of the node's Prometheus text, per shard label. */
function perShard(text, name) {
  const out = {};
  const re = new RegExp(`^${name}\\{[^}]*shard="([^"]+)"[^}]*\\} (\\S+)$`, 'gm');
  for (const m of text.matchAll(re)) out[m[1]] = (out[m[1]] ?? 0) + Number(m[2]);
  return out;
}

function counter(text, name) {
  const m = new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text);
  return m ? Number(m[1]) : 0;
}

async function sample(run) {
  // One worker: the node is one process (serve forks workers only above 1).
  const nodePids = [run.node.child.pid];
  const metrics = await (await fetch(`http://127.0.0.1:${run.node.adminPort}/metrics`, { headers: { authorization: `Bearer ${LOCAL_ADMIN_TOKEN}` } })).text();
  const shards = [];
  for (let i = 0; i < SHARDS; i++) {
    const info = parseInfo(await run.monitors[i].info('all'));
    shards.push({
      xread: info.cmdstat_xread ?? { calls: 0, usec: 0 },
      evalsha: info.cmdstat_evalsha ?? { calls: 0, usec: 0 },
      netIn: info.total_net_input_bytes,
      netOut: info.total_net_output_bytes,
      cpu: info.used_cpu_user + info.used_cpu_sys,
      node: socketBytes(run.fleet.shards[i].port, nodePids),
    });
  }
  const clients = sumStats(await Promise.all(run.gens.map((g) => g.ask('s'))));
  return {
    t: performance.now(),
    nodeCpu: cpuSeconds(nodePids, CLK_TCK),
    benchCpu: cpuSeconds([...run.processes.pids(), process.pid], CLK_TCK),
    machineBusy: machineBusySeconds(),
    deliveries: counter(metrics, 'oddsgate_deliveries_total'),
    reads: perShard(metrics, 'oddsgate_redis_reads_total'),
    entriesSum: perShard(metrics, 'oddsgate_redis_read_entries_sum'),
    skipped: perShard(metrics, 'oddsgate_redis_read_skipped_entries_total'),
    published: run.fleet.published,
    clientOdds: clients.odds,
    clientGaps: clients.gapEvents,
    shards,
  };
}

function diff(a, b) {
  const secs = (b.t - a.t) / 1000;
  const deliveries = b.deliveries - a.deliveries;
  const shards = b.shards.map((s, i) => {
    const p = a.shards[i];
    const label = `s${i}`;
    const calls = s.xread.calls - p.xread.calls;
    const nodeSent = s.node.sent - p.node.sent;
    const nodeReceived = s.node.received - p.node.received;
    const reads = (b.reads[label] ?? 0) - (a.reads[label] ?? 0);
    return {
      shard: label,
      xreadPerSec: round(calls / secs),
      xreadUsecPerCall: round((s.xread.usec - p.xread.usec) / calls),
      nodeReadsPerSec: round(reads / secs),
      entriesPerRead: round(((b.entriesSum[label] ?? 0) - (a.entriesSum[label] ?? 0)) / reads, 2),
      skippedPerRead: round(((b.skipped[label] ?? 0) - (a.skipped[label] ?? 0)) / reads, 2),
      nodeToRedisBytesPerSec: Math.round(nodeSent / secs),
      redisToNodeBytesPerSec: Math.round(nodeReceived / secs),
      requestBytesPerXread: Math.round(nodeSent / calls),
      replyBytesPerXread: Math.round(nodeReceived / calls),
      nodeSockets: s.node.sockets,
      shardNetInBytesPerSec: Math.round((s.netIn - p.netIn) / secs),
      shardNetOutBytesPerSec: Math.round((s.netOut - p.netOut) / secs),
      publishesPerSec: round((s.evalsha.calls - p.evalsha.calls) / secs),
      publishUsecPerCall: round((s.evalsha.usec - p.evalsha.usec) / (s.evalsha.calls - p.evalsha.calls)),
      redisCpuPct: round(((s.cpu - p.cpu) / secs) * 100),
    };
  });
  const sum = (k) => shards.reduce((t, s) => t + s[k], 0);
  const nodeCpu = b.nodeCpu - a.nodeCpu;
  const benchCpu = b.benchCpu - a.benchCpu;
  return {
    windowSec: round(secs),
    publishedPerSec: Math.round((b.published - a.published) / secs),
    deliveriesPerSec: Math.round(deliveries / secs),
    clientOddsPerSec: Math.round((b.clientOdds - a.clientOdds) / secs),
    clientGapEvents: b.clientGaps - a.clientGaps,
    xreadPerSec: round(sum('xreadPerSec')),
    entriesPerRead: round(shards.reduce((t, s) => t + s.entriesPerRead * s.nodeReadsPerSec, 0) / sum('nodeReadsPerSec'), 2),
    skippedPerRead: round(shards.reduce((t, s) => t + s.skippedPerRead * s.nodeReadsPerSec, 0) / sum('nodeReadsPerSec'), 2),
    nodeToRedisBytesPerSec: sum('nodeToRedisBytesPerSec'),
    redisToNodeBytesPerSec: sum('redisToNodeBytesPerSec'),
    requestBytesPerXread: Math.round(sum('nodeToRedisBytesPerSec') / sum('xreadPerSec')),
    replyBytesPerXread: Math.round(sum('redisToNodeBytesPerSec') / sum('xreadPerSec')),
    xreadUsecPerCall: round(shards.reduce((t, s) => t + s.xreadUsecPerCall * s.xreadPerSec, 0) / sum('xreadPerSec')),
    publishUsecPerCall: round(shards.reduce((t, s) => t + s.publishUsecPerCall * s.publishesPerSec, 0) / sum('publishesPerSec')),
    nodeCpuPct: round((nodeCpu / secs) * 100),
    nodeCpuUsPerDelivery: round((nodeCpu * 1e6) / deliveries),
    redisCpuPct: round(sum('redisCpuPct')),
    redisCpuUsPerDelivery: round((sum('redisCpuPct') / 100) * 1e6 / (deliveries / secs)),
    otherCpuPct: round(((b.machineBusy - a.machineBusy - benchCpu) / secs) * 100),
    shards,
  };
}

// ---------------------------------------------------------------- one event count

async function openEvents(node) {
  const res = await fetch(`http://127.0.0.1:${node.port}/readyz`);
  return (await res.json()).shards.reduce((t, s) => t + s.openEvents, 0);
}

async function runOne(events, wsload) {
  const open = Math.min(opts.open ?? events, events);
  const per = Math.min(opts.per, open);
  const clients = Math.ceil(open / per);
  const processes = new Processes();
  const profile = profileSchema.parse({
    name: 'read-path',
    spawn: { shards: SHARDS, nodes: 1, workersPerNode: 1, jurisdictions: ['MT'], nodeEnv: { ODDSGATE_LOG_LEVEL: 'error', ...opts.nodeEnv } },
    feed: { events, marketsPerEvent: 1 },
    clients: { subscriptionsPerClient: per, popularity: 0 },
    phases: [{ name: 'measure', durationSec: 60, clients, oddsPerSec: opts.ratePerSec }],
  });
  const fleet = new LocalFleet(processes, profile);
  const run = { fleet, processes, monitors: [], gens: [], node: undefined };
  const result = { events, opened: open, shards: SHARDS, clients, subscriptionsPerClient: per, loadavgBefore: loadavg().map((x) => round(x, 2)) };
  try {
    await fleet.start((line) => log(`N=${events}: ${line}`));
    run.node = fleet.nodes[0];
    run.monitors = fleet.shards.map((s) => new Redis({ port: s.port, host: '127.0.0.1', lazyConnect: false }));
    const args = ['--port', String(run.node.port), '--path', '/v1/ws', '--mode', 'og', '--conns', String(clients), '--events', String(open), '--per', String(per), '--concurrency', '256'];
    run.gens.push(new WsloadProcess((cmd, a, o) => processes.start(cmd, a, o), wsload, args));
    const deadline = Date.now() + 60_000;
    for (;;) {
      const s = sumStats(await Promise.all(run.gens.map((g) => g.ask('s'))));
      if (s.ready + s.dead >= clients || Date.now() > deadline) {
        result.subscribed = s.ready;
        if (s.dead) result.clientErrors = `${s.dead} failed: ${s.firstError}`;
        break;
      }
      await sleep(250);
    }
    result.openEvents = await openEvents(run.node);
    log(`N=${events}: ${result.subscribed}/${clients} clients subscribed, ${result.openEvents} events open on the node`);
    if (result.openEvents < open) throw new Error(`only ${result.openEvents} of ${open} events are open on the node`);
    fleet.setOdds(opts.ratePerSec, 0);
    await sleep(opts.warmSec * 1_000);
    const a = await sample(run);
    await sleep(opts.windowSec * 1_000);
    const b = await sample(run);
    Object.assign(result, diff(a, b));
    result.loadavgAfter = loadavg().map((x) => round(x, 2));
    log(
      `N=${events}: ${result.xreadPerSec} XREAD/s, ${result.entriesPerRead} entries/read, ${fmtBytes(result.requestBytesPerXread)}/call out + ${fmtBytes(result.replyBytesPerXread)}/call back; node CPU ${result.nodeCpuPct}% (${result.nodeCpuUsPerDelivery} µs/delivery), Redis ${result.redisCpuPct}%, other ${result.otherCpuPct}%`,
    );
  } catch (err) {
    result.error = err.message;
    log(`N=${events}: FAILED: ${err.message}`);
  } finally {
    for (const m of run.monitors) m.disconnect();
    await processes.stopAll(2_000);
  }
  return result;
}

// ---------------------------------------------------------------- report

function fmtBytes(n) {
  if (n === null || n === undefined || !Number.isFinite(n)) return '-';
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} B`;
}
const fmt = (x) => (x === null || x === undefined ? '-' : typeof x === 'number' ? x.toLocaleString('en-US') : String(x));

function table(results) {
  const cols = [
    ['events', (r) => fmt(r.events)],
    ['open', (r) => fmt(r.opened)],
    ['deliv/s', (r) => fmt(r.deliveriesPerSec)],
    ['XREAD/s', (r) => fmt(r.xreadPerSec)],
    ['entries/XREAD', (r) => fmt(r.entriesPerRead)],
    ['skipped/XREAD', (r) => fmt(r.skippedPerRead)],
    ['req B/XREAD', (r) => fmtBytes(r.requestBytesPerXread)],
    ['reply B/XREAD', (r) => fmtBytes(r.replyBytesPerXread)],
    ['node->redis/s', (r) => fmtBytes(r.nodeToRedisBytesPerSec)],
    ['redis->node/s', (r) => fmtBytes(r.redisToNodeBytesPerSec)],
    ['XREAD µs (redis)', (r) => fmt(r.xreadUsecPerCall)],
    ['publish µs (redis)', (r) => fmt(r.publishUsecPerCall)],
    ['node CPU %', (r) => fmt(r.nodeCpuPct)],
    ['node µs/deliv', (r) => fmt(r.nodeCpuUsPerDelivery)],
    ['redis CPU %', (r) => fmt(r.redisCpuPct)],
    ['redis µs/deliv', (r) => fmt(r.redisCpuUsPerDelivery)],
    ['other CPU %', (r) => fmt(r.otherCpuPct)],
    ['load avg', (r) => (r.loadavgBefore ? r.loadavgBefore[0].toFixed(1) : '-')],
  ];
  const rows = results.map((r) => (r.error ? [fmt(r.events), `error: ${r.error}`] : cols.map(([, f]) => f(r))));
  const lines = [`| ${cols.map(([h]) => h).join(' | ')} |`, `|${cols.map(() => '---:').join('|')}|`, ...rows.map((cells) => `| ${cells.join(' | ')} |`)];
  return lines.join('\n');
}

async function main() {
  const startedAt = new Date();
  const hardLimitMs = opts.events.length * (opts.windowSec + opts.warmSec + 120) * 1_000;
  setTimeout(() => {
    console.error(`bench:read-path: exceeded ${Math.round(hardLimitMs / 1000)} s; stopping`);
    process.exit(3);
  }, hardLimitMs).unref();
  const { binary } = buildNativeClient();
  const results = [];
  for (const events of opts.events) results.push(await runOne(events, binary));
  let commit = '';
  try {
    commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT }).toString().trim();
  } catch {
    // not a checkout
  }
  console.log('');
  console.log(
    `read path of the node built in dist/ (commit ${commit.slice(0, 8) || '?'}): ${SHARDS} shards, 1 node (1 worker), ${opts.ratePerSec} updates/s over all events, ~1 subscriber per event, ${opts.windowSec} s window${Object.keys(opts.nodeEnv).length ? `; node env ${JSON.stringify(opts.nodeEnv)}` : ''}`,
  );
  console.log(`machine: ${cpus().length} x ${cpus()[0]?.model ?? '?'}, Linux ${release()}, Node ${process.version}`);
  console.log(table(results));
  console.log(
    [
      'XREAD/s: calls over the 3 shards (INFO commandstats); entries/XREAD: entries a read returned (node metric; log path: of open events); skipped/XREAD: log entries of events not open, stepped over (log path); req/reply B: bytes of the node\'s sockets to the shard',
      '(ss) per XREAD; XREAD µs, publish µs: Redis-side time per call (cmdstat_xread, cmdstat_evalsha); CPU % of one core; µs/deliv: CPU time per delivery (one frame to one subscriber); other: busy CPU outside the bench.',
      'Counts and bytes do not depend on the machine\'s load; CPU does.',
    ].join('\n'),
  );
  mkdirSync(join(ROOT, 'loadtest', 'results'), { recursive: true });
  const file = join(ROOT, 'loadtest', 'results', `read-path-${startedAt.toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify({ startedAt: startedAt.toISOString(), finishedAt: new Date().toISOString(), commit, options: opts, machine: { cpus: cpus().length, kernel: release(), node: process.version }, results }, null, 2));
  console.log(`\nresults: ${file}`);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
