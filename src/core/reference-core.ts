import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { CoreBetRequest, CoreBetResponse, CoreRejectReason } from '../bets/core-contract.js';
import { MarketStatus, type OddsUpdateMessage } from '../protocol/wire.js';
import { CURRENCY, EVENT_ID, IDEMPOTENCY_KEY, MARKET_ID, SELECTION_ID } from '../protocol/validation.js';
import type { BetStore, Counter, StoredBet } from './bet-store.js';
import type { PriceSource } from './price-source.js';

/** Fault injection: what makes the reference core behave like a real one on a bad day. */
export interface CoreFaults {
  /** Processing time of a new bet, uniform in [min, max] ms. */
  latencyMinMs: number;
  latencyMaxMs: number;
  /** Share of requests answered HTTP 500 (0..1). */
  errorRate: number;
  /** Share of acceptable bets held as pending (0..1). */
  pendingRatio: number;
  /** In-play delay of a pending bet. */
  pendingDelayMs: number;
  /** While true every request gets HTTP 503. */
  outage: boolean;
}

export interface ReferenceCoreOptions {
  jurisdiction: string;
  host?: string;
  port: number;
  store: BetStore;
  prices: PriceSource;
  faults?: Partial<CoreFaults>;
  /** Largest stake accepted, minor units. */
  maxStake?: number;
}

const DEFAULT_FAULTS: CoreFaults = { latencyMinMs: 0, latencyMaxMs: 0, errorRate: 0, pendingRatio: 0, pendingDelayMs: 2_000, outage: false };
const POLICIES = new Set(['none', 'better', 'any']);
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * `oddsgate core-sim`: a real HTTP server playing one jurisdiction's core
 * region (the contract is src/bets/core-contract.ts). It decides every bet
 * itself: idempotency in its store, its own price check against the odds
 * snapshot at decision time (after the injected processing latency, so a
 * suspension published meanwhile is seen: no past-posting), pending bets
 * that are re-checked when their in-play delay ends.
 */
export class ReferenceCore {
  private readonly server: Server;
  private faults: CoreFaults;
  private readonly finalizers = new Set<NodeJS.Timeout>();
  url = '';

  constructor(private readonly options: ReferenceCoreOptions) {
    this.faults = { ...DEFAULT_FAULTS, ...options.faults };
    this.server = createServer((req, res) => {
      this.route(req, res).catch((err: Error) => send(res, 500, { error: err.message }));
    });
    this.server.keepAliveTimeout = 60_000;
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port, this.options.host ?? '127.0.0.1', resolve);
    });
    const address = this.server.address() as { address: string; port: number };
    this.url = `http://${address.address}:${address.port}`;
    return this.url;
  }

  setFaults(faults: Partial<CoreFaults>): void {
    this.faults = { ...this.faults, ...faults };
  }

  stats() {
    return this.options.store.counters();
  }

  async stop(): Promise<void> {
    for (const timer of this.finalizers) clearTimeout(timer);
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    await Promise.all([this.options.store.close(), this.options.prices.close()]);
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = req.url ?? '/';
    if (req.method === 'GET' && url === '/healthz') return send(res, this.faults.outage ? 503 : 200, { ok: !this.faults.outage });
    if (req.method === 'GET' && url === '/v1/stats') return send(res, 200, await this.stats());
    if (req.method === 'POST' && url === '/admin/faults') {
      this.setFaults((await readJson(req)) as Partial<CoreFaults>);
      return send(res, 200, this.faults);
    }
    if (this.faults.outage) return send(res, 503, { error: 'outage' });
    if (this.faults.errorRate > 0 && Math.random() < this.faults.errorRate) return send(res, 500, { error: 'injected error' });
    if (req.method === 'POST' && url === '/v1/bets') {
      const started = performance.now();
      const body = await readJson(req).catch(() => null);
      const request = validRequest(body);
      if (!request) return send(res, 400, { outcome: 'rejected', reason: 'invalid_request' } satisfies CoreBetResponse);
      const response = await this.place(request);
      return send(res, 200, { ...response, coreLatencyMs: round(performance.now() - started) });
    }
    const lookup = /^\/v1\/bets\/([^/]+)\/([^/]+)$/.exec(url);
    if (req.method === 'GET' && lookup) {
      const bet = await this.current(decodeURIComponent(lookup[1]), decodeURIComponent(lookup[2]));
      return bet?.response ? send(res, 200, bet.response) : send(res, 404, { error: 'unknown bet' });
    }
    send(res, 404, { error: 'not found' });
  }

  private async place(request: CoreBetRequest): Promise<CoreBetResponse> {
    const { store } = this.options;
    this.count('requests');
    const fingerprint = fingerprintOf(request);
    const claimed = await store.claim(request.playerId, request.idempotencyKey, fingerprint);
    if (claimed !== true) {
      this.count('duplicates');
      if (claimed.fingerprint !== fingerprint) return { outcome: 'rejected', reason: 'idempotency_key_reused' };
      if (claimed.state === 'final') return claimed.response!;
      return (await this.settled(request)).response!;
    }
    this.count('created');
    const { latencyMinMs, latencyMaxMs } = this.faults;
    if (latencyMaxMs > 0) await sleep(latencyMinMs + Math.random() * Math.max(0, latencyMaxMs - latencyMinMs));
    // The id is fixed now, so whichever instance finalizes a pending bet gives it the same id.
    const betId = `${this.options.jurisdiction}-${randomUUID()}`;
    let response = await this.decide(request, betId);
    const bet: StoredBet = { fingerprint, state: 'final', response };
    if (response.outcome === 'accepted' && this.faults.pendingRatio > 0 && Math.random() < this.faults.pendingRatio) {
      bet.state = 'pending';
      bet.decideAt = Date.now() + this.faults.pendingDelayMs;
      bet.request = request;
      bet.betId = betId;
      response = bet.response = { outcome: 'pending' };
      this.scheduleFinal(request.playerId, request.idempotencyKey, this.faults.pendingDelayMs);
    }
    await store.save(request.playerId, request.idempotencyKey, bet);
    this.count(response.outcome);
    return response;
  }

  /** The core's own decision, against the market as the snapshot holds it now. */
  private async decide(request: CoreBetRequest, betId: string): Promise<CoreBetResponse> {
    if (request.jurisdiction !== this.options.jurisdiction) return { outcome: 'rejected', reason: 'wrong_jurisdiction' };
    if (request.stake > (this.options.maxStake ?? 10_000_000)) return { outcome: 'rejected', reason: 'stake_limit' };
    const market = await this.options.prices.market(request.eventId, request.marketId);
    const rejected = priceProblem(market, request);
    if (rejected) return rejected;
    const current = market!.selections.find((s) => s.id === request.selectionId)!.price;
    return { outcome: 'accepted', betId, acceptedPrice: current ?? 0 };
  }

  /** A repeat of a key still being processed waits for it (bounded), then answers the same. */
  private async settled(request: CoreBetRequest): Promise<StoredBet> {
    const giveUpAt = Math.max(request.deadline, Date.now()) + 5_000;
    for (;;) {
      const bet = await this.current(request.playerId, request.idempotencyKey);
      if (bet && bet.state !== 'processing') return bet;
      if (Date.now() > giveUpAt) throw new Error('the first request for this key never finished');
      await sleep(2);
    }
  }

  /** The stored bet, with a pending one finalized once its delay is over (by whichever instance looks first). */
  private async current(playerId: string, key: string): Promise<StoredBet | null> {
    const bet = await this.options.store.get(playerId, key);
    if (!bet || bet.state !== 'pending' || Date.now() < (bet.decideAt ?? 0)) return bet;
    return this.finalize(playerId, key, bet);
  }

  private async finalize(playerId: string, key: string, bet: StoredBet): Promise<StoredBet> {
    // The in-play delay exists to catch what happened meanwhile (a goal): check the market again.
    const response = await this.decide(bet.request!, bet.betId!);
    const fresh = await this.options.store.get(playerId, key);
    if (!fresh || fresh.state !== 'pending') return fresh ?? bet; // another instance finalized first
    const final: StoredBet = { fingerprint: fresh.fingerprint, state: 'final', response };
    await this.options.store.save(playerId, key, final);
    this.count(response.outcome);
    return final;
  }

  /**
   * Counters are not awaited: off the decision's path. A stats read that
   * follows goes over the same connection, so it still sees them.
   */
  private count(counter: Counter): void {
    this.options.store.count(counter).catch(() => undefined); // a lost counter only skews /v1/stats
  }

  private scheduleFinal(playerId: string, key: string, delayMs: number): void {
    const timer = setTimeout(() => {
      this.finalizers.delete(timer);
      this.current(playerId, key).catch(() => undefined); // a later GET or retry finalizes instead
    }, delayMs);
    this.finalizers.add(timer);
  }
}

