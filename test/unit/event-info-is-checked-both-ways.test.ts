import { describe, expect, it } from 'vitest';
import { EventInfoFormatError, InvalidEventInfoError } from '../../src/errors.js';
import { EventCursor } from '../../src/feed/event-cursor.js';
import { decodeInfoPayload, encodeInfoPayload, INFO_LIMITS, type EventInfoInput } from '../../src/feed/event-info.js';
import { pb } from '../../src/protocol/wire.js';
import { matchInfo } from '../helpers/match-info.js';

const refused = (info: EventInfoInput) => {
  try {
    encodeInfoPayload(info);
  } catch (err) {
    expect(err).toBeInstanceOf(InvalidEventInfoError);
    expect((err as InvalidEventInfoError).code).toBe('OG_INVALID_EVENT_INFO');
    return (err as Error).message;
  }
  throw new Error('accepted');
};

describe('event info on publish', () => {
  it('encodes a valid info without a version (the store assigns it)', () => {
    const decoded = pb.EventInfo.decode(encodeInfoPayload(matchInfo('ev')));
    expect([decoded.eventId, Number(decoded.version), decoded.name, decoded.participants.map((p) => p.name)]).toEqual(['ev', 0, 'Arsenal v Chelsea', ['Arsenal', 'Chelsea']]);
  });

  it.each<[string, (i: EventInfoInput) => void, RegExp]>([
    ['a bad event id', (i) => (i.eventId = 'a b'), /eventId/],
    ['an empty name', (i) => (i.name = ''), /name is empty/],
    ['a name over the limit', (i) => (i.name = 'x'.repeat(INFO_LIMITS.nameChars + 1)), /longer than 128/],
    ['a control character', (i) => (i.competition = 'Premier\nLeague'), /control characters/],
    ['no phase', (i) => (i.phase = 0), /phase 0/],
    ['a score per participant', (i) => (i.score = [1]), /score has 1 entries for 2 participants/],
    ['a negative score', (i) => (i.score = [-1, 0]), /score/],
    ['too many markets', (i) => (i.markets = Array.from({ length: 65 }, (_, n) => ({ marketId: `m${n}`, name: 'M' }))), /more than 64 markets/],
    ['a market twice', (i) => (i.markets = [{ marketId: 'm', name: 'A' }, { marketId: 'm', name: 'B' }]), /appears twice/],
    ['a selection without a name', (i) => (i.markets = [{ marketId: 'm', name: 'A', selections: [{ id: 's', name: '' }] }]), /name of selection s is empty/],
    ['a start that is no time', (i) => (i.startsAtMs = 1.5), /startsAtMs/],
    ['a clock that is no time', (i) => (i.clock = { elapsedS: -3, atMs: 0, running: true }), /elapsedS/],
  ])('refuses %s with a typed error naming the field', (_, spoil, message) => {
    const info = matchInfo('ev');
    spoil(info);
    expect(refused(info)).toMatch(message);
  });
});

describe('event info read back from a store', () => {
  it('stamps the stored version', () => {
    expect(Number(decodeInfoPayload(encodeInfoPayload(matchInfo('ev')), 'ev', 42).version)).toBe(42);
  });

  it.each<[string, Uint8Array, string, number]>([
    ['undecodable bytes', Uint8Array.from([0xff, 0xff, 0x01]), 'ev', 1],
    ['another event\'s info', encodeInfoPayload(matchInfo('other')), 'ev', 1],
    ['version 0', encodeInfoPayload(matchInfo('ev')), 'ev', 0],
    ['an info a publisher would refuse', pb.EventInfo.encode({ eventId: 'ev', name: '', phase: 1 }).finish(), 'ev', 1],
  ])('refuses %s as an EventInfoFormatError (a FeedFormatError: counted, never trusted)', (_, payload, eventId, version) => {
    expect(() => decodeInfoPayload(payload, eventId, version)).toThrow(EventInfoFormatError);
  });
});

describe('EventCursor.classifyInfo: display data takes no seq', () => {
  const info = (epoch: string, seq: number, offset: string) => ({ epoch, seq, offset, info: pb.EventInfo.create() });

  it('continues at the seq held, after what was read; moves the read offset, not the delivered one', () => {
    const cursor = new EventCursor('ep', 5, '100-0');
    const entry = info('ep', 5, '101-0');
    expect(cursor.classifyInfo(entry)).toBe('next');
    cursor.skip(entry.offset);
    expect([cursor.seq, cursor.offset, cursor.readOffset]).toEqual([5, '100-0', '101-0']);
    expect(cursor.classify({ epoch: 'ep', seq: 6, offset: '102-0', update: pb.OddsUpdate.create(), payload: new Uint8Array() }), 'the next odds entry still continues').toBe('next');
  });

  it.each<[string, ReturnType<typeof info>, string]>([
    ['read already', info('ep', 5, '100-0'), 'old'],
    ['another epoch', info('other', 5, '101-0'), 'epoch'],
    ['odds entries missing before it', info('ep', 7, '101-0'), 'gap'],
    ['an earlier seq at a later offset (a rewritten history)', info('ep', 3, '101-0'), 'rewrite'],
    ['a later seq at an offset already read', info('ep', 6, '99-0'), 'rewrite'],
  ])('%s', (_, entry, order) => {
    expect(new EventCursor('ep', 5, '100-0').classifyInfo(entry)).toBe(order);
  });
});
