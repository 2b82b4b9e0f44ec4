import type { oddsgate } from '../protocol/generated/oddsgate.js';
import { pb } from '../protocol/wire.js';

export type EventPhaseName = 'unspecified' | 'pre_match' | 'live' | 'break' | 'ended';

export interface MatchClockView {
  /** The clock read elapsedS seconds at atMs (Unix ms); while running it advances with wall time (see clockSeconds). */
  elapsedS: number;
  atMs: number;
  running: boolean;
  /** "1H", "HT", "2H", ... */
  period: string;
}

/** An event's display data (proto EventInfo) in plain fields. */
export interface EventInfoView {
  version: number;
  name: string;
  sport: string;
  competition: string;
  /** Home first, away second where the sport has sides. */
  participants: Array<{ id: string; name: string }>;
  startsAtMs: number;
  phase: EventPhaseName;
  /** One entry per participant, same order; empty before the start. */
  score: number[];
  clock: MatchClockView | undefined;
}

const PHASES: Record<number, EventPhaseName> = {
  [pb.EventPhase.EVENT_PHASE_PRE_MATCH]: 'pre_match',
  [pb.EventPhase.EVENT_PHASE_LIVE]: 'live',
  [pb.EventPhase.EVENT_PHASE_BREAK]: 'break',
  [pb.EventPhase.EVENT_PHASE_ENDED]: 'ended',
};

export function toEventInfoView(info: oddsgate.v1.EventInfo): EventInfoView {
  const clock = info.clock;
  return {
    version: info.version,
    name: info.name,
    sport: info.sport,
    competition: info.competition,
    participants: info.participants.map((p) => ({ id: p.id ?? '', name: p.name ?? '' })),
    startsAtMs: info.startsAtMs,
    phase: PHASES[info.phase] ?? 'unspecified',
    score: [...info.score],
    clock: clock ? { elapsedS: clock.elapsedS ?? 0, atMs: Number(clock.atMs ?? 0), running: clock.running ?? false, period: clock.period ?? '' } : undefined,
  };
}

/** The match clock's reading at `nowMs` in whole seconds (a running clock advances without frames). */
export function clockSeconds(clock: MatchClockView, nowMs: number): number {
  return clock.running ? clock.elapsedS + Math.max(0, Math.floor((nowMs - clock.atMs) / 1000)) : clock.elapsedS;
}
