import type { BetRequest } from '../protocol/codec.js';
import { MarketStatus, PriceChangePolicy, RejectReason, type OddsUpdateMessage } from '../protocol/wire.js';

/** The part of an event's last-value cache a bet check reads. */
export interface PriceView {
  readonly stale: boolean;
  readonly markets: ReadonlyMap<string, { readonly message: OddsUpdateMessage; readonly seq: number }>;
}

export type PriceLookup = (eventId: string) => PriceView | undefined;

export type PriceCheck =
  | { ok: true; seq: number; offset: string }
  | { ok: false; reason: RejectReason; message: string; currentPrice?: number; offset: string };

/**
 * The edge's check of a bet against what it knows now, before any network
 * hop: market open, feed live, price still acceptable under the player's
 * policy. The core checks again against its own view when it decides.
 */
export function checkPrice(view: PriceView | undefined, bet: BetRequest): PriceCheck {
  if (!view) return { ok: false, reason: RejectReason.REJECT_REASON_EVENT_NOT_SUBSCRIBED, message: 'subscribe to the event before betting on it', offset: '' };
  const market = view.markets.get(bet.marketId);
  if (!market) return { ok: false, reason: RejectReason.REJECT_REASON_UNKNOWN_SELECTION, message: `no market ${bet.marketId}`, offset: '' };
  const offset = market.message.offset;
  if (view.stale) return { ok: false, reason: RejectReason.REJECT_REASON_MARKET_SUSPENDED, message: 'the odds feed is stale', offset };
  if (market.message.status === MarketStatus.MARKET_STATUS_CLOSED) return { ok: false, reason: RejectReason.REJECT_REASON_MARKET_CLOSED, message: 'market closed', offset };
  if (market.message.status !== MarketStatus.MARKET_STATUS_OPEN) return { ok: false, reason: RejectReason.REJECT_REASON_MARKET_SUSPENDED, message: 'market suspended', offset };
  const selection = market.message.selections.find((s) => s.id === bet.selectionId);
  if (!selection || !selection.price) return { ok: false, reason: RejectReason.REJECT_REASON_UNKNOWN_SELECTION, message: `no priced selection ${bet.selectionId}`, offset };
  const current = selection.price;
  const acceptable =
    bet.acceptPriceChange === PriceChangePolicy.PRICE_CHANGE_POLICY_ANY ||
    current === bet.price ||
    (bet.acceptPriceChange === PriceChangePolicy.PRICE_CHANGE_POLICY_BETTER && current > bet.price);
  if (!acceptable) return { ok: false, reason: RejectReason.REJECT_REASON_PRICE_CHANGED, message: `price is now ${current}`, currentPrice: current, offset };
  return { ok: true, seq: market.seq, offset };
}