function priceProblem(market: OddsUpdateMessage | null, request: CoreBetRequest): CoreBetResponse | null {
  const reject = (reason: CoreRejectReason, currentPrice?: number): CoreBetResponse => ({ outcome: 'rejected', reason, currentPrice });
  if (!market) return reject('unknown_market');
  if (market.status === MarketStatus.MARKET_STATUS_CLOSED) return reject('market_closed');
  if (market.status !== MarketStatus.MARKET_STATUS_OPEN) return reject('market_suspended');
  const selection = market.selections.find((s) => s.id === request.selectionId);
  if (!selection || !selection.price) return reject('unknown_selection');
  const ok = request.acceptPriceChange === 'any' || selection.price === request.price || (request.acceptPriceChange === 'better' && selection.price > request.price);
  return ok ? null : reject('price_changed', selection.price);
}

/** What makes two requests "the same bet": everything the player chose (not the edge's bookkeeping). */
function fingerprintOf(r: CoreBetRequest): string {
  return createHash('sha256')
    .update([r.jurisdiction, r.eventId, r.marketId, r.selectionId, r.price, r.acceptPriceChange, r.stake, r.currency].join('\n'))
    .digest('base64');
}

function validRequest(body: unknown): CoreBetRequest | null {
  const r = body as Partial<CoreBetRequest> | null;
  if (!r || typeof r !== 'object') return null;
  const ok =
    typeof r.idempotencyKey === 'string' && IDEMPOTENCY_KEY.test(r.idempotencyKey) &&
    typeof r.playerId === 'string' && r.playerId.length > 0 && r.playerId.length <= 128 &&
    typeof r.jurisdiction === 'string' &&
    typeof r.eventId === 'string' && EVENT_ID.test(r.eventId) &&
    typeof r.marketId === 'string' && MARKET_ID.test(r.marketId) &&
    typeof r.selectionId === 'string' && SELECTION_ID.test(r.selectionId) &&
    Number.isInteger(r.price) && (r.price as number) > 1_000 &&
    Number.isSafeInteger(r.stake) && (r.stake as number) > 0 &&
    typeof r.currency === 'string' && CURRENCY.test(r.currency) &&
    typeof r.acceptPriceChange === 'string' && POLICIES.has(r.acceptPriceChange) &&
    typeof r.deadline === 'number';
  return ok ? (r as CoreBetRequest) : null;
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 64 * 1024) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

const round = (ms: number) => Math.round(ms * 1000) / 1000;
