// Bet load generator (a child of run.mjs): many authenticated connections,
// each subscribed to an event, placing bets closed-loop (the next one after
// the previous answer) at a paced aggregate rate for a bounded duration.
// Prints one JSON line with its histograms and counts, then exits.
import WebSocket from 'ws';
import { SignJWT } from 'jose';
import * as hdr from 'hdr-histogram-js';
import { pb, BetOutcome, PriceChangePolicy, RejectReason } from '../../dist/src/protocol/wire.js';

const [port, rate, durationMs, connections, secret, eventsCsv, jurisdictionsCsv] = process.argv.slice(2);
const events = eventsCsv.split(',');
const jurisdictions = jurisdictionsCsv.split(',');
const perConnectionIntervalMs = (Number(connections) * 1000) / Number(rate);
const roundTrip = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: 3 }); // microseconds
const outcomes = {};
const reasons = {};
let sent = 0;
let answered = 0;
let stopping = false;

async function token(playerId, jurisdiction) {
  return new SignJWT({ jurisdiction }).setProtectedHeader({ alg: 'HS256' }).setSubject(playerId).setIssuedAt().setExpirationTime('2h').sign(new TextEncoder().encode(secret));
}

function connect(i) {
  return new Promise(async (resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/v1/ws`, ['oddsgate.v1', `oddsgate.bearer.${await token(`bench-player-${i}`, jurisdictions[i % jurisdictions.length])}`], { perMessageDeflate: false });
    const eventId = events[i % events.length];
    const conn = { ws, eventId, markets: new Map(), pending: null, next: 0, seq: 0 };
    ws.on('message', (data) => onFrame(conn, pb.ServerFrame.decode(data)));
    ws.once('open', () => {
      ws.send(pb.ClientFrame.encode({ subscribe: { events: [{ eventId }] } }).finish());
      resolve(conn);
    });
    ws.once('error', reject);
  });
}

function onFrame(conn, frame) {
  if (frame.snapshot) for (const m of frame.snapshot.markets) conn.markets.set(m.marketId, m);
  else if (frame.odds) conn.markets.set(frame.odds.marketId, frame.odds);
  else if (frame.betResult && conn.pending && frame.betResult.idempotencyKey === conn.pending.key) {
    roundTrip.recordValue(Math.max(1, Math.round((performance.now() - conn.pending.at) * 1000)));
    const name = BetOutcome[frame.betResult.outcome];
    outcomes[name] = (outcomes[name] ?? 0) + 1;
    if (frame.betResult.reason) reasons[RejectReason[frame.betResult.reason]] = (reasons[RejectReason[frame.betResult.reason]] ?? 0) + 1;
    answered++;
    conn.pending = null;
    schedule(conn);
  }
}

function schedule(conn) {
  if (stopping) return;
  const now = performance.now();
  conn.next = Math.max(conn.next + perConnectionIntervalMs, now);
  setTimeout(() => placeBet(conn), conn.next - now);
}

function placeBet(conn) {
  if (stopping || conn.pending) return;
  const open = [...conn.markets.values()].filter((m) => m.status === 1);
  if (open.length === 0) return schedule(conn);
  const market = open[Math.floor(Math.random() * open.length)];
  const selection = market.selections[Math.floor(Math.random() * market.selections.length)];
  const key = `b-${process.pid}-${sent++}`;
  conn.pending = { key, at: performance.now() };
  conn.ws.send(
    pb.ClientFrame.encode({
      placeBet: { idempotencyKey: key, eventId: conn.eventId, marketId: market.marketId, selectionId: selection.id, price: selection.price, seq: market.seq, stake: 500, currency: 'EUR', acceptPriceChange: PriceChangePolicy.PRICE_CHANGE_POLICY_ANY },
    }).finish(),
  );
}

const conns = [];
for (let i = 0; i < Number(connections); i++) conns.push(await connect(i));
await new Promise((r) => setTimeout(r, 500)); // snapshots in
const cpuStart = process.cpuUsage();
const started = performance.now();
for (const c of conns) {
  c.next = performance.now() + Math.random() * perConnectionIntervalMs;
  setTimeout(() => placeBet(c), c.next - performance.now());
}
await new Promise((r) => setTimeout(r, Number(durationMs)));
stopping = true;
const elapsedMs = performance.now() - started;
await new Promise((r) => setTimeout(r, 1_000)); // let answers in flight arrive
const cpu = process.cpuUsage(cpuStart);
const pct = (q) => roundTrip.getValueAtPercentile(q) / 1000;
process.stdout.write(
  JSON.stringify({
    sent,
    answered,
    achievedPerSec: answered / (elapsedMs / 1000),
    outcomes,
    reasons,
    roundTripMs: { p50: pct(50), p99: pct(99), p999: pct(99.9), max: roundTrip.maxValue / 1000 },
    loadgenCpuPct: ((cpu.user + cpu.system) / 1000 / elapsedMs) * 100,
  }) + '\n',
);
for (const c of conns) c.ws.terminate();
process.exit(0);
