import type { EventInfoInput } from '../../src/feed/event-info.js';
import { EventPhase } from '../../src/protocol/wire.js';

/** A complete, valid EventInfo for an event of publishMany (markets m0..m2, selections home/away). */
export function matchInfo(eventId: string, score: [number, number] = [0, 0], phase = EventPhase.EVENT_PHASE_LIVE): EventInfoInput {
  return {
    eventId,
    name: 'Arsenal v Chelsea',
    sport: 'football',
    competition: 'Premier League',
    participants: [
      { id: 'home', name: 'Arsenal' },
      { id: 'away', name: 'Chelsea' },
    ],
    startsAtMs: 1_700_000_000_000,
    phase,
    score,
    clock: { elapsedS: 600, atMs: 1_700_000_600_000, running: true, period: '1H' },
    markets: ['m0', 'm1', 'm2'].map((marketId, i) => ({
      marketId,
      name: `Market ${i}`,
      displayOrder: i,
      selections: [
        { id: 'home', name: 'Arsenal' },
        { id: 'away', name: 'Chelsea' },
      ],
    })),
  };
}
