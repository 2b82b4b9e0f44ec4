import type { InProcessOddsStore } from '../feed/in-process-store.js';
import { marketFromPayload, type MarketState, type PriceSource } from './price-source.js';

/** Reads the embedded in-process odds store (no Redis). */
export class InProcessPriceSource implements PriceSource {
  constructor(private readonly store: InProcessOddsStore) {}

  async market(eventId: string, marketId: string): Promise<MarketState | null> {
    const market = this.store.market(eventId, marketId);
    if (!market) return null;
    return marketFromPayload(market.payload);
  }

  async close(): Promise<void> {}
}
