// The load test's bettor pool, a child process of `oddsgate loadtest`: bets
// through the real protocol (authenticated WebSocket, PlaceBet with an
// idempotency key, BetResult) on behalf of every connected client. The
// native client holds the many sockets; this pool carries their bets at the
// aggregate rate the orchestrator sets (bets per connected client per minute
// x connected clients), over `connections` authenticated sockets, one bet in
// flight per socket. A bet whose answer says nothing was decided (UNKNOWN,
// CORE_UNAVAILABLE, RATE_LIMITED) is resent with the same key later, as a
// client must, backing off to one resend every RESEND_MAX_MS and never giving
// up while the run lasts (a spike or a slow core can withhold decisions for
// longer than any fixed count of resends: that is the load, not a lost bet);
// a socket that is drained or closed reconnects (to the Drain frame's
// successor) and resends its open bet. At the end, every open bet is resent
// once a second, for at most 15 s: one still without a decision then is one
// the player could not learn even once the load was gone.
//
// Arguments: <ws urls, comma-separated> <connections> <events> <jurisdictions> <json mix> <run id>.
// Environment: LOADTEST_HS256_SECRET. Stdin commands (one line each):
//   r <bets/s>   the aggregate rate from now on
//   h            one JSON line: round trips (µs) and answers by kind since the last h
//   f            stop placing, resend open bets once a second for ≤ 15 s, print the final account (with the
//                round trips and answers since the last h) and exit
import { createInterface } from 'node:readline';
import { SignJWT } from 'jose';
import { WebSocket } from 'undici';
import type { oddsgate } from '../protocol/generated/oddsgate.js';
import { BetOutcome, MarketStatus, PriceChangePolicy, pb, RejectReason } from '../protocol/wire.js';

interface Mix {
  stakes: Array<{ value: number; weight: number }>;
  pricePolicy: Array<{ value: 'none' | 'better' | 'any'; weight: number }>;
}
interface OpenMarket {
  marketId: string;
  selectionId: string;
  price: number;
  seq: number;
}
interface Bet {
  key: string;
  frame: Uint8Array;
  sentAt: number;
  attempts: number;
}
interface Conn {
  index: number;
  playerId: string;
  jurisdiction: string;
  eventId: string;
  url: string;
  ws: WebSocket | undefined;
  open: boolean;
  markets: Map<string, OpenMarket>;
  bet: Bet | undefined;
  /** A bet to resend at this time (a no-decision answer), or 0. */
  resendAt: number;
}

const [urlsCsv, connectionsArg, eventsArg, jurisdictionsCsv, mixJson, runId] = process.argv.slice(2);
const urls = urlsCsv.split(',');
const jurisdictions = jurisdictionsCsv.split(',');
const mix = JSON.parse(mixJson) as Mix;
const secret = new TextEncoder().encode(process.env.LOADTEST_HS256_SECRET ?? '');
/** The first resend after a no-decision answer; each one after waits twice as long, up to RESEND_MAX_MS. */
const RESEND_MS = 500;
const RESEND_MAX_MS = 4_000;
const FINAL_WAIT_MS = 15_000;
const FINAL_RESEND_MS = 1_000;
const POLICY = { none: PriceChangePolicy.PRICE_CHANGE_POLICY_NONE, better: PriceChangePolicy.PRICE_CHANGE_POLICY_BETTER, any: PriceChangePolicy.PRICE_CHANGE_POLICY_ANY };
const NO_DECISION = new Set<number>([RejectReason.REJECT_REASON_CORE_UNAVAILABLE, RejectReason.REJECT_REASON_RATE_LIMITED]);

let rate = 0;
let owed = 0;
let placing = true;
let sent = 0;
let roundTrips: number[] = [];
let answers: Record<string, number> = {};
/** Keys placed; bets decided (accepted, rejected), and of those decided only after resends. */
const final = { accepted: 0, rejected: 0, decidedAfterResend: 0, keys: 0, sample: [] as Array<[string, string]> };

