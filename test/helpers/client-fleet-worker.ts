/**
 * A client-fleet process (started by client-fleet.ts through the TypeScript
 * loader): many MovingClients, each watching one event and, if it holds a
 * token, placing bets, driven over IPC. A drain test spreads its clients over
 * several of these so that no single busy process decides when thousands of
 * connections open.
 */
import * as hdr from 'hdr-histogram-js';
import { Agent, request } from 'undici';
import { MarketStatus, PriceChangePolicy } from '../../src/protocol/wire.js';
import type { BetPlan, BetRecord, ClientReport, ClientSpec, Reply, Request, RouteSpec, WorkerReport } from './client-fleet-protocol.js';
import { MovingClient } from './moving-client.js';

interface Member {
  spec: ClientSpec;
  mover: MovingClient;
  bets: number;
  nextBetAt: number;
}

const members: Member[] = [];
let route: RouteSpec = { kind: 'fixed', url: '' };
let plan: BetPlan | null = null;
let phase = '';
const latency = new Map<string, hdr.Histogram>();
// Route lookups at a reconnect storm: a bounded pool per node, not a socket per client.
const lookups = new Agent({ connections: 16, pipelining: 1 });

async function lookUp(sid: string): Promise<string> {
  if (route.kind === 'fixed') return route.url;
  const nodes = [...route.nodes].sort(() => Math.random() - 0.5);
  for (const node of nodes) {
    try {
      const res = await request(`${node}/v1/route?sid=${encodeURIComponent(sid)}`, { dispatcher: lookups, headersTimeout: 3_000, bodyTimeout: 3_000 });
      const body = (await res.body.json()) as { node?: { url?: string } };
      if (res.statusCode === 200 && body.node?.url) return body.node.url;
    } catch {
      // That node is down or draining away: ask the next.
    }
  }
  throw new Error(`no node answered a route lookup for ${sid}`);
}

function record(frame: { odds?: { publishedAtMs?: number | null } | null }, nodeId: string): void {
  const published = Number(frame.odds?.publishedAtMs ?? 0);
  if (!published || !phase) return;
  const key = `${phase}|${nodeId}`;
  let h = latency.get(key);
  if (!h) latency.set(key, (h = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 600_000_000, numberOfSignificantValueDigits: 3 })));
  h.recordValue(Math.max(1, Math.round((performance.timeOrigin + performance.now() - published) * 1000)));
}

async function connectOne(spec: ClientSpec): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      const mover = await MovingClient.connect({
        sid: spec.sid,
        url: spec.url,
        route: lookUp,
        protocols: spec.token ? ['oddsgate.v1', `oddsgate.bearer.${spec.token}`] : ['oddsgate.v1'],
        localAddress: spec.localAddress,
      });
      const member: Member = { spec, mover, bets: 0, nextBetAt: 0 };
      mover.onServerFrame((frame, current) => {
        if (current && frame.kind === 'odds') record(frame, mover.nodeId);
      });
      mover.subscribe(spec.eventId);
      await mover.client.waitFor(() => mover.client.events.has(spec.eventId), `snapshot of ${spec.eventId}`, 30_000);
      members.push(member);
      return;
    } catch (err) {
      if (attempt >= 5) throw err;
      await new Promise((r) => setTimeout(r, 200 * attempt));
    }
  }
}

async function connect(specs: ClientSpec[], concurrency: number): Promise<{ connected: number }> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, specs.length) }, async () => {
      while (next < specs.length) await connectOne(specs[next++]);
    }),
  );
  return { connected: specs.length };
}

let betTimer: NodeJS.Timeout | undefined;

function betTick(): void {
  if (!plan) return;
  const now = Date.now();
  for (const m of members) {
    if (!m.spec.token || now < m.nextBetAt) continue;
    m.nextBetAt = now + plan.everyMs * (0.5 + Math.random());
    const view = m.mover.client.events.get(m.spec.eventId);
    const open = [...(view?.markets.values() ?? [])].filter((u) => u.status === MarketStatus.MARKET_STATUS_OPEN && u.selections.length > 0);
    if (open.length === 0) continue;
    const market = open[Math.floor(Math.random() * open.length)];
    const selection = market.selections[Math.floor(Math.random() * market.selections.length)];
    m.mover.placeBet({
      idempotencyKey: `${m.spec.sid}:${++m.bets}`,
      eventId: m.spec.eventId,
      marketId: market.marketId,
      selectionId: selection.id,
      price: selection.price,
      seq: market.seq,
      stake: plan.stake ?? 100,
      currency: 'EUR',
      acceptPriceChange: PriceChangePolicy.PRICE_CHANGE_POLICY_ANY,
    });
  }
}

