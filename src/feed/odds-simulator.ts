import { EventPhase, MarketStatus } from '../protocol/wire.js';
import type { EventInfoInput } from './event-info.js';
import type { MarketUpdate, OddsPublisher } from './odds-update.js';
import { drawFixture, type Fixture } from './sim-fixtures.js';
import { SimMatch } from './sim-match.js';

export interface SimulatorOptions {
  events: number;
  marketsPerEvent: number;
  /** Baseline updates per second over all events. */
  ratePerSec: number;
  /** During a spike the rate is multiplied by this (kick-off, goals: 40x is the field's figure). */
  spikeFactor?: number;
  /** A spike starts this often (0: never)... */
  spikeEveryMs?: number;
  /** ...and lasts this long. */
  spikeDurationMs?: number;
  /** Chance per live event per second that a goal is scored (score and info change, markets suspend, then reopen moved). */
  goalChancePerSec?: number;
  /** Match seconds per wall second (1: real time; 600 plays 90 minutes in 9 s). */
  matchSpeed?: number;
  /** Share of events that start before kick-off (the rest start in play). */
  preMatchShare?: number;
  /** How long markets stay suspended after a goal. */
  suspendMs?: number;
  /** Event ids are `${eventPrefix}${n}`. */
  eventPrefix?: string;
  /** Stop after this many updates (0: no limit). */
  maxUpdates?: number;
  /** Most publishes awaiting their answer at once. */
  maxInFlight?: number;
  seed?: number;
  onError?: (err: unknown) => void;
}

interface SimMarket {
  id: string;
  shape: MarketShape;
  /** 1 for the first market of a shape, 2 for its first repeat, ... */
  copy: number;
  selections: string[];
  /** Probabilities of the selections, summing to 1. */
  probabilities: number[];
  status: MarketStatus;
}

interface SimEvent {
  id: string;
  markets: SimMarket[];
  suspendedUntil: number;
  match: SimMatch;
}

interface MarketShape {
  id: string;
  name: string;
  selections: string[];
}

const MARKET_SHAPES: MarketShape[] = [
  { id: '1x2', name: 'Match result', selections: ['home', 'draw', 'away'] },
  { id: 'ou25', name: 'Total goals over/under 2.5', selections: ['over', 'under'] },
  { id: 'btts', name: 'Both teams to score', selections: ['yes', 'no'] },
  { id: 'dnb', name: 'Draw no bet', selections: ['home', 'away'] },
  { id: 'ht1x2', name: 'Half-time result', selections: ['home', 'draw', 'away'] },
  { id: 'ou15', name: 'Total goals over/under 1.5', selections: ['over', 'under'] },
];
/** Names of the selections that are not a team. */
const SELECTION_NAMES: Record<string, Record<string, string>> = {
  ou25: { over: 'Over 2.5', under: 'Under 2.5' },
  ou15: { over: 'Over 1.5', under: 'Under 1.5' },
  btts: { yes: 'Yes', no: 'No' },
};
/** In-play events start between these match minutes (away from half and full time, so a short run sees no break). */
const IN_PLAY_MINUTES: Array<[number, number]> = [
  [2, 40],
  [47, 85],
];
/** Pre-match events kick off within this many match minutes. */
const KICKOFF_WITHIN_MIN = 30;
const MARGIN = 0.05;
const TICK_MS = 10;

/** Mulberry32: a small seeded PRNG so a run can be reproduced. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A realistic-enough odds generator: football matches between real clubs of
 * five leagues, some before kick-off and some in play, on a match clock
 * (kick-off, half time, full time, then the slot's next fixture); prices
 * that drift as a random walk on implied probabilities (with a bookmaker
 * margin); goals in play that change the score and suspend the event's
 * markets, then reopen them moved; full time closes every market. Each
 * change of names, phase or score is published as the event's EventInfo.
 *
 * Accounting: `published` counts odds updates, the only thing ratePerSec and
 * maxUpdates are about: drift updates at the rate (spread over the events
 * that can trade: not suspended, not ended), plus the suspensions,
 * reopenings and closings that goals and full time cause. EventInfo
 * publishes are counted apart, in `infoPublished`; they are rare (a change
 * of phase or score) and never count toward the rate.
 */
export class OddsSimulator {
  private readonly events: SimEvent[];
  private readonly random: () => number;
  private timer: NodeJS.Timeout | undefined;
  private owed = 0;
  private inFlight = 0;
  private startedAt = 0;
  /** Odds updates published (see the class comment). */
  published = 0;
  /** EventInfo publishes (names, phase, score): not odds updates, not counted in `published`. */
  infoPublished = 0;
  /** Ids of the clubs in the events' current fixtures: a club plays one match at a time. */
  private readonly playing = new Set<string>();

