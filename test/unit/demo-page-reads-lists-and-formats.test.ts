import { describe, expect, it } from 'vitest';
import { readEventList } from '../../src/demo/event-list.js';
import { kickOff, matchMinute, odds, parseStake, rejectReason, returns } from '../../src/demo/format.js';

describe('the demo page', () => {
  it('reads the event list as ids alone (embedded) and with details (Redis: names by event)', () => {
    expect(readEventList({ events: ['match-1', 'match-2'] })).toEqual([{ id: 'match-1', name: undefined }, { id: 'match-2', name: undefined }]);
    expect(
      readEventList({
        events: ['a', 'b'],
        details: [
          { eventId: 'a', name: 'Arsenal v Chelsea', lastActivityMs: 1 },
          { eventId: 'b', lastActivityMs: 2 },
        ],
      }),
    ).toEqual([{ id: 'a', name: 'Arsenal v Chelsea' }, { id: 'b', name: undefined }]);
    // details as an object by id, and events as objects; anything else is ignored.
    expect(readEventList({ events: [{ eventId: 'x' }, 7, { id: 'y' }], details: { x: { name: 'X v Y' } } })).toEqual([{ id: 'x', name: 'X v Y' }, { id: 'y', name: undefined }]);
    expect(readEventList({ details: [{ eventId: 'only', name: 'Only' }] })).toEqual([{ id: 'only', name: 'Only' }]);
    expect(readEventList(null)).toEqual([]);
    expect(readEventList('not json')).toEqual([]);
  });

  it('shows odds with their third digit only when it is there, and stakes and returns in minor units', () => {
    expect(odds(2_500)).toBe('2.50');
    expect(odds(2_375)).toBe('2.375');
    expect(odds(0)).toBe('–');
    expect(parseStake('10')).toBe(1_000);
    expect(parseStake('12,5')).toBe(1_250);
    expect(parseStake(' 0.01 ')).toBe(1);
    for (const bad of ['', '0', '-1', '1.234', 'ten', '1e3', '99999999']) expect(parseStake(bad)).toBeUndefined();
    expect(returns(1_000, 2_375)).toBe(2_375);
    expect(returns(333, 1_505)).toBe(501); // rounded down, never a cent more than the bet pays
  });

  it('says when a match starts and where its clock stands', () => {
    const now = new Date(2026, 5, 14, 18, 0).getTime();
    expect(kickOff(now + 12 * 60_000, now)).toBe('in 12 min');
    expect(kickOff(now + 30_000, now)).toBe('in 1 min');
    // Times in the viewer's locale (12 or 24 hours), as the browser shows them.
    const time = (d: Date) => d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
    const tonight = new Date(2026, 5, 14, 20, 45);
    const tomorrow = new Date(2026, 5, 15, 18, 0);
    const saturday = new Date(2026, 5, 20, 18, 0);
    expect(kickOff(tonight.getTime(), now)).toBe(`Today ${time(tonight)}`);
    expect(kickOff(tomorrow.getTime(), now)).toBe(`Tomorrow ${time(tomorrow)}`);
    expect(kickOff(saturday.getTime(), now)).toBe(`${saturday.toLocaleDateString(undefined, { weekday: 'short', day: 'numeric', month: 'short' })}, ${time(saturday)}`);
    expect(matchMinute(0)).toBe("1'");
    expect(matchMinute(59)).toBe("1'");
    expect(matchMinute(62 * 60 + 5)).toBe("63'");
    expect(rejectReason('MARKET_SUSPENDED')).toBe('Market suspended');
    expect(rejectReason('SOMETHING_NEW')).toBe('Refused (something new)');
  });
});
