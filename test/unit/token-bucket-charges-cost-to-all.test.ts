import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../../src/util/token-bucket.js';

describe('TokenBucket charging a cost (resume replay budgets)', () => {
  it('starts full, spends by cost and refills at its rate up to its burst', () => {
    const b = new TokenBucket(1_000, 5_000, 0);
    expect(TokenBucket.takeFromAll(4_000, [b], 0)).toBe(true);
    expect(TokenBucket.takeFromAll(2_000, [b], 0)).toBe(false);
    expect(TokenBucket.takeFromAll(2_000, [b], 1_000)).toBe(true); // +1,000 after 1 s
    expect(b.available(1_000)).toBe(0);
    expect(b.available(60_000)).toBe(5_000);
  });

  it('never affords a cost above its burst (a gap that large is answered with a snapshot)', () => {
    const b = new TokenBucket(1_000_000, 100, 0);
    expect(TokenBucket.takeFromAll(101, [b], 10_000)).toBe(false);
  });

  it('spends from every budget or from none', () => {
    const connection = new TokenBucket(10, 100, 0);
    const node = new TokenBucket(10, 50, 0);
    expect(TokenBucket.takeFromAll(60, [connection, node], 0)).toBe(false);
    expect([connection.available(0), node.available(0)]).toEqual([100, 50]);
    expect(TokenBucket.takeFromAll(50, [connection, node], 0)).toBe(true);
    expect([connection.available(0), node.available(0)]).toEqual([50, 0]);
  });

  it('does not refill when the clock steps back', () => {
    const b = new TokenBucket(1_000, 1_000, 5_000);
    TokenBucket.takeFromAll(1_000, [b], 5_000);
    expect(b.available(4_000)).toBe(0);
    expect(b.available(5_500)).toBe(500);
  });
});
