import { afterEach, describe, expect, it } from 'vitest';
import { InProcessOddsStore } from '../../src/feed/in-process-store.js';
import { OddsSimulator, type SimulatorOptions } from '../../src/feed/odds-simulator.js';
import { MarketStatus, pb } from '../../src/protocol/wire.js';

interface Published {
  eventId: string;
  marketId: string;
  status: MarketStatus;
  prices: Array<[string, number]>;
}

const running: OddsSimulator[] = [];
afterEach(() => {
  for (const sim of running.splice(0)) sim.stop();
});

/** A simulator publishing into a fresh store, with every update it publishes decoded into `log`. */
function simulate(options: SimulatorOptions) {
  const store = new InProcessOddsStore(100_000);
  const log: Published[] = [];
  const errors: unknown[] = [];
  store.onAppend((_eventId, entry) => {
    if ('version' in entry) return; // display data (EventInfo): not an odds update
    const u = pb.OddsUpdate.decode(entry.payload);
    log.push({ eventId: u.eventId!, marketId: u.marketId!, status: u.status!, prices: u.selections!.map((s) => [s.id!, s.price ?? 0]) });
  });
  const sim = new OddsSimulator(store, { onError: (err) => errors.push(err), ...options });
  running.push(sim);
  return { store, sim, log, errors };
}

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Runs until the simulator stops itself at maxUpdates; returns everything published, seed first. */
async function runToCompletion(options: SimulatorOptions): Promise<Published[]> {
  const { sim, log, errors } = simulate(options);
  await sim.seed();
  sim.start();
  await waitUntil(() => !sim.running, 1_500);
  await new Promise((resolve) => setTimeout(resolve, 20)); // let the last publishes settle
  expect(errors).toEqual([]);
  return log;
}

describe('OddsSimulator.seed', () => {
  it('publishes every market of every event once, open and priced', async () => {
    const { sim, store, log } = simulate({ events: 3, marketsPerEvent: 8, ratePerSec: 0, eventPrefix: 'ev-', seed: 1 });
    expect(sim.eventIds()).toEqual(['ev-1', 'ev-2', 'ev-3']);
    await sim.seed();
    expect(log).toHaveLength(24);
    for (const eventId of sim.eventIds()) {
      const snap = store.snapshot(eventId)!;
      expect(snap.seq).toBe(8);
      const markets = snap.markets.map((m) => pb.OddsUpdate.decode(m.payload).marketId);
      expect(new Set(markets).size).toBe(8);
      // Six market shapes, then suffixed repeats of them.
      expect(markets).toEqual(['1x2', 'ou25', 'btts', 'dnb', 'ht1x2', 'ou15', '1x2-1', 'ou25-1']);
    }
    for (const p of log) {
      expect(p.status).toBe(MarketStatus.MARKET_STATUS_OPEN);
      expect(p.prices.length).toBeGreaterThanOrEqual(2);
    }
    expect(sim.running).toBe(false);
  });

  it('uses the default match- prefix', () => {
    const { sim } = simulate({ events: 2, marketsPerEvent: 1, ratePerSec: 0 });
    expect(sim.eventIds()).toEqual(['match-1', 'match-2']);
  });
});

