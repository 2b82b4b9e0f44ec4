import { describe, expect, it } from 'vitest';
import { ForwardedKeys } from '../../src/bets/forwarded-keys.js';

describe('ForwardedKeys', () => {
  const clock = () => {
    const c = { t: 0, now: () => c.t };
    return c;
  };

  it('knows a forwarded bet by key and fingerprint; another fingerprint under the same key is not known', () => {
    const keys = new ForwardedKeys(10, 1_000);
    keys.remember('p\nk1', 42);
    expect(keys.has('p\nk1', 42)).toBe(true);
    expect(keys.has('p\nk1', 43), 'the same key for other fields').toBe(false);
    expect(keys.has('q\nk1', 42), 'another player').toBe(false);
  });

  it('keeps the first fingerprint when a key is remembered again (the core holds the first bet)', () => {
    const keys = new ForwardedKeys(10, 1_000);
    keys.remember('p\nk', 1);
    keys.remember('p\nk', 2);
    expect(keys.has('p\nk', 1)).toBe(true);
    expect(keys.has('p\nk', 2)).toBe(false);
  });

  it('holds at most `capacity` keys, dropping the least recently used', () => {
    const keys = new ForwardedKeys(3, 60_000);
    keys.remember('a', 1);
    keys.remember('b', 1);
    keys.remember('c', 1);
    expect(keys.has('a', 1)).toBe(true); // a is now the most recently used
    keys.remember('d', 1);
    expect(keys.size).toBe(3);
    expect(keys.has('b', 1), 'b was the least recently used').toBe(false);
    expect(keys.has('a', 1) && keys.has('c', 1) && keys.has('d', 1)).toBe(true);
  });

  it('forgets a key after ttlMs, on use and on sweep; a use refreshes it', () => {
    const c = clock();
    const keys = new ForwardedKeys(10, 1_000, c.now);
    keys.remember('a', 1);
    keys.remember('b', 1);
    c.t = 900;
    expect(keys.has('a', 1)).toBe(true); // refreshed at 900
    c.t = 1_500;
    expect(keys.has('b', 1), 'b expired at 1000').toBe(false);
    keys.sweep();
    expect(keys.size).toBe(1);
    c.t = 1_901;
    keys.sweep();
    expect(keys.size).toBe(0);
  });

  it('capacity 0 remembers nothing (every resend is checked, and looked up when a check fails)', () => {
    const keys = new ForwardedKeys(0, 1_000);
    keys.remember('a', 1);
    expect(keys.has('a', 1)).toBe(false);
    expect(keys.size).toBe(0);
  });
});
