import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../../src/util/token-bucket.js';

const T0 = 1_700_000_000_000;

/** How many takes succeed at one instant. */
function drain(bucket: TokenBucket, now: number, limit = 10_000): number {
  let taken = 0;
  while (taken < limit && bucket.take(now)) taken++;
  return taken;
}

describe('TokenBucket', () => {
  it('allows a full burst at once, then refuses', () => {
    const bucket = new TokenBucket(10, 5, T0);
    expect(drain(bucket, T0)).toBe(5);
    expect(bucket.take(T0)).toBe(false);
  });

  it('refills at the rate per second from the injected clock', () => {
    const bucket = new TokenBucket(10, 5, T0);
    drain(bucket, T0);
    expect(bucket.take(T0 + 99)).toBe(false); // 0.99 tokens
    expect(bucket.take(T0 + 100)).toBe(true); // 1 token after 100 ms at 10/s
    expect(bucket.take(T0 + 100)).toBe(false);
    expect(drain(bucket, T0 + 400)).toBe(3);
  });

  it('never holds more than the burst, however long it was idle', () => {
    const bucket = new TokenBucket(10, 5, T0);
    drain(bucket, T0);
    expect(drain(bucket, T0 + 3_600_000)).toBe(5);
  });

  it('keeps fractional tokens between takes', () => {
    const bucket = new TokenBucket(1, 1, T0);
    expect(bucket.take(T0)).toBe(true);
    expect(bucket.take(T0 + 400)).toBe(false);
    expect(bucket.take(T0 + 800)).toBe(false);
    expect(bucket.take(T0 + 1_000)).toBe(true);
  });

  it('sustains the rate over a long run', () => {
    const bucket = new TokenBucket(20, 200, T0);
    let taken = drain(bucket, T0);
    expect(taken).toBe(200);
    for (let t = 10; t <= 10_000; t += 10) taken += drain(bucket, T0 + t);
    // 200 burst + 20/s for 10 s.
    expect(taken).toBe(400);
  });

  it('does not lock a client out when the wall clock steps backwards', () => {
    // An injected clock may step back (take() defaults to the monotonic performance.now()).
    // A full bucket should stay usable; a step back of an hour must not cost an hour of refusals.
    const bucket = new TokenBucket(20, 200, T0);
    const steppedBack = T0 - 3_600_000;
    expect(bucket.take(steppedBack)).toBe(true);
    expect(bucket.take(steppedBack + 1_000)).toBe(true);
  });
});
