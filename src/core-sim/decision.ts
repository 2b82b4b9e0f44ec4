import { createHash } from 'node:crypto';
import type { CoreBetRequest, CoreBetResponse, CoreRejectReason } from '../bets/core-contract.js';
import { MarketStatus } from '../protocol/wire.js';
import { CURRENCY, EVENT_ID, IDEMPOTENCY_KEY, MARKET_ID, SELECTION_ID } from '../protocol/validation.js';
import type { MarketState } from './price-source.js';

const POLICIES = new Set(['none', 'better', 'any']);

/** The request if the body is a well-formed CoreBetRequest (positive integer stake and price), else null. */
export function parseBetRequest(body: unknown): CoreBetRequest | null {
  if (typeof body !== 'object' || body === null) return null;
  const r = body as Record<string, unknown>;
  const ok =
    typeof r.idempotencyKey === 'string' && IDEMPOTENCY_KEY.test(r.idempotencyKey) &&
    typeof r.playerId === 'string' && r.playerId.length > 0 && r.playerId.length <= 128 &&
    typeof r.jurisdiction === 'string' && r.jurisdiction.length > 0 &&
    typeof r.edgeNodeId === 'string' &&
    typeof r.eventId === 'string' && EVENT_ID.test(r.eventId) &&
    typeof r.marketId === 'string' && MARKET_ID.test(r.marketId) &&
    typeof r.selectionId === 'string' && SELECTION_ID.test(r.selectionId) &&
    Number.isSafeInteger(r.price) && (r.price as number) > 0 &&
    Number.isSafeInteger(r.priceSeq) &&
    typeof r.priceOffset === 'string' &&
    typeof r.acceptPriceChange === 'string' && POLICIES.has(r.acceptPriceChange) &&
    Number.isSafeInteger(r.stake) && (r.stake as number) > 0 &&
    typeof r.currency === 'string' && CURRENCY.test(r.currency) &&
    typeof r.deadline === 'number' && Number.isFinite(r.deadline);
  return ok ? (body as CoreBetRequest) : null;
}

/**
 * What makes a repeat "the same bet": everything the player chose. The edge's
 * bookkeeping (edgeNodeId, priceSeq, priceOffset, deadline) may differ on a
 * retry through another node and is left out.
 */
export function fingerprint(r: CoreBetRequest): string {
  return createHash('sha256')
    .update(`${r.jurisdiction}\n${r.eventId}\n${r.marketId}\n${r.selectionId}\n${r.price}\n${r.acceptPriceChange}\n${r.stake}\n${r.currency}`)
    .digest('base64url')
    .slice(0, 22);
}

const reject = (reason: CoreRejectReason, currentPrice?: number): CoreBetResponse =>
  currentPrice === undefined ? { outcome: 'rejected', reason } : { outcome: 'rejected', reason, currentPrice };

/**
 * The core's own price check against the market as it is now. Higher decimal
 * odds are better for the player: 'none' needs the exact price, 'better'
 * takes the current one if it is at least the requested one, 'any' takes the
 * current one. Returns the rejection, or the price the bet stands at.
 */
export function checkPrice(market: MarketState | null, r: CoreBetRequest): CoreBetResponse | { acceptedPrice: number } {
  if (!market) return reject('unknown_market');
  if (market.status === MarketStatus.MARKET_STATUS_CLOSED) return reject('market_closed');
  if (market.status !== MarketStatus.MARKET_STATUS_OPEN) return reject('market_suspended');
  const selection = market.selections.find((s) => s.id === r.selectionId);
  if (!selection || selection.price <= 0) return reject('unknown_selection');
  const current = selection.price;
  const ok = current === r.price || r.acceptPriceChange === 'any' || (r.acceptPriceChange === 'better' && current > r.price);
  return ok ? { acceptedPrice: current } : reject('price_changed', current);
}