let seed = 0x2545f491;
const random = () => {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 4294967296;
};
function pick<T>(items: Array<{ value: T; weight: number }>): T {
  let r = random() * items.reduce((s, i) => s + i.weight, 0);
  for (const i of items) if ((r -= i.weight) < 0) return i.value;
  return items[items.length - 1].value;
}

const conns: Conn[] = Array.from({ length: Number(connectionsArg) }, (_, i) => ({
  index: i,
  playerId: `lt-${runId}-p${i}`,
  jurisdiction: jurisdictions[i % jurisdictions.length],
  // Bettors watch the popular events (the first ten on the popularity curve).
  eventId: `match-${1 + (i % Math.min(10, Number(eventsArg)))}`,
  url: urls[i % urls.length],
  ws: undefined,
  open: false,
  markets: new Map(),
  bet: undefined,
  resendAt: 0,
}));

async function connect(c: Conn): Promise<void> {
  const token = await new SignJWT({ jurisdiction: c.jurisdiction }).setProtectedHeader({ alg: 'HS256' }).setSubject(c.playerId).setIssuedAt().setExpirationTime('12h').sign(secret);
  const ws = new WebSocket(c.url, ['oddsgate.v1', `oddsgate.bearer.${token}`]);
  ws.binaryType = 'arraybuffer';
  c.ws = ws;
  ws.onopen = () => {
    c.open = true;
    ws.send(pb.ClientFrame.encode({ subscribe: { events: [{ eventId: c.eventId }] } }).finish());
    if (c.bet) c.resendAt = performance.now(); // resend the open bet, same key, on the new connection
  };
  ws.onmessage = (m) => onFrame(c, pb.ServerFrame.decode(new Uint8Array(m.data as ArrayBuffer)));
  ws.onclose = () => {
    if (c.ws !== ws) return;
    c.open = false;
    c.ws = undefined;
    c.markets.clear();
    if (!placing && !c.bet) return;
    c.url = urls[(urls.indexOf(c.url) + 1) % urls.length] ?? c.url;
    setTimeout(() => void connect(c), 200);
  };
  ws.onerror = () => undefined; // onclose follows
}

function onFrame(c: Conn, frame: ReturnType<typeof pb.ServerFrame.decode>): void {
  if (frame.snapshot) for (const m of frame.snapshot.markets ?? []) track(c, m);
  else if (frame.odds) track(c, frame.odds);
  else if (frame.betResult) onBetResult(c, frame.betResult);
  else if (frame.drain) {
    const { nodeUrl, reconnectAtMs } = frame.drain;
    setTimeout(() => {
      if (nodeUrl) c.url = nodeUrl;
      const ws = c.ws;
      c.ws = undefined;
      c.open = false;
      c.markets.clear();
      ws?.close();
      void connect(c);
    }, Math.max(0, Number(reconnectAtMs) - Date.now()));
  }
}

function track(c: Conn, m: { marketId?: string | null; status?: number | null; selections?: Array<{ id?: string | null; price?: number | null }> | null; seq?: unknown }): void {
  const id = m.marketId ?? '';
  const selection = m.selections?.[Math.floor(random() * (m.selections?.length ?? 1))];
  if (m.status === MarketStatus.MARKET_STATUS_OPEN && selection?.id && selection.price) c.markets.set(id, { marketId: id, selectionId: selection.id, price: selection.price, seq: Number(m.seq ?? 0) });
  else c.markets.delete(id);
}

