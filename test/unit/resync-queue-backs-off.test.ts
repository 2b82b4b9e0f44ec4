import { describe, expect, it } from 'vitest';
import { ResyncQueue } from '../../src/feed/resync-queue.js';

describe('ResyncQueue', () => {
  it('makes a requested event due at once, and keeps its first cause', () => {
    const q = new ResyncQueue();
    q.request('a', 'gap', 1_000);
    q.request('a', 'rewrite', 1_001);
    expect(q.due(1_000)).toEqual(['a']);
    expect(q.nextDueIn(1_000)).toBe(0);
    expect(q.delete('a')).toBe('gap');
    expect(q.size).toBe(0);
    expect(q.nextDueIn(1_000)).toBe(Infinity);
  });

  it('backs off 100, 200, 400 ... ms after failed attempts, capped at 2 s', () => {
    const q = new ResyncQueue();
    q.request('a', 'verify', 0);
    const delays = [1, 2, 3, 4, 5, 6, 7].map((n) => {
      const now = n * 10_000;
      expect(q.failed('a', now)).toBe(n);
      expect(q.due(now)).toEqual([]);
      return q.nextDueIn(now);
    });
    expect(delays).toEqual([100, 200, 400, 800, 1_600, 2_000, 2_000]);
  });

  it('returns only the events whose attempt is due, and the wait until the soonest', () => {
    const q = new ResyncQueue();
    q.request('a', 'gap', 0);
    q.request('b', 'epoch', 0);
    q.failed('a', 0); // due at 100
    expect(q.due(50)).toEqual(['b']);
    q.failed('b', 50); // due at 150
    expect(q.nextDueIn(60)).toBe(40);
    expect(q.due(120)).toEqual(['a']);
    expect(q.has('b')).toBe(true);
    expect(q.failed('unknown', 0)).toBe(0);
  });
});
