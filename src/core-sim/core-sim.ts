import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { CoreBetRequest, CoreBetResponse } from '../bets/core-contract.js';
import type { Logger } from '../observability/logger.js';
import type { BetRecord, BetStore, CoreStats, Counter } from './bet-store.js';
import { checkPrice, fingerprint, parseBetRequest } from './decision.js';
import { DEFAULT_FAULTS, describeFaults, InvalidFaultsError, parseFaults, sampleLatencyMs, type CoreFaults, type FaultsInput } from './faults.js';
import type { PriceSource } from './price-source.js';

export interface CoreSimOptions {
  /** The one jurisdiction this core serves; any other is `wrong_jurisdiction`. */
  jurisdiction: string;
  /** 0: a free port (tests). */
  port: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Idempotency records and counters; the core closes it on stop(). */
  store: BetStore;
  /** The odds snapshot; the core closes it on stop(). */
  prices: PriceSource;
  faults?: FaultsInput;
  /** Largest stake accepted, in minor units; above: `stake_limit`. Default 10,000,000. */
  maxStake?: number;
  /**
   * A repeat of a key still being processed waits for the first request until
   * its deadline plus this margin, then answers 503. Default 2,000 ms.
   */
  duplicateWaitMarginMs?: number;
  /**
   * A processing record whose claimer has not finished this long after its
   * planned latency is presumed dead (crashed instance): a repeat takes it
   * over. Default 10,000 ms.
   */
  processingLeaseMs?: number;
  log?: Logger;
  /**
   * Waits out a new bet's injected processing latency. Default: a timer.
   * Tests pass their own to see the latency asked for and to hold a decision
   * at that point (deterministic races, no wall-clock assertions).
   */
  processingDelay?: (ms: number) => Promise<void>;
}

export const DEFAULT_MAX_STAKE = 10_000_000;
const MAX_BODY_BYTES = 16 * 1024;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const round = (ms: number) => Math.round(ms * 1000) / 1000;

/** The first request for this key has not finished in time: answered 503, the caller retries with the same key. */
class StillProcessing extends Error {}

/**
 * `oddsgate core-sim`: a real HTTP server playing one jurisdiction's core
 * (contract: src/bets/core-contract.ts). It decides every bet itself:
 * idempotency in its store (shared by every instance of the jurisdiction),
 * jurisdiction and stake checks, and a price check against the odds snapshot
 * after the injected processing latency, so a suspension published meanwhile
 * is seen. A repeat of a key gets the stored response byte for byte (its
 * coreLatencyMs is the first request's).
 *
 *  POST /v1/bets                           CoreBetRequest → 200 CoreBetResponse | 400 | 500 | 503
 *  GET  /v1/bets/:playerId/:idempotencyKey  → 200 CoreBetResponse | 404
 *  GET  /healthz                           → 200 | 503 (outage)
 *  GET  /v1/stats                          → CoreStats
 *  GET|POST /admin/faults                  → the faults; POST takes a partial FaultsInput
 */
export class CoreSim {
  private readonly server: Server;
  private faults: CoreFaults;
  /** Requests this instance is deciding, so a local repeat awaits them instead of polling the store. */
  private readonly inFlight = new Map<string, Promise<CoreBetResponse>>();
  private readonly maxStake: number;
  private readonly waitMarginMs: number;
  private readonly leaseMs: number;
  url = '';
  port = 0;

  constructor(private readonly options: CoreSimOptions) {
    this.faults = parseFaults(DEFAULT_FAULTS, options.faults ?? {});
    this.maxStake = options.maxStake ?? DEFAULT_MAX_STAKE;
    this.waitMarginMs = options.duplicateWaitMarginMs ?? 2_000;
    this.leaseMs = options.processingLeaseMs ?? 10_000;
    this.server = createServer({ keepAlive: true }, (req, res) => {
      this.route(req, res).catch((err: unknown) => this.fail(res, err));
    });
    // Edges hold keep-alive pools (30 s idle): outlive them so the edge closes first.
    this.server.keepAliveTimeout = 65_000;
    // Small request/response pairs: never let Nagle hold a response back waiting for an ACK.
    this.server.on('connection', (socket) => socket.setNoDelay(true));
    this.server.headersTimeout = 66_000;
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port, this.options.host ?? '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    const address = this.server.address() as { address: string; port: number };
    this.port = address.port;
    this.url = `http://${address.address.includes(':') ? `[${address.address}]` : address.address}:${address.port}`;
    return this.url;
  }

