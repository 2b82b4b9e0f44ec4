import { z } from 'zod';
import { CURRENCY, EVENT_ID, IDEMPOTENCY_KEY, MARKET_ID, SELECTION_ID } from '../protocol/validation.js';

/**
 * The HTTP contract between an edge node and the core region of a
 * jurisdiction. The edge never accepts a bet itself: the core stamps and
 * decides. A real core team implements this; `oddsgate core-sim` is the
 * reference implementation used in tests, demos and load tests. The zod
 * schemas below are the contract: the edge validates every core answer with
 * `coreBetResponse`, the reference core every request with `coreBetRequest`.
 *
 * POST /v1/bets                         body: CoreBetRequest → 200 CoreBetResponse
 * GET  /v1/bets/:playerId/:idempotencyKey                     → 200 CoreBetResponse | 404
 * GET  /healthz                                               → 200
 *
 * Rules a core must keep:
 *  - Idempotency: (playerId, idempotencyKey) identifies a bet. A repeat with
 *    the same fields returns the original response (the same betId), never a
 *    second bet, also while the first is still being processed (wait for it).
 *    A repeat with different fields is rejected with `idempotency_key_reused`.
 *  - Jurisdiction: a core serves one jurisdiction and rejects any other with
 *    `wrong_jurisdiction` (the edge never sends one; this is the last guard).
 *  - Deadline: `deadline` is Unix epoch ms. Past it the edge has already told
 *    the player "outcome unknown"; the core must still finish or refuse
 *    consistently, because the player's retry with the same key asks again.
 *  - Pending: an in-play acceptance delay is answered `pending`; the final
 *    decision is then returned by GET and by any repeat of the POST.
 *  - Answers are small JSON objects (at most CORE_ANSWER_MAX_BYTES by default)
 *    of exactly the shape below: no field of another outcome, no unknown field,
 *    prices as integers above 1000 that fit a uint32, a bet id of 1 to 128
 *    visible ASCII characters.
 *  - Anything else — a non-200 status (404 on GET excepted), a body that is not
 *    JSON, too large, cut off or too slow, or JSON off this shape — is a core
 *    failure at the edge: the player hears "unknown, retry with the same key",
 *    the operator an error line and `oddsgate_core_answers_invalid_total`, and
 *    the circuit breaker a failure. 200 with `rejected` is a decision, not a failure.
 */

/** Decimal odds x 1000 as the wire carries them (uint32), and above evens' floor (1.000). */
const price = z.number().int().gt(1_000).lte(0xffff_ffff);
/** Time the core spent on the request, ms (informational). */
const coreLatencyMs = z.number().nonnegative().finite().optional();

export const CORE_REJECT_REASONS = [
  'price_changed',
  'market_suspended',
  'market_closed',
  'unknown_market',
  'unknown_selection',
  'idempotency_key_reused',
  'wrong_jurisdiction',
  'stake_limit',
  'invalid_request',
  'declined',
] as const;
export type CoreRejectReason = (typeof CORE_REJECT_REASONS)[number];

/** Bet ids travel to players and audit systems: short, printable, no whitespace. */
export const BET_ID = /^[\x21-\x7e]{1,128}$/;

const accepted = z.strictObject({
  outcome: z.literal('accepted'),
  betId: z.string().regex(BET_ID),
  /** The price the bet stands at. */
  acceptedPrice: price,
  coreLatencyMs,
});

const rejected = z
  .strictObject({
    outcome: z.literal('rejected'),
    reason: z.enum(CORE_REJECT_REASONS),
    /** With price_changed only: the core's current price. */
    currentPrice: price.optional(),
    coreLatencyMs,
  })
  .refine((r) => r.currentPrice === undefined || r.reason === 'price_changed', { message: 'currentPrice is only valid with price_changed', path: ['currentPrice'] });

const pending = z.strictObject({ outcome: z.literal('pending'), coreLatencyMs });

/** A core's answer: a decision (accepted or rejected) or "pending" (in-play delay). */
export const coreBetResponse = z.discriminatedUnion('outcome', [accepted, rejected, pending]);
export type CoreBetResponse = z.infer<typeof coreBetResponse>;
export type CoreOutcome = CoreBetResponse['outcome'];

export const PRICE_CHANGE_POLICIES = ['none', 'better', 'any'] as const;
export type PriceChangePolicy = (typeof PRICE_CHANGE_POLICIES)[number];

/**
 * What the edge sends. The reference core refuses anything off this shape with
 * 400 `invalid_request` (unknown fields are ignored, so an edge may add some).
 */
export const coreBetRequest = z.object({
  idempotencyKey: z.string().regex(IDEMPOTENCY_KEY),
  playerId: z.string().min(1).max(128),
  jurisdiction: z.string().min(1).max(16),
  edgeNodeId: z.string().max(64),
  eventId: z.string().regex(EVENT_ID),
  marketId: z.string().regex(MARKET_ID),
  selectionId: z.string().regex(SELECTION_ID),
  /** The price the player saw and accepts, decimal odds x 1000. */
  price,
  /** The event sequence and stream offset the edge's price came from ('' and 0 when it had none). */
  priceSeq: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  priceOffset: z.string().max(48),
  acceptPriceChange: z.enum(PRICE_CHANGE_POLICIES),
  /** Stake in minor units of `currency`. */
  stake: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  currency: z.string().regex(CURRENCY),
  /** Unix epoch ms after which the edge no longer waits. */
  deadline: z.number().finite(),
});
export type CoreBetRequest = z.infer<typeof coreBetRequest>;

/** Largest core answer the edge reads by default (coreAnswerMaxBytes): a decision is ~200 bytes. */
export const CORE_ANSWER_MAX_BYTES = 16 * 1024;
