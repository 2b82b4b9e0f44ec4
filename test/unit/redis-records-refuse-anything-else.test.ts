import { describe, expect, it } from 'vitest';
import { FeedFormatError, UnknownEventError } from '../../src/errors.js';
import { encodeInfoPayload } from '../../src/feed/event-info.js';
import { encodeUpdatePayload } from '../../src/feed/odds-update.js';
import { isHeartbeat, logEntrySeq, parseSnapshotHash, parseStreamEntry, readLogEntry } from '../../src/feed/redis-records.js';
import type { FeedEntry, FeedInfoEntry } from '../../src/feed/odds-feed.js';
import { MarketStatus, pb } from '../../src/protocol/wire.js';
import { matchInfo } from '../helpers/match-info.js';

const payload = (eventId = 'ev', marketId = 'm0', price = 2_000) =>
  Buffer.from(encodeUpdatePayload({ eventId, marketId, status: MarketStatus.MARKET_STATUS_OPEN, selections: [{ id: 'home', price }] }));
const fields = (...kv: Array<string | Buffer>) => kv.map((v) => (typeof v === 'string' ? Buffer.from(v) : v));
const id = (s: string) => Buffer.from(s);

describe('parseStreamEntry', () => {
  it('decodes an entry the publish script wrote, stamped with its seq and offset', () => {
    const entry = parseStreamEntry('ev', id('1700000000000-3'), fields('e', 'abc123', 's', '7', 'p', payload())) as FeedEntry;
    expect([entry.epoch, entry.seq, entry.offset]).toEqual(['abc123', 7, '1700000000000-3']);
    expect([entry.update.marketId, entry.update.seq, entry.update.offset, entry.update.selections[0].price]).toEqual(['m0', 7, '1700000000000-3', 2_000]);
  });

  it('clears a prev_seq smuggled into a stored payload (it belongs to conflated subscriptions only)', () => {
    const smuggled = Buffer.from(pb.OddsUpdate.encode({ eventId: 'ev', marketId: 'm0', status: 1, selections: [{ id: 'h', price: 1 }], prevSeq: 99, seq: 5 }).finish());
    const entry = parseStreamEntry('ev', id('1-1'), fields('e', 'abc', 's', '8', 'p', smuggled)) as FeedEntry;
    expect([entry.update.prevSeq, entry.update.seq]).toEqual([0, 8]);
  });

  it.each([
    ['no payload', fields('e', 'abc', 's', '1')],
    ['no epoch', fields('s', '1', 'p', payload())],
    ['an epoch that is not letters and digits', fields('e', 'a b', 's', '1', 'p', payload())],
    ['a seq that is not digits', fields('e', 'abc', 's', '1e3', 'p', payload())],
    ['seq 0', fields('e', 'abc', 's', '0', 'p', payload())],
    ['bytes that are not an OddsUpdate', fields('e', 'abc', 's', '1', 'p', Buffer.from([0xff, 0xff, 0xff, 0x0f]))],
    ['an update of another event', fields('e', 'abc', 's', '1', 'p', payload('other'))],
    ['an update without selections', fields('e', 'abc', 's', '1', 'p', Buffer.from(pb.OddsUpdate.encode({ eventId: 'ev', marketId: 'm', status: 1 }).finish()))],
    ['a negative price', fields('e', 'abc', 's', '1', 'p', Buffer.from(pb.OddsUpdate.encode({ eventId: 'ev', marketId: 'm', status: 1, selections: [{ id: 'h', price: -5 }] }).finish()))],
    ['a status outside OPEN, SUSPENDED, CLOSED', fields('e', 'abc', 's', '1', 'p', Buffer.from(pb.OddsUpdate.encode({ eventId: 'ev', marketId: 'm', status: 0, selections: [{ id: 'h', price: 5 }] }).finish()))],
    ['a foreign entry', fields('x', 'y')],
  ])('refuses %s with a FeedFormatError', (_what, f) => {
    expect(() => parseStreamEntry('ev', id('1-1'), f)).toThrow(FeedFormatError);
  });
});