function onBetResult(c: Conn, r: oddsgate.v1.IBetResult): void {
  const bet = c.bet;
  if (!bet || r.idempotencyKey !== bet.key) return;
  if (bet.sentAt > 0) {
    roundTrips.push(Math.round((performance.now() - bet.sentAt) * 1000));
    bet.sentAt = 0;
  }
  const code = r.outcome ?? BetOutcome.BET_OUTCOME_UNSPECIFIED;
  const reason = r.reason ?? RejectReason.REJECT_REASON_UNSPECIFIED;
  const outcome = BetOutcome[code].replace('BET_OUTCOME_', '');
  const kind = code === BetOutcome.BET_OUTCOME_REJECTED ? `REJECTED ${RejectReason[reason].replace('REJECT_REASON_', '')}` : outcome;
  answers[kind] = (answers[kind] ?? 0) + 1;
  if (code === BetOutcome.BET_OUTCOME_PENDING) return; // its final decision follows on this connection
  const noDecision = code === BetOutcome.BET_OUTCOME_UNKNOWN || (code === BetOutcome.BET_OUTCOME_REJECTED && NO_DECISION.has(reason));
  if (noDecision) {
    c.resendAt = performance.now() + Math.min(RESEND_MS * 2 ** (bet.attempts - 1), RESEND_MAX_MS);
    return;
  }
  if (bet.attempts > 1) final.decidedAfterResend++;
  if (code === BetOutcome.BET_OUTCOME_ACCEPTED) {
    final.accepted++;
    // A uniform sample of accepted bets, checked against the core's records at the end.
    if (final.sample.length < 2_000) final.sample.push([c.playerId, bet.key]);
    else if (random() < 2_000 / final.accepted) final.sample[Math.floor(random() * 2_000)] = [c.playerId, bet.key];
  } else final.rejected++;
  c.bet = undefined;
}

function send(c: Conn, bet: Bet): void {
  bet.sentAt = performance.now();
  bet.attempts++;
  c.ws!.send(bet.frame);
}

function place(c: Conn): void {
  const markets = [...c.markets.values()];
  const m = markets[Math.floor(random() * markets.length)];
  const key = `lt-${runId}-${c.index}-${sent++}`;
  final.keys++;
  const frame = pb.ClientFrame.encode({
    placeBet: {
      idempotencyKey: key,
      eventId: c.eventId,
      marketId: m.marketId,
      selectionId: m.selectionId,
      price: m.price,
      seq: m.seq,
      stake: pick(mix.stakes),
      currency: 'EUR',
      acceptPriceChange: POLICY[pick(mix.pricePolicy)],
    },
  }).finish();
  c.bet = { key, frame, sentAt: 0, attempts: 0 };
  send(c, c.bet);
}

const TICK_MS = 10;
let next = 0;
setInterval(() => {
  const now = performance.now();
  for (const c of conns) {
    if (c.bet && c.resendAt > 0 && c.resendAt <= now && c.open) {
      c.resendAt = 0;
      send(c, c.bet);
    }
  }
  if (!placing) return;
  owed = Math.min(owed + (rate * TICK_MS) / 1000, Math.max(1, rate));
  for (let tries = 0; owed >= 1 && tries < conns.length; tries++) {
    const c = conns[next++ % conns.length];
    if (!c.open || c.bet || c.markets.size === 0) continue;
    owed -= 1;
    place(c);
  }
}, TICK_MS);

async function finish(): Promise<void> {
  placing = false;
  for (let waited = 0; waited < FINAL_WAIT_MS && conns.some((c) => c.bet); waited += 100) {
    // Open bets are asked again, same key, once a second (an answer may have been lost with a closed socket).
    if (waited % FINAL_RESEND_MS === 0) {
      for (const c of conns) {
        if (!c.bet || !c.open) continue;
        c.resendAt = 0;
        send(c, c.bet);
      }
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  // The player never learned a decision, even with the load gone.
  const undecided = conns.filter((c) => c.bet).length;
  process.stdout.write(`${JSON.stringify({ ...final, undecided, sent, roundTrips, answers })}\n`);
  for (const c of conns) c.ws?.close();
  process.exit(0);
}

createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.startsWith('r ')) rate = Number(line.slice(2));
  else if (line === 'h') {
    process.stdout.write(`${JSON.stringify({ roundTrips, answers })}\n`);
    roundTrips = [];
    answers = {};
  } else if (line === 'f') void finish();
});
process.stdin.once('end', () => process.exit(0));
for (const c of conns) void connect(c);
