import type { Identity } from '../auth/token-verifier.js';
import { TokenBucket } from '../util/token-bucket.js';
import type { Logger } from '../observability/logger.js';
import type { BetRequest, BetResultFields } from '../protocol/codec.js';
import { BetOutcome, PriceChangePolicy, RejectReason } from '../protocol/wire.js';
import type { AuditLog } from './audit-log.js';
import { checkPrice, type PriceLookup } from './price-check.js';
import type { CircuitBreaker } from './circuit-breaker.js';
import type { CoreClient } from './core-client.js';
import type { CoreBetRequest, CoreBetResponse, CoreRejectReason, PriceChangePolicy as CorePolicy } from './core-contract.js';

export interface BetServiceOptions {
  nodeId: string;
  betBudgetMs: number;
  betRatePerSec: number;
  betBurst: number;
  pendingPollMs: number;
  pendingMaxWaitMs: number;
}

/** A jurisdiction's core and its breaker. */
export interface CoreRoute {
  client: CoreClient;
  breaker: CircuitBreaker;
}

/** The player's connection as the bet service sees it. */
export interface BetClient {
  readonly open: boolean;
  sendBetResult(result: BetResultFields): void;
  /**
   * A PlaceBet was refused before it became a bet decision (not
   * authenticated, invalid, rate limited, token expired): the connection
   * charges it to its error budget and closes past it.
   */
  betRefused(): void;
}

const POLICY: Record<PriceChangePolicy, CorePolicy> = {
  [PriceChangePolicy.PRICE_CHANGE_POLICY_NONE]: 'none',
  [PriceChangePolicy.PRICE_CHANGE_POLICY_BETTER]: 'better',
  [PriceChangePolicy.PRICE_CHANGE_POLICY_ANY]: 'any',
};

const CORE_REASON: Record<CoreRejectReason, RejectReason> = {
  price_changed: RejectReason.REJECT_REASON_PRICE_CHANGED,
  market_suspended: RejectReason.REJECT_REASON_MARKET_SUSPENDED,
  market_closed: RejectReason.REJECT_REASON_MARKET_CLOSED,
  unknown_market: RejectReason.REJECT_REASON_UNKNOWN_SELECTION,
  unknown_selection: RejectReason.REJECT_REASON_UNKNOWN_SELECTION,
  idempotency_key_reused: RejectReason.REJECT_REASON_IDEMPOTENCY_KEY_REUSED,
  wrong_jurisdiction: RejectReason.REJECT_REASON_DECLINED,
  stake_limit: RejectReason.REJECT_REASON_DECLINED,
  invalid_request: RejectReason.REJECT_REASON_INVALID_BET,
  declined: RejectReason.REJECT_REASON_DECLINED,
};

/**
 * Bet placement at the edge: checks that need no network hop first (auth,
 * rate, market state and price against the last-value cache), then the
 * player's own jurisdiction's core — never another, whatever fails — with
 * the rest of the budget as the deadline. When the budget runs out the
 * player hears "unknown, retry with the same key"; the core's idempotency
 * makes that retry return the original outcome.
 */
export class BetService {
  private readonly buckets = new Map<string, { bucket: TokenBucket; usedAt: number }>();
  /** Identical requests in flight from this node share one core call. */
  private readonly inFlight = new Map<string, Promise<CoreBetResponse>>();
  private readonly bucketSweep: NodeJS.Timeout;

  constructor(
    private readonly options: BetServiceOptions,
    private readonly cores: ReadonlyMap<string, CoreRoute>,
    private readonly prices: PriceLookup,
    private readonly audit: AuditLog,
    private readonly log: Logger,
  ) {
    this.bucketSweep = setInterval(() => this.sweepBuckets(), 60_000).unref();
  }

