import type { Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import { CallDeadlines } from './call-deadlines.js';
import type { CircuitBreaker } from './circuit-breaker.js';
import type { CoreClient } from './core-client.js';
import type { CoreBetRequest, CoreBetResponse } from './core-contract.js';
import { CoreCallError } from './core-errors.js';
import { LogSampler } from './log-sampler.js';

/** How a core call ended. Never a rejected promise: nothing in a bet's chain can go unhandled. */
export type CallResult = { response: CoreBetResponse; error?: undefined } | { response?: undefined; error: CoreCallError };
/** A lookup: the bet's state, null when the core does not know the key. */
export type LookupResult = { found: CoreBetResponse | null; error?: undefined } | { found?: undefined; error: CoreCallError };

export interface CoreRouteDeps {
  metrics: Pick<Metrics, 'coreAnswersInvalid' | 'coreLatency'>;
  log: Logger;
  /** A POST still running this long after its deadline is aborted (coreAbandonAfterMs). */
  abandonAfterMs: number;
  clock?: () => number;
}

/** How often calls past their abandon time are looked for (the precision of coreAbandonAfterMs). */
const ABANDON_SWEEP_MS = 50;

/**
 * One POST in flight. Its breaker verdict is given once: a failure if it
 * errs or if a bet waiting for it runs out of budget first (deadlinePassed,
 * called by that bet's budget timer: no second timer per call), else a
 * success with its duration. So every permit — half-open probes included —
 * ends in exactly one verdict, whoever is still listening.
 */
export class CoreCall {
  readonly result: Promise<CallResult>;
  private settled = false;
  private judged = false;

  constructor(
    private readonly breaker: CircuitBreaker,
    private readonly permit: number,
    call: Promise<CoreBetResponse>,
    report: (err: unknown) => CoreCallError,
    clock: () => number,
  ) {
    const startedAt = clock();
    this.result = call.then(
      (response) => {
        this.settled = true;
        if (this.judge()) breaker.success(permit, clock() - startedAt);
        return { response };
      },
      (err: unknown) => {
        this.settled = true;
        if (this.judge()) breaker.failure(permit);
        return { error: report(err) };
      },
    );
  }

  /**
   * A bet waiting for this call ran out of budget: unanswered by then, the call failed.
   * Judged one turn later (setImmediate runs after the poll phase): an answer already in
   * the socket when a stalled node's timer fired late is read first, so the node's own
   * pause is not blamed on the core. Only calls that outlive a budget pay for it.
   */
  deadlinePassed(): void {
    if (this.settled || this.judged) return;
    setImmediate(() => {
      if (!this.settled && this.judge()) this.breaker.failure(this.permit);
    });
  }

  private judge(): boolean {
    if (this.judged) return false;
    this.judged = true;
    return true;
  }
}

/**
 * One jurisdiction's core as the bet service uses it: its client, its
 * breaker, and what makes calls cheap and accountable. Identical POSTs in
 * flight share one call (a resend storm costs the core one request at a
 * time), as do lookups of one key; a new call needs a breaker permit. Every
 * failed call is counted (`oddsgate_core_answers_invalid_total{core,problem}`)
 * and logged — error level for an answer off the contract, warn for no
 * answer — at most once a second per problem, without player or token.
 */
export class CoreRoute {
  readonly name: string;
  private readonly posts = new Map<string, CoreCall>();
  private readonly lookups = new Map<string, Promise<LookupResult>>();
  private readonly sampler: LogSampler;
  private readonly clock: () => number;
  private readonly deadlines: CallDeadlines;
  /** This core's latency histogram, bound once. */
  private readonly latency: { observe(seconds: number): void };

  constructor(
    readonly client: CoreClient,
    readonly breaker: CircuitBreaker,
    private readonly deps: CoreRouteDeps,
  ) {
    this.name = client.jurisdiction;
    this.clock = deps.clock ?? (() => performance.now());
    this.sampler = new LogSampler(1_000, this.clock);
    this.deadlines = new CallDeadlines(ABANDON_SWEEP_MS, this.clock);
    this.latency = deps.metrics.coreLatency.labels(this.name);
  }

  /** The POST of `request`, joined if the same one (`callId`) is in flight; null when the breaker refuses a new call. */
  place(callId: string, request: CoreBetRequest): CoreCall | null {
    const inFlight = this.posts.get(callId);
    if (inFlight) return inFlight;
    const permit = this.breaker.acquire();
    if (permit === 0) return null;
    const startedAt = this.clock();
    const watched = this.deadlines.watch(startedAt + Math.max(0, request.deadline - Date.now()) + this.deps.abandonAfterMs);
    const call = new CoreCall(this.breaker, permit, this.client.place(request, watched.signal), (err) => this.report(err), this.clock);
    this.posts.set(callId, call);
    const forget = () => {
      // Every call, answered or failed, late or not: how the core looks from here.
      this.latency.observe((this.clock() - startedAt) / 1000);
      watched.done();
      this.posts.delete(callId);
    };
    void call.result.then(forget, forget);
    return call;
  }

  /**
   * The core's state of (playerId, key), joined if already asked (`lookupId`),
   * abandoned after `waitMs`; null when the breaker refuses a new call.
   */
  lookup(lookupId: string, playerId: string, key: string, waitMs: number): Promise<LookupResult> | null {
    const inFlight = this.lookups.get(lookupId);
    if (inFlight) return inFlight;
    const permit = this.breaker.acquire();
    if (permit === 0) return null;
    const startedAt = this.clock();
    const watched = this.deadlines.watch(startedAt + waitMs);
    const lookup = this.client.lookup(playerId, key, watched.signal).then(
      (found): LookupResult => {
        this.breaker.success(permit, this.clock() - startedAt);
        return { found };
      },
      (err: unknown): LookupResult => {
        this.breaker.failure(permit);
        return { error: this.report(err) };
      },
    );
    this.lookups.set(lookupId, lookup);
    const forget = () => {
      this.latency.observe((this.clock() - startedAt) / 1000);
      watched.done();
      this.lookups.delete(lookupId);
    };
    void lookup.then(forget, forget);
    return lookup;
  }

  /** Whether the core is being asked about this key right now. */
  lookingUp(lookupId: string): boolean {
    return this.lookups.has(lookupId);
  }

  close(): Promise<void> {
    this.deadlines.stop();
    return this.client.close();
  }

  private report(err: unknown): CoreCallError {
    const error = err instanceof CoreCallError ? err : new CoreCallError(this.name, 'unreachable', `call failed: ${(err as Error)?.message ?? String(err)}`, { cause: err });
    this.deps.metrics.coreAnswersInvalid.inc({ core: this.name, problem: error.problem });
    const skipped = this.sampler.take(error.problem);
    if (skipped >= 0) {
      const line = { core: this.name, problem: error.problem, code: error.code, err: error.message, skipped };
      if (error.problem === 'unreachable' || error.problem === 'timeout') this.deps.log.warn(line, 'core call failed');
      else this.deps.log.error(line, 'core answer broke the contract');
    }
    return error;
  }
}
