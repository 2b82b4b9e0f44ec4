import { describe, expect, it } from 'vitest';
import { coreBetResponse } from '../../src/bets/core-contract.js';
import { coreResult } from '../../src/bets/core-result.js';
import { BetOutcome, RejectReason } from '../../src/protocol/wire.js';

const ok = (body: unknown) => coreBetResponse.safeParse(body).success;

describe('the core contract (coreBetResponse)', () => {
  it('takes the three outcomes in their exact shapes', () => {
    expect(ok({ outcome: 'accepted', betId: 'MT-1', acceptedPrice: 2_000 })).toBe(true);
    expect(ok({ outcome: 'accepted', betId: 'MT-1', acceptedPrice: 0xffff_ffff, coreLatencyMs: 3.5 })).toBe(true);
    expect(ok({ outcome: 'rejected', reason: 'price_changed', currentPrice: 2_100 })).toBe(true);
    expect(ok({ outcome: 'rejected', reason: 'price_changed' })).toBe(true);
    expect(ok({ outcome: 'rejected', reason: 'declined' })).toBe(true);
    expect(ok({ outcome: 'pending' })).toBe(true);
  });

  it.each([
    ['betId an array', { outcome: 'accepted', betId: ['a'], acceptedPrice: 2_000 }],
    ['betId of 129 characters', { outcome: 'accepted', betId: 'x'.repeat(129), acceptedPrice: 2_000 }],
    ['betId with a space', { outcome: 'accepted', betId: 'MT 1', acceptedPrice: 2_000 }],
    ['betId with a non-ASCII letter', { outcome: 'accepted', betId: 'MT-é', acceptedPrice: 2_000 }],
    ['acceptedPrice 1000', { outcome: 'accepted', betId: 'MT-1', acceptedPrice: 1_000 }],
    ['acceptedPrice 2^32', { outcome: 'accepted', betId: 'MT-1', acceptedPrice: 2 ** 32 }],
    ['acceptedPrice NaN as a string', { outcome: 'accepted', betId: 'MT-1', acceptedPrice: 'NaN' }],
    ['pending with a betId', { outcome: 'pending', betId: 'MT-1' }],
    ['rejected with a betId', { outcome: 'rejected', reason: 'declined', betId: 'MT-1' }],
    ['currentPrice with declined', { outcome: 'rejected', reason: 'declined', currentPrice: 2_000 }],
    ['a negative coreLatencyMs', { outcome: 'pending', coreLatencyMs: -1 }],
    ['an array', [{ outcome: 'pending' }]],
    ['a string', 'accepted'],
  ])('refuses %s', (_name, body) => {
    expect(ok(body)).toBe(false);
  });
});

describe('coreResult', () => {
  it('maps a validated answer to the player\'s BetResult', () => {
    expect(coreResult('k', { outcome: 'accepted', betId: 'MT-1', acceptedPrice: 2_000 })).toEqual({ idempotencyKey: 'k', outcome: BetOutcome.BET_OUTCOME_ACCEPTED, betId: 'MT-1', acceptedPrice: 2_000 });
    expect(coreResult('k', { outcome: 'rejected', reason: 'price_changed', currentPrice: 2_100 })).toMatchObject({ outcome: BetOutcome.BET_OUTCOME_REJECTED, reason: RejectReason.REJECT_REASON_PRICE_CHANGED, currentPrice: 2_100 });
    expect(coreResult('k', { outcome: 'rejected', reason: 'wrong_jurisdiction' })).toMatchObject({ reason: RejectReason.REJECT_REASON_DECLINED });
    expect(coreResult('k', { outcome: 'rejected', reason: 'market_suspended' })).not.toHaveProperty('currentPrice');
    expect(coreResult('k', { outcome: 'pending' })).toMatchObject({ outcome: BetOutcome.BET_OUTCOME_PENDING });
  });
});