  get jurisdiction(): string {
    return this.options.jurisdiction;
  }

  /** Changes fault injection now; throws InvalidFaultsError naming the bad field. */
  setFaults(input: FaultsInput): void {
    this.faults = parseFaults(this.faults, input);
  }

  getFaults(): ReturnType<typeof describeFaults> {
    return describeFaults(this.faults);
  }

  stats(): Promise<CoreStats> {
    return this.options.store.stats();
  }

  /** Stops listening, drops idle and in-flight connections, closes the store and the price source. */
  async stop(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
    await Promise.all([this.options.store.close(), this.options.prices.close()]);
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = req.url ?? '/';
    const method = req.method;
    if (url === '/v1/bets' && method === 'POST') return this.postBet(req, res);
    if (url.startsWith('/v1/bets/') && method === 'GET') return this.getBet(url, res);
    if (url === '/healthz' && method === 'GET') {
      return this.isDown() ? send(res, 503, { ok: false, reason: 'outage' }) : send(res, 200, { ok: true, jurisdiction: this.options.jurisdiction });
    }
    if (url === '/v1/stats' && method === 'GET') return send(res, 200, await this.stats());
    if (url === '/admin/faults') {
      if (method === 'GET') return send(res, 200, this.getFaults());
      if (method === 'POST') {
        const body = await readJson(req);
        if (body === undefined) return send(res, 400, { error: 'body is not JSON' });
        try {
          this.setFaults(body as FaultsInput);
        } catch (err) {
          if (err instanceof InvalidFaultsError) return send(res, 400, { error: err.message });
          throw err;
        }
        this.options.log?.info({ faults: this.getFaults() }, 'fault injection changed');
        return send(res, 200, this.getFaults());
      }
    }
    send(res, 404, { error: 'not found' });
  }

  private isDown(): boolean {
    return this.faults.outageUntil > Date.now();
  }

  private async postBet(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const receivedAt = performance.now();
    const { store } = this.options;
    if (this.isDown()) {
      req.resume(); // drain the body so the connection stays usable
      await this.countQuietly(['requests', 'unavailable']);
      return send(res, 503, { error: 'outage' });
    }
    if (this.faults.errorRate > 0 && Math.random() < this.faults.errorRate) {
      req.resume();
      await this.countQuietly(['requests', 'errors']);
      return send(res, 500, { error: 'injected error' });
    }
    const request = parseBetRequest(await readJson(req));
    if (!request) {
      await store.count(['requests', 'invalid']);
      return send(res, 400, { outcome: 'rejected', reason: 'invalid_request' } satisfies CoreBetResponse);
    }
    if (request.jurisdiction !== this.options.jurisdiction) {
      // Misrouted: not this core's bet, so no record (the right core may still take the key).
      await store.count(['requests', 'rejected']);
      return send(res, 200, { outcome: 'rejected', reason: 'wrong_jurisdiction' } satisfies CoreBetResponse);
    }
    try {
      send(res, 200, await this.place(request, receivedAt));
    } catch (err) {
      if (err instanceof StillProcessing) return send(res, 503, { error: err.message });
      throw err;
    }
  }

