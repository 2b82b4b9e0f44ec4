import { afterEach, describe, expect, it } from 'vitest';
import { CallDeadlines } from '../../src/bets/call-deadlines.js';

describe('CallDeadlines', () => {
  const clock = { t: 0, now: () => clock.t };
  let deadlines: CallDeadlines;
  afterEach(() => deadlines.stop());

  it('aborts only the calls past their abandon time, at the sweep', () => {
    deadlines = new CallDeadlines(60_000, clock.now);
    const early = deadlines.watch(100);
    const late = deadlines.watch(500);
    clock.t = 99;
    deadlines.sweep();
    expect(early.signal.aborted).toBe(false);
    clock.t = 100;
    deadlines.sweep();
    expect(early.signal.aborted).toBe(true);
    expect(late.signal.aborted).toBe(false);
    expect(deadlines.size).toBe(1);
  });

  it('forgets a call that ended in time: it is never aborted', () => {
    deadlines = new CallDeadlines(60_000, clock.now);
    clock.t = 0;
    const call = deadlines.watch(100);
    call.done();
    clock.t = 1_000;
    deadlines.sweep();
    expect(call.signal.aborted).toBe(false);
    expect(deadlines.size).toBe(0);
  });

  it('sweeps by itself every everyMs', async () => {
    deadlines = new CallDeadlines(10);
    const call = deadlines.watch(performance.now() + 20);
    await new Promise<void>((resolve) => call.signal.addEventListener('abort', () => resolve()));
    expect(call.signal.aborted).toBe(true);
  });
});
