import { afterEach, describe, expect, it, vi } from 'vitest';
import { InvalidUpdateError } from '../../src/errors.js';
import { InProcessOddsStore } from '../../src/feed/in-process-store.js';
import type { RawEntry } from '../../src/feed/feed-records.js';
import type { MarketUpdate } from '../../src/feed/odds-update.js';
import { compareOffsets } from '../../src/protocol/validation.js';
import { MarketStatus, pb } from '../../src/protocol/wire.js';

const MAX_OFFSET = '18446744073709551615-18446744073709551615';

const update = (eventId: string, marketId: string, price = 2000): MarketUpdate => ({
  eventId,
  marketId,
  status: MarketStatus.MARKET_STATUS_OPEN,
  selections: [
    { id: 'home', price },
    { id: 'away', price: 1900 },
  ],
});

afterEach(() => {
  vi.useRealTimers();
});

describe('InProcessOddsStore sequences', () => {
  it('numbers each event 1, 2, 3, ... independently of other events, under one epoch', () => {
    const store = new InProcessOddsStore(100);
    const a = [store.append(update('a', 'm1')), store.append(update('a', 'm2'))];
    const b = store.append(update('b', 'm1'));
    a.push(store.append(update('a', 'm1')));
    expect(a.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(b.seq).toBe(1);
    expect(new Set(a.map((r) => r.epoch)).size).toBe(1);
    expect(b.epoch).not.toBe(a[0].epoch);
    expect(store.eventIds().sort()).toEqual(['a', 'b']);
  });

  it('publish resolves with the same result append gives', async () => {
    const store = new InProcessOddsStore(100);
    const first = await store.publish(update('a', 'm1'));
    const second = await store.publish(update('a', 'm1'));
    expect(second.seq).toBe(first.seq + 1);
    expect(second.epoch).toBe(first.epoch);
    expect(compareOffsets(first.offset, second.offset)).toBeLessThan(0);
  });

  it('refuses an invalid update without consuming a sequence number', () => {
    const store = new InProcessOddsStore(100);
    store.append(update('a', 'm1'));
    expect(() => store.append({ ...update('a', 'm1'), selections: [] })).toThrow(InvalidUpdateError);
    expect(store.append(update('a', 'm1')).seq).toBe(2);
    expect(() => store.append(update('bad id', 'm1'))).toThrow(InvalidUpdateError);
    expect(store.eventIds()).toEqual(['a']);
  });
});

describe('InProcessOddsStore offsets', () => {
  it('are strictly increasing across events when many land in one millisecond', () => {
    vi.useFakeTimers({ now: 1_700_000_000_000, toFake: ['Date'] });
    const store = new InProcessOddsStore(1_000);
    const offsets = Array.from({ length: 500 }, (_, i) => store.append(update(`e${i % 7}`, 'm1')).offset);
    expect(offsets[0]).toBe('1700000000000-0');
    expect(offsets[499]).toBe('1700000000000-499');
    for (let i = 1; i < offsets.length; i++) expect(compareOffsets(offsets[i - 1], offsets[i]), offsets[i]).toBeLessThan(0);
  });

  it('restart the per-millisecond counter when the clock moves on', () => {
    vi.useFakeTimers({ now: 1_700_000_000_000, toFake: ['Date'] });
    const store = new InProcessOddsStore(100);
    store.append(update('a', 'm1'));
    store.append(update('a', 'm1'));
    vi.setSystemTime(1_700_000_000_001);
    expect(store.append(update('a', 'm1')).offset).toBe('1700000000001-0');
  });

  it('keep increasing when the clock steps backwards', () => {
    vi.useFakeTimers({ now: 1_700_000_000_000, toFake: ['Date'] });
    const store = new InProcessOddsStore(100);
    const before = store.append(update('a', 'm1')).offset;
    vi.setSystemTime(1_699_999_999_000);
    const after = store.append(update('a', 'm1')).offset;
    expect(compareOffsets(before, after)).toBeLessThan(0);
  });

  it('increase with the real clock too', () => {
    const store = new InProcessOddsStore(10_000);
    const offsets = Array.from({ length: 3_000 }, (_, i) => store.append(update('a', `m${i % 3}`)).offset);
    const outOfOrder = offsets.filter((o, i) => i > 0 && compareOffsets(offsets[i - 1], o) >= 0);
    expect(outOfOrder).toEqual([]);
  });
});

describe('InProcessOddsStore retention and range', () => {
  it('keeps only the last maxLen entries of an event', () => {
    const store = new InProcessOddsStore(5);
    for (let i = 0; i < 8; i++) store.append(update('a', 'm1', 2000 + i));
    const entries = store.range('a', '', MAX_OFFSET, 100);
    expect(entries.map((e) => e.seq)).toEqual([4, 5, 6, 7, 8]);
  });

  it('returns entries from..to inclusive, oldest first, at most count', () => {
    const store = new InProcessOddsStore(100);
    const results = Array.from({ length: 10 }, () => store.append(update('a', 'm1')));
    const inclusive = store.range('a', results[2].offset, results[5].offset, 100);
    expect(inclusive.map((e) => e.seq)).toEqual([3, 4, 5, 6]);
    expect(store.range('a', results[2].offset, MAX_OFFSET, 3).map((e) => e.seq)).toEqual([3, 4, 5]);
    expect(store.range('a', results[9].offset, results[9].offset, 10).map((e) => e.seq)).toEqual([10]);
    expect(store.range('a', results[5].offset, results[2].offset, 10)).toEqual([]);
  });

  it('range entries carry the epoch and a payload that decodes to the update', () => {
    const store = new InProcessOddsStore(100);
    const r = store.append(update('a', 'm1', 2345));
    const [entry] = store.range('a', r.offset, r.offset, 1);
    expect(entry).toMatchObject({ epoch: r.epoch, seq: 1, offset: r.offset });
    const decoded = pb.OddsUpdate.decode(entry.payload);
    expect(decoded.marketId).toBe('m1');
    expect(decoded.selections![0].price).toBe(2345);
  });

  it('knows nothing of an event never published', () => {
    const store = new InProcessOddsStore(100);
    expect(store.range('nope', '', MAX_OFFSET, 10)).toEqual([]);
    expect(store.snapshot('nope')).toBeUndefined();
    expect(store.market('nope', 'm1')).toBeUndefined();
  });
});

describe('InProcessOddsStore snapshot', () => {
  it('holds every market once, with its latest payload, seq and offset', () => {
    const store = new InProcessOddsStore(2); // retention smaller than the market count: snapshots are not limited by it
    const r1 = store.append(update('a', 'm1', 2001));
    const r2 = store.append(update('a', 'm2', 2002));
    const r3 = store.append(update('a', 'm3', 2003));
    const r4 = store.append(update('a', 'm1', 2100));
    const snap = store.snapshot('a')!;
    expect(snap).toMatchObject({ eventId: 'a', epoch: r1.epoch, seq: 4, offset: r4.offset });
    const byMarket = new Map(snap.markets.map((m) => [pb.OddsUpdate.decode(m.payload).marketId, m]));
    expect([...byMarket.keys()].sort()).toEqual(['m1', 'm2', 'm3']);
    expect(byMarket.get('m1')).toMatchObject({ seq: 4, offset: r4.offset });
    expect(byMarket.get('m2')).toMatchObject({ seq: 2, offset: r2.offset });
    expect(byMarket.get('m3')).toMatchObject({ seq: 3, offset: r3.offset });
    expect(pb.OddsUpdate.decode(byMarket.get('m1')!.payload).selections![0].price).toBe(2100);
    expect(store.market('a', 'm2')).toEqual(byMarket.get('m2'));
  });
});

describe('InProcessOddsStore reset', () => {
  it('forgets every event; the next publish starts a new epoch at seq 1 with a later offset', () => {
    const store = new InProcessOddsStore(100);
    const before = [store.append(update('a', 'm1')), store.append(update('a', 'm2'))];
    store.reset();
    expect(store.snapshot('a')).toBeUndefined();
    expect(store.eventIds()).toEqual([]);
    const after = store.append(update('a', 'm1'));
    expect(after.epoch).not.toBe(before[0].epoch);
    expect(after.seq).toBe(1);
    expect(compareOffsets(before[1].offset, after.offset)).toBeLessThan(0);
    expect(store.snapshot('a')!.markets).toHaveLength(1);
    expect(store.range('a', '', MAX_OFFSET, 10).map((e) => e.epoch)).toEqual([after.epoch]);
  });
});

describe('InProcessOddsStore listeners', () => {
  it('are called synchronously, before append returns, with the stored entry', () => {
    const store = new InProcessOddsStore(100);
    const seen: Array<[string, RawEntry]> = [];
    store.onAppend((eventId, entry) => seen.push([eventId, entry]));
    const result = store.append(update('a', 'm1'));
    expect(seen).toHaveLength(1);
    expect(seen[0][0]).toBe('a');
    expect(seen[0][1]).toMatchObject(result);
    expect(store.range('a', result.offset, result.offset, 1)[0]).toBe(seen[0][1]);
  });

  it('are called before publish returns its promise', () => {
    const store = new InProcessOddsStore(100);
    let calls = 0;
    store.onAppend(() => calls++);
    const pending = store.publish(update('a', 'm1'));
    expect(calls).toBe(1);
    return pending;
  });

  it('see the store already updated, and stop after unsubscribing', () => {
    const store = new InProcessOddsStore(100);
    const seqsSeen: number[] = [];
    const off = store.onAppend((eventId) => seqsSeen.push(store.snapshot(eventId)!.seq));
    store.append(update('a', 'm1'));
    store.append(update('a', 'm1'));
    off();
    store.append(update('a', 'm1'));
    expect(seqsSeen).toEqual([1, 2]);
  });

  it('are not called for a refused update', () => {
    const store = new InProcessOddsStore(100);
    let calls = 0;
    store.onAppend(() => calls++);
    expect(() => store.append({ ...update('a', 'm1'), status: MarketStatus.MARKET_STATUS_UNSPECIFIED })).toThrow(InvalidUpdateError);
    expect(calls).toBe(0);
  });
});
