import type { Identity } from '../auth/token-verifier.js';
import type { Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import type { BetRequest, BetResultFields } from '../protocol/codec.js';
import { BetOutcome, PriceChangePolicy, RejectReason } from '../protocol/wire.js';
import { TokenBucket } from '../util/token-bucket.js';
import type { AuditLog } from './audit-log.js';
import { betFingerprint } from './bet-fingerprint.js';
import type { CoreBetRequest, PriceChangePolicy as CorePolicy } from './core-contract.js';
import { coreResult } from './core-result.js';
import type { CallResult, CoreCall, CoreRoute, LookupResult } from './core-route.js';
import { ForwardedKeys } from './forwarded-keys.js';
import { LogSampler } from './log-sampler.js';
import { PendingFollower } from './pending-follower.js';
import { checkPrice, type PriceCheck, type PriceLookup } from './price-check.js';

export interface BetServiceOptions {
  nodeId: string;
  betBudgetMs: number;
  betRatePerSec: number;
  betBurst: number;
  betKnownKeys: number;
  betKnownKeyTtlMs: number;
  coreAbandonAfterMs: number;
  pendingPollMs: number;
  pendingMaxWaitMs: number;
}

/** The player's connection as the bet service sees it. */
export interface BetClient {
  readonly open: boolean;
  sendBetResult(result: BetResultFields): void;
  /**
   * A PlaceBet was refused before it became a bet decision (not
   * authenticated, invalid, rate limited): the connection charges it to its
   * error budget and closes past it.
   */
  betRefused(): void;
}

/** Two clocks, injectable for tests: monotonic for budgets and rates, wall (Unix ms) for token expiry. */
export interface BetClock {
  monotonicMs(): number;
  wallMs(): number;
}

export const systemClock: BetClock = { monotonicMs: () => performance.now(), wallMs: () => Date.now() };

export type BetMetrics = Pick<Metrics, 'betDecisions' | 'betFramesRefused' | 'betLatency' | 'budgetViolations'>;

/** Why a PlaceBet never became a bet decision: the `reason` label of oddsgate_bet_frames_refused_total. */
type Refusal = 'not_authenticated' | 'token_expired' | 'invalid' | 'rate_limited';

const REFUSAL_REASON: Record<Refusal, RejectReason> = {
  not_authenticated: RejectReason.REJECT_REASON_NOT_AUTHENTICATED,
  token_expired: RejectReason.REJECT_REASON_TOKEN_EXPIRED,
  invalid: RejectReason.REJECT_REASON_INVALID_BET,
  rate_limited: RejectReason.REJECT_REASON_RATE_LIMITED,
};

const POLICY: Record<PriceChangePolicy, CorePolicy> = {
  [PriceChangePolicy.PRICE_CHANGE_POLICY_NONE]: 'none',
  [PriceChangePolicy.PRICE_CHANGE_POLICY_BETTER]: 'better',
  [PriceChangePolicy.PRICE_CHANGE_POLICY_ANY]: 'any',
};

/** Metric label values, computed once: BET_OUTCOME_ACCEPTED → accepted, REJECT_REASON_PRICE_CHANGED → price_changed. */
const OUTCOME_LABEL = labels(BetOutcome, 'BET_OUTCOME_');
const REASON_LABEL = labels(RejectReason, 'REJECT_REASON_');

/** One PlaceBet that passed the frame checks, on its way to a decision. */
interface Attempt {
  client: BetClient;
  identity: Identity;
  bet: BetRequest;
  arrivedAt: number;
  /** `playerId \n key`: the core's idempotency identity. */
  id: string;
  fingerprint: number;
  /** The player has had a first answer (the latency is measured to it). */
  answered: boolean;
}

/** A bet waiting on its core within its budget: one timer; the first of answer and timeout wins. */
interface Budget {
  done: boolean;
  timer: NodeJS.Timeout | undefined;
  call: CoreCall | null;
}

/**
 * Bet placement at the edge. A frame is first checked for what makes it a
 * bet at all (authenticated, token unexpired, valid fields); a refusal there
 * is no decision: no audit line, a metric, and a charge to the connection's
 * error budget. Then the bet goes to the core of the player's jurisdiction —
 * never another, whatever fails — with the rest of the budget as deadline;
 * past it the player hears "unknown, retry with the same key".
 *
 * The retry contract: the edge never answers for the core about a key the
 * core may already hold. A resend of a bet this node forwarded (same key,
 * same fields: ForwardedKeys) goes straight to the core, skipping the rate
 * limit and the price checks. A key this node has not forwarded is checked
 * as a new bet (rate, market state and price against the last-value cache);
 * if a check fails, the core is asked first whether it holds the key (sent
 * through another node, or forgotten here): if it does, the player gets the
 * core's answer, else the edge's refusal. These lookups happen only on the
 * refusal path, which the rate limit and the connection's error budget bound.
 *
 * Every answer from a core has been validated against the contract
 * (CoreClient); a call that fails in any way is UNKNOWN for the player.
 * Every promise chain here ends in a handler: nothing a core sends can
 * become an unhandled rejection.
 */
export class BetService {
  private readonly players = new Map<string, { bucket: TokenBucket; lookups: TokenBucket | undefined; usedAt: number }>();
  private readonly forwarded: ForwardedKeys;
  private readonly pending: PendingFollower;
  private readonly refusalLog = new LogSampler(1_000);
  private readonly sweep: NodeJS.Timeout;

  constructor(
    private readonly options: BetServiceOptions,
    private readonly cores: ReadonlyMap<string, CoreRoute>,
    private readonly prices: PriceLookup,
    private readonly audit: AuditLog,
    private readonly log: Logger,
    private readonly metrics: BetMetrics,
    private readonly clock: BetClock = systemClock,
  ) {
    const mono = () => clock.monotonicMs();
    this.forwarded = new ForwardedKeys(options.betKnownKeys, options.betKnownKeyTtlMs, mono);
    this.pending = new PendingFollower({ pollMs: options.pendingPollMs, maxWaitMs: options.pendingMaxWaitMs }, log, mono);
    this.sweep = setInterval(() => this.sweepIdle(), 60_000).unref();
  }

  /**
   * Handles one PlaceBet. `arrivedAt` is performance.now() when the frame
   * arrived: the budget counts from there. The client gets one BetResult
   * (and one more with the final decision after PENDING).
   */
  place(client: BetClient, identity: Identity | null, bet: BetRequest, problem: string | null, arrivedAt: number): void {
    if (!client.open) return;
    if (!identity) return this.refuse(client, bet, 'not_authenticated', 'betting needs a verified token', true);
    if (this.clock.wallMs() >= identity.expiresAtMs) return this.refuse(client, bet, 'token_expired', 'the token has expired: reconnect with a fresh one and resend the same key', false);
    if (problem) return this.refuse(client, bet, 'invalid', problem, true);
    const a: Attempt = { client, identity, bet, arrivedAt, id: `${identity.playerId}\n${bet.idempotencyKey}`, fingerprint: betFingerprint(bet), answered: false };
    const route = this.cores.get(identity.jurisdiction);
    if (!route) return this.reject(a, RejectReason.REJECT_REASON_NO_CORE_FOR_JURISDICTION, `no core serves jurisdiction ${identity.jurisdiction}`, '', '');

    if (this.forwarded.has(a.id, a.fingerprint)) {
      // A resend of a bet this node forwarded: only the core can answer it.
      const check = checkPrice(this.prices(bet.eventId), bet);
      return this.forward(a, route, check.ok ? check.seq : 0, check.offset, true, null);
    }
    // A resend while the core is being asked about its key waits for that answer: no new token, no charge.
    const joining = route.lookingUp(a.id);
    if (!joining && !this.takeToken(identity.playerId)) return this.lookupFirst(a, route, null);
    const check = checkPrice(this.prices(bet.eventId), bet);
    if (check.ok) return this.forward(a, route, check.seq, check.offset, false, null);
    this.lookupFirst(a, route, check);
  }

  /** Pending bets followed for connected players now. */
  pendingBets(): number {
    return this.pending.following;
  }

  async close(): Promise<void> {
    clearInterval(this.sweep);
    this.pending.stop();
    await Promise.all([...this.cores.values()].map((r) => r.close()));
  }

  /**
   * Sends the bet to its core (or joins the identical call in flight). Known:
   * this node forwarded the key before. `budget`: the one already running
   * when the core was first asked about the key (lookup).
   */
  private forward(a: Attempt, route: CoreRoute, priceSeq: number, offset: string, known: boolean, budget: Budget | null): void {
    const remainingMs = this.options.betBudgetMs - (this.clock.monotonicMs() - a.arrivedAt);
    const b = a.bet;
    const request: CoreBetRequest = {
      idempotencyKey: b.idempotencyKey,
      playerId: a.identity.playerId,
      jurisdiction: a.identity.jurisdiction,
      edgeNodeId: this.options.nodeId,
      eventId: b.eventId,
      marketId: b.marketId,
      selectionId: b.selectionId,
      price: b.price,
      priceSeq,
      priceOffset: offset,
      acceptPriceChange: POLICY[b.acceptPriceChange],
      stake: b.stake,
      currency: b.currency,
      deadline: Math.floor(this.clock.wallMs() + Math.max(0, remainingMs)),
    };
    const call = route.place(`${a.id}\n${a.fingerprint}`, request);
    if (!call) {
      if (budget && !this.settle(budget)) return;
      // The breaker refuses: nothing is forwarded. For a key this node forwarded before only the core knows the outcome.
      if (known) return this.unknown(a, route.name, offset, `core ${route.name} is failing: resend the same key later to learn the outcome`);
      return this.reject(a, RejectReason.REJECT_REASON_CORE_UNAVAILABLE, `core ${route.name} is failing: resend the same key later`, route.name, offset);
    }
    this.forwarded.remember(a.id, a.fingerprint);
    const waiting = budget ?? this.startBudget(a, route.name, offset, remainingMs);
    waiting.call = call;
    const calledAt = this.clock.monotonicMs();
    call.result
      .then((r) => this.onCoreAnswer(a, route, offset, waiting, r, calledAt))
      .catch((err: unknown) => this.log.error({ err, core: route.name }, 'handling a core answer failed'));
  }

  private onCoreAnswer(a: Attempt, route: CoreRoute, offset: string, budget: Budget, r: CallResult, calledAt: number): void {
    if (!this.settle(budget)) return; // the player already has "unknown"; the resend learns the outcome
    if (r.error) return this.unknown(a, route.name, offset, 'the core failed to answer: resend the same key to learn the outcome');
    // Core-side latency as this node sees it (network included): the rest is what the edge added.
    this.decide(a, coreResult(a.bet.idempotencyKey, r.response), route.name, offset, this.clock.monotonicMs() - calledAt);
    if (r.response.outcome === 'pending') this.followPending(a, route, offset);
  }

  /**
   * A key this node has not forwarded failed an edge check (`check`; null:
   * rate limited). The core may hold it anyway: ask before refusing.
   */
  private lookupFirst(a: Attempt, route: CoreRoute, check: Extract<PriceCheck, { ok: false }> | null): void {
    const offset = check?.offset ?? '';
    if (check === null) {
      // Charged now, not when the lookup returns: a flood must reach the error budget before it costs lookups.
      a.client.betRefused();
      if (!this.takeLookupToken(a.identity.playerId)) return this.refuse(a.client, a.bet, 'rate_limited', this.rateMessage(), false);
    }
    const remainingMs = this.options.betBudgetMs - (this.clock.monotonicMs() - a.arrivedAt);
    const lookup = route.lookup(a.id, a.identity.playerId, a.bet.idempotencyKey, Math.max(0, remainingMs) + this.options.coreAbandonAfterMs);
    if (!lookup) {
      // The breaker refuses: the core cannot be asked whether it holds the key, so nothing is decided here.
      if (check === null) return this.refuse(a.client, a.bet, 'rate_limited', this.rateMessage(), false);
      return this.reject(a, RejectReason.REJECT_REASON_CORE_UNAVAILABLE, `core ${route.name} is failing: resend the same key later`, route.name, offset);
    }
    const budget = this.startBudget(a, route.name, offset, remainingMs);
    lookup
      .then((r) => this.onLookup(a, route, check, budget, r))
      .catch((err: unknown) => this.log.error({ err, core: route.name }, 'handling a core lookup failed'));
  }

  private onLookup(a: Attempt, route: CoreRoute, check: Extract<PriceCheck, { ok: false }> | null, budget: Budget, r: LookupResult): void {
    if (budget.done) return;
    const offset = check?.offset ?? '';
    if (r.error) {
      this.settle(budget);
      return this.unknown(a, route.name, offset, 'the core failed to answer: resend the same key to learn the outcome');
    }
    if (r.found) return this.forward(a, route, 0, offset, false, budget); // the core's idempotency answers: the original, or key reused
    this.settle(budget);
    if (check === null) return this.refuse(a.client, a.bet, 'rate_limited', this.rateMessage(), false);
    this.reject(a, check.reason, check.message, '', check.offset, check.currentPrice);
  }

  private followPending(a: Attempt, route: CoreRoute, offset: string): void {
    this.pending.follow(
      route,
      a.id,
      a.identity.playerId,
      a.bet.idempotencyKey,
      a.client,
      (response) => this.decide(a, coreResult(a.bet.idempotencyKey, response), route.name, offset, null),
      (message) => this.unknown(a, route.name, offset, message),
    );
  }

  private startBudget(a: Attempt, core: string, offset: string, remainingMs: number): Budget {
    const budget: Budget = { done: false, timer: undefined, call: null };
    // Set 1 ms early: libuv timers have 1 ms granularity and fire at the next loop iteration.
    budget.timer = setTimeout(() => {
      budget.done = true;
      budget.call?.deadlinePassed();
      this.metrics.budgetViolations.inc({ jurisdiction: a.identity.jurisdiction });
      this.unknown(a, core, offset, `no answer within the ${this.options.betBudgetMs} ms budget: resend the same key to learn the outcome`);
    }, Math.max(0, remainingMs - 1));
    return budget;
  }

  /** Claims the budget's answer: false if the timer already answered. */
  private settle(budget: Budget): boolean {
    if (budget.done) return false;
    budget.done = true;
    clearTimeout(budget.timer);
    return true;
  }

  private unknown(a: Attempt, core: string, offset: string, message: string): void {
    this.decide(a, { idempotencyKey: a.bet.idempotencyKey, outcome: BetOutcome.BET_OUTCOME_UNKNOWN, message }, core, offset, null);
  }

  private reject(a: Attempt, reason: RejectReason, message: string, core: string, offset: string, currentPrice?: number): void {
    const result: BetResultFields = { idempotencyKey: a.bet.idempotencyKey, outcome: BetOutcome.BET_OUTCOME_REJECTED, reason, message };
    if (currentPrice) result.currentPrice = currentPrice;
    this.decide(a, result, core, offset, null);
  }

  /** A bet decision: to the player, to the audit log, to the metrics. */
  private decide(a: Attempt, result: BetResultFields, core: string, offset: string, coreLatencyMs: number | null): void {
    a.client.sendBetResult(result);
    // Arrival to the first answer (a pending bet's later final decision is not a latency).
    if (!a.answered) this.metrics.betLatency.observe({ jurisdiction: a.identity.jurisdiction }, (this.clock.monotonicMs() - a.arrivedAt) / 1000);
    a.answered = true;
    this.metrics.betDecisions.inc({ outcome: OUTCOME_LABEL[result.outcome], reason: REASON_LABEL[result.reason ?? 0], jurisdiction: a.identity.jurisdiction });
    this.audit.decision({
      key: a.bet.idempotencyKey,
      playerId: a.identity.playerId,
      jurisdiction: a.identity.jurisdiction,
      core,
      outcome: BetOutcome[result.outcome],
      reason: result.reason ? RejectReason[result.reason] : '',
      oddsOffset: offset,
      edgeLatencyMs: this.clock.monotonicMs() - a.arrivedAt - (coreLatencyMs ?? 0),
      coreLatencyMs,
    });
  }

  /** A frame that never became a bet: answered, counted, charged (except an expired token: the edge closes that session), never audited. */
  private refuse(client: BetClient, bet: BetRequest, refusal: Refusal, message: string, charge: boolean): void {
    // The key goes back only to the client that sent it (it may be invalid: never logged).
    client.sendBetResult({ idempotencyKey: bet.idempotencyKey.slice(0, 64), outcome: BetOutcome.BET_OUTCOME_REJECTED, reason: REFUSAL_REASON[refusal], message });
    this.metrics.betFramesRefused.inc({ reason: refusal });
    if (charge) client.betRefused();
    if (this.log.isLevelEnabled('debug')) {
      const skipped = this.refusalLog.take(refusal);
      if (skipped >= 0) this.log.debug({ reason: refusal, skipped }, 'bet frame refused');
    }
  }

  private rateMessage(): string {
    return `at most ${this.options.betRatePerSec} new bets per second: resend the same key later`;
  }

  private player(playerId: string, now: number) {
    let state = this.players.get(playerId);
    if (!state) {
      state = { bucket: new TokenBucket(this.options.betRatePerSec, this.options.betBurst, now), lookups: undefined, usedAt: now };
      this.players.set(playerId, state);
    }
    state.usedAt = now;
    return state;
  }

  private takeToken(playerId: string): boolean {
    const now = this.clock.monotonicMs();
    return this.player(playerId, now).bucket.take(now);
  }

  /** Lookups for rate-limited frames have their own bucket (same rate): a flood cannot turn into core lookups. */
  private takeLookupToken(playerId: string): boolean {
    const now = this.clock.monotonicMs();
    const state = this.player(playerId, now);
    state.lookups ??= new TokenBucket(this.options.betRatePerSec, this.options.betBurst, now);
    return state.lookups.take(now);
  }

  private sweepIdle(): void {
    const idleSince = this.clock.monotonicMs() - 60_000;
    for (const [player, state] of this.players) if (state.usedAt < idleSince) this.players.delete(player);
    this.forwarded.sweep();
  }
}

function labels(values: Record<string, string | number>, prefix: string): Record<number, string> {
  const out: Record<number, string> = {};
  for (const [name, value] of Object.entries(values)) if (typeof value === 'number') out[value] = name.slice(prefix.length).toLowerCase();
  return out;
}
