import { MarketStatus } from '../protocol/wire.js';
import type { MarketUpdate, OddsPublisher } from './odds-update.js';

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
  /** Chance per event per second that a goal is scored (markets suspend, then reopen moved). */
  goalChancePerSec?: number;
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
  selections: string[];
  /** Probabilities of the selections, summing to 1. */
  probabilities: number[];
  status: MarketStatus;
}

interface SimEvent {
  id: string;
  markets: SimMarket[];
  suspendedUntil: number;
}

const MARKET_SHAPES: Array<{ id: string; selections: string[] }> = [
  { id: '1x2', selections: ['home', 'draw', 'away'] },
  { id: 'ou25', selections: ['over', 'under'] },
  { id: 'btts', selections: ['yes', 'no'] },
  { id: 'dnb', selections: ['home', 'away'] },
  { id: 'ht1x2', selections: ['home', 'draw', 'away'] },
  { id: 'ou15', selections: ['over', 'under'] },
];
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
 * A realistic-enough odds generator: many events and markets, prices that
 * drift as a random walk on implied probabilities (with a bookmaker margin),
 * goals that suspend an event's markets and reopen them moved, and a rate
 * with periodic spikes.
 */
export class OddsSimulator {
  private readonly events: SimEvent[];
  private readonly random: () => number;
  private timer: NodeJS.Timeout | undefined;
  private owed = 0;
  private inFlight = 0;
  private startedAt = 0;
  published = 0;

  constructor(
    private readonly publisher: OddsPublisher,
    private readonly options: SimulatorOptions,
  ) {
    this.random = prng(options.seed ?? Date.now());
    const prefix = options.eventPrefix ?? 'match-';
    this.events = Array.from({ length: options.events }, (_, i) => ({
      id: `${prefix}${i + 1}`,
      markets: Array.from({ length: options.marketsPerEvent }, (_, m) => this.newMarket(m)),
      suspendedUntil: 0,
    }));
  }

  eventIds(): string[] {
    return this.events.map((e) => e.id);
  }

  /** Publishes every market once, so every event has a snapshot before clients arrive. */
  async seed(): Promise<void> {
    for (const event of this.events) {
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

  currentRate(now = Date.now()): number {
    const { spikeEveryMs = 0, spikeDurationMs = 0, spikeFactor = 1 } = this.options;
    const inSpike = spikeEveryMs > 0 && (now - this.startedAt) % spikeEveryMs < spikeDurationMs;
    return this.options.ratePerSec * (inSpike ? spikeFactor : 1);
  }

  private tick(): void {
    const now = Date.now();
    this.reopenAfterGoals(now);
    this.maybeScoreGoals(now);
    this.owed += (this.currentRate(now) * TICK_MS) / 1000;
    const maxInFlight = this.options.maxInFlight ?? 5_000;
    while (this.owed >= 1 && this.inFlight < maxInFlight && this.running) {
      this.owed -= 1;
      const event = this.events[Math.floor(this.random() * this.events.length)];
      if (event.suspendedUntil > now) continue;
      const market = event.markets[Math.floor(this.random() * event.markets.length)];
      this.drift(market, 0.03);
      this.send(this.update(event, market));
    }
    // Never owe more than a second's worth: a slow publisher sheds load instead of bursting later.
    this.owed = Math.min(this.owed, this.currentRate(now));
  }

  private maybeScoreGoals(now: number): void {
    const chance = ((this.options.goalChancePerSec ?? 0.01) * TICK_MS) / 1000;
    for (const event of this.events) {
      if (event.suspendedUntil > now || this.random() >= chance) continue;
      event.suspendedUntil = now + (this.options.suspendMs ?? 3_000);
      for (const market of event.markets) {
        market.status = MarketStatus.MARKET_STATUS_SUSPENDED;
        this.send(this.update(event, market));
      }
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
    const id = index < MARKET_SHAPES.length ? shape.id : `${shape.id}-${Math.floor(index / MARKET_SHAPES.length)}`;
    const weights = shape.selections.map(() => 0.5 + this.random());
    const total = weights.reduce((a, b) => a + b, 0);
    return { id, selections: shape.selections, probabilities: weights.map((w) => w / total), status: MarketStatus.MARKET_STATUS_OPEN };
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
