import { describe, expect, it } from 'vitest';
import { EventCursor } from '../../src/feed/event-cursor.js';
import type { FeedEntry } from '../../src/feed/odds-feed.js';

const entry = (epoch: string, seq: number, offset = `1700000000000-${seq}`): FeedEntry => ({ epoch, seq, offset, payload: new Uint8Array(0) });

describe('EventCursor.classify', () => {
  const cursor = () => new EventCursor('ep1', 10, '1700000000000-10');

  it('calls seq + 1 of the same epoch next', () => {
    expect(cursor().classify(entry('ep1', 11))).toBe('next');
  });

  it('calls the current and earlier sequences old', () => {
    expect(cursor().classify(entry('ep1', 10))).toBe('old');
    expect(cursor().classify(entry('ep1', 9))).toBe('old');
    expect(cursor().classify(entry('ep1', 1))).toBe('old');
  });

  it('calls a jump past seq + 1 a gap', () => {
    expect(cursor().classify(entry('ep1', 12))).toBe('gap');
    expect(cursor().classify(entry('ep1', 1_000))).toBe('gap');
  });

  it('calls any entry of another epoch a gap, even one that would be next or old', () => {
    expect(cursor().classify(entry('ep2', 11))).toBe('gap');
    expect(cursor().classify(entry('ep2', 1))).toBe('gap');
    expect(cursor().classify(entry('ep2', 10))).toBe('gap');
  });

  it('starting from seq 0 (no update yet) takes seq 1 as next', () => {
    expect(new EventCursor('ep1', 0, '').classify(entry('ep1', 1))).toBe('next');
  });
});

describe('EventCursor.advance and reset', () => {
  it('advance moves the cursor so the following entry is next and the applied one old', () => {
    const c = new EventCursor('ep1', 10, '1700000000000-10');
    const e11 = entry('ep1', 11, '1700000000005-0');
    c.advance(e11);
    expect(c.seq).toBe(11);
    expect(c.offset).toBe('1700000000005-0');
    expect(c.epoch).toBe('ep1');
    expect(c.classify(e11)).toBe('old');
    expect(c.classify(entry('ep1', 12))).toBe('next');
  });

  it('reset adopts a new epoch, after which that epoch continues and the old one is a gap', () => {
    const c = new EventCursor('ep1', 10, '1700000000000-10');
    c.reset('ep2', 3, '1700000000100-0');
    expect([c.epoch, c.seq, c.offset]).toEqual(['ep2', 3, '1700000000100-0']);
    expect(c.classify(entry('ep2', 4))).toBe('next');
    expect(c.classify(entry('ep1', 11))).toBe('gap');
  });
});
