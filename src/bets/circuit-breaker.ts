export type BreakerState = 'closed' | 'open' | 'half-open';

/**
 * A per-core circuit breaker. `failureThreshold` consecutive failures
 * (timeouts, errors) open it: calls are refused at once for `openMs`. Then
 * one probe at a time is let through (half-open); its success closes the
 * breaker, its failure opens it again.
 */
export class CircuitBreaker {
  private failures = 0;
  private openedAt = 0;
  private probing = false;
  state: BreakerState = 'closed';

  constructor(
    private readonly failureThreshold: number,
    private readonly openMs: number,
    private readonly onChange: (state: BreakerState) => void = () => undefined,
  ) {}

  /** May a call go through now? A true in half-open state reserves the probe. */
  allow(now = Date.now()): boolean {
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
    this.failures = 0;
    this.probing = false;
    if (this.state !== 'closed') this.set('closed');
  }

  failure(now = Date.now()): void {
    this.probing = false;
    this.failures++;
    if (this.state === 'half-open' || this.failures >= this.failureThreshold) {
      this.openedAt = now;
      if (this.state !== 'open') this.set('open');
    }
  }

  private set(state: BreakerState): void {
    this.state = state;
    this.onChange(state);
  }
}
