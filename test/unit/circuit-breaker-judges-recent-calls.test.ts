import { describe, expect, it } from 'vitest';
import { CircuitBreaker, type BreakerState } from '../../src/bets/circuit-breaker.js';

describe('CircuitBreaker', () => {
  it('opens when the threshold of failures is reached within the window, not on one stall', () => {
    const changes: BreakerState[] = [];
    const breaker = new CircuitBreaker(3, 5, 1_000, (s) => changes.push(s));
    // Failures spread out among successes never reach 3 of the last 5.
    for (let i = 0; i < 20; i++) {
      breaker.failure(0);
      breaker.success();
      breaker.success();
    }
    expect(breaker.state).toBe('closed');
    breaker.failure(0); // window: S F S S F -> 2 of 5
    expect(breaker.state).toBe('closed');
    breaker.failure(100); // F S S F F -> 3 of 5
    expect(breaker.state).toBe('open');
    expect(changes).toEqual(['open']);
  });

  it('refuses while open, lets one probe through after openMs, and closes on its success', () => {
    const breaker = new CircuitBreaker(1, 1, 1_000);
    breaker.failure(0);
    expect(breaker.allow(500)).toBe(false);
    expect(breaker.allow(1_000)).toBe(true);
    expect(breaker.state).toBe('half-open');
    expect(breaker.allow(1_001), 'only one probe at a time').toBe(false);
    breaker.success();
    expect(breaker.state).toBe('closed');
    expect(breaker.allow(1_002)).toBe(true);
  });

  it('opens again when the probe fails, for another openMs from then', () => {
    const breaker = new CircuitBreaker(1, 1, 1_000);
    breaker.failure(0);
    expect(breaker.allow(1_000)).toBe(true);
    breaker.failure(1_000);
    expect(breaker.state).toBe('open');
    expect(breaker.allow(1_999)).toBe(false);
    expect(breaker.allow(2_000)).toBe(true);
  });

  it('starts a closed breaker with a clean window after recovery', () => {
    const breaker = new CircuitBreaker(2, 4, 100);
    breaker.failure(0);
    breaker.failure(0);
    expect(breaker.allow(100)).toBe(true);
    breaker.success();
    breaker.failure(200);
    expect(breaker.state, 'one failure after recovery is not two').toBe('closed');
  });
});
