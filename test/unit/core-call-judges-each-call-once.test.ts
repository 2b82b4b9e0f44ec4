import { describe, expect, it } from 'vitest';
import { CircuitBreaker, type BreakerState } from '../../src/bets/circuit-breaker.js';
import type { CoreBetResponse } from '../../src/bets/core-contract.js';
import { CoreCallError } from '../../src/bets/core-errors.js';
import { CoreCall } from '../../src/bets/core-route.js';

const ACCEPTED: CoreBetResponse = { outcome: 'accepted', betId: 'MT-1', acceptedPrice: 2_000 };
const report = (err: unknown) => (err instanceof CoreCallError ? err : new CoreCallError('MT', 'unreachable', String(err)));
const turn = () => new Promise((r) => setImmediate(r));

/** A half-open breaker with one probe slot: its state shows which verdict the probe's call got. */
function halfOpen() {
  const clock = { t: 0 };
  const changes: BreakerState[] = [];
  const breaker = new CircuitBreaker({ windowMs: 1_000, minimumCalls: 1, failureRatePct: 50, slowCallMs: 10_000, slowCallRatePct: 100, openMs: 100, halfOpenProbes: 1 }, (s) => changes.push(s), () => clock.t);
  breaker.failure(breaker.acquire());
  clock.t = 100;
  const permit = breaker.acquire();
  expect(breaker.state).toBe('half-open');
  return { breaker, permit, changes, now: () => clock.t };
}

describe('CoreCall', () => {
  it('an answer already received when the budget timer fires late is a success, not a failure', async () => {
    const { breaker, permit, now } = halfOpen();
    const call = new CoreCall(breaker, permit, Promise.resolve(ACCEPTED), report, now);
    call.deadlinePassed(); // the timer fired in the same turn the answer arrived
    expect((await call.result).response).toEqual(ACCEPTED);
    await turn();
    expect(breaker.state, 'the probe succeeded').toBe('closed');
  });

  it('no answer by the deadline is a failure, judged one turn later; a late answer changes nothing', async () => {
    const { breaker, permit, now } = halfOpen();
    let answer!: (r: CoreBetResponse) => void;
    const call = new CoreCall(breaker, permit, new Promise((r) => (answer = r)), report, now);
    call.deadlinePassed();
    await turn();
    expect(breaker.state, 'the probe failed').toBe('open');
    answer(ACCEPTED);
    expect((await call.result).response, 'the late answer still reaches whoever listens').toEqual(ACCEPTED);
    expect(breaker.state).toBe('open');
  });

  it('a failed call is one failure and one report, whoever joined it; it never rejects', async () => {
    const { breaker, permit, now } = halfOpen();
    const reports: CoreCallError[] = [];
    const call = new CoreCall(breaker, permit, Promise.reject(new CoreCallError('MT', 'contract', 'bad')), (err) => (reports.push(err as CoreCallError), err as CoreCallError), now);
    call.deadlinePassed();
    call.deadlinePassed();
    const r = await call.result;
    expect(r.error?.problem).toBe('contract');
    await turn();
    expect(reports).toHaveLength(1);
    expect(breaker.state).toBe('open');
  });
});
