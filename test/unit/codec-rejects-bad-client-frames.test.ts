import { describe, expect, it } from 'vitest';
import {
  decodeClientFrame,
  errorFrame,
  feedStatusFrame,
  pongFrame,
  ProtocolError,
  snapshotFrame,
  type ClientCommand,
} from '../../src/protocol/codec.js';
import { ErrorCode, MarketStatus, pb, SnapshotMode } from '../../src/protocol/wire.js';

const MAX_EVENTS = 5;

type ClientFrameProps = Parameters<typeof pb.ClientFrame.encode>[0];
const encode = (frame: ClientFrameProps): Uint8Array => pb.ClientFrame.encode(frame).finish();
const subscribeTo = (...events: Array<{ eventId: string; resume?: { epoch: string; offset: string }; conflateMs?: number }>) => encode({ subscribe: { events } });

/** Decodes, expects a ProtocolError, and returns it. */
function rejection(bytes: Uint8Array, maxEvents = MAX_EVENTS): ProtocolError {
  let caught: unknown;
  try {
    decodeClientFrame(bytes, maxEvents);
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(ProtocolError);
  return caught as ProtocolError;
}

describe('decodeClientFrame accepts valid frames', () => {
  it('a subscribe to one event, fresh', () => {
    expect(decodeClientFrame(subscribeTo({ eventId: 'e1' }), MAX_EVENTS)).toEqual({
      kind: 'subscribe',
      events: [{ eventId: 'e1', resume: null, conflateMs: 0 }],
    });
  });

  it('a subscribe to several events with a resume point and a conflation window', () => {
    const command = decodeClientFrame(
      subscribeTo(
        { eventId: 'match-1', resume: { epoch: 'a1b2c3d4e5f60718', offset: '1700000000000-3' } },
        { eventId: 'match_2:live.x', conflateMs: 250 },
      ),
      MAX_EVENTS,
    );
    expect(command).toEqual({
      kind: 'subscribe',
      events: [
        { eventId: 'match-1', resume: { epoch: 'a1b2c3d4e5f60718', offset: '1700000000000-3' }, conflateMs: 0 },
        { eventId: 'match_2:live.x', resume: null, conflateMs: 250 },
      ],
    });
  });

  it('exactly maxEvents events and a 64-character id', () => {
    const ids = ['a', 'b', 'c', 'd', 'x'.repeat(64)];
    const command = decodeClientFrame(subscribeTo(...ids.map((eventId) => ({ eventId }))), MAX_EVENTS);
    expect(command.kind === 'subscribe' && command.events.map((e) => e.eventId)).toEqual(ids);
  });

  it('a resume offset with 20-digit parts (beyond 2^53)', () => {
    const offset = '18446744073709551615-18446744073709551615';
    const command = decodeClientFrame(subscribeTo({ eventId: 'e1', resume: { epoch: 'E', offset } }), MAX_EVENTS);
    expect(command.kind === 'subscribe' && command.events[0].resume).toEqual({ epoch: 'E', offset });
  });

  it('an unsubscribe', () => {
    expect(decodeClientFrame(encode({ unsubscribe: { eventIds: ['e1', 'e2'] } }), MAX_EVENTS)).toEqual({ kind: 'unsubscribe', eventIds: ['e1', 'e2'] });
  });

  it('a ping echoing its nonce, and a ping without one', () => {
    expect(decodeClientFrame(encode({ ping: { nonce: 424242 } }), MAX_EVENTS)).toEqual({ kind: 'ping', nonce: 424242 });
    expect(decodeClientFrame(encode({ ping: {} }), MAX_EVENTS)).toEqual({ kind: 'ping', nonce: 0 });
  });

  it('an auth frame with a token', () => {
    expect(decodeClientFrame(encode({ auth: { token: 'abc.def.ghi' } }), MAX_EVENTS)).toEqual({ kind: 'auth', token: 'abc.def.ghi' });
  });

  it('a valid bet has no problem; an invalid one names the field', () => {
    const bet = {
      idempotencyKey: 'key-0001',
      eventId: 'e1',
      marketId: '1x2',
      selectionId: 'home',
      price: 2375,
      seq: 7,
      stake: 500,
      currency: 'EUR',
    };
    const ok = decodeClientFrame(encode({ placeBet: bet }), MAX_EVENTS) as Extract<ClientCommand, { kind: 'placeBet' }>;
    expect(ok.kind).toBe('placeBet');
    expect(ok.problem).toBeNull();
    expect(ok.bet).toMatchObject({ ...bet, acceptPriceChange: pb.PriceChangePolicy.PRICE_CHANGE_POLICY_NONE });

    const bad = decodeClientFrame(encode({ placeBet: { ...bet, currency: 'eur' } }), MAX_EVENTS) as Extract<ClientCommand, { kind: 'placeBet' }>;
    expect(bad.problem).toMatch(/currency/);
  });
});

describe('decodeClientFrame rejects undecodable frames with MALFORMED_FRAME', () => {
  it('bytes with an invalid wire type', () => {
    // 0x0f: field 1, wire type 7 (does not exist).
    const err = rejection(new Uint8Array([0x0f, 0xde, 0xad, 0xbe, 0xef]));
    expect(err.code).toBe(ErrorCode.ERROR_CODE_MALFORMED_FRAME);
  });

  it('a varint that never ends', () => {
    const err = rejection(new Uint8Array([0x18, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]));
    expect(err.code).toBe(ErrorCode.ERROR_CODE_MALFORMED_FRAME);
  });

  it('a frame truncated in the middle of a string', () => {
    const full = subscribeTo({ eventId: 'event-123456' });
    for (const cut of [1, 3, 6]) {
      const err = rejection(full.subarray(0, full.length - cut));
      expect(err.code, `cut ${cut}`).toBe(ErrorCode.ERROR_CODE_MALFORMED_FRAME);
    }
  });

  it('a length prefix larger than the frame', () => {
    // Field 1 (subscribe), length 100, but only 2 bytes follow.
    const err = rejection(new Uint8Array([0x0a, 100, 0x0a, 0x00]));
    expect(err.code).toBe(ErrorCode.ERROR_CODE_MALFORMED_FRAME);
  });

  it('random bytes never escape as anything but a ProtocolError', () => {
    // Seeded so a failure can be replayed; most buffers are undecodable, some decode to nothing known.
    let state = 0x9e3779b9;
    const next = () => {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      return (state >>> 0) & 0xff;
    };
    const codes = new Set<ErrorCode>();
    for (let i = 0; i < 2_000; i++) {
      const bytes = Uint8Array.from({ length: 1 + (next() % 48) }, next);
      try {
        const command = decodeClientFrame(bytes, MAX_EVENTS);
        // Whatever decodes must have passed validation.
        expect(['subscribe', 'unsubscribe', 'ping', 'auth', 'placeBet']).toContain(command.kind);
      } catch (err) {
        expect(err).toBeInstanceOf(ProtocolError);
        codes.add((err as ProtocolError).code);
      }
    }
    expect(codes.has(ErrorCode.ERROR_CODE_MALFORMED_FRAME)).toBe(true);
    for (const code of codes) {
      expect([ErrorCode.ERROR_CODE_MALFORMED_FRAME, ErrorCode.ERROR_CODE_UNKNOWN_FRAME, ErrorCode.ERROR_CODE_INVALID_ARGUMENT]).toContain(code);
    }
  });
});

describe('decodeClientFrame rejects frames of no known kind with UNKNOWN_FRAME', () => {
  it('an unknown oneof case (field 9, varint)', () => {
    const err = rejection(new Uint8Array([0x48, 0x01]));
    expect(err.code).toBe(ErrorCode.ERROR_CODE_UNKNOWN_FRAME);
  });

  it('a reserved field number (13, length-delimited)', () => {
    const err = rejection(new Uint8Array([0x6a, 0x02, 0x08, 0x01]));
    expect(err.code).toBe(ErrorCode.ERROR_CODE_UNKNOWN_FRAME);
  });

  it('an empty frame', () => {
    expect(rejection(new Uint8Array(0)).code).toBe(ErrorCode.ERROR_CODE_UNKNOWN_FRAME);
  });
});

describe('decodeClientFrame rejects invalid arguments with INVALID_ARGUMENT', () => {
  const invalid = (bytes: Uint8Array, maxEvents = MAX_EVENTS) => {
    const err = rejection(bytes, maxEvents);
    expect(err.code).toBe(ErrorCode.ERROR_CODE_INVALID_ARGUMENT);
    return err;
  };

  it('a subscribe with no events', () => {
    expect(invalid(encode({ subscribe: { events: [] } })).message).toMatch(/1 to 5 events/);
    expect(invalid(encode({ subscribe: {} })).message).toMatch(/1 to 5 events/);
  });

  it('a subscribe with more events than allowed', () => {
    const events = Array.from({ length: 3 }, (_, i) => ({ eventId: `e${i}` }));
    expect(invalid(subscribeTo(...events), 2).message).toMatch(/1 to 2 events/);
  });

  it('event ids with bad characters, too long, or empty', () => {
    for (const eventId of ['bad id', 'e/1', 'ü', 'e1\n', 'x'.repeat(65), '']) {
      const err = invalid(subscribeTo({ eventId }));
      expect(err.message, JSON.stringify(eventId)).toMatch(/event id .* is not 1-64 characters/);
    }
  });

  it('a bad event id among good ones', () => {
    invalid(subscribeTo({ eventId: 'e1' }, { eventId: 'e 2' }));
  });

  it('the same event twice in one subscribe, naming it', () => {
    const err = invalid(subscribeTo({ eventId: 'e1' }, { eventId: 'e2' }, { eventId: 'e1' }));
    expect(err.message).toMatch(/e1 appears twice/);
    expect(err.eventId).toBe('e1');
  });

  it('a resume with a bad epoch, naming the event', () => {
    for (const epoch of ['', 'ep-1', 'a'.repeat(65), 'épo']) {
      const err = invalid(subscribeTo({ eventId: 'e1', resume: { epoch, offset: '1700000000000-0' } }));
      expect(err.eventId, epoch).toBe('e1');
    }
  });

  it('a resume with a bad offset, naming the event', () => {
    for (const offset of ['', '1700000000000', 'abc-0', '1-2-3', '-1', '1-', '1'.repeat(21) + '-0', '1700000000000-0 ']) {
      const err = invalid(subscribeTo({ eventId: 'e1', resume: { epoch: 'abc', offset } }));
      expect(err.eventId, offset).toBe('e1');
      expect(err.message).toMatch(/resume/);
    }
  });

  it('an unsubscribe with no ids, too many ids or a bad id', () => {
    invalid(encode({ unsubscribe: { eventIds: [] } }));
    invalid(encode({ unsubscribe: { eventIds: ['a', 'b', 'c'] } }), 2);
    invalid(encode({ unsubscribe: { eventIds: ['ok', 'not ok'] } }));
  });

  it('an auth frame with an empty or oversized token', () => {
    invalid(encode({ auth: { token: '' } }));
    invalid(encode({ auth: { token: 't'.repeat(8_193) } }));
  });
});

describe('server frames round-trip through pb.ServerFrame.decode', () => {
  const market = (marketId: string, seq: number, offset: string) =>
    pb.OddsUpdate.encode({
      eventId: 'e1',
      marketId,
      status: MarketStatus.MARKET_STATUS_OPEN,
      selections: [
        { id: 'home', price: 2100 },
        { id: 'away', price: 1850 },
      ],
      seq,
      offset,
      publishedAtMs: 1_700_000_000_123,
    }).finish();

  it('snapshotFrame carries every field and every market', () => {
    const markets = [market('1x2', 41, '1700000000000-1'), market('ou25', 42, '1700000000000-2')];
    const bytes = snapshotFrame(
      { eventId: 'e1', mode: SnapshotMode.SNAPSHOT_MODE_REPLACE, epoch: 'abcdef0123456789', seq: 42, offset: '1700000000000-2', conflateMs: 100 },
      markets,
    );
    const frame = pb.ServerFrame.decode(bytes);
    expect(frame.kind).toBe('snapshot');
    const s = frame.snapshot!;
    expect(s.eventId).toBe('e1');
    expect(s.mode).toBe(SnapshotMode.SNAPSHOT_MODE_REPLACE);
    expect(s.epoch).toBe('abcdef0123456789');
    expect(Number(s.seq)).toBe(42);
    expect(s.offset).toBe('1700000000000-2');
    expect(s.conflateMs).toBe(100);
    expect(s.markets).toHaveLength(2);
    expect(s.markets!.map((m) => [m.marketId, Number(m.seq), m.offset])).toEqual([
      ['1x2', 41, '1700000000000-1'],
      ['ou25', 42, '1700000000000-2'],
    ]);
    expect(s.markets![0].selections!.map((sel) => [sel.id, sel.price])).toEqual([
      ['home', 2100],
      ['away', 1850],
    ]);
  });

  it('snapshotFrame of a CONTINUE with no markets and empty fields decodes to defaults', () => {
    const bytes = snapshotFrame({ eventId: 'e2', mode: SnapshotMode.SNAPSHOT_MODE_CONTINUE, epoch: '', seq: 0, offset: '', conflateMs: 0 }, []);
    const s = pb.ServerFrame.decode(bytes).snapshot!;
    expect(s.eventId).toBe('e2');
    expect(s.mode).toBe(SnapshotMode.SNAPSHOT_MODE_CONTINUE);
    expect(s.epoch).toBe('');
    expect(Number(s.seq)).toBe(0);
    expect(s.offset).toBe('');
    expect(s.markets ?? []).toHaveLength(0);
    expect(s.conflateMs).toBe(0);
  });

  it('snapshotFrame keeps a sequence above 2^32', () => {
    const seq = 2 ** 40 + 7;
    const bytes = snapshotFrame({ eventId: 'e1', mode: SnapshotMode.SNAPSHOT_MODE_REPLACE, epoch: 'x', seq, offset: '1-0', conflateMs: 0 }, []);
    expect(Number(pb.ServerFrame.decode(bytes).snapshot!.seq)).toBe(seq);
  });

  it('errorFrame carries code, message and event id', () => {
    const frame = pb.ServerFrame.decode(errorFrame(ErrorCode.ERROR_CODE_UNKNOWN_EVENT, 'no such event', 'e9'));
    expect(frame.kind).toBe('error');
    expect(frame.error).toMatchObject({ code: ErrorCode.ERROR_CODE_UNKNOWN_EVENT, message: 'no such event', eventId: 'e9' });
    expect(pb.ServerFrame.decode(errorFrame(ErrorCode.ERROR_CODE_INTERNAL, 'oops')).error!.eventId).toBe('');
  });

  it('feedStatusFrame carries the event and both stale values', () => {
    const stale = pb.ServerFrame.decode(feedStatusFrame('e1', true));
    expect(stale.kind).toBe('feedStatus');
    expect(stale.feedStatus).toMatchObject({ eventId: 'e1', stale: true });
    const fresh = pb.ServerFrame.decode(feedStatusFrame('e1', false));
    expect(fresh.kind).toBe('feedStatus');
    expect(fresh.feedStatus).toMatchObject({ eventId: 'e1', stale: false });
  });

  it('pongFrame echoes the nonce and the server time', () => {
    const now = 1_700_000_123_456;
    const frame = pb.ServerFrame.decode(pongFrame(77, now));
    expect(frame.kind).toBe('pong');
    expect(Number(frame.pong!.nonce)).toBe(77);
    expect(Number(frame.pong!.serverTimeMs)).toBe(now);
  });
});
