import { describe, expect, it } from 'vitest';
import type { CheckedUpdate } from '../../src/feed/odds-feed.js';
import { decodeUpdatePayload, encodeUpdatePayload } from '../../src/feed/odds-update.js';
import { EventChannel } from '../../src/hub/event-channel.js';
import { pb } from '../../src/protocol/wire.js';

/** A market's update as the feed hands it over: published bytes, read back and checked at (seq, offset). */
const market = (seq: number, offset: string, marketId = 'm0'): CheckedUpdate =>
  decodeUpdatePayload(encodeUpdatePayload({ eventId: 'ev', marketId, status: 1, selections: [{ id: 'h', price: 1_000 + seq }], publishedAtMs: 1 }), 'ev', seq, offset);
const entry = (seq: number) => ({ epoch: 'ep', seq, offset: offset(seq), ...market(seq, offset(seq)) });
const offset = (seq: number) => `1700000000${String(seq).padStart(3, '0')}-0`;

/** A channel loaded at seq 10, then 11..20 applied: its ring (size 8) holds 13..20. */
function channel(): EventChannel {
  const c = new EventChannel('ev', 8, 60_000);
  c.load({ eventId: 'ev', epoch: 'ep', seq: 10, offset: offset(10), markets: [market(10, offset(10))] });
  for (let seq = 11; seq <= 20; seq++) c.apply(entry(seq));
  return c;
}
const seqsOf = (frames: Uint8Array[] | null) => frames?.map((f) => Number(pb.ServerFrame.decode(f).odds!.seq)) ?? null;

describe('EventChannel.historyAfter (where a replay read from the stream meets the ring)', () => {
  it('continues from an update the ring holds, only if its offset matches too', () => {
    expect(seqsOf(channel().historyAfter(15, offset(15)))).toEqual([16, 17, 18, 19, 20]);
    expect(channel().historyAfter(15, '1699999999999-0'), 'same seq, other offset: another history').toBeNull();
  });

  it('continues from the update right before the ring, if the ring starts at a later offset', () => {
    expect(seqsOf(channel().historyAfter(12, offset(12)))).toEqual([13, 14, 15, 16, 17, 18, 19, 20]);
    expect(channel().historyAfter(12, offset(14)), 'an offset at or after the ring start is not seq 12').toBeNull();
  });

  it('is empty at the present, and null for anything the ring cannot join exactly', () => {
    expect(channel().historyAfter(20, offset(20))).toEqual([]);
    expect(channel().historyAfter(20, offset(19))).toBeNull();
    expect(channel().historyAfter(11, offset(11)), 'older than the ring').toBeNull();
    expect(channel().historyAfter(21, offset(21)), 'ahead of the channel').toBeNull();
  });
});

describe('EventChannel.spans and historyAfterOffset', () => {
  it('spans the ring\'s offsets up to the present', () => {
    const c = channel();
    expect(c.spans(offset(13))).toBe(true);
    expect(c.spans('1700000000015-5')).toBe(true); // inside the span, yet none of its entries
    expect(c.historyAfterOffset('1700000000015-5')).toBeNull();
    expect(c.spans(offset(12))).toBe(false);
    expect(c.spans(offset(21))).toBe(false);
    expect(new EventChannel('ev', 8, 60_000).spans(offset(1)), 'an empty ring spans nothing').toBe(false);
  });

  it('serves the present and ring entries', () => {
    expect(channel().historyAfterOffset(offset(20))).toEqual({ seq: 20, frames: [] });
    expect(seqsOf(channel().historyAfterOffset(offset(18))!.frames)).toEqual([19, 20]);
  });
});

describe('EventChannel.load', () => {
  it('takes the snapshot whole: position, markets, an empty ring, unavailable cleared', () => {
    const c = channel();
    c.unavailable = new Error('was broken');
    c.load({ eventId: 'ev', epoch: 'ep2', seq: 3, offset: offset(3), markets: [market(2, offset(2), 'a'), market(3, offset(3), 'b')] });
    expect([c.epoch, c.seq, c.offset, c.stale]).toEqual(['ep2', 3, offset(3), false]);
    expect([...c.markets.keys()].sort()).toEqual(['a', 'b']);
    expect(c.historyAfterOffset(offset(2))).toBeNull();
  });

  it('changes nothing when a market\'s frame cannot be built', () => {
    const c = channel();
    const broken = { ...market(5, offset(5), 'x'), payload: undefined as unknown as Uint8Array };
    expect(() => c.load({ eventId: 'ev', epoch: 'ep2', seq: 5, offset: offset(5), markets: [market(4, offset(4), 'a'), broken] })).toThrow();
    expect([c.epoch, c.seq, [...c.markets.keys()]]).toEqual(['ep', 20, ['m0']]);
    expect(seqsOf(c.historyAfter(19, offset(19)))).toEqual([20]);
  });
});
