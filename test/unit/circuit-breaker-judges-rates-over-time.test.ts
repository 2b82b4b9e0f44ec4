import { describe, expect, it } from 'vitest';
import { CircuitBreaker, type BreakerOptions, type BreakerState } from '../../src/bets/circuit-breaker.js';

/** A clock the test moves by hand: every case is deterministic, nothing sleeps. */
class FakeClock {
  t = 0;
  now = () => this.t;
}

const OPTIONS: BreakerOptions = { windowMs: 1_000, minimumCalls: 10, failureRatePct: 50, slowCallMs: 25, slowCallRatePct: 100, openMs: 2_000, halfOpenProbes: 3 };

function breaker(options: Partial<BreakerOptions> = {}) {
  const clock = new FakeClock();
  const changes: BreakerState[] = [];
  const b = new CircuitBreaker({ ...OPTIONS, ...options }, (s) => changes.push(s), clock.now);
  return { b, clock, changes };
}

/** `perSec` calls a second for `ms`, each ending at once with `verdict`; returns how many were refused. */
function traffic(b: CircuitBreaker, clock: FakeClock, perSec: number, ms: number, verdict: (i: number) => 'ok' | 'slow' | 'fail'): number {
  let refused = 0;
  const step = 1_000 / perSec;
  const end = clock.t + ms;
  for (let i = 0; clock.t < end; i++, clock.t += step) {
    const permit = b.acquire();
    if (permit === 0) {
      refused++;
      continue;
    }
    const v = verdict(i);
    if (v === 'fail') b.failure(permit);
    else b.success(permit, v === 'slow' ? 30 : 5);
  }
  return refused;
}

describe('CircuitBreaker', () => {
  it('stays closed at 1,000 and 5,000 calls/s when a pause fails every call in flight at once (0 refusals)', () => {
    for (const perSec of [1_000, 5_000]) {
      const { b, clock, changes } = breaker();
      // Healthy traffic, then a 100 ms scheduling pause: the 30 ms budget of every call in flight
      // during it runs out (0.13 s worth of calls fail), then healthy again.
      let refused = traffic(b, clock, perSec, 5_000, () => 'ok');
      refused += traffic(b, clock, perSec, 130, () => 'fail');
      refused += traffic(b, clock, perSec, 5_000, () => 'ok');
      expect(refused, `refusals at ${perSec}/s`).toBe(0);
      expect(changes).toEqual([]);
    }
  });

  it('opens within half a window of a real outage at 1,000 calls/s and refuses at once while open', () => {
    const { b, clock, changes } = breaker();
    traffic(b, clock, 1_000, 3_000, () => 'ok');
    const outageAt = clock.t;
    let openedAt = -1;
    for (; clock.t < outageAt + 1_000; clock.t += 1) {
      const permit = b.acquire();
      if (permit === 0) {
        openedAt = clock.t;
        break;
      }
      b.failure(permit);
    }
    expect(changes).toEqual(['open']);
    expect(openedAt - outageAt, 'ms from the first failure to the first refusal').toBeLessThanOrEqual(600);
    expect(b.acquire()).toBe(0);
  });

  it('does not judge a window below minimumCalls, however bad', () => {
    const { b, clock, changes } = breaker({ minimumCalls: 10 });
    for (let i = 0; i < 9; i++) b.failure(b.acquire());
    expect(b.state).toBe('closed');
    clock.t += 1;
    b.failure(b.acquire());
    expect(changes).toEqual(['open']);
  });

  it('forgets failures older than the window', () => {
    const { b, clock } = breaker({ minimumCalls: 10 });
    for (let i = 0; i < 9; i++) b.failure(b.acquire()); // 9 failures at t=0, under minimumCalls
    clock.t = 1_500; // a window later they are gone
    for (let i = 0; i < 9; i++) b.success(b.acquire(), 5);
    b.failure(b.acquire()); // 1 of 10 failed
    expect(b.state).toBe('closed');
  });

  it('opens on the slow-call rate: every call in the window slower than slowCallMs', () => {
    const { b, clock, changes } = breaker({ slowCallRatePct: 100 });
    traffic(b, clock, 100, 500, (i) => (i === 0 ? 'ok' : 'slow'));
    expect(b.state, 'one fast call among them keeps it closed at 100%').toBe('closed');
    clock.t += 1_000;
    traffic(b, clock, 100, 200, () => 'slow');
    expect(changes).toEqual(['open']);
  });

  it('after openMs lets exactly halfOpenProbes calls through, and closes when all of them succeeded', () => {
    const { b, clock, changes } = breaker();
    for (let i = 0; i < 10; i++) b.failure(b.acquire());
    expect(b.state).toBe('open');
    const openedAt = clock.t;
    clock.t = openedAt + 1_999;
    expect(b.acquire()).toBe(0);
    clock.t = openedAt + 2_100;
    const probes = [b.acquire(), b.acquire(), b.acquire()];
    expect(probes.every((p) => p > 0)).toBe(true);
    expect(b.acquire(), 'a fourth call while the probes are out').toBe(0);
    expect(b.state).toBe('half-open');
    b.success(probes[0], 5);
    b.success(probes[1], 5);
    expect(b.state, 'waits for every probe').toBe('half-open');
    b.success(probes[2], 5);
    expect(changes).toEqual(['open', 'half-open', 'closed']);
    expect(b.acquire()).toBeGreaterThan(0);
  });

  it('opens again for another openMs when the probes fail, then recovers', () => {
    const { b, clock, changes } = breaker({ halfOpenProbes: 2 });
    traffic(b, clock, 1_000, 100, () => 'fail');
    clock.t += 2_000;
    const probes = [b.acquire(), b.acquire()];
    b.failure(probes[0]);
    b.success(probes[1], 5);
    expect(b.state, '1 of 2 probes failed: 50%').toBe('open');
    const reopenedAt = clock.t;
    clock.t = reopenedAt + 1_999;
    expect(b.acquire()).toBe(0);
    clock.t = reopenedAt + 2_000;
    const again = [b.acquire(), b.acquire()];
    for (const p of again) b.success(p, 5);
    expect(changes).toEqual(['open', 'half-open', 'open', 'half-open', 'closed']);
  });

  it('ignores the verdict of a call let through before the last transition: it cannot count as a probe', () => {
    const { b, clock } = breaker({ halfOpenProbes: 1 });
    const straggler = b.acquire(); // let through while closed, answers much later
    traffic(b, clock, 1_000, 100, () => 'fail');
    clock.t += 2_000;
    const probe = b.acquire();
    b.success(straggler, 5);
    expect(b.state, 'the straggler is not the probe').toBe('half-open');
    b.failure(straggler);
    expect(b.state).toBe('half-open');
    b.success(probe, 5);
    expect(b.state).toBe('closed');
  });

  it('a recovered breaker starts with an empty window', () => {
    const { b, clock } = breaker({ halfOpenProbes: 1, minimumCalls: 4 });
    traffic(b, clock, 1_000, 10, () => 'fail');
    clock.t += 2_000;
    b.success(b.acquire(), 5);
    expect(b.state).toBe('closed');
    for (let i = 0; i < 3; i++) b.failure(b.acquire());
    expect(b.state, '3 failures are under minimumCalls in the new window').toBe('closed');
  });
});
