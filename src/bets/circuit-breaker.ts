export type BreakerState = 'closed' | 'open' | 'half-open';

export interface BreakerOptions {
  /** Length of the sliding window of recent calls the breaker judges, ms. */
  windowMs: number;
  /** Calls the window must hold before a rate is judged at all. */
  minimumCalls: number;
  /** Share of failed calls in the window (percent) that opens the breaker. */
  failureRatePct: number;
  /** A call answered later than this is slow (one not answered by its deadline is a failure). */
  slowCallMs: number;
  /** Share of slow calls in the window (percent) that opens the breaker. */
  slowCallRatePct: number;
  /** How long an open breaker refuses calls before letting probes through. */
  openMs: number;
  /** Calls let through half-open; their verdicts together close or reopen the breaker. */
  halfOpenProbes: number;
}

/** Buckets of the sliding window: it slides by windowMs / BUCKETS. */
const BUCKETS = 10;

/**
 * A per-core circuit breaker in the manner of resilience4j's: a time-based
 * sliding window (BUCKETS buckets over windowMs) of call verdicts, judged
 * only once it holds minimumCalls, by a failure-rate and a slow-call-rate
 * threshold. Open, it refuses calls for openMs; then it lets
 * halfOpenProbes calls through (any calls: a bet, a retry, a lookup), and
 * once all of them have a verdict it closes with an empty window (failure
 * and slow rates below the thresholds) or opens again.
 *
 * Why a rate over time and not the last N calls: at 1,000 bets/s the last 20
 * calls span 20 ms, so one scheduling pause that times out the calls in
 * flight would read as a dead core. Why every permit must end in exactly one
 * verdict: a half-open probe that never reports would hold its slot forever
 * and the breaker would never close. `acquire` hands out a permit stamped
 * with the current generation (a number: no allocation per call); a verdict
 * of an older generation (a call let through before the last transition)
 * is ignored, so a slow straggler cannot count as a probe.
 *
 * No timers: the open → half-open transition happens at the first acquire
 * after openMs. The clock is injected (performance.now by default) so the
 * unit tests are deterministic.
 */
export class CircuitBreaker {
  state: BreakerState = 'closed';
  private generation = 1;
  private openedAt = 0;
  private readonly bucketMs: number;
  /** Per bucket: the bucket's time slot (floor(now / bucketMs)), calls, failures, slow calls. */
  private readonly slots = new Float64Array(BUCKETS).fill(-1);
  private readonly calls = new Uint32Array(BUCKETS);
  private readonly failures = new Uint32Array(BUCKETS);
  private readonly slow = new Uint32Array(BUCKETS);
  private probesIssued = 0;
  private probesDone = 0;
  private probeFailures = 0;
  private probeSlow = 0;

  constructor(
    private readonly options: BreakerOptions,
    private readonly onChange: (state: BreakerState) => void = () => undefined,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.bucketMs = options.windowMs / BUCKETS;
  }

  /**
   * May a call go through now? 0: no (answer at once, forward nothing).
   * Otherwise a permit: pass it to success() or failure() exactly once when the call ends.
   */
  acquire(): number {
    if (this.state === 'closed') return this.generation;
    if (this.state === 'open') {
      if (this.clock() - this.openedAt < this.options.openMs) return 0;
      this.transition('half-open');
    }
    if (this.probesIssued >= this.options.halfOpenProbes) return 0;
    this.probesIssued++;
    return this.generation;
  }

  /** The call answered after `durationMs`. */
  success(permit: number, durationMs: number): void {
    this.record(permit, false, durationMs > this.options.slowCallMs);
  }

  /** The call failed: an error, an answer off the contract, or no answer by its deadline. */
  failure(permit: number): void {
    this.record(permit, true, false);
  }

  private record(permit: number, failed: boolean, slow: boolean): void {
    if (permit !== this.generation || this.state === 'open') return;
    if (this.state === 'half-open') return this.recordProbe(failed, slow);
    const now = this.clock();
    const slot = Math.floor(now / this.bucketMs);
    const i = slot % BUCKETS;
    if (this.slots[i] !== slot) {
      this.slots[i] = slot;
      this.calls[i] = this.failures[i] = this.slow[i] = 0;
    }
    this.calls[i]++;
    if (failed) this.failures[i]++;
    if (slow) this.slow[i]++;
    if (this.overThreshold(slot)) this.open(now);
  }

  /** Whether the window ending in `slot` holds enough calls and too many failed or slow ones. */
  private overThreshold(slot: number): boolean {
    let calls = 0;
    let failures = 0;
    let slow = 0;
    for (let i = 0; i < BUCKETS; i++) {
      if (this.slots[i] <= slot - BUCKETS) continue; // a bucket from an earlier turn of the ring
      calls += this.calls[i];
      failures += this.failures[i];
      slow += this.slow[i];
    }
    return calls >= this.options.minimumCalls && this.exceeds(failures, slow, calls);
  }

  private recordProbe(failed: boolean, slow: boolean): void {
    this.probesDone++;
    if (failed) this.probeFailures++;
    if (slow) this.probeSlow++;
    if (this.probesDone < this.options.halfOpenProbes) return;
    if (this.exceeds(this.probeFailures, this.probeSlow, this.probesDone)) this.open(this.clock());
    else this.transition('closed');
  }

  private exceeds(failures: number, slow: number, calls: number): boolean {
    return failures * 100 >= this.options.failureRatePct * calls || slow * 100 >= this.options.slowCallRatePct * calls;
  }

  private open(now: number): void {
    this.openedAt = now;
    this.transition('open');
  }

  /** Every transition starts a new generation: verdicts of calls let through before it no longer count. */
  private transition(state: BreakerState): void {
    this.state = state;
    this.generation++;
    this.slots.fill(-1);
    this.probesIssued = this.probesDone = this.probeFailures = this.probeSlow = 0;
    this.onChange(state);
  }
}
