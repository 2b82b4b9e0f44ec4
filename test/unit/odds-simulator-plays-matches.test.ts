import { afterEach, describe, expect, it } from 'vitest';
import type { EventInfoInput } from '../../src/feed/event-info.js';
import { InProcessOddsStore } from '../../src/feed/in-process-store.js';
import type { InfoResult, MarketUpdate, OddsPublisher, PublishResult } from '../../src/feed/odds-update.js';
import { OddsSimulator, type SimulatorOptions } from '../../src/feed/odds-simulator.js';
import { EventPhase, MarketStatus, pb } from '../../src/protocol/wire.js';

type Published = { kind: 'odds'; update: MarketUpdate } | { kind: 'info'; info: EventInfoInput };

/** Everything the simulator publishes, in order, into a real in-process store (which checks every update and info). */
class RecordingPublisher implements OddsPublisher {
  readonly store = new InProcessOddsStore(100_000);
  readonly log: Published[] = [];

  publish(update: MarketUpdate): Promise<PublishResult> {
    this.log.push({ kind: 'odds', update });
    return this.store.publish(update);
  }

  publishInfo(info: EventInfoInput): Promise<InfoResult> {
    this.log.push({ kind: 'info', info });
    return this.store.publishInfo(info);
  }

  infos(eventId: string): EventInfoInput[] {
    return this.log.flatMap((p) => (p.kind === 'info' && p.info.eventId === eventId ? [p.info] : []));
  }
}

const running: OddsSimulator[] = [];
afterEach(() => {
  for (const sim of running.splice(0)) sim.stop();
});

function simulate(options: SimulatorOptions) {
  const publisher = new RecordingPublisher();
  const errors: unknown[] = [];
  const sim = new OddsSimulator(publisher, { onError: (err) => errors.push(err), ...options });
  running.push(sim);
  return { publisher, sim, errors };
}

