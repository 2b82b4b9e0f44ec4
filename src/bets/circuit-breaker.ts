import { RingBuffer } from '../util/ring-buffer.js';

export type BreakerState = 'closed' | 'open' | 'half-open';

/**
 * A per-core circuit breaker over the outcomes of the last `window` calls:
 * when `failureThreshold` of them failed (timeouts, errors) it opens, and
 * calls are refused at once for `openMs`. Then one probe at a time goes
 * through (half-open); its success closes the breaker with a clean window,
 * its failure opens it again.
 *
 * A window rather than a run of consecutive failures: a single stall of the
 * core fails every call in flight at once, and that alone must not stop a
 * jurisdiction's betting; a core that fails half its calls must.
 */
export class CircuitBreaker {
  private readonly outcomes: RingBuffer<boolean>;
  private failures = 0;
  private openedAt = 0;
  private probing = false;
  state: BreakerState = 'closed';

  constructor(
    private readonly failureThreshold: number,
    window: number,
    private readonly openMs: number,
    private readonly onChange: (state: BreakerState) => void = () => undefined,
  ) {
    this.outcomes = new RingBuffer(window);
  }

  /** May a call go through now? A true in half-open state reserves the probe. */
  allow(now = performance.now()): boolean {
    if (this.state === 'closed') return true;
    if (this.state === 'open') {
      if (now - this.openedAt < this.openMs) return false;
      this.set('half-open');
    }
    if (this.probing) return false;
    this.probing = true;
    return true;
  }

  success(): void {
    if (this.state !== 'closed') {
      this.probing = false;
      this.reset();
      this.set('closed');
      return;
    }
    this.record(false);
  }

  failure(now = performance.now()): void {
    if (this.state !== 'closed') {
      this.probing = false;
      this.openedAt = now;
      if (this.state === 'half-open') this.set('open');
      return;
    }
    this.record(true);
    if (this.failures >= this.failureThreshold) {
      this.openedAt = now;
      this.reset();
      this.set('open');
    }
  }

  private record(failed: boolean): void {
    // A full ring drops its oldest outcome on push: take that one out of the count first.
    if (this.outcomes.length === this.outcomes.capacity && this.outcomes.at(0)) this.failures--;
    this.outcomes.push(failed);
    if (failed) this.failures++;
  }

  private reset(): void {
    this.outcomes.clear();
    this.failures = 0;
  }

  private set(state: BreakerState): void {
    this.state = state;
    this.onChange(state);
  }
}
