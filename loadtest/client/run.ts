// npm run bench:client [-- --updates 20000 --runs 7]
//
// The client SDK's two costs a sportsbook front end pays:
//  1. decode-and-apply per OddsUpdate, in Node: a realistic football event
//     (6 markets, 2 to 10 selections, names from EventInfo), a stream of
//     updates fed through the SDK's own socket handler (an injected WebSocket
//     constructor stands in for the network: only the bytes arrive), each
//     decoded, seq-checked, applied to the view and announced to a 'change'
//     listener that reads the market, as a board does. Median of several runs
//     after a warm-up; target under 5 us per update.
//  2. the browser bundle: src/client/index.ts (the browser entry) bundled
//     and minified by esbuild with protobufjs and the generated code, gzip
//     -9; target under 30 KiB.
// Prints a table and writes loadtest/results/client.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { OddsClient } from '../../src/client/index.js';
import { pb, MarketStatus, SnapshotMode } from '../../src/protocol/wire.js';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i].replace(/^--/, ''), process.argv[i + 1]);
const UPDATES = Number(args.get('updates') ?? 20_000);
const RUNS = Number(args.get('runs') ?? 7);
const TARGET_US = 5;
const TARGET_KIB = 30;

const MARKETS: Array<{ id: string; name: string; selections: string[] }> = [
  { id: '1x2', name: 'Match result', selections: ['home', 'draw', 'away'] },
  { id: 'ou-2.5', name: 'Total goals over/under 2.5', selections: ['over', 'under'] },
  { id: 'btts', name: 'Both teams to score', selections: ['yes', 'no'] },
  { id: 'ah-0.5', name: 'Asian handicap -0.5', selections: ['home', 'away'] },
  { id: 'dc', name: 'Double chance', selections: ['1x', '12', 'x2'] },
  { id: 'cs', name: 'Correct score', selections: ['1-0', '2-0', '2-1', '0-0', '1-1', '2-2', '0-1', '0-2', '1-2', 'other'] },
];

/** The n-th update of the stream (seq n), as the node sends it: one ServerFrame with an OddsUpdate. */
function updateFrame(seq: number, publishedAtMs: number): Uint8Array {
  const market = MARKETS[seq % MARKETS.length];
  return pb.ServerFrame.encode({
    odds: {
      eventId: 'bench-event',
      marketId: market.id,
      status: MarketStatus.MARKET_STATUS_OPEN,
      selections: market.selections.map((id, i) => ({ id, price: 1_100 + ((seq * 7 + i * 131) % 9_000) })),
      seq,
      offset: `${1_700_000_000_000 + seq}-0`,
      publishedAtMs,
    },
  }).finish();
}

function snapshotFrame(): Uint8Array {
  return pb.ServerFrame.encode({
    snapshot: {
      eventId: 'bench-event',
      mode: SnapshotMode.SNAPSHOT_MODE_REPLACE,
      epoch: 'e1',
      seq: 0,
      offset: '',
      markets: MARKETS.map((m) => ({ eventId: 'bench-event', marketId: m.id, status: MarketStatus.MARKET_STATUS_OPEN, selections: m.selections.map((id) => ({ id, price: 2_000 })), seq: 0, offset: '' })),
      info: {
        eventId: 'bench-event',
        version: 1,
        name: 'Arsenal v Chelsea',
        sport: 'football',
        competition: 'Premier League',
        participants: [{ id: 'ars', name: 'Arsenal' }, { id: 'che', name: 'Chelsea' }],
        markets: MARKETS.map((m, i) => ({ marketId: m.id, name: m.name, displayOrder: i, selections: m.selections.map((id) => ({ id, name: id.toUpperCase() })) })),
      },
    },
  }).finish();
}

/** The WebSocket the SDK gets: the bench delivers frames to its onmessage as a browser would (ArrayBuffers). */
class BenchSocket {
  static last: BenchSocket;
  binaryType = 'blob';
  readyState = 1;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  constructor() {
    BenchSocket.last = this;
  }
  send(): void {}
  close(): void {}
  deliver(bytes: Uint8Array): void {
    this.onmessage!({ data: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) });
  }
}

