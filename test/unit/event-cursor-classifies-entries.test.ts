import { describe, expect, it } from 'vitest';
import { EventCursor } from '../../src/feed/event-cursor.js';
import type { FeedEntry } from '../../src/feed/odds-feed.js';
import { pb } from '../../src/protocol/wire.js';

const entry = (epoch: string, seq: number, offset = `1700000000000-${seq}`): FeedEntry => ({ epoch, seq, offset, update: pb.OddsUpdate.create({ seq, offset }), payload: new Uint8Array() });

describe('EventCursor.classify', () => {
  const cursor = () => new EventCursor('ep1', 10, '1700000000000-10');

  it('calls seq + 1 of the same epoch at a later offset next', () => {
    expect(cursor().classify(entry('ep1', 11))).toBe('next');
    expect(cursor().classify(entry('ep1', 11, '1700000009999-0'))).toBe('next');
  });

  it('calls the delivered entry and earlier ones old', () => {
    expect(cursor().classify(entry('ep1', 10))).toBe('old');
    expect(cursor().classify(entry('ep1', 9))).toBe('old');
    expect(cursor().classify(entry('ep1', 1))).toBe('old');
  });

  it('calls a jump past seq + 1 at a later offset a gap', () => {
    expect(cursor().classify(entry('ep1', 12))).toBe('gap');
    expect(cursor().classify(entry('ep1', 1_000))).toBe('gap');
  });

  it('calls any entry of another epoch an epoch change, even one that would be next or old', () => {
    expect(cursor().classify(entry('ep2', 11))).toBe('epoch');
    expect(cursor().classify(entry('ep2', 1))).toBe('epoch');
    expect(cursor().classify(entry('ep2', 10))).toBe('epoch');
  });

  it('calls a seq we already delivered at a later offset a rewrite (a store restored from older data, written again)', () => {
    expect(cursor().classify(entry('ep1', 10, '1700000000500-0'))).toBe('rewrite');
    expect(cursor().classify(entry('ep1', 7, '1700000000500-0'))).toBe('rewrite');
  });

  it('calls a seq ahead of ours at an offset that is not a rewrite too', () => {
    expect(cursor().classify(entry('ep1', 11, '1700000000000-10'))).toBe('rewrite');
    expect(cursor().classify(entry('ep1', 11, '1699999999999-0'))).toBe('rewrite');
    expect(cursor().classify(entry('ep1', 14, '1600000000000-0'))).toBe('rewrite');
  });
});

describe('EventCursor.advance, skip and reset', () => {
  it('advance moves the cursor so the following entry is next and the applied one old', () => {
    const c = new EventCursor('ep1', 10, '1700000000000-10');
    const e11 = entry('ep1', 11, '1700000000005-0');
    c.advance(e11);
    expect([c.seq, c.offset, c.readOffset, c.epoch]).toEqual([11, '1700000000005-0', '1700000000005-0', 'ep1']);
    expect(c.classify(e11)).toBe('old');
    expect(c.classify(entry('ep1', 12, '1700000000006-0'))).toBe('next');
  });

  it('skip reads past an entry without delivering it: the delivered position stays, so the next seq is still next', () => {
    const c = new EventCursor('ep1', 10, '1700000000000-10');
    c.skip('1700000000003-0');
    expect([c.seq, c.offset, c.readOffset]).toEqual([10, '1700000000000-10', '1700000000003-0']);
    expect(c.classify(entry('ep1', 11, '1700000000004-0'))).toBe('next');
  });

  it('reset adopts a new epoch, after which that epoch continues and the old one is an epoch change', () => {
    const c = new EventCursor('ep1', 10, '1700000000000-10');
    c.reset('ep2', 3, '1700000000100-0');
    expect([c.epoch, c.seq, c.offset, c.readOffset]).toEqual(['ep2', 3, '1700000000100-0', '1700000000100-0']);
    expect(c.classify(entry('ep2', 4, '1700000000101-0'))).toBe('next');
    expect(c.classify(entry('ep1', 11, '1700000000101-0'))).toBe('epoch');
  });
});
