import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeEntry } from '../../src/feed/feed-records.js';
import type { FeedEntry } from '../../src/feed/odds-feed.js';
import { decodeUpdatePayload, encodeUpdatePayload, type MarketUpdate } from '../../src/feed/odds-update.js';
import { EventChannel } from '../../src/hub/event-channel.js';
import { ReplayFrames } from '../../src/hub/replay-frames.js';
import { snapshotFrame } from '../../src/protocol/codec.js';
import { chainedOddsFrame, oddsUpdateOf, stampedOddsFrame } from '../../src/protocol/odds-frame.js';
import { MarketStatus, pb, SnapshotMode, Writer } from '../../src/protocol/wire.js';

/** A seeded generator (mulberry32): the same random cases on every run. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const ID_CHARS = 'ABCXYZabcxyz0189_.:-';
const MAX_PRICE = 2 ** 31 - 1;
const MAX_OFFSET = '18446744073709551615-18446744073709551615';

function randomUpdate(next: () => number): MarketUpdate {
  const int = (n: number) => Math.floor(next() * n);
  const id = () => Array.from({ length: 1 + int(64) }, () => ID_CHARS[int(ID_CHARS.length)]).join('');
  const count = next() < 0.1 ? 1 + int(256) : 1 + int(6);
  const price = () => [0, 1, MAX_PRICE, 1_001 + int(100_000)][int(4)];
  return {
    eventId: id(),
    marketId: id(),
    status: [MarketStatus.MARKET_STATUS_OPEN, MarketStatus.MARKET_STATUS_SUSPENDED, MarketStatus.MARKET_STATUS_CLOSED][int(3)],
    selections: Array.from({ length: count }, (_, i) => ({ id: `${id().slice(0, 60)}${i}`, price: price() })),
    publishedAtMs: [1, Number.MAX_SAFE_INTEGER, 1_700_000_000_000 + int(1e9)][int(3)],
  };
}

/** What the hub sent before splicing: the payload decoded, stamped, and the whole message encoded again. */
function reencodedFrame(payload: Uint8Array, seq: number, offset: string, prevSeq: number): Uint8Array {
  const message = pb.OddsUpdate.decode(payload);
  message.seq = seq;
  message.offset = offset;
  message.prevSeq = prevSeq;
  return pb.ServerFrame.encode({ odds: message }).finish();
}

/** A frame as a client reads it: the decoded message (fields set to non-default values) and the unknown fields it kept. */
function asRead(frame: Uint8Array) {
  const decoded = pb.ServerFrame.decode(frame);
  const odds = decoded.odds ?? decoded.snapshot?.markets?.[0];
  return { frame: decoded, unknowns: (odds as { $unknowns?: Uint8Array[] } | undefined)?.$unknowns ?? [] };
}

/** The fields the node stamps, as a client reads them (absent reads as 0 or ''). */
const stampOf = (read: ReturnType<typeof asRead>) => {
  const odds = read.frame.odds!;
  return [Number(odds.seq ?? 0), odds.offset ?? '', Number(odds.prevSeq ?? 0)];
};

/** Both ways of building the plain and the conflated frame, from the stored payload at (seq, offset). */
function bothWays(stored: Uint8Array, eventId: string, seq: number, offset: string, prevSeq: number) {
  const { payload } = decodeUpdatePayload(stored, eventId, seq, offset);
  const plain = stampedOddsFrame(payload, seq, offset);
  return {
    spliced: { plain: asRead(plain), chained: asRead(chainedOddsFrame(oddsUpdateOf(plain), prevSeq)) },
    reencoded: { plain: asRead(reencodedFrame(stored, seq, offset, 0)), chained: asRead(reencodedFrame(stored, seq, offset, prevSeq)) },
  };
}

/** A published payload with fields of its own appended (raw protobuf), as a hostile or confused writer might store it. */
function withFields(update: MarketUpdate, write: (w: ReturnType<typeof Writer.create>) => void): Uint8Array {
  const payload = encodeUpdatePayload(update);
  const tail = Writer.create();
  write(tail);
  const extra = tail.finish();
  const out = new Uint8Array(payload.length + extra.length);
  out.set(payload);
  out.set(extra, payload.length);
  return out;
}

const base = (): MarketUpdate => ({ eventId: 'ev', marketId: '1x2', status: MarketStatus.MARKET_STATUS_OPEN, selections: [{ id: 'home', price: 2_100 }], publishedAtMs: 1_700_000_000_123 });

