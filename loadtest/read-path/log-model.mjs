#!/usr/bin/env node
// node loadtest/read-path/log-model.mjs [--events 10000] [--updates 20000] [--open 200]
//
// A Redis-level model of the per-shard log proposed in DESIGN.md, measured before it exists in
// src/: what it adds per publish, and what reading it costs per entry. One redis-server:
//  1. publish: --updates updates round-robin over --events events with oddsgate's own
//     RedisOddsPublisher (today's script): Redis time per publish (cmdstat_evalsha);
//  2. log append: one log entry per update of step 1 (fields ev e s o n p as in DESIGN.md, with
//     step 1's payloads and results) by a script doing only the INCR + XADD that the publish
//     script would add. Its Redis time per call is an upper bound of what the publish script
//     gains (a call of its own adds a script dispatch); memory per log entry;
//  3. read: the log read back from the start with XREAD COUNT 100 (a node catching up, or a
//     busy shard), keeping the entries of --open events: Redis time per XREAD, reply bytes per
//     entry (this process's socket: ss), and this process's CPU per entry (ioredis's parse and
//     the ev filter: what a node pays for every entry, open or not).
// Prints one JSON object. Needs a built dist/, redis-server and ss.
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import { RedisOddsPublisher } from '../../dist/src/feed/redis-publisher.js';
import { encodeUpdatePayload } from '../../dist/src/feed/odds-update.js';
import { Processes } from '../../dist/src/loadtest/processes.js';

function flag(name, def) {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 || process.argv[i + 1] === undefined ? def : Number(process.argv[i + 1]);
}
const opts = { events: flag('events', 10_000), updates: flag('updates', 20_000), open: flag('open', 200), inFlight: 64, readCount: 100 };

/** The INCR + XADD the publish script would gain (DESIGN.md): KEYS[1] log, KEYS[2] its counter; ARGV event, epoch, seq, offset, payload. */
const LOG_APPEND = `
local n = redis.call('INCR', KEYS[2])
return redis.call('XADD', KEYS[1], 'MAXLEN', '~', '1000000', '*', 'ev', ARGV[1], 'e', ARGV[2], 's', ARGV[3], 'o', ARGV[4], 'n', n, 'p', ARGV[5])
`;

const port = await new Promise((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const p = s.address().port;
    s.close(() => resolve(p));
  });
});
const processes = new Processes();
processes.start('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--logfile', '']);
const redis = new Redis({ port, host: '127.0.0.1' });
redis.on('error', () => undefined); // refused until redis-server listens: ioredis retries, the ping waits
await redis.ping();

async function stats() {
  const info = await redis.info('all');
  const field = (name) => Number(new RegExp(`^${name}:(\\S+)`, 'm').exec(info)?.[1] ?? 0);
  const cmd = (name) => {
    const m = new RegExp(`^cmdstat_${name}:calls=(\\d+),usec=(\\d+)`, 'm').exec(info);
    return m ? { calls: Number(m[1]), usec: Number(m[2]) } : { calls: 0, usec: 0 };
  };
  return { memory: field('used_memory'), evalsha: cmd('evalsha'), xread: cmd('xread') };
}
const perCall = (a, b, k) => Math.round(((b[k].usec - a[k].usec) / (b[k].calls - a[k].calls)) * 10) / 10;

/** Runs `job(i)` for i in [0, n) with at most `inFlight` running. */
async function pool(n, job) {
  let next = 0;
  await Promise.all(Array.from({ length: opts.inFlight }, async () => {
    while (next < n) await job(next++);
  }));
}

const events = Array.from({ length: opts.events }, (_, i) => `match-${i + 1}`);
const update = (i) => ({ eventId: events[i % events.length], marketId: '1x2', status: 1, selections: [{ id: 'home', price: 1_500 + (i % 900) }, { id: 'draw', price: 3_200 }, { id: 'away', price: 4_100 }] });

// 1. publish, today's script
const publisher = new RedisOddsPublisher({ shards: [{ name: 's0', url: `redis://127.0.0.1:${port}` }], keyPrefix: 'og:', streamMaxLen: 10_000, heartbeatMs: 0 });
await publisher.start();
const results = new Array(opts.updates);
const s0 = await stats();
await pool(opts.updates, async (i) => (results[i] = await publisher.publish(update(i))));
const s1 = await stats();

// 2. the log append alone
redis.defineCommand('logAppend', { numberOfKeys: 2, lua: LOG_APPEND });
await pool(opts.updates, async (i) => {
  const r = results[i];
  const u = update(i);
  await redis.logAppend('og:log', 'og:logseq', u.eventId, r.epoch, String(r.seq), r.offset, Buffer.from(encodeUpdatePayload(u)));
});
const s2 = await stats();

// 3. read the log back, keeping --open events
const open = new Set(events.slice(0, opts.open));
const reader = new Redis({ port, host: '127.0.0.1' });
await reader.ping();
const socketBytes = () => {
  const text = execFileSync('ss', ['-tinpH', 'state', 'established', 'dst', `127.0.0.1:${port}`]).toString().split('\n');
  let received = 0;
  for (let i = 0; i < text.length; i++) if (text[i].includes(`pid=${process.pid},`)) received += Number(/bytes_received:(\d+)/.exec(text[i + 1] ?? '')?.[1] ?? 0);
  return received;
};
const bytes0 = socketBytes();
const cpu0 = process.cpuUsage();
let id = '0-0';
let read = 0;
let kept = 0;
for (;;) {
  const reply = await reader.xreadBuffer('COUNT', opts.readCount, 'STREAMS', 'og:log', id);
  if (!reply) break;
  const entries = reply[0][1];
  for (const [, fields] of entries) {
    read++;
    // ev is the first field: the node looks no further for an event it does not have open.
    if (open.has(fields[1].toString())) kept++;
  }
  id = entries[entries.length - 1][0].toString();
}
const cpu = process.cpuUsage(cpu0);
const bytes = socketBytes() - bytes0;
const s3 = await stats();

console.log(
  JSON.stringify(
    {
      options: opts,
      publish: { redisUsecPerCall: perCall(s0, s1, 'evalsha') },
      logAppend: { redisUsecPerCall: perCall(s1, s2, 'evalsha'), memoryBytesPerEntry: Math.round((s2.memory - s1.memory) / opts.updates) },
      logRead: {
        entries: read,
        kept,
        xreadCalls: s3.xread.calls - s2.xread.calls,
        redisUsecPerXread: perCall(s2, s3, 'xread'),
        redisUsecPerEntry: Math.round(((s3.xread.usec - s2.xread.usec) / read) * 100) / 100,
        replyBytesPerEntry: Math.round(bytes / read),
        readerCpuUsecPerEntry: Math.round(((cpu.user + cpu.system) / read) * 100) / 100,
      },
    },
    null,
    2,
  ),
);
reader.disconnect();
redis.disconnect();
await publisher.stop();
await processes.stopAll(1_000);
process.exit(0);
