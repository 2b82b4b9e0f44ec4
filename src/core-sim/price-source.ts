import { pb, type MarketStatus } from '../protocol/wire.js';

/** A market as the core sees it at decision time. */
export interface MarketState {
  status: MarketStatus;
  /** Prices are decimal odds x 1000. */
  selections: Array<{ id: string; price: number }>;
}

/**
 * Where the core reads the current state of a market: the odds snapshot the
 * edges start from. null: the market (or its event) has no snapshot.
 * Implementations: RedisPriceSource (the feed's shards), InProcessPriceSource.
 */
export interface PriceSource {
  market(eventId: string, marketId: string): Promise<MarketState | null>;
  close(): Promise<void>;
}

/** Decodes a snapshot payload (an encoded OddsUpdate) into the market's state. */
export function marketFromPayload(payload: Uint8Array): MarketState {
  const update = pb.OddsUpdate.decode(payload);
  return { status: update.status, selections: update.selections.map((s) => ({ id: s.id ?? '', price: s.price ?? 0 })) };
}
