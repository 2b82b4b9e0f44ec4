import { describe, expect, it } from 'vitest';
import type { CheckedUpdate } from '../../src/feed/odds-feed.js';
import { decodeUpdatePayload, encodeUpdatePayload } from '../../src/feed/odds-update.js';
import { EventChannel } from '../../src/hub/event-channel.js';
import { pb } from '../../src/protocol/wire.js';

const market = (seq: number, offset: string): CheckedUpdate =>
  decodeUpdatePayload(encodeUpdatePayload({ eventId: 'ev', marketId: 'm0', status: 1, selections: [{ id: 'h', price: 1_000 + seq }], publishedAtMs: 1 }), 'ev', seq, offset);
const offset = (seq: number) => `1700000${String(seq).padStart(6, '0')}-0`;
const entry = (seq: number) => ({ epoch: 'ep', seq, offset: offset(seq), ...market(seq, offset(seq)) });
const seqsOf = (frames: Uint8Array[] | null) => frames?.map((f) => Number(pb.ServerFrame.decode(f).odds!.seq)) ?? null;

/** A channel of `historySize` frames and a 60 s age bound, fed `updates` updates `everyMs` apart on its own clock. */
function channelFed(historySize: number, updates: number, everyMs: number): EventChannel {
  let now = 0;
  const channel = new EventChannel('ev', historySize, 60_000, () => now);
  channel.load({ eventId: 'ev', epoch: 'ep', seq: 0, offset: offset(0), markets: [market(0, offset(0))] });
  for (let seq = 1; seq <= updates; seq++) {
    now += everyMs;
    channel.apply(entry(seq));
  }
  return channel;
}

/**
 * The soak (500 events, 50 updates/s: 0.1 per event per second) grew the
 * nodes' RSS for its whole 30 minutes: each event's 128-frame resume ring
 * took 21 minutes to fill. Bounded by age too, a ring holds what arrived in
 * the last resumeBufferMs, so a quiet event's ring stops growing after that.
 */
describe('EventChannel resume ring on a quiet event', () => {
  it('holds only the updates of the last historyMs, however long the event runs', () => {
    // One update every 10 s for 30 minutes: 180 updates, more than the ring's 128.
    const channel = channelFed(128, 180, 10_000);
    // The last 60 s hold seq 174 (applied exactly 60 s ago) to 180: 7 frames, not 128.
    expect(seqsOf(channel.historyAfter(173, offset(173)))).toEqual([174, 175, 176, 177, 178, 179, 180]);
    expect(channel.historyAfter(172, offset(172)), 'older than the last 60 s: read from the stream').toBeNull();
    expect(channel.spans(offset(173))).toBe(false);
  });

  it('still keeps at most historySize updates of a busy event', () => {
    const channel = channelFed(8, 100, 10);
    expect(seqsOf(channel.historyAfter(92, offset(92)))).toEqual([93, 94, 95, 96, 97, 98, 99, 100]);
    expect(channel.historyAfter(91, offset(91))).toBeNull();
  });
});
