import { createHash } from 'node:crypto';
import { coreBetRequest, type CoreBetRequest, type CoreBetResponse, type CoreRejectReason } from '../bets/core-contract.js';
import { MarketStatus } from '../protocol/wire.js';
import type { MarketState } from './price-source.js';

/** The request if the body is a well-formed CoreBetRequest (the contract's schema), else null. */
export function parseBetRequest(body: unknown): CoreBetRequest | null {
  const parsed = coreBetRequest.safeParse(body);
  return parsed.success ? parsed.data : null;
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