async function waitUntil(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('OddsSimulator fixtures', () => {
  it('names every event, participant, market and selection it publishes; some events before kick-off, some in play', async () => {
    const { publisher, sim, errors } = simulate({ events: 40, marketsPerEvent: 8, ratePerSec: 0, seed: 9 });
    await sim.seed();
    expect(errors).toEqual([]);
    expect(sim.infoPublished).toBe(40);
    const phases = new Set<EventPhase>();
    for (const eventId of sim.eventIds()) {
      const snapshot = publisher.store.snapshot(eventId)!;
      const info = pb.EventInfo.decode(snapshot.info!.payload);
      const [home, away] = info.participants;
      expect(info.name).toBe(`${home.name} v ${away.name}`);
      expect(home.name).not.toBe(away.name);
      expect(['Premier League', 'LaLiga', 'Serie A', 'Bundesliga', 'Ligue 1']).toContain(info.competition);
      phases.add(info.phase);
      if (info.phase === EventPhase.EVENT_PHASE_PRE_MATCH) {
        expect(Number(info.startsAtMs), 'kick-off in the future').toBeGreaterThan(Date.now());
        expect(info.score).toEqual([]);
      } else {
        expect(info.clock?.running, `${eventId} in play: the clock runs`).toBe(true);
        expect(Number(info.startsAtMs)).toBeLessThan(Date.now());
        expect(info.score).toEqual([0, 0]);
      }
      const named = new Map(info.markets.map((m) => [m.marketId, m]));
      for (const raw of snapshot.markets) {
        const update = pb.OddsUpdate.decode(raw.payload);
        const market = named.get(update.marketId)!;
        expect(market?.name, `${eventId}/${update.marketId} has a name`).toBeTruthy();
        const selectionNames = new Map((market.selections ?? []).map((s) => [s.id, s.name]));
        for (const s of update.selections) expect(selectionNames.get(s.id), `${update.marketId}/${s.id} has a name`).toBeTruthy();
      }
      expect(named.get('1x2')!.name).toBe('Match result');
      expect(named.get('1x2')!.selections!.map((s) => s.name)).toEqual([home.name, 'Draw', away.name]);
      expect(named.get('ou25')!.selections!.map((s) => s.name)).toEqual(['Over 2.5', 'Under 2.5']);
      expect(named.get('1x2-1')!.name).toBe('Match result (2)');
    }
    expect(phases).toEqual(new Set([EventPhase.EVENT_PHASE_PRE_MATCH, EventPhase.EVENT_PHASE_LIVE]));
  });
});

describe('OddsSimulator fixture slots', () => {
  it('no club plays two matches at once while the leagues have free clubs (50 clubs: 25 matches); beyond that clubs repeat', async () => {
    const clubsOf = async (events: number) => {
      const { publisher, sim } = simulate({ events, marketsPerEvent: 1, ratePerSec: 0, seed: 3 });
      await sim.seed();
      return sim.eventIds().flatMap((id) => pb.EventInfo.decode(publisher.store.snapshot(id)!.info!.payload).participants.map((p) => p.id));
    };
    const at25 = await clubsOf(25);
    expect(new Set(at25).size, 'every club once').toBe(50);
    const at30 = await clubsOf(30);
    expect(new Set(at30).size, 'all 50 clubs in play, some twice').toBe(50);
  });
});

describe('OddsSimulator matches', () => {
  it('a goal publishes the new score, then suspends every market of the event', async () => {
    const { publisher, sim, errors } = simulate({ events: 3, marketsPerEvent: 4, ratePerSec: 200, goalChancePerSec: 5, suspendMs: 50, preMatchShare: 0, seed: 4 });
    await sim.seed();
    const seeded = publisher.log.length;
    sim.start();
    await waitUntil(() => publisher.log.slice(seeded).filter((p) => p.kind === 'info').length >= 3, 'three goals');
    sim.stop();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(errors).toEqual([]);
    const after = publisher.log.slice(seeded);
    after.forEach((p, i) => {
      if (p.kind !== 'info') return;
      const eventId = p.info.eventId;
      const before = [...publisher.log.slice(0, seeded + i)].reverse().find((q) => q.kind === 'info' && q.info.eventId === eventId) as { info: EventInfoInput };
      const goals = (s: number[] | undefined) => (s ?? []).reduce((a, b) => a + b, 0);
      expect(goals(p.info.score), `${eventId}: one more goal`).toBe(goals(before.info.score) + 1);
      const next = after.slice(i + 1, i + 5);
      expect(next.map((q) => (q.kind === 'odds' ? `${q.update.eventId}:${q.update.status}` : 'info')), 'its markets suspended right after').toEqual(Array(4).fill(`${eventId}:${MarketStatus.MARKET_STATUS_SUSPENDED}`));
    });
    expect(sim.infoPublished, 'info publishes are counted apart from odds updates').toBe(3 + after.filter((p) => p.kind === 'info').length);
    expect(sim.published).toBe(after.filter((p) => p.kind === 'odds').length);
  });

  it('pre-match events kick off, break at half time, end at full time with every market closed, then the slot gets its next fixture', async () => {
    // 90 match minutes per wall second: a whole match in under two seconds.
    const { publisher, sim, errors } = simulate({ events: 2, marketsPerEvent: 3, ratePerSec: 100, goalChancePerSec: 0, preMatchShare: 1, matchSpeed: 5_400, seed: 21 });
    await sim.seed();
    sim.start();
    const P = EventPhase;
    await waitUntil(() => sim.eventIds().every((id) => publisher.infos(id).length >= 6), 'a whole match and the next fixture');
    sim.stop();
    expect(errors).toEqual([]);
    for (const eventId of sim.eventIds()) {
      const infos = publisher.infos(eventId).slice(0, 6);
      expect(infos.map((i) => i.phase)).toEqual([P.EVENT_PHASE_PRE_MATCH, P.EVENT_PHASE_LIVE, P.EVENT_PHASE_BREAK, P.EVENT_PHASE_LIVE, P.EVENT_PHASE_ENDED, P.EVENT_PHASE_PRE_MATCH]);
      expect(infos.map((i) => i.clock?.period ?? '')).toEqual(['', '1H', 'HT', '2H', 'FT', '']);
      expect(infos[2].clock).toMatchObject({ elapsedS: 45 * 60, running: false });
      expect(infos[4].clock).toMatchObject({ elapsedS: 90 * 60, running: false });
      expect(infos[5].startsAtMs, 'the next fixture kicks off after this one ended').toBeGreaterThan(infos[4].clock!.atMs);
      // Between full time and the next fixture: every market closed once, nothing else for the event.
      const log = publisher.log;
      const ended = log.findIndex((p) => p.kind === 'info' && p.info === infos[4]);
      const next = log.findIndex((p) => p.kind === 'info' && p.info === infos[5]);
      const between = log.slice(ended + 1, next).flatMap((p) => (p.kind === 'odds' && p.update.eventId === eventId ? [p.update] : []));
      expect(between.map((u) => u.status)).toEqual(Array(3).fill(MarketStatus.MARKET_STATUS_CLOSED));
    }
  });
});