describe('OddsSimulator runs', () => {
  const options: SimulatorOptions = { events: 4, marketsPerEvent: 3, ratePerSec: 5_000, goalChancePerSec: 0, maxUpdates: 300 };

  it('stops by itself after maxUpdates, having published exactly that many', async () => {
    const { sim, log } = simulate({ ...options, seed: 7 });
    sim.start();
    expect(sim.running).toBe(true);
    await waitUntil(() => !sim.running, 1_500);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(sim.published).toBe(300);
    expect(log).toHaveLength(300);
  });

  it('is reproducible with a seed, and differs with another seed', async () => {
    const first = await runToCompletion({ ...options, seed: 42 });
    const second = await runToCompletion({ ...options, seed: 42 });
    const other = await runToCompletion({ ...options, seed: 43 });
    expect(first).toHaveLength(12 + 300);
    expect(second).toEqual(first);
    expect(other).not.toEqual(first);
  });

  it('publishes only integer prices of at least 1010 (decimal odds 1.01)', async () => {
    const log = await runToCompletion({ ...options, events: 2, marketsPerEvent: 6, maxUpdates: 1_000, ratePerSec: 20_000, seed: 3 });
    const prices = log.flatMap((p) => p.prices.map(([, price]) => price));
    expect(prices.length).toBeGreaterThan(2_000);
    const bad = prices.filter((price) => !Number.isInteger(price) || price < 1_010);
    expect(bad).toEqual([]);
  });

  it('publishes roughly at its rate', async () => {
    const { sim, log } = simulate({ events: 4, marketsPerEvent: 2, ratePerSec: 1_000, goalChancePerSec: 0, seed: 5 });
    sim.start();
    await new Promise((resolve) => setTimeout(resolve, 300));
    sim.stop();
    // 300 updates owed in 300 ms; timers may run late, never early, and a tick publishes at most its share.
    expect(log.length).toBeGreaterThan(60);
    expect(log.length).toBeLessThanOrEqual(310);
  });
});

describe('OddsSimulator goals', () => {
  it('suspend every market of the event, then reopen it', async () => {
    // A goal chance this high scores on every tick an event is open: each market alternates SUSPENDED, OPEN, ...
    const { sim, log } = simulate({ events: 2, marketsPerEvent: 3, ratePerSec: 1_000, goalChancePerSec: 1e6, suspendMs: 30, preMatchShare: 0, seed: 11 });
    sim.start();
    await waitUntil(() => log.filter((p) => p.status === MarketStatus.MARKET_STATUS_OPEN).length >= 6, 1_500);
    sim.stop();
    const statusesByMarket = new Map<string, MarketStatus[]>();
    for (const p of log) {
      const key = `${p.eventId}/${p.marketId}`;
      statusesByMarket.set(key, [...(statusesByMarket.get(key) ?? []), p.status]);
    }
    expect(statusesByMarket.size).toBe(6);
    for (const [market, statuses] of statusesByMarket) {
      expect(statuses[0], market).toBe(MarketStatus.MARKET_STATUS_SUSPENDED);
      expect(statuses, market).toContain(MarketStatus.MARKET_STATUS_OPEN);
      // While suspended no regular update goes out: statuses strictly alternate.
      statuses.forEach((s, i) =>
        expect(s, `${market} #${i}`).toBe(i % 2 === 0 ? MarketStatus.MARKET_STATUS_SUSPENDED : MarketStatus.MARKET_STATUS_OPEN),
      );
    }
  });

  it('count toward maxUpdates: the simulator never publishes more than maxUpdates', async () => {
    // 4 events x 4 markets suspend at once on the first tick: 16 updates for a limit of 10.
    const { sim, log } = simulate({ events: 4, marketsPerEvent: 4, ratePerSec: 1_000, goalChancePerSec: 1e6, suspendMs: 1_000, maxUpdates: 10, preMatchShare: 0, seed: 2 });
    sim.start();
    await waitUntil(() => !sim.running, 1_500);
    await new Promise((resolve) => setTimeout(resolve, 20));
    // The first tick alone owes 16 suspensions: exactly 10 go out, none after.
    expect(log).toHaveLength(10);
    expect(sim.published).toBe(10);
  });
});

describe('OddsSimulator.retune', () => {
  it('changes the rate of a running simulation: nothing at rate 0, updates once raised, nothing again once lowered', async () => {
    const { sim, log, errors } = simulate({ events: 4, marketsPerEvent: 3, ratePerSec: 0, goalChancePerSec: 0, seed: 7 });
    await sim.seed();
    const seeded = log.length;
    sim.start();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(log.length, 'rate 0 publishes nothing').toBe(seeded);
    sim.retune({ ratePerSec: 2_000, goalChancePerSec: 0 });
    await waitUntil(() => log.length >= seeded + 50, 10_000);
    sim.retune({ ratePerSec: 0, goalChancePerSec: 0 });
    await new Promise((resolve) => setTimeout(resolve, 50)); // the publishes already owed settle
    const settled = log.length;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(log.length, 'back to rate 0: nothing more').toBe(settled);
    expect(errors).toEqual([]);
  });
});