  private async getBet(url: string, res: ServerResponse): Promise<void> {
    const parts = url.slice('/v1/bets/'.length).split('/');
    if (parts.length !== 2 || parts[0] === '' || parts[1] === '') return send(res, 404, { error: 'not found' });
    let playerId: string;
    let key: string;
    try {
      playerId = decodeURIComponent(parts[0]);
      key = decodeURIComponent(parts[1]);
    } catch {
      return send(res, 404, { error: 'not found' }); // malformed %-escape: no such bet
    }
    await this.options.store.count(['lookups']);
    const record = await this.current(playerId, key);
    if (!record) return send(res, 404, { error: 'unknown bet' });
    // Still being decided: "not yet", which is what pending tells the edge's poller.
    send(res, 200, record.state === 'processing' ? { outcome: 'pending' } : record.response);
  }

  /** Decides a new bet or answers a repeat with the original response. */
  private async place(request: CoreBetRequest, receivedAt: number): Promise<CoreBetResponse> {
    const { store } = this.options;
    const fp = fingerprint(request);
    const latencyMs = sampleLatencyMs(this.faults);
    const mine: BetRecord = { fp, state: 'processing', leaseUntil: Date.now() + latencyMs + this.leaseMs };
    const existing = await store.claim(request.playerId, request.idempotencyKey, mine);
    if (existing === null) return this.track(request, this.decide(request, mine, latencyMs, receivedAt));
    if (existing.fp !== fp) return { outcome: 'rejected', reason: 'idempotency_key_reused' };
    return this.settled(request, existing, receivedAt);
  }

  private track(request: CoreBetRequest, decision: Promise<CoreBetResponse>): Promise<CoreBetResponse> {
    const id = `${request.playerId}\n${request.idempotencyKey}`;
    this.inFlight.set(id, decision);
    const forget = () => {
      if (this.inFlight.get(id) === decision) this.inFlight.delete(id);
    };
    decision.then(forget, forget);
    return decision;
  }

  /** The claimer's work: injected latency, the checks, then processing → pending | final. */
  private async decide(request: CoreBetRequest, claimed: BetRecord, latencyMs: number, receivedAt: number): Promise<CoreBetResponse> {
    if (latencyMs > 0) await (this.options.processingDelay ?? sleep)(latencyMs);
    let response: CoreBetResponse;
    try {
      response = await this.check(request);
    } catch (err) {
      // No decision (the price source failed): end our lease now, so the player's retry decides afresh.
      const released: BetRecord = { ...claimed, leaseUntil: 0 };
      await this.options.store.swap(request.playerId, request.idempotencyKey, claimed, released, []).catch((swapErr: unknown) => {
        this.options.log?.warn({ err: swapErr }, 'could not release a failed bet; a retry takes it over when its lease ends');
      });
      throw err;
    }
    response.coreLatencyMs = round(performance.now() - receivedAt);
    let next: BetRecord = { fp: claimed.fp, state: 'final', response };
    let counter: Counter = response.outcome === 'accepted' ? 'accepted' : 'rejected';
    const f = this.faults;
    if (response.outcome === 'accepted' && f.pendingRatio > 0 && Math.random() < f.pendingRatio) {
      // The eventual decision is fixed now, so any instance (or this one after a restart) finalizes it the same way.
      const eventual: CoreBetResponse =
        f.pendingDeclineRatio > 0 && Math.random() < f.pendingDeclineRatio
          ? { outcome: 'rejected', reason: 'declined', coreLatencyMs: response.coreLatencyMs }
          : response;
      next = { fp: claimed.fp, state: 'pending', response: { outcome: 'pending', coreLatencyMs: response.coreLatencyMs }, eventual, decideAt: Date.now() + f.pendingDelayMs };
      counter = 'pending';
    }
    if (await this.options.store.swap(request.playerId, request.idempotencyKey, claimed, next, [counter])) return next.response!;
    // Our lease ran out and a repeat took the bet over: answer what it decided.
    this.options.log?.warn({ jurisdiction: this.options.jurisdiction }, 'a bet was taken over before its claimer finished; answering the stored decision');
    const record = await this.options.store.get(request.playerId, request.idempotencyKey);
    return record ? this.settled(request, record, receivedAt) : response;
  }

