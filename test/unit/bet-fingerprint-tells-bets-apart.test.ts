import { describe, expect, it } from 'vitest';
import { betFingerprint } from '../../src/bets/bet-fingerprint.js';
import type { BetRequest } from '../../src/protocol/codec.js';
import { PriceChangePolicy } from '../../src/protocol/wire.js';

const bet: BetRequest = {
  idempotencyKey: 'key-00000001',
  eventId: 'ev',
  marketId: 'winner',
  selectionId: 'home',
  price: 2_000,
  seq: 7,
  stake: 1_000,
  currency: 'EUR',
  acceptPriceChange: PriceChangePolicy.PRICE_CHANGE_POLICY_NONE,
};

describe('betFingerprint', () => {
  it('is the same for a resend: key and seen seq are not part of the bet', () => {
    expect(betFingerprint({ ...bet, idempotencyKey: 'other-key-1', seq: 99 })).toBe(betFingerprint(bet));
  });

  it('differs when anything the player chose differs', () => {
    const variants: Array<Partial<BetRequest>> = [
      { eventId: 'ev2' },
      { marketId: 'winner2' },
      { selectionId: 'away' },
      { price: 2_001 },
      { stake: 1_001 },
      { stake: 1_000 + 2 ** 32 }, // only the high 32 bits differ
      { currency: 'GBP' },
      { acceptPriceChange: PriceChangePolicy.PRICE_CHANGE_POLICY_ANY },
    ];
    for (const v of variants) expect(betFingerprint({ ...bet, ...v }), JSON.stringify(v)).not.toBe(betFingerprint(bet));
  });

  it('separates fields: moving characters from one id to the next changes it', () => {
    expect(betFingerprint({ ...bet, eventId: 'ab', marketId: 'c' })).not.toBe(betFingerprint({ ...bet, eventId: 'a', marketId: 'bc' }));
  });

  it('is an unsigned 32-bit integer', () => {
    const f = betFingerprint(bet);
    expect(Number.isInteger(f) && f >= 0 && f < 2 ** 32).toBe(true);
  });
});