describe('spliced odds frames read exactly as the re-encoded ones did', () => {
  it('for 500 random updates: ids up to 64 characters, up to 256 selections, zero and maximum prices, seq and offsets up to their maximum', () => {
    const next = random(10);
    for (let i = 0; i < 500; i++) {
      const update = randomUpdate(next);
      const seq = [1, 127, 128, 2 ** 32 + 5, Number.MAX_SAFE_INTEGER][i % 5];
      const offset = [`${1_700_000_000_000 + i}-${i}`, MAX_OFFSET, '0-1'][i % 3];
      const prevSeq = [0, seq - 1, Math.floor(seq / 2)][i % 3];
      const { spliced, reencoded } = bothWays(encodeUpdatePayload(update), update.eventId, seq, offset, prevSeq);
      expect(spliced, `case ${i}`).toEqual(reencoded);
    }
  });

  it('for edge cases: 256 selections, every price 0, the largest values', () => {
    const cases: MarketUpdate[] = [
      { ...base(), selections: Array.from({ length: 256 }, (_, i) => ({ id: `s${i}`, price: 1_000 + i })) },
      { ...base(), selections: [{ id: 'a', price: 0 }, { id: 'b', price: 0 }] },
      { ...base(), eventId: 'e'.repeat(64), marketId: 'm'.repeat(64), selections: [{ id: 's'.repeat(64), price: MAX_PRICE }], publishedAtMs: Number.MAX_SAFE_INTEGER },
      { ...base(), status: MarketStatus.MARKET_STATUS_CLOSED },
    ];
    for (const update of cases) {
      const { spliced, reencoded } = bothWays(encodeUpdatePayload(update), update.eventId, Number.MAX_SAFE_INTEGER, MAX_OFFSET, Number.MAX_SAFE_INTEGER - 1);
      expect(spliced).toEqual(reencoded);
    }
  });

  it('a payload carrying its own seq, offset and prev_seq: the node\'s win, and a plain frame shows no prev_seq', () => {
    const stray = withFields(base(), (w) => w.uint32(40).uint64(999).uint32(50).string('9-9').uint32(64).uint64(77));
    const { spliced, reencoded } = bothWays(stray, 'ev', 12, '1700000000000-12', 11);
    expect(spliced).toEqual(reencoded);
    expect(stampOf(spliced.plain)).toEqual([12, '1700000000000-12', 0]);
    expect(stampOf(spliced.chained)).toEqual([12, '1700000000000-12', 11]);
  });

  it('stray fields with zero values, the wrong wire type, or unknown numbers are overridden or passed on as unknown, as before', () => {
    const strays = [
      withFields(base(), (w) => w.uint32(40).uint64(0).uint32(64).uint64(0)), // explicit zeros: decode as absent, the appended fields win
      withFields(base(), (w) => w.uint32(42).string('not a varint')), // seq as length-delimited: an unknown field to every parser
      withFields(base(), (w) => w.uint32(99 << 3).uint64(5).uint32((100 << 3) | 2).string('future field')),
    ];
    for (const stray of strays) {
      const { spliced, reencoded } = bothWays(stray, 'ev', 3, '5-0', 2);
      expect(spliced).toEqual(reencoded);
      expect(stampOf(spliced.plain)).toEqual([3, '5-0', 0]);
      expect(stampOf(spliced.chained)).toEqual([3, '5-0', 2]);
    }
  });

  it('REPLACE snapshots built from the spliced market bytes read as those built from re-encoded markets', () => {
    const next = random(77);
    const markets = Array.from({ length: 20 }, (_, i) => {
      const update = { ...randomUpdate(next), eventId: 'ev', marketId: `m${i}` };
      return { stored: encodeUpdatePayload(update), seq: i + 1, offset: `1700000000000-${i + 1}` };
    });
    markets.push({ stored: withFields({ ...base(), marketId: 'stray' }, (w) => w.uint32(40).uint64(5).uint32(64).uint64(4)), seq: 21, offset: '1700000000000-21' });
    const channel = new EventChannel('ev', 8, 60_000);
    channel.load({ eventId: 'ev', epoch: 'ep', seq: 21, offset: '1700000000000-21', markets: markets.map((m) => decodeUpdatePayload(m.stored, 'ev', m.seq, m.offset)) });
    const reencoded = snapshotFrame(
      { eventId: 'ev', mode: SnapshotMode.SNAPSHOT_MODE_REPLACE, epoch: 'ep', seq: 21, offset: '1700000000000-21', conflateMs: 0 },
      markets.map((m) => oddsUpdateOf(reencodedFrame(m.stored, m.seq, m.offset, 0))),
    );
    expect(pb.ServerFrame.decode(channel.replaceFrame(0))).toEqual(pb.ServerFrame.decode(reencoded));
  });
});