async function decodeAndApply(): Promise<{ runs: number[]; medianUs: number }> {
  const now = Date.now();
  const frames = Array.from({ length: UPDATES }, (_, i) => updateFrame(i + 1, now));
  // As they arrive from a socket: each its own ArrayBuffer (copied before timing).
  const buffers = frames.map((f) => ({ data: f.buffer.slice(f.byteOffset, f.byteOffset + f.byteLength) }));
  const runs: number[] = [];
  for (let run = -1; run < RUNS; run++) {
    const client = new OddsClient({ url: 'ws://bench.invalid/v1/ws', WebSocket: BenchSocket });
    const opened = client.connect();
    await Promise.resolve(); // attempt() awaits the (absent) token before constructing the socket
    await new Promise((r) => setTimeout(r, 0));
    const socket = BenchSocket.last;
    socket.deliver(pb.ServerFrame.encode({ welcome: { sessionId: 's', nodeId: 'bench', sid: 'bench-session' } }).finish());
    await opened;
    const view = client.subscribe('bench-event');
    socket.deliver(snapshotFrame());
    let prices = 0;
    view.on('change', (c) => {
      const m = c.marketId ? view.market(c.marketId) : undefined;
      if (m) prices += m.selections[0].price;
    });
    let violations = 0;
    client.on('violation', () => violations++);
    const handler = socket.onmessage!;
    const start = process.hrtime.bigint();
    for (let i = 0; i < buffers.length; i++) handler(buffers[i]);
    const ns = Number(process.hrtime.bigint() - start);
    if (view.seq !== UPDATES || violations !== 0 || prices === 0) throw new Error(`bench run applied ${view.seq} of ${UPDATES} updates, ${violations} violations`);
    client.close();
    if (run >= 0) runs.push(ns / UPDATES / 1_000); // run -1 warms the JIT up
  }
  const sorted = [...runs].sort((a, b) => a - b);
  return { runs, medianUs: sorted[Math.floor(sorted.length / 2)] };
}

async function bundleSize(): Promise<{ minifiedBytes: number; gzipBytes: number; protobufGzipBytes: number }> {
  const bundle = async (contents: string) => {
    const result = await build({ stdin: { contents, resolveDir: process.cwd(), loader: 'ts' }, bundle: true, minify: true, format: 'esm', platform: 'browser', target: 'es2020', write: false, logLevel: 'silent', metafile: true });
    const inputs = Object.keys(result.metafile.inputs);
    const nodeOnly = inputs.filter((p) => p.startsWith('node:') || p.includes('node_modules/ws/'));
    if (nodeOnly.length > 0) throw new Error(`the browser bundle pulled in ${nodeOnly.join(', ')}`);
    return result.outputFiles[0].contents;
  };
  const sdk = await bundle("export * from './src/client/index.ts';");
  // The protobuf runtime and generated code alone, for the breakdown.
  const protobuf = await bundle("export { pb } from './src/protocol/wire.ts';");
  return { minifiedBytes: sdk.length, gzipBytes: gzipSync(sdk, { level: 9 }).length, protobufGzipBytes: gzipSync(protobuf, { level: 9 }).length };
}

const apply = await decodeAndApply();
const size = await bundleSize();
const kib = (b: number) => (b / 1024).toFixed(1);
const rows = [
  ['decode + apply per update (median)', `${apply.medianUs.toFixed(2)} us`, `< ${TARGET_US} us`, apply.medianUs < TARGET_US ? 'ok' : 'MISSED'],
  ['  runs', apply.runs.map((r) => r.toFixed(2)).join(' '), '', ''],
  ['browser bundle, gzip -9', `${kib(size.gzipBytes)} KiB (${size.gzipBytes} B)`, `< ${TARGET_KIB} KiB`, size.gzipBytes < TARGET_KIB * 1024 ? 'ok' : 'MISSED'],
  ['  of which protobufjs + generated code', `${kib(size.protobufGzipBytes)} KiB`, '', ''],
  ['  minified, before gzip', `${kib(size.minifiedBytes)} KiB`, '', ''],
];
console.log(`bench:client (${UPDATES} updates x ${RUNS} runs, 6 markets, Node ${process.version})`);
for (const r of rows) console.log(`${r[0].padEnd(40)} ${r[1].padEnd(44)} ${r[2].padEnd(10)} ${r[3]}`);
mkdirSync('loadtest/results', { recursive: true });
writeFileSync('loadtest/results/client.json', JSON.stringify({ at: new Date().toISOString(), node: process.version, updates: UPDATES, runs: RUNS, applyUs: apply, bundle: size, targets: { applyUs: TARGET_US, gzipKiB: TARGET_KIB } }, null, 2) + '\n');
