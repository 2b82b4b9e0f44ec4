import { EventPhase } from '../protocol/wire.js';
import type { Fixture } from './sim-fixtures.js';

/** What changed when a match moved on (each one is published as a new EventInfo). */
export type MatchChange = 'kickoff' | 'half-time' | 'second-half' | 'full-time' | 'next-fixture';

const HALF_S = 45 * 60;
const FULL_S = 2 * HALF_S;
const BREAK_S = 15 * 60;
/** An ended match stays on the board this long (match time), then its slot gets the next fixture. */
const REST_AFTER_FULL_TIME_S = 10 * 60;

/**
 * One football match of the simulator on a match clock that runs `speed`
 * match seconds per wall second: pre-match until kick-off, two halves of
 * 45 minutes with a 15-minute break, full time, then (after a rest) the
 * slot's next fixture, pre-match again. Pure: the caller passes the time.
 */
export class SimMatch {
  phase: EventPhase;
  score: [number, number] = [0, 0];
  startsAtMs: number;
  period = '';
  /** The clock read elapsedS at clockAtMs; it advances while running. */
  private elapsedS = 0;
  private clockAtMs: number;
  private running = false;
  /** When the break or the rest after full time ends (wall ms). */
  private waitEndsAtMs = 0;

  private constructor(
    public fixture: Fixture,
    private readonly speed: number,
    nowMs: number,
  ) {
    this.phase = EventPhase.EVENT_PHASE_PRE_MATCH;
    this.startsAtMs = nowMs;
    this.clockAtMs = nowMs;
  }

  /** A match that kicks off `kickoffInS` match seconds from now. */
  static preMatch(fixture: Fixture, kickoffInS: number, nowMs: number, speed: number): SimMatch {
    const match = new SimMatch(fixture, speed, nowMs);
    match.startsAtMs = nowMs + match.wallMs(kickoffInS);
    return match;
  }

  /** A match in play at `elapsedS` (not at a break: the clock runs). */
  static inPlay(fixture: Fixture, elapsedS: number, nowMs: number, speed: number): SimMatch {
    const match = new SimMatch(fixture, speed, nowMs);
    const secondHalf = elapsedS >= HALF_S;
    match.startsAtMs = nowMs - match.wallMs(elapsedS + (secondHalf ? BREAK_S : 0));
    match.setClock(elapsedS, nowMs, true, secondHalf ? '2H' : '1H');
    match.phase = EventPhase.EVENT_PHASE_LIVE;
    return match;
  }

  /** Goals can be scored. */
  get live(): boolean {
    return this.phase === EventPhase.EVENT_PHASE_LIVE;
  }

  get ended(): boolean {
    return this.phase === EventPhase.EVENT_PHASE_ENDED;
  }

  goal(side: 0 | 1): void {
    this.score[side]++;
  }

  clock(nowMs: number): { elapsedS: number; atMs: number; running: boolean; period: string } {
    return { elapsedS: Math.floor(this.elapsedAt(nowMs)), atMs: nowMs, running: this.running, period: this.period };
  }

  /**
   * Moves the match on to `nowMs`: at most one change per call (the
   * simulator calls it every tick). `next` draws the slot's next fixture
   * and its kick-off delay (match seconds) once this one has ended.
   */
  advance(nowMs: number, next: () => { fixture: Fixture; kickoffInS: number }): MatchChange | undefined {
    switch (this.phase) {
      case EventPhase.EVENT_PHASE_PRE_MATCH:
        if (nowMs < this.startsAtMs) return undefined;
        this.phase = EventPhase.EVENT_PHASE_LIVE;
        this.setClock(0, nowMs, true, '1H');
        return 'kickoff';
      case EventPhase.EVENT_PHASE_LIVE:
        if (this.period === '1H' && this.elapsedAt(nowMs) >= HALF_S) {
          this.phase = EventPhase.EVENT_PHASE_BREAK;
          this.setClock(HALF_S, nowMs, false, 'HT');
          this.waitEndsAtMs = nowMs + this.wallMs(BREAK_S);
          return 'half-time';
        }
        if (this.period === '2H' && this.elapsedAt(nowMs) >= FULL_S) {
          this.phase = EventPhase.EVENT_PHASE_ENDED;
          this.setClock(FULL_S, nowMs, false, 'FT');
          this.waitEndsAtMs = nowMs + this.wallMs(REST_AFTER_FULL_TIME_S);
          return 'full-time';
        }
        return undefined;
      case EventPhase.EVENT_PHASE_BREAK:
        if (nowMs < this.waitEndsAtMs) return undefined;
        this.phase = EventPhase.EVENT_PHASE_LIVE;
        this.setClock(HALF_S, nowMs, true, '2H');
        return 'second-half';
      default: {
        if (nowMs < this.waitEndsAtMs) return undefined;
        const { fixture, kickoffInS } = next();
        this.fixture = fixture;
        this.phase = EventPhase.EVENT_PHASE_PRE_MATCH;
        this.score = [0, 0];
        this.startsAtMs = nowMs + this.wallMs(kickoffInS);
        this.setClock(0, nowMs, false, '');
        return 'next-fixture';
      }
    }
  }

  private elapsedAt(nowMs: number): number {
    return this.running ? this.elapsedS + ((nowMs - this.clockAtMs) / 1000) * this.speed : this.elapsedS;
  }

  private setClock(elapsedS: number, nowMs: number, running: boolean, period: string): void {
    this.elapsedS = elapsedS;
    this.clockAtMs = nowMs;
    this.running = running;
    this.period = period;
  }

  private wallMs(matchS: number): number {
    return Math.round((matchS * 1000) / this.speed);
  }
}
