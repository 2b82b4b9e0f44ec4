import { describe, expect, it } from 'vitest';
import { EventViewState, type ViewChange } from '../../src/client/event-view.js';
import type { oddsgate } from '../../src/protocol/generated/oddsgate.js';
import { MarketStatus, pb, SnapshotMode } from '../../src/protocol/wire.js';

// Messages as the SDK gets them: encoded, then decoded (prototype defaults, numbers for 64-bit fields).
const odds = (seq: number, marketId: string, home: number, extra: Partial<oddsgate.v1.OddsUpdate.$Properties> = {}) =>
  pb.OddsUpdate.decode(pb.OddsUpdate.encode({ eventId: 'ev', marketId, status: MarketStatus.MARKET_STATUS_OPEN, selections: [{ id: 'home', price: home }, { id: 'away', price: 3_000 }], seq, offset: `${1_000 + seq}-0`, ...extra }).finish());
const snapshot = (fields: oddsgate.v1.Snapshot.$Properties) => pb.Snapshot.decode(pb.Snapshot.encode({ eventId: 'ev', epoch: 'e1', ...fields }).finish());
const info = (version: number, names: Record<string, [string, number]>) =>
  pb.EventInfo.decode(pb.EventInfo.encode({ eventId: 'ev', version, name: 'Arsenal v Chelsea', phase: pb.EventPhase.EVENT_PHASE_LIVE, score: [1, 0], markets: Object.entries(names).map(([marketId, [name, displayOrder]]) => ({ marketId, name, displayOrder, selections: [{ id: 'home', name: 'Arsenal' }] })) }).finish());

function view() {
  const v = new EventViewState('ev', (err) => {
    throw err;
  });
  const changes: ViewChange[] = [];
  v.on('change', (c) => changes.push(c));
  return { v, changes };
}

describe('an event view', () => {
  it('applies a REPLACE snapshot, then updates one seq at a time; a gap or a repeat is a violation and changes nothing', () => {
    const { v, changes } = view();
    expect(v.applyUpdate(odds(1, 'a', 1_500))).toEqual({ eventId: 'ev', expected: 1, got: 1 }); // before any snapshot
    expect(v.applySnapshot(snapshot({ mode: SnapshotMode.SNAPSHOT_MODE_REPLACE, seq: 5, offset: '1005-0', markets: [odds(4, 'a', 1_500), odds(5, 'b', 2_500)] }))).toBeUndefined();
    expect(v.applyUpdate(odds(6, 'a', 1_600))).toBeUndefined();
    expect(v.applyUpdate(odds(8, 'a', 1_700))).toEqual({ eventId: 'ev', expected: 7, got: 8 });
    expect(v.applyUpdate(odds(6, 'a', 1_700))).toEqual({ eventId: 'ev', expected: 7, got: 6 });
    expect(v.seq).toBe(6);
    expect(v.resumePoint()).toEqual({ epoch: 'e1', offset: '1006-0' });
    expect(v.market('a')).toMatchObject({ seq: 6, status: 'open', selections: [{ id: 'home', price: 1_600, previousPrice: 1_500 }, { id: 'away', price: 3_000, previousPrice: undefined }] });
    expect(changes).toEqual([{ kind: 'snapshot' }, { kind: 'market', marketId: 'a' }]);
  });

  it('checks prev_seq on conflated updates', () => {
    const { v } = view();
    v.applySnapshot(snapshot({ mode: SnapshotMode.SNAPSHOT_MODE_REPLACE, seq: 10, offset: '1010-0', conflateMs: 100, markets: [odds(10, 'a', 1_500)] }));
    expect(v.applyUpdate(odds(14, 'a', 1_600, { prevSeq: 10 }))).toBeUndefined();
    expect(v.applyUpdate(odds(20, 'a', 1_600, { prevSeq: 15 }))).toEqual({ eventId: 'ev', expected: 14, got: 15 });
    expect(v.seq).toBe(14);
  });

  it('keeps its markets on a CONTINUE that echoes its position, refuses one that does not, and swaps them on a REPLACE', () => {
    const { v } = view();
    v.applySnapshot(snapshot({ mode: SnapshotMode.SNAPSHOT_MODE_REPLACE, seq: 2, offset: '1002-0', markets: [odds(1, 'a', 1_500), odds(2, 'b', 1_500)] }));
    expect(v.applySnapshot(snapshot({ mode: SnapshotMode.SNAPSHOT_MODE_CONTINUE, seq: 2, offset: '1002-0' }))).toBeUndefined();
    expect(v.markets.map((m) => m.id)).toEqual(['a', 'b']);
    expect(v.applySnapshot(snapshot({ mode: SnapshotMode.SNAPSHOT_MODE_CONTINUE, seq: 7, offset: '1007-0' }))).toEqual({ eventId: 'ev', expected: 2, got: 7 });
    v.applySnapshot(snapshot({ mode: SnapshotMode.SNAPSHOT_MODE_REPLACE, epoch: 'e2', seq: 1, offset: '2001-0', markets: [odds(1, 'c', 1_900)] }));
    expect(v.markets.map((m) => m.id)).toEqual(['c']);
    expect(v.resumePoint()).toEqual({ epoch: 'e2', offset: '2001-0' });
  });

  it('shows every market suspended while the feed is stale; a snapshot clears it', () => {
    const { v, changes } = view();
    v.applySnapshot(snapshot({ mode: SnapshotMode.SNAPSHOT_MODE_REPLACE, seq: 1, offset: '1001-0', markets: [odds(1, 'a', 1_500)] }));
    v.setSuspended(true);
    expect(v.markets.map((m) => m.status)).toEqual(['suspended']);
    expect(v.market('a')?.status).toBe('suspended');
    v.applySnapshot(snapshot({ mode: SnapshotMode.SNAPSHOT_MODE_CONTINUE, seq: 1, offset: '1001-0' }));
    expect(v.suspended).toBe(false);
    expect(v.markets.map((m) => m.status)).toEqual(['open']);
    expect(changes.map((c) => c.kind)).toEqual(['snapshot', 'status', 'snapshot']);
  });

  it('names markets and selections from EventInfo, orders markets by display order, and ignores an EventInfo not newer than the one held', () => {
    const { v, changes } = view();
    v.applySnapshot(snapshot({ mode: SnapshotMode.SNAPSHOT_MODE_REPLACE, seq: 2, offset: '1002-0', markets: [odds(1, 'a', 1_500), odds(2, 'b', 1_500)] }));
    expect(v.markets.map((m) => m.name)).toEqual(['a', 'b']);
    v.applyInfo(info(3, { a: ['Match result', 2], b: ['Total goals', 1] }));
    expect(v.markets.map((m) => m.name)).toEqual(['Total goals', 'Match result']);
    expect(v.market('a')?.selections.map((s) => s.name)).toEqual(['Arsenal', 'away']);
    expect(v.info).toMatchObject({ version: 3, name: 'Arsenal v Chelsea', phase: 'live', score: [1, 0] });
    v.applyInfo(info(3, { a: ['Stale', 0] }));
    v.applyInfo(info(2, { a: ['Older', 0] }));
    expect(v.market('a')?.name).toBe('Match result');
    expect(changes.map((c) => c.kind)).toEqual(['snapshot', 'info']);
  });
});
