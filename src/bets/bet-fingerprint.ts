import type { BetRequest } from '../protocol/codec.js';

/**
 * A 32-bit FNV-1a hash of everything the player chose (not the key, not the
 * seq they saw): two PlaceBets with the same key and fingerprint are the same
 * bet resent. It only decides whether a resend may skip the edge's checks; a
 * collision lets a different bet under a reused key reach the core, whose
 * idempotency refuses it (`idempotency_key_reused`). Hashed field by field:
 * no string is built per bet.
 */
export function betFingerprint(bet: BetRequest): number {
  let h = 0x811c9dc5;
  h = mixString(h, bet.eventId);
  h = mixString(h, bet.marketId);
  h = mixString(h, bet.selectionId);
  h = mixString(h, bet.currency);
  h = mixNumber(h, bet.price);
  h = mixNumber(h, bet.stake);
  h = mixNumber(h, bet.acceptPriceChange);
  return h >>> 0;
}

function mixString(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return Math.imul(h ^ 0x0a, 0x01000193); // a separator: ("ab","c") and ("a","bc") differ
}

function mixNumber(h: number, n: number): number {
  // Stakes are safe integers (up to 2^53): hash the low and the high 32 bits.
  h = Math.imul(h ^ (n >>> 0), 0x01000193);
  h = Math.imul(h ^ Math.floor(n / 0x1_0000_0000), 0x01000193);
  return Math.imul(h ^ 0x0a, 0x01000193);
}