  private async check(request: CoreBetRequest): Promise<CoreBetResponse> {
    if (request.stake > this.maxStake) return { outcome: 'rejected', reason: 'stake_limit' };
    const verdict = checkPrice(await this.options.prices.market(request.eventId, request.marketId), request);
    if ('outcome' in verdict) return verdict;
    return { outcome: 'accepted', betId: `${this.options.jurisdiction}-${randomUUID()}`, acceptedPrice: verdict.acceptedPrice };
  }

  /**
   * A repeat: the stored response once the first request has finished. A
   * local first request is awaited; one on another instance is polled for,
   * until the repeat's deadline plus a margin. A processing record past its
   * lease (its claimer died) is taken over and decided here.
   */
  private async settled(request: CoreBetRequest, seen: BetRecord, receivedAt: number): Promise<CoreBetResponse> {
    const { playerId, idempotencyKey } = request;
    const local = this.inFlight.get(`${playerId}\n${idempotencyKey}`);
    if (local && seen.state === 'processing') return local;
    const giveUpAt = Math.max(request.deadline, Date.now()) + this.waitMarginMs;
    let record: BetRecord | null = seen;
    for (let pollMs = 2; ; pollMs = Math.min(pollMs * 2, 25)) {
      if (record === null) throw new Error(`the record of a repeated key vanished (expired?) while waiting for it`);
      if (record.state === 'pending') record = await this.finalizeIfDue(playerId, idempotencyKey, record);
      if (record.state !== 'processing') return record.response!;
      if ((record.leaseUntil ?? 0) < Date.now()) {
        const latencyMs = sampleLatencyMs(this.faults);
        const mine: BetRecord = { fp: record.fp, state: 'processing', leaseUntil: Date.now() + latencyMs + this.leaseMs };
        if (await this.options.store.swap(playerId, idempotencyKey, record, mine, ['takeovers'])) {
          return this.track(request, this.decide(request, mine, latencyMs, receivedAt));
        }
      }
      if (Date.now() > giveUpAt) throw new StillProcessing('the first request for this idempotency key is still being processed; retry with the same key');
      await sleep(pollMs);
      record = await this.options.store.get(playerId, idempotencyKey);
    }
  }

  /** The stored record, with a pending bet past its delay turned final. */
  private async current(playerId: string, key: string): Promise<BetRecord | null> {
    const record = await this.options.store.get(playerId, key);
    return record?.state === 'pending' ? this.finalizeIfDue(playerId, key, record) : record;
  }

  private async finalizeIfDue(playerId: string, key: string, record: BetRecord): Promise<BetRecord> {
    if (Date.now() < (record.decideAt ?? 0)) return record;
    const final: BetRecord = { fp: record.fp, state: 'final', response: record.eventual };
    const counter: Counter = record.eventual!.outcome === 'accepted' ? 'accepted' : 'rejected';
    if (await this.options.store.swap(playerId, key, record, final, [counter])) return final;
    // Another reader finalized it first: the same eventual decision.
    return (await this.options.store.get(playerId, key)) ?? final;
  }

  /** Counters of injected faults must not turn the injected answer into another one if the store is down. */
  private async countQuietly(counters: Counter[]): Promise<void> {
    try {
      await this.options.store.count(counters);
    } catch (err) {
      this.options.log?.warn({ err: (err as Error).message }, 'could not count an injected fault');
    }
  }

  private fail(res: ServerResponse, err: unknown): void {
    this.options.log?.error({ err, jurisdiction: this.options.jurisdiction }, 'core request failed');
    send(res, 500, { error: (err as Error)?.message ?? String(err) });
  }
}

/** Starts a core and waits until it listens (`core.url`). */
export async function startCoreSim(options: CoreSimOptions): Promise<CoreSim> {
  const core = new CoreSim(options);
  await core.listen();
  return core;
}

/** The parsed JSON body; undefined if it is not JSON or longer than MAX_BODY_BYTES (the rest is drained, keeping the connection). */
function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('error', reject);
    req.on('end', () => {
      if (size > MAX_BODY_BYTES) return resolve(undefined);
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        resolve(undefined); // not JSON: the caller answers 400
      }
    });
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
