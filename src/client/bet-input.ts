import { CURRENCY, EVENT_ID, IDEMPOTENCY_KEY, MARKET_ID, SELECTION_ID } from '../protocol/validation.js';
import type { BetFields } from './bets.js';
import { InvalidBetError } from './errors.js';

/** A fresh idempotency key (a UUID: 36 characters of [0-9a-f-], inside the protocol's 8..64 of [A-Za-z0-9_.:-]). */
export function newIdempotencyKey(): string {
  const c = globalThis.crypto;
  if (typeof c?.randomUUID === 'function') return c.randomUUID();
  // randomUUID needs a secure context in browsers; getRandomValues does not.
  const bytes = c.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Checks a bet as the node will (src/protocol/codec.ts) before anything is
 * sent, so a mistake is an InvalidBetError naming the field instead of a
 * REJECTED/INVALID_BET that also counts against the connection's error budget.
 */
export function validateBet(bet: BetFields): BetFields {
  if (!IDEMPOTENCY_KEY.test(bet.idempotencyKey)) throw new InvalidBetError('idempotencyKey must be 8-64 characters of [A-Za-z0-9_.:-]');
  if (!EVENT_ID.test(bet.eventId)) throw new InvalidBetError('eventId must be 1-64 characters of [A-Za-z0-9_.:-]');
  if (!MARKET_ID.test(bet.marketId)) throw new InvalidBetError('marketId must be 1-64 characters of [A-Za-z0-9_.:-]');
  if (!SELECTION_ID.test(bet.selectionId)) throw new InvalidBetError('selectionId must be 1-64 characters of [A-Za-z0-9_.:-]');
  if (!Number.isInteger(bet.price) || bet.price <= 1_000) {
    throw new InvalidBetError(bet.price === 0 ? `no price for ${bet.marketId}/${bet.selectionId}: subscribe to ${bet.eventId} (and wait for its view to be ready) or pass price` : 'price must be decimal odds x 1000, an integer above 1000');
  }
  if (!Number.isSafeInteger(bet.seq) || bet.seq < 0) throw new InvalidBetError('seq must be a non-negative integer (the market seq the price came from)');
  if (!Number.isSafeInteger(bet.stake) || bet.stake <= 0) throw new InvalidBetError('stake must be a positive integer in minor units');
  if (!CURRENCY.test(bet.currency)) throw new InvalidBetError('currency must be an ISO 4217 code like EUR');
  return bet;
}
