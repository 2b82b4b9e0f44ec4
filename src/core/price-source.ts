import { Redis } from 'ioredis';
import type { ShardSpec } from '../config/load.js';
import type { InProcessOddsStore } from '../feed/in-process-store.js';
import { FeedKeys } from '../feed/redis-keys.js';
import { ShardRing } from '../feed/shard-ring.js';
import { pb, type OddsUpdateMessage } from '../protocol/wire.js';

/** Where the reference core reads a market's state at decision time. */
export interface PriceSource {
  market(eventId: string, marketId: string): Promise<OddsUpdateMessage | null>;
  close(): Promise<void>;
}

/** Reads the event's snapshot hash on its shard: the same data the edges start from. */
export class RedisPriceSource implements PriceSource {
  private readonly ring: ShardRing;
  private readonly keys: FeedKeys;
  private readonly clients = new Map<string, Redis>();

  constructor(shards: ShardSpec[], keyPrefix: string) {
    this.ring = new ShardRing(shards);
    this.keys = new FeedKeys(keyPrefix);
    for (const s of shards) {
      const client = new Redis(s.url, { maxRetriesPerRequest: 1 });
      client.on('error', () => undefined); // a failed read becomes an HTTP 500 for that bet
      this.clients.set(s.name, client);
    }
  }

  async market(eventId: string, marketId: string): Promise<OddsUpdateMessage | null> {
    const client = this.clients.get(this.ring.shardFor(eventId).name)!;
    const payload = await client.hgetBuffer(this.keys.snapshot(eventId), `m:${marketId}`);
    return payload ? pb.OddsUpdate.decode(payload) : null;
  }

  async close(): Promise<void> {
    await Promise.all([...this.clients.values()].map((c) => c.quit().catch(() => c.disconnect())));
  }
}

/** Reads the embedded in-process store. */
export class InProcessPriceSource implements PriceSource {
  constructor(private readonly store: InProcessOddsStore) {}

  async market(eventId: string, marketId: string): Promise<OddsUpdateMessage | null> {
    const market = this.store.market(eventId, marketId);
    return market ? pb.OddsUpdate.decode(market.payload) : null;
  }

  async close(): Promise<void> {}
}
