// npm run bench:codec [-- --updates 100000 --passes 7]
//
// What the hub spends per odds update to build its frames, the way it did
// before issue 10 (decode the stored payload, stamp seq/offset, encode the
// whole OddsUpdate again and wrap it in a ServerFrame) against now (splice:
// the stored payload's bytes with seq/offset, or prev_seq, appended; see
// src/protocol/odds-frame.ts). Four cases:
//   - live fan-out: one frame per update (what uWS publishes to a topic);
//   - conflated: one frame per market per window, with prev_seq;
//   - read + live frame: the whole per-update path, the feed's decode and
//     check included (both ways decode once: the bet check and the
//     trust-nothing rules need it);
//   - replay: 1,000 stream entries to 10 and to 100 resuming clients (the
//     old way re-encoded per client, now a frame per entry shared by the
//     batch). The feed's range reads are left out: the same either way. The
//     old way allocates ~175 MB for 100 clients, enough to set off a GC
//     whatever the young generation: its bytes show as n/a, the 10-client
//     row has them.
// Each case runs --passes times; the table shows medians of ns and bytes
// allocated per update (per replay batch for the replay) and old/new ratios.
// Bytes: heap growth plus ArrayBuffer growth across passes of 10,000 updates
// (one replay batch), each started after a full GC with a young generation
// large enough that no GC runs during it (the script's flags: --expose-gc,
// semi-spaces of 256 MB); a pass in which a GC ran anyway is reported and
// left out of the byte median.
import { performance, PerformanceObserver } from 'node:perf_hooks';
import v8 from 'node:v8';
import { decodeEntry } from '../../src/feed/feed-records.js';
import type { FeedEntry } from '../../src/feed/odds-feed.js';
import { encodeUpdatePayload } from '../../src/feed/odds-update.js';
import { ReplayFrames } from '../../src/hub/replay-frames.js';
import { chainedOddsFrame, oddsUpdateOf, stampedOddsFrame } from '../../src/protocol/odds-frame.js';
import { MarketStatus, pb, Writer, type OddsUpdateMessage } from '../../src/protocol/wire.js';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i].replace(/^--/, ''), process.argv[i + 1]);
const UPDATES = Number(args.get('updates') ?? 100_000);
const PASSES = Number(args.get('passes') ?? 7);
/** Updates per pass that counts bytes. */
const BYTES_UPDATES = 10_000;
const REPLAY_ENTRIES = 1_000;
const REPLAY_CLIENTS = 100;

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc (npm run bench:codec does)');

// A football event's markets as a trading system publishes them: 2 to 10 selections.
const MARKETS = [
  { id: '1x2', selections: ['home', 'draw', 'away'] },
  { id: 'ou-2.5', selections: ['over', 'under'] },
  { id: 'btts', selections: ['yes', 'no'] },
  { id: 'next-goal', selections: ['home', 'none', 'away'] },
  { id: 'correct-score', selections: ['1-0', '2-0', '2-1', '0-0', '1-1', '2-2', '0-1', '0-2', '1-2', 'other'] },
];
const STORED = Array.from({ length: 500 }, (_, i) => {
  const market = MARKETS[i % MARKETS.length];
  const seq = 1_000 + i;
  const offset = `${1_700_000_000_000 + i}-0`;
  const payload = encodeUpdatePayload({
    eventId: 'match-2024-0815-ars-che',
    marketId: market.id,
    status: MarketStatus.MARKET_STATUS_OPEN,
    selections: market.selections.map((id, s) => ({ id, price: 1_500 + ((i * 37 + s * 101) % 9_000) })),
    publishedAtMs: 1_700_000_000_000 + i,
  });
  return { epoch: 'a1b2c3d4e5f60718', seq, offset, payload: Buffer.from(payload) };
});
const ENTRIES: FeedEntry[] = STORED.map((raw) => decodeEntry('match-2024-0815-ars-che', raw) as FeedEntry);
const REPLAY: FeedEntry[] = Array.from({ length: REPLAY_ENTRIES }, (_, i) => ENTRIES[i % ENTRIES.length]);
/** Each market's last value as the hub holds it now: spliced OddsUpdate bytes. */
const LAST_VALUES = ENTRIES.map((e) => oddsUpdateOf(stampedOddsFrame(e.payload, e.seq, e.offset)));

// ---------------------------------------------------------------- the way before issue 10 (the hub's former code)
function reencodedFrame(update: OddsUpdateMessage): Uint8Array {
  return Writer.create().uint32(10).bytes(pb.OddsUpdate.encode(update).finish()).finish();
}
function reencodedChained(update: OddsUpdateMessage, prevSeq: number): Uint8Array {
  update.prevSeq = prevSeq;
  const frame = reencodedFrame(update);
  update.prevSeq = 0;
  return frame;
}

// ---------------------------------------------------------------- the cases: each returns something so nothing is optimised away
let sink = 0;