describe('the splice allocates one buffer per frame and never runs the protobuf encoder', () => {
  afterEach(() => vi.restoreAllMocks());

  const entries = (count: number): FeedEntry[] =>
    Array.from({ length: count }, (_, i) => {
      const offset = `1700000000000-${i + 2}`;
      return decodeEntry('ev', { epoch: 'ep', seq: i + 2, offset, payload: encodeUpdatePayload({ ...base(), marketId: `m${i % 3}`, selections: [{ id: 'h', price: 1_500 + i }] }) }) as FeedEntry;
    });

  /** Counts buffers allocated and protobuf encodes while `work` runs. */
  function counted(work: () => void): { buffers: number; encodes: number } {
    const allocs = vi.spyOn(Buffer, 'allocUnsafe');
    const encodes = vi.spyOn(pb.OddsUpdate, 'encode');
    const writers = vi.spyOn(Writer, 'create');
    work();
    const result = { buffers: allocs.mock.calls.length, encodes: encodes.mock.calls.length + writers.mock.calls.length };
    vi.restoreAllMocks();
    return result;
  }

  it('live fan-out and conflation: one buffer per frame', () => {
    const list = entries(100);
    const channel = new EventChannel('ev', 200, 60_000);
    channel.load({ eventId: 'ev', epoch: 'ep', seq: 1, offset: '1700000000000-1', markets: [] });
    expect(counted(() => list.forEach((e) => channel.apply(e)))).toEqual({ buffers: 100, encodes: 0 });
    const states = [...channel.markets.values()];
    expect(counted(() => states.forEach((s, i) => chainedOddsFrame(s.bytes, i)))).toEqual({ buffers: states.length, encodes: 0 });
  });

  it('a replay batch: 100 resuming clients reading the same 50 entries cost 50 frames, not 5,000', () => {
    const list = entries(50);
    const frames = new ReplayFrames();
    const served: Uint8Array[][] = [];
    const cost = counted(() => {
      for (let client = 0; client < 100; client++) frames.openReplay();
      for (let client = 0; client < 100; client++) served.push(list.map((e) => frames.frameOf(e)));
    });
    expect(cost).toEqual({ buffers: 50, encodes: 0 });
    expect(served[99][49]).toBe(served[0][49]);
    expect(Number(pb.ServerFrame.decode(served[42][7]).odds!.seq)).toBe(list[7].seq);
  });

  it('a replay batch keeps its frames only while a replay is open, and a snapshot load drops them', () => {
    const [entry] = entries(1);
    const frames = new ReplayFrames();
    expect(frames.frameOf(entry), 'no replay open: nothing kept').not.toBe(frames.frameOf(entry));
    frames.openReplay();
    frames.openReplay();
    const first = frames.frameOf(entry);
    frames.closeReplay();
    expect(frames.frameOf(entry), 'one replay still open').toBe(first);
    frames.clear();
    expect(frames.frameOf(entry), 'cleared (the channel loaded a snapshot)').not.toBe(first);
    const second = frames.frameOf(entry);
    frames.closeReplay();
    frames.openReplay();
    expect(frames.frameOf(entry), 'the batch ended: a new one starts empty').not.toBe(second);
  });

  it('replays that overlap without end keep at most 10,000 frames: then the cache starts over', () => {
    const frames = new ReplayFrames();
    frames.openReplay();
    const list = entries(10_001);
    const first = frames.frameOf(list[0]);
    for (const e of list.slice(1, 10_000)) frames.frameOf(e);
    expect(frames.frameOf(list[0]), 'the 10,000th frame still fits').toBe(first);
    frames.frameOf(list[10_000]);
    expect(frames.frameOf(list[0]), 'the 10,001st started it over').not.toBe(first);
    expect(frames.frameOf(list[0]), 'and it shares again').toBe(frames.frameOf(list[0]));
  });
});
