import { describe, expect, it } from 'vitest';
import { PhaseWheel } from '../../src/util/phase-wheel.js';

describe('PhaseWheel', () => {
  it('gives members added together consecutive slots, so one revolution visits each exactly once, evenly', () => {
    const clock = { ms: 0 };
    const wheel = new PhaseWheel<number>(100, 1_000, () => clock.ms);
    for (let m = 0; m < 1_000; m++) wheel.add(m);
    const visitsPerSlot: number[] = [];
    const seen = new Map<number, number>();
    for (let slot = 0; slot < 10; slot++) {
      clock.ms += 100;
      visitsPerSlot.push(wheel.advance((m) => seen.set(m, (seen.get(m) ?? 0) + 1)));
    }
    expect(visitsPerSlot).toEqual(Array(10).fill(100));
    expect(seen.size).toBe(1_000);
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
  });

  it('lets a visit remove the member visited (a connection closing in its own visit): no member visited twice or skipped', () => {
    const clock = { ms: 0 };
    const wheel = new PhaseWheel<number>(100, 100, () => clock.ms); // one slot: every member each turn
    for (let m = 0; m < 50; m++) wheel.add(m);
    const visited: number[] = [];
    clock.ms += 100;
    wheel.advance((m) => {
      visited.push(m);
      if (m % 2 === 0) wheel.remove(m);
    });
    expect(visited.sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(wheel.size).toBe(25);
    const next: number[] = [];
    clock.ms += 100;
    wheel.advance((m) => next.push(m));
    expect(next.sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => 2 * i + 1));
  });

  it('visits nothing before a slot is due, and each member once after a stall of many revolutions', () => {
    const clock = { ms: 1_000 };
    const wheel = new PhaseWheel<string>(250, 1_000, () => clock.ms);
    wheel.add('a');
    wheel.add('b');
    expect(wheel.advance(() => undefined)).toBe(0);
    clock.ms += 60_000;
    const seen: string[] = [];
    expect(wheel.advance((m) => seen.push(m))).toBe(2);
    expect(seen.sort()).toEqual(['a', 'b']);
    expect(wheel.advance(() => undefined)).toBe(0);
  });
});