/** REPLAY_ENTRIES stream entries replayed to `clients` resuming clients at once: a frame array per client either way. */
function replayCase(clients: number) {
  return {
    name: `replay ${REPLAY_ENTRIES.toLocaleString()} entries to ${clients} clients`,
    unit: 'batch',
    perPass: 1,
    old: () => {
      for (let c = 0; c < clients; c++) {
        const frames: Uint8Array[] = [];
        for (const e of REPLAY) frames.push(reencodedFrame(e.update));
        sink += frames.length;
      }
    },
    now: () => {
      const shared = new ReplayFrames();
      for (let c = 0; c < clients; c++) shared.openReplay();
      for (let c = 0; c < clients; c++) {
        const frames: Uint8Array[] = [];
        for (const e of REPLAY) frames.push(shared.frameOf(e));
        sink += frames.length;
      }
      for (let c = 0; c < clients; c++) shared.closeReplay();
    },
  };
}
const cases: Array<{ name: string; unit: string; perPass: number; old: (i: number) => void; now: (i: number) => void }> = [
  {
    name: 'live fan-out frame',
    unit: 'update',
    perPass: UPDATES,
    old: (i) => (sink += reencodedFrame(ENTRIES[i % ENTRIES.length].update).length),
    now: (i) => {
      const e = ENTRIES[i % ENTRIES.length];
      sink += stampedOddsFrame(e.payload, e.seq, e.offset).length;
    },
  },
  {
    name: 'conflated frame (prev_seq)',
    unit: 'update',
    perPass: UPDATES,
    old: (i) => (sink += reencodedChained(ENTRIES[i % ENTRIES.length].update, 990 + (i % 10)).length),
    now: (i) => (sink += chainedOddsFrame(LAST_VALUES[i % LAST_VALUES.length], 990 + (i % 10)).length),
  },
  {
    name: 'read + live frame',
    unit: 'update',
    perPass: UPDATES,
    old: (i) => (sink += reencodedFrame((decodeEntry('match-2024-0815-ars-che', STORED[i % STORED.length]) as FeedEntry).update).length),
    now: (i) => {
      const e = decodeEntry('match-2024-0815-ars-che', STORED[i % STORED.length]) as FeedEntry;
      sink += stampedOddsFrame(e.payload, e.seq, e.offset).length;
    },
  },
  replayCase(10),
  replayCase(REPLAY_CLIENTS),
];

/** Start times of every GC (performance.now() time): a pass with one inside its span says nothing about bytes. */
const gcStarts: number[] = [];
new PerformanceObserver((list) => list.getEntries().forEach((e) => gcStarts.push(e.startTime))).observe({ entryTypes: ['gc'] });

const allocated = () => v8.getHeapStatistics().used_heap_size + process.memoryUsage().arrayBuffers;
const median = (xs: number[]) => (xs.length === 0 ? Number.NaN : [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]);

/** One pass of `count` runs after a full GC: ns per run, and bytes per run unless a GC ran during it (undefined then). */
async function pass(run: (i: number) => void, count: number): Promise<{ ns: number; bytes: number | undefined }> {
  gc!();
  const before = allocated();
  const start = performance.now();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < count; i++) run(i);
  const t1 = process.hrtime.bigint();
  const grown = allocated() - before;
  const end = performance.now();
  await new Promise((resolve) => setTimeout(resolve, 50)); // the observer reports GCs asynchronously
  return { ns: Number(t1 - t0) / count, bytes: gcStarts.some((t) => t > start && t < end) ? undefined : grown / count };
}

/**
 * Times PASSES passes of `count` runs; counts bytes in PASSES shorter passes
 * (`bytesCount` runs: the old way allocates so much that external memory
 * alone sets off a GC in a long pass). Medians; gcPasses: byte passes left out.
 */
async function measure(run: (i: number) => void, count: number, bytesCount: number): Promise<{ ns: number; bytes: number; gcPasses: number }> {
  for (let i = 0; i < Math.min(count, 20_000); i++) run(i); // warm-up (JIT)
  const times: number[] = [];
  const bytes: number[] = [];
  for (let p = 0; p < PASSES; p++) times.push((await pass(run, count)).ns);
  for (let p = 0; p < PASSES; p++) {
    const b = (await pass(run, bytesCount)).bytes;
    if (b !== undefined) bytes.push(b);
  }
  return { ns: median(times), bytes: median(bytes), gcPasses: PASSES - bytes.length };
}

const fmt = (n: number, digits = 0) => (Number.isNaN(n) ? 'n/a' : n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }));
const rows: string[][] = [['case', 'per', 'old ns', 'new ns', 'old/new', 'old bytes', 'new bytes', 'old/new']];
for (const c of cases) {
  const old = await measure(c.old, c.perPass, Math.min(c.perPass, BYTES_UPDATES));
  const now = await measure(c.now, c.perPass, Math.min(c.perPass, BYTES_UPDATES));
  const gcNote = old.gcPasses + now.gcPasses > 0 ? ` (GC in ${old.gcPasses}+${now.gcPasses} byte passes)` : '';
  rows.push([c.name + gcNote, c.unit, fmt(old.ns), fmt(now.ns), `${fmt(old.ns / now.ns, 1)}x`, fmt(old.bytes), fmt(now.bytes), `${fmt(old.bytes / now.bytes, 1)}x`]);
}
const widths = rows[0].map((_, col) => Math.max(...rows.map((r) => r[col].length)));
console.log(`median of ${PASSES} passes; ${UPDATES.toLocaleString()} updates per pass (replay: 1 batch per pass); Node ${process.version}`);
for (const r of rows) console.log(r.map((cell, col) => (col < 2 ? cell.padEnd(widths[col]) : cell.padStart(widths[col]))).join('  '));
if (sink < 0) console.log(sink);