  constructor(
    private readonly publisher: OddsPublisher,
    private options: SimulatorOptions,
  ) {
    this.random = prng(options.seed ?? Date.now());
    const prefix = options.eventPrefix ?? 'match-';
    const now = Date.now();
    this.events = Array.from({ length: options.events }, (_, i) => ({
      id: `${prefix}${i + 1}`,
      markets: Array.from({ length: options.marketsPerEvent }, (_, m) => this.newMarket(m)),
      suspendedUntil: 0,
      match: this.newMatch(now),
    }));
  }

  eventIds(): string[] {
    return this.events.map((e) => e.id);
  }

  /** Publishes every event's info and every market once, so every event has a named snapshot before clients arrive. */
  async seed(): Promise<void> {
    const now = Date.now();
    for (const event of this.events) {
      await this.publisher.publishInfo(this.info(event, now));
      this.infoPublished++;
      for (const market of event.markets) await this.publisher.publish(this.update(event, market));
    }
  }


  start(): void {
    this.startedAt = Date.now();
    this.timer = setInterval(() => this.tick(), TICK_MS);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  get running(): boolean {
    return this.timer !== undefined;
  }

  /** Changes the odds rate and the goal chance of a running simulation (a load profile's phases). */
  retune(rates: Pick<SimulatorOptions, 'ratePerSec' | 'goalChancePerSec'>): void {
    this.options = { ...this.options, ...rates };
  }

  currentRate(now = Date.now()): number {
    const { spikeEveryMs = 0, spikeDurationMs = 0, spikeFactor = 1 } = this.options;
    const inSpike = spikeEveryMs > 0 && (now - this.startedAt) % spikeEveryMs < spikeDurationMs;
    return this.options.ratePerSec * (inSpike ? spikeFactor : 1);
  }

  private tick(): void {
    const now = Date.now();
    this.advanceMatches(now);
    this.reopenAfterGoals(now);
    this.maybeScoreGoals(now);
    this.owed += (this.currentRate(now) * TICK_MS) / 1000;
    const maxInFlight = this.options.maxInFlight ?? 5_000;
    // A draw that lands on an event that cannot trade is drawn again (a few times): the rate is of updates published.
    let misses = 0;
    while (this.owed >= 1 && this.inFlight < maxInFlight && this.running && misses < this.events.length) {
      const event = this.events[Math.floor(this.random() * this.events.length)];
      if (event.suspendedUntil > now || event.match.ended) {
        misses++;
        continue;
      }
      this.owed -= 1;
      const market = event.markets[Math.floor(this.random() * event.markets.length)];
      this.drift(market, 0.03);
      this.send(this.update(event, market));
    }
    // Never owe more than a second's worth: a slow publisher sheds load instead of bursting later.
    this.owed = Math.min(this.owed, this.currentRate(now));
  }

  /** Kick-offs, half time, full time (every market closed) and the next fixture (every market reopened, new prices). */
  private advanceMatches(now: number): void {
    for (const event of this.events) {
      const change = event.match.advance(now, () => {
        this.playing.delete(event.match.fixture.home.id);
        this.playing.delete(event.match.fixture.away.id);
        return { fixture: this.newFixture(), kickoffInS: this.kickoffDelayS() };
      });
      if (!change) continue;
      // The info first (new names, ended), then the odds it explains, as with goals.
      this.sendInfo(event, now);
      if (change === 'full-time') {
        event.suspendedUntil = 0;
        this.setAll(event, MarketStatus.MARKET_STATUS_CLOSED);
      } else if (change === 'next-fixture') {
        event.markets = event.markets.map((_, m) => this.newMarket(m));
        this.setAll(event, MarketStatus.MARKET_STATUS_OPEN);
      }
    }
  }

  private maybeScoreGoals(now: number): void {
    const chance = ((this.options.goalChancePerSec ?? 0.01) * TICK_MS) / 1000;
    for (const event of this.events) {
      if (!event.match.live || event.suspendedUntil > now || this.random() >= chance) continue;
      event.match.goal(this.random() < 0.55 ? 0 : 1);
      this.sendInfo(event, now);
      event.suspendedUntil = now + (this.options.suspendMs ?? 3_000);
      this.setAll(event, MarketStatus.MARKET_STATUS_SUSPENDED);
    }
  }

  private reopenAfterGoals(now: number): void {
    for (const event of this.events) {
      if (event.suspendedUntil === 0 || event.suspendedUntil > now) continue;
      event.suspendedUntil = 0;
      for (const market of event.markets) {
        market.status = MarketStatus.MARKET_STATUS_OPEN;
        this.drift(market, 0.25);
        this.send(this.update(event, market));
      }
    }
  }

  private setAll(event: SimEvent, status: MarketStatus): void {
    for (const market of event.markets) {
      market.status = status;
      this.send(this.update(event, market));
    }
  }

  /** Not an odds update: counted in infoPublished, outside maxUpdates and the rate. */
  private sendInfo(event: SimEvent, now: number): void {
    this.infoPublished++;
    this.publisher.publishInfo(this.info(event, now)).catch((err) => this.options.onError?.(err));
  }

  private info(event: SimEvent, now: number): EventInfoInput {
    const { match } = event;
    const { home, away, competition } = match.fixture;
    const teams: Record<string, string> = { home: home.name, away: away.name, draw: 'Draw' };
    return {
      eventId: event.id,
      name: `${home.name} v ${away.name}`,
      sport: 'football',
      competition,
      participants: [home, away],
      startsAtMs: match.startsAtMs,
      phase: match.phase,
      score: match.phase === EventPhase.EVENT_PHASE_PRE_MATCH ? [] : [...match.score],
      clock: match.phase === EventPhase.EVENT_PHASE_PRE_MATCH ? undefined : match.clock(now),
      markets: event.markets.map((m, order) => ({
        marketId: m.id,
        name: m.copy === 1 ? m.shape.name : `${m.shape.name} (${m.copy})`,
        displayOrder: order,
        selections: m.selections.map((id) => ({ id, name: SELECTION_NAMES[m.shape.id]?.[id] ?? teams[id] })),
      })),
    };
  }

  private newFixture(): Fixture {
    const fixture = drawFixture(this.random, this.playing);
    this.playing.add(fixture.home.id).add(fixture.away.id);
    return fixture;
  }

  private kickoffDelayS(): number {
    return Math.round((1 + this.random() * (KICKOFF_WITHIN_MIN - 1)) * 60);
  }

  private newMatch(now: number): SimMatch {
    const speed = this.options.matchSpeed ?? 1;
    const fixture = this.newFixture();
    if (this.random() < (this.options.preMatchShare ?? 0.25)) return SimMatch.preMatch(fixture, this.kickoffDelayS(), now, speed);
    const [from, to] = IN_PLAY_MINUTES[this.random() < 0.5 ? 0 : 1];
    return SimMatch.inPlay(fixture, Math.round((from + this.random() * (to - from)) * 60), now, speed);
  }

  /** Every update goes through here, so maxUpdates also counts goal suspensions and reopenings. */
  private send(update: MarketUpdate): void {
    if (this.options.maxUpdates && this.published >= this.options.maxUpdates) return this.stop();
    this.inFlight++;
    this.published++;
    this.publisher
      .publish(update)
      .catch((err) => this.options.onError?.(err))
      .finally(() => this.inFlight--);
  }

  private newMarket(index: number): SimMarket {
    const shape = MARKET_SHAPES[index % MARKET_SHAPES.length];
    const repeat = Math.floor(index / MARKET_SHAPES.length);
    const id = repeat === 0 ? shape.id : `${shape.id}-${repeat}`;
    const weights = shape.selections.map(() => 0.5 + this.random());
    const total = weights.reduce((a, b) => a + b, 0);
    return { id, shape, copy: repeat + 1, selections: shape.selections, probabilities: weights.map((w) => w / total), status: MarketStatus.MARKET_STATUS_OPEN };
  }

  /** Random walk on probabilities, renormalised; `size` is the step's relative scale. */
  private drift(market: SimMarket, size: number): void {
    const moved = market.probabilities.map((p) => Math.max(0.02, p * (1 + (this.random() - 0.5) * 2 * size)));
    const total = moved.reduce((a, b) => a + b, 0);
    market.probabilities = moved.map((p) => p / total);
  }

  private update(event: SimEvent, market: SimMarket): MarketUpdate {
    return {
      eventId: event.id,
      marketId: market.id,
      status: market.status,
      selections: market.selections.map((id, i) => ({ id, price: Math.max(1_010, Math.round(1_000 / (market.probabilities[i] * (1 + MARGIN)))) })),
    };
  }
}