  /**
   * Handles one PlaceBet. `arrivedAt` is performance.now() when the frame
   * arrived: the budget counts from there. The client gets one BetResult
   * with the decision (and one more with the final decision after PENDING).
   */
  place(client: BetClient, identity: Identity | null, bet: BetRequest, problem: string | null, arrivedAt: number): void {
    const key = bet.idempotencyKey.slice(0, 64);
    const decide = (result: BetResultFields, core: string, offset: string, coreLatencyMs: number | null) => {
      client.sendBetResult(result);
      this.audit.decision({
        key,
        playerId: identity?.playerId ?? '',
        jurisdiction: identity?.jurisdiction ?? '',
        core,
        outcome: BetOutcome[result.outcome],
        reason: result.reason ? RejectReason[result.reason] : '',
        oddsOffset: offset,
        edgeLatencyMs: performance.now() - arrivedAt - (coreLatencyMs ?? 0),
        coreLatencyMs,
      });
    };
    const reject = (reason: RejectReason, message: string, extra: Partial<BetResultFields> = {}, offset = '') =>
      decide({ idempotencyKey: key, outcome: BetOutcome.BET_OUTCOME_REJECTED, reason, message, ...extra }, '', offset, null);

    if (!identity) return reject(RejectReason.REJECT_REASON_NOT_AUTHENTICATED, 'betting needs a verified token');
    if (problem) return reject(RejectReason.REJECT_REASON_INVALID_BET, problem);
    if (!this.takeToken(identity.playerId)) return reject(RejectReason.REJECT_REASON_RATE_LIMITED, `at most ${this.options.betRatePerSec} bets per second`);
    const checked = checkPrice(this.prices(bet.eventId), bet);
    if (!checked.ok) return reject(checked.reason, checked.message, checked.currentPrice ? { currentPrice: checked.currentPrice } : {}, checked.offset);
    const route = this.cores.get(identity.jurisdiction);
    if (!route) return reject(RejectReason.REJECT_REASON_NO_CORE_FOR_JURISDICTION, `no core serves jurisdiction ${identity.jurisdiction}`, {}, checked.offset);
    const coreName = route.client.jurisdiction;
    if (!route.breaker.allow()) {
      return decide(
        { idempotencyKey: key, outcome: BetOutcome.BET_OUTCOME_REJECTED, reason: RejectReason.REJECT_REASON_CORE_UNAVAILABLE, message: `core ${coreName} is failing; retry later` },
        coreName,
        checked.offset,
        null,
      );
    }

    const remainingMs = this.options.betBudgetMs - (performance.now() - arrivedAt);
    const request: CoreBetRequest = {
      idempotencyKey: key,
      playerId: identity.playerId,
      jurisdiction: identity.jurisdiction,
      edgeNodeId: this.options.nodeId,
      eventId: bet.eventId,
      marketId: bet.marketId,
      selectionId: bet.selectionId,
      price: bet.price,
      priceSeq: checked.seq,
      priceOffset: checked.offset,
      acceptPriceChange: POLICY[bet.acceptPriceChange],
      stake: bet.stake,
      currency: bet.currency,
      deadline: Math.floor(Date.now() + Math.max(0, remainingMs)),
    };
    const unknown = (message: string) =>
      decide({ idempotencyKey: key, outcome: BetOutcome.BET_OUTCOME_UNKNOWN, message }, coreName, checked.offset, null);
    let settled = false;
    // One timer per bet in flight: the budget is enforced even if the core never answers. It is
    // set 1 ms early: libuv timers have 1 ms granularity and fire at the next loop iteration.
    const budgetTimer = setTimeout(() => {
      settled = true;
      unknown(`no answer within the ${this.options.betBudgetMs} ms budget: retry with the same key to learn the outcome`);
    }, Math.max(0, remainingMs - 1));

    const calledAt = performance.now();
    this.forward(route, request).then(
      (response) => {
        if (settled) return; // the player already has "unknown"; the retry learns the outcome
        settled = true;
        clearTimeout(budgetTimer);
        const result = toResult(key, response);
        // Core-side latency as this node sees it (network included): the rest is what the edge added.
        decide(result, coreName, checked.offset, performance.now() - calledAt);
        if (result.outcome === BetOutcome.BET_OUTCOME_PENDING) this.followPending(route, request, client, checked.offset, decide);
      },
      (err: unknown) => {
        if (settled) return;
        settled = true;
        clearTimeout(budgetTimer);
        this.log.warn({ core: coreName, err: (err as Error).message }, 'core call failed');
        unknown('the core failed to answer: retry with the same key to learn the outcome');
      },
    );
  }