describe('parseSnapshotHash', () => {
  const good = () => ({
    _epoch: Buffer.from('abc'),
    _seq: Buffer.from('9'),
    _offset: Buffer.from('1700000000000-9'),
    'm:m0': payload('ev', 'm0', 2_100),
    'q:m0': Buffer.from('9 1700000000000-9'),
    'm:m1': payload('ev', 'm1', 2_200),
    'q:m1': Buffer.from('4 1700000000000-4'),
  });

  it('decodes every market, each with its own position', () => {
    const s = parseSnapshotHash('ev', good());
    expect([s.epoch, s.seq, s.offset]).toEqual(['abc', 9, '1700000000000-9']);
    expect(s.markets.map(({ update: m }) => [m.marketId, m.seq, m.offset, m.selections[0].price]).sort()).toEqual([
      ['m0', 9, '1700000000000-9', 2_100],
      ['m1', 4, '1700000000000-4', 2_200],
    ]);
  });

  it('is an unknown event when there is no hash', () => {
    expect(() => parseSnapshotHash('ev', {})).toThrow(UnknownEventError);
  });

  it.each([
    ['one undecodable market', { 'm:m1': Buffer.from([0xff, 0xff, 0xff]) }],
    ['a market holding another market\'s update', { 'm:m1': payload('ev', 'm7') }],
    ['a market without its position', { 'q:m1': Buffer.from('4') }],
    ['a market ahead of the snapshot', { 'q:m1': Buffer.from('10 1700000000000-10') }],
    ['a seq that is not a number', { _seq: Buffer.from('nine') }],
    ['an offset that is not a stream id', { _offset: Buffer.from('yesterday') }],
  ])('refuses a snapshot with %s as a whole', (_what, patch) => {
    expect(() => parseSnapshotHash('ev', { ...good(), ...patch })).toThrow(FeedFormatError);
  });
});

describe('isHeartbeat', () => {
  it('takes only an entry with a numeric time field t', () => {
    expect(isHeartbeat(fields('t', '1700000000000'))).toBe(true);
    expect(isHeartbeat(fields('t', 'soon'))).toBe(false);
    expect(isHeartbeat(fields('who', 'knows'))).toBe(false);
    expect(isHeartbeat([])).toBe(false);
  });
});

describe('readLogEntry', () => {
  it('reads the event and n of a shard log entry before anything is decoded, then decodes it at its stream offset o', () => {
    const head = readLogEntry(fields('ev', 'ev', 'e', 'abc123', 's', '7', 'o', '1700000000000-3', 'n', '41', 'p', payload()));
    expect([head.eventId, head.n, head.offset]).toEqual(['ev', 41, '1700000000000-3']);
    const entry = head.record() as FeedEntry;
    expect([entry.epoch, entry.seq, entry.offset, entry.update.offset]).toEqual(['abc123', 7, '1700000000000-3', '1700000000000-3']);
  });

  it('decodes display data (v, i) as an info entry at its stream offset', () => {
    const info = Buffer.from(encodeInfoPayload(matchInfo('ev')));
    const entry = readLogEntry(fields('ev', 'ev', 'e', 'abc', 's', '3', 'o', '5-0', 'n', '9', 'v', '12', 'i', info)).record() as FeedInfoEntry;
    expect([entry.seq, entry.offset, Number(entry.info.version), entry.info.name]).toEqual([3, '5-0', 12, matchInfo('ev').name]);
  });

  it('says what is missing without throwing: no event (\'\'), no n (NaN), an offset that is no stream id (\'\')', () => {
    const head = readLogEntry(fields('e', 'abc', 's', '7', 'o', '12; DROP', 'p', payload()));
    expect([head.eventId, head.n, head.offset]).toEqual(['', Number.NaN, '']);
    expect(readLogEntry(fields('ev', 'ev', 'n', '1e3')).n).toBeNaN();
  });

  it.each([
    ['no offset o', fields('ev', 'ev', 'e', 'abc', 's', '1', 'n', '1', 'p', payload())],
    ['an offset that is no stream id', fields('ev', 'ev', 'e', 'abc', 's', '1', 'o', 'x', 'n', '1', 'p', payload())],
    ['no payload', fields('ev', 'ev', 'e', 'abc', 's', '1', 'o', '1-1', 'n', '1')],
    ['bytes that are not an OddsUpdate', fields('ev', 'ev', 'e', 'abc', 's', '1', 'o', '1-1', 'n', '1', 'p', Buffer.from([0xff, 0xff, 0xff, 0x0f]))],
    ['the update of another event than ev', fields('ev', 'ev', 'e', 'abc', 's', '1', 'o', '1-1', 'n', '1', 'p', payload('other'))],
  ])('refuses to decode an entry with %s (FeedFormatError)', (_what, f) => {
    expect(() => readLogEntry(f).record()).toThrow(FeedFormatError);
  });

  it('logEntrySeq reads n alone (the anchor), NaN when there is none', () => {
    expect(logEntrySeq(fields('ev', 'ev', 'n', '1234567'))).toBe(1_234_567);
    expect(logEntrySeq(fields('ev', 'ev'))).toBeNaN();
  });
});
