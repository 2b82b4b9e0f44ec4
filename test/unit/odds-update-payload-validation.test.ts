import { describe, expect, it } from 'vitest';
import { InvalidUpdateError } from '../../src/errors.js';
import { encodeUpdatePayload, newEpoch, type MarketUpdate } from '../../src/feed/odds-update.js';
import { MarketStatus, pb } from '../../src/protocol/wire.js';
import { EPOCH } from '../../src/protocol/validation.js';

const valid = (): MarketUpdate => ({
  eventId: 'match-1',
  marketId: '1x2',
  status: MarketStatus.MARKET_STATUS_OPEN,
  selections: [
    { id: 'home', price: 2100 },
    { id: 'draw', price: 3400 },
    { id: 'away', price: 3900 },
  ],
  publishedAtMs: 1_700_000_000_123,
});

/** Encodes, expects an InvalidUpdateError, and returns its message. */
function invalidMessage(update: MarketUpdate): string {
  let caught: unknown;
  try {
    encodeUpdatePayload(update);
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(InvalidUpdateError);
  expect((caught as InvalidUpdateError).code).toBe('OG_INVALID_UPDATE');
  return (caught as Error).message;
}

describe('encodeUpdatePayload accepts a valid market', () => {
  it('encodes an OddsUpdate without seq or offset', () => {
    const decoded = pb.OddsUpdate.decode(encodeUpdatePayload(valid()));
    expect(decoded.eventId).toBe('match-1');
    expect(decoded.marketId).toBe('1x2');
    expect(decoded.status).toBe(MarketStatus.MARKET_STATUS_OPEN);
    expect(decoded.selections!.map((s) => [s.id, s.price])).toEqual([
      ['home', 2100],
      ['draw', 3400],
      ['away', 3900],
    ]);
    expect(Number(decoded.publishedAtMs)).toBe(1_700_000_000_123);
    expect(Number(decoded.seq ?? 0)).toBe(0);
    expect(decoded.offset ?? '').toBe('');
  });

  it('stamps publishedAtMs with the current time when absent', () => {
    const before = Date.now();
    const { publishedAtMs: _omit, ...rest } = valid();
    const decoded = pb.OddsUpdate.decode(encodeUpdatePayload(rest));
    expect(Number(decoded.publishedAtMs)).toBeGreaterThanOrEqual(before);
    expect(Number(decoded.publishedAtMs)).toBeLessThanOrEqual(Date.now());
  });

  it('accepts SUSPENDED and CLOSED, price 0 (no price offered) and 256 selections', () => {
    for (const status of [MarketStatus.MARKET_STATUS_SUSPENDED, MarketStatus.MARKET_STATUS_CLOSED]) {
      expect(pb.OddsUpdate.decode(encodeUpdatePayload({ ...valid(), status })).status).toBe(status);
    }
    const zero = pb.OddsUpdate.decode(encodeUpdatePayload({ ...valid(), selections: [{ id: 'home', price: 0 }] }));
    expect(zero.selections![0].price ?? 0).toBe(0);
    const many = Array.from({ length: 256 }, (_, i) => ({ id: `s${i}`, price: 1_500 + i }));
    expect(pb.OddsUpdate.decode(encodeUpdatePayload({ ...valid(), selections: many })).selections).toHaveLength(256);
  });
});

describe('encodeUpdatePayload rejects a bad update with InvalidUpdateError naming the field', () => {
  it('bad event ids', () => {
    for (const eventId of ['', 'match 1', 'x'.repeat(65), 'a/b']) expect(invalidMessage({ ...valid(), eventId }), eventId).toMatch(/^eventId /);
  });

  it('bad market ids', () => {
    for (const marketId of ['', '1x2!', 'm'.repeat(65)]) expect(invalidMessage({ ...valid(), marketId }), marketId).toMatch(/^marketId /);
  });

  it('bad selection ids', () => {
    expect(invalidMessage({ ...valid(), selections: [{ id: 'home team', price: 2000 }] })).toMatch(/selection id "home team"/);
    expect(invalidMessage({ ...valid(), selections: [{ id: '', price: 2000 }] })).toMatch(/selection id ""/);
  });

  it('non-integer, negative, non-finite and too large prices', () => {
    for (const price of [2100.5, -1, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 31]) {
      const message = invalidMessage({ ...valid(), selections: [{ id: 'home', price }] });
      expect(message, String(price)).toMatch(/^price .* of selection home/);
    }
  });

  it('no selections, or more than 256', () => {
    expect(invalidMessage({ ...valid(), selections: [] })).toMatch(/selections/);
    const tooMany = Array.from({ length: 257 }, (_, i) => ({ id: `s${i}`, price: 2000 }));
    expect(invalidMessage({ ...valid(), selections: tooMany })).toMatch(/selections/);
  });

  it('UNSPECIFIED and unknown statuses', () => {
    expect(invalidMessage({ ...valid(), status: MarketStatus.MARKET_STATUS_UNSPECIFIED })).toMatch(/^status 0/);
    expect(invalidMessage({ ...valid(), status: 9 as MarketStatus })).toMatch(/^status 9/);
    expect(invalidMessage({ ...valid(), status: 1.5 as MarketStatus })).toMatch(/^status/);
  });
});

describe('newEpoch', () => {
  it('is 16 hex characters, valid as a resume epoch, and new every time', () => {
    const epochs = new Set(Array.from({ length: 100 }, newEpoch));
    expect(epochs.size).toBe(100);
    for (const e of epochs) {
      expect(e).toMatch(/^[0-9a-f]{16}$/);
      expect(EPOCH.test(e)).toBe(true);
    }
  });
});