  async close(): Promise<void> {
    clearInterval(this.bucketSweep);
    await Promise.all([...this.cores.values()].map((r) => r.client.close()));
  }

  private forward(route: CoreRoute, request: CoreBetRequest): Promise<CoreBetResponse> {
    const r = request;
    // Everything the player chose: a different bet under the same key must reach the core (and be refused there).
    const id = `${r.playerId}\n${r.idempotencyKey}\n${r.eventId}\n${r.marketId}\n${r.selectionId}\n${r.price}\n${r.stake}\n${r.currency}\n${r.acceptPriceChange}`;
    let call = this.inFlight.get(id);
    if (!call) {
      call = route.client.place(request).finally(() => this.inFlight.delete(id));
      this.inFlight.set(id, call);
      this.account(route, call, request.deadline);
    }
    return call;
  }

  /**
   * One breaker verdict per core call (not per waiting bet): a failure if it
   * errs or is still unanswered at its deadline, else a success.
   */
  private account(route: CoreRoute, call: Promise<CoreBetResponse>, deadline: number): void {
    let late = false;
    const timer = setTimeout(() => {
      late = true;
      route.breaker.failure();
    }, Math.max(0, deadline - Date.now()));
    call.then(
      () => {
        clearTimeout(timer);
        if (!late) route.breaker.success();
      },
      () => {
        clearTimeout(timer);
        if (!late) route.breaker.failure();
      },
    );
  }

  /** Polls the core for a pending bet's final decision while the player is connected. */
  private followPending(
    route: CoreRoute,
    request: CoreBetRequest,
    client: BetClient,
    offset: string,
    decide: (result: BetResultFields, core: string, offset: string, coreLatencyMs: number | null) => void,
  ): void {
    const giveUpAt = Date.now() + this.options.pendingMaxWaitMs;
    const poll = async () => {
      if (!client.open) return; // after a reconnect the player resends the key and learns the outcome
      let response: CoreBetResponse | null = null;
      try {
        response = await route.client.lookup(request.playerId, request.idempotencyKey, this.options.pendingPollMs * 4);
      } catch (err) {
        this.log.debug({ err: (err as Error).message }, 'pending lookup failed; retrying');
      }
      if (response && response.outcome !== 'pending') return decide(toResult(request.idempotencyKey, response), route.client.jurisdiction, offset, null);
      if (Date.now() < giveUpAt) setTimeout(() => void poll(), this.options.pendingPollMs);
    };
    setTimeout(() => void poll(), this.options.pendingPollMs);
  }

  private takeToken(playerId: string): boolean {
    const now = performance.now();
    let entry = this.buckets.get(playerId);
    if (!entry) {
      entry = { bucket: new TokenBucket(this.options.betRatePerSec, this.options.betBurst, now), usedAt: now };
      this.buckets.set(playerId, entry);
    }
    entry.usedAt = now;
    return entry.bucket.take(now);
  }

  private sweepBuckets(): void {
    const idleSince = performance.now() - 60_000;
    for (const [player, entry] of this.buckets) if (entry.usedAt < idleSince) this.buckets.delete(player);
  }
}

function toResult(key: string, response: CoreBetResponse): BetResultFields {
  switch (response.outcome) {
    case 'accepted':
      return { idempotencyKey: key, outcome: BetOutcome.BET_OUTCOME_ACCEPTED, betId: response.betId ?? '', acceptedPrice: response.acceptedPrice ?? 0 };
    case 'pending':
      return { idempotencyKey: key, outcome: BetOutcome.BET_OUTCOME_PENDING, message: 'the core holds the bet for an in-play delay' };
    default:
      return {
        idempotencyKey: key,
        outcome: BetOutcome.BET_OUTCOME_REJECTED,
        reason: CORE_REASON[response.reason ?? 'declined'] ?? RejectReason.REJECT_REASON_DECLINED,
        currentPrice: response.currentPrice ?? 0,
        message: `core: ${response.reason ?? 'declined'}`,
      };
  }
}
