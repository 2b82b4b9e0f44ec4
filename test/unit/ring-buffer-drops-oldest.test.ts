import { describe, expect, it } from 'vitest';
import { RingBuffer } from '../../src/util/ring-buffer.js';

const contents = <T>(ring: RingBuffer<T>): T[] => Array.from({ length: ring.length }, (_, i) => ring.at(i));

describe('RingBuffer', () => {
  it('starts empty', () => {
    const ring = new RingBuffer<number>(3);
    expect(ring.capacity).toBe(3);
    expect(ring.length).toBe(0);
    expect(ring.first()).toBeUndefined();
    expect(ring.last()).toBeUndefined();
  });

  it('keeps items oldest first until full', () => {
    const ring = new RingBuffer<string>(3);
    ring.push('a');
    ring.push('b');
    expect(ring.length).toBe(2);
    expect(contents(ring)).toEqual(['a', 'b']);
    expect(ring.first()).toBe('a');
    expect(ring.last()).toBe('b');
  });

  it('drops the oldest item when pushed while full, keeping order across the wrap', () => {
    const ring = new RingBuffer<number>(3);
    for (let i = 1; i <= 4; i++) ring.push(i);
    expect(ring.length).toBe(3);
    expect(contents(ring)).toEqual([2, 3, 4]);
    expect(ring.first()).toBe(2);
    expect(ring.last()).toBe(4);
  });

  it('stays in order after wrapping many times', () => {
    const ring = new RingBuffer<number>(5);
    for (let i = 0; i < 1_003; i++) {
      ring.push(i);
      const expected = Array.from({ length: Math.min(i + 1, 5) }, (_, k) => i - Math.min(i + 1, 5) + 1 + k);
      if (i % 97 === 0 || i > 995) expect(contents(ring), `after ${i}`).toEqual(expected);
    }
    expect(contents(ring)).toEqual([998, 999, 1000, 1001, 1002]);
    expect(ring.first()).toBe(998);
    expect(ring.last()).toBe(1002);
  });

  it('with capacity 1 holds only the latest item', () => {
    const ring = new RingBuffer<string>(1);
    ring.push('a');
    ring.push('b');
    expect(ring.length).toBe(1);
    expect(ring.first()).toBe('b');
    expect(ring.last()).toBe('b');
    expect(ring.at(0)).toBe('b');
  });

  it('with capacity 0 ignores pushes and stays empty', () => {
    const ring = new RingBuffer<number>(0);
    ring.push(1);
    ring.push(2);
    expect(ring.length).toBe(0);
    expect(ring.first()).toBeUndefined();
    expect(ring.last()).toBeUndefined();
  });

  it('clear empties the ring, releases the items and lets it fill again from the start', () => {
    const ring = new RingBuffer<{ n: number }>(3);
    for (let n = 0; n < 5; n++) ring.push({ n });
    ring.clear();
    expect(ring.length).toBe(0);
    expect(ring.first()).toBeUndefined();
    expect(ring.last()).toBeUndefined();
    // The wrapped start is reset too: no stale item shows through at().
    expect(ring.at(0)).toBeUndefined();
    ring.push({ n: 10 });
    ring.push({ n: 11 });
    expect(contents(ring).map((x) => x.n)).toEqual([10, 11]);
    ring.push({ n: 12 });
    ring.push({ n: 13 });
    expect(contents(ring).map((x) => x.n)).toEqual([11, 12, 13]);
  });
});