function bets(next: BetPlan | null): void {
  plan = next;
  clearInterval(betTimer);
  betTimer = undefined;
  if (!plan) return;
  const now = Date.now();
  for (const m of members) m.nextBetAt = now + Math.random() * plan.everyMs;
  betTimer = setInterval(betTick, 20);
}

async function until(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
}

/** Every client settled on a socket and every bet answered finally. */
async function settle(timeoutMs: number) {
  const unsettled = () => members.filter((m) => m.mover.inMotion || m.mover.openBets().length > 0 || m.mover.client.ws.readyState !== 1);
  const settled = await until(() => unsettled().length === 0, timeoutMs);
  const left = unsettled();
  return { settled, unsettled: left.length, openBets: left.reduce((n, m) => n + m.mover.openBets().length, 0), sample: left.slice(0, 3).map((m) => ({ sid: m.spec.sid, inMotion: m.mover.inMotion, open: m.mover.openBets(), state: m.mover.client.ws.readyState })) };
}

async function reach(seqs: Record<string, number>, timeoutMs: number) {
  const behind = () => members.filter((m) => (m.mover.client.events.get(m.spec.eventId)?.seq ?? -1) < (seqs[m.spec.eventId] ?? 0));
  const reached = await until(() => behind().length === 0, timeoutMs);
  const left = behind();
  return { reached, behind: left.length, sample: left.slice(0, 3).map((m) => ({ sid: m.spec.sid, eventId: m.spec.eventId, seq: m.mover.client.events.get(m.spec.eventId)?.seq, want: seqs[m.spec.eventId] })) };
}

function clientReport(m: Member): ClientReport {
  const c = m.mover.client;
  const events: ClientReport['events'] = {};
  for (const [eventId, v] of c.events) events[eventId] = { seq: v.seq, snapshots: v.snapshots, replaces: v.replaces, stale: v.stale };
  return {
    sid: m.spec.sid,
    nodeId: m.mover.nodeId,
    connected: c.ws.readyState === 1,
    violations: c.violations.slice(0, 20),
    conflicts: m.mover.conflicts,
    unexpectedCloses: m.mover.unexpectedCloses,
    droppedAfterMove: c.droppedAfterMove,
    moves: m.mover.moves,
    events,
    drains: c.drains.length,
    replacements: c.replacements,
    errors: c.errors.map((e) => ({ code: e.code, eventId: e.eventId, message: e.message })),
  };
}

function betRecords(): BetRecord[] {
  const out: BetRecord[] = [];
  for (const m of members) {
    for (const [key, bet] of m.mover.bets) {
      out.push({
        key,
        sid: m.spec.sid,
        sends: bet.sends,
        final: bet.final ? { outcome: bet.final.outcome, reason: bet.final.reason ?? 0, betId: bet.final.betId ?? '' } : null,
        outcomes: bet.results.map((r) => r.outcome),
      });
    }
  }
  return out;
}

function report(withBets: boolean, withClients: boolean): WorkerReport {
  const cpu = process.cpuUsage();
  return {
    pid: process.pid,
    cpuMs: (cpu.user + cpu.system) / 1000,
    clients: withClients ? members.map(clientReport) : [],
    bets: withBets ? betRecords() : [],
    latency: Object.fromEntries([...latency].map(([k, h]) => [k, hdr.encodeIntoCompressedBase64(h)])),
  };
}

async function handle(req: Request): Promise<unknown> {
  switch (req.cmd) {
    case 'connect':
      return connect(req.clients, req.concurrency);
    case 'route':
      route = req.route;
      return null;
    case 'bets':
      bets(req.plan);
      return null;
    case 'phase':
      phase = req.name;
      return null;
    case 'settle':
      return settle(req.timeoutMs);
    case 'reach':
      return reach(req.seqs, req.timeoutMs);
    case 'report':
      return report(req.bets, req.clients);
    case 'close':
      bets(null);
      for (const m of members) m.mover.terminate();
      setTimeout(() => process.exit(0), 50);
      return null;
  }
}

process.on('message', (req: Request) => {
  handle(req).then(
    (result) => process.send!({ id: req.id, ok: true, result } satisfies Reply),
    (err: unknown) => process.send!({ id: req.id, ok: false, error: (err as Error)?.stack ?? String(err) } satisfies Reply),
  );
});
// The test is gone (it crashed or was killed): never outlive it.
process.on('disconnect', () => process.exit(0));
process.send!({ id: 0, ok: true, result: 'ready' } satisfies Reply);
