/**
 * The HTTP contract between an edge node and the core region of a
 * jurisdiction. The edge never accepts a bet itself: the core stamps and
 * decides. A real core team implements this; `oddsgate core-sim` is the
 * reference implementation used in tests, demos and load tests.
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
 *  - Any non-200 status or malformed body counts as a core failure at the
 *    edge (circuit breaker); 200 with `rejected` is a decision, not a failure.
 */

export type PriceChangePolicy = 'none' | 'better' | 'any';

export interface CoreBetRequest {
  idempotencyKey: string;
  playerId: string;
  jurisdiction: string;
  edgeNodeId: string;
  eventId: string;
  marketId: string;
  selectionId: string;
  /** The price the player saw and accepts, decimal odds x 1000. */
  price: number;
  /** The event sequence and stream offset the edge's price came from. */
  priceSeq: number;
  priceOffset: string;
  acceptPriceChange: PriceChangePolicy;
  /** Stake in minor units of `currency`. */
  stake: number;
  currency: string;
  /** Unix epoch ms after which the edge no longer waits. */
  deadline: number;
}

export type CoreOutcome = 'accepted' | 'rejected' | 'pending';

export type CoreRejectReason =
  | 'price_changed'
  | 'market_suspended'
  | 'market_closed'
  | 'unknown_market'
  | 'unknown_selection'
  | 'idempotency_key_reused'
  | 'wrong_jurisdiction'
  | 'stake_limit'
  | 'invalid_request'
  | 'declined';

export interface CoreBetResponse {
  outcome: CoreOutcome;
  /** Set when accepted (and kept for pending bets that become accepted). */
  betId?: string;
  /** The price the bet stands at, when accepted. */
  acceptedPrice?: number;
  reason?: CoreRejectReason;
  /** With price_changed: the core's current price. */
  currentPrice?: number;
  /** Time the core spent on the request, ms. */
  coreLatencyMs?: number;
}
