import { shardLabel, type ShardSpec } from '../config/load.js';
import { FeedKeys } from '../feed/redis-keys.js';
import { connectShard, type ShardClient } from '../feed/shard-connection.js';
import { ShardRing } from '../feed/shard-ring.js';
import { marketFromPayload, type MarketState, type PriceSource } from './price-source.js';
import { closeRedis } from '../util/close-redis.js';

export interface RedisPriceSourceOptions {
  /** The feed's shard list and key prefix (redisShards, keyPrefix): the ring must match the publisher's. */
  shards: ShardSpec[];
  keyPrefix: string;
  commandTimeoutMs?: number;
  onConnectionError?: (shard: string, err: Error) => void;
}

/** Reads `m:<marketId>` of the event's snapshot hash on the shard the ring assigns to the event. */
export class RedisPriceSource implements PriceSource {
  private readonly ring: ShardRing;
  private readonly clients = new Map<string, { client: ShardClient; keys: FeedKeys }>();

  constructor(options: RedisPriceSourceOptions) {
    this.ring = new ShardRing(options.shards);
    for (const shard of options.shards) {
      const client = connectShard(shard, { maxRetriesPerRequest: 1, commandTimeout: options.commandTimeoutMs ?? 2_000 });
      // A failed read rejects the request (HTTP 500); ioredis reconnects by itself.
      client.on('error', (err: Error) => options.onConnectionError?.(shardLabel(shard), err));
      this.clients.set(shard.name, { client, keys: FeedKeys.forShard(options.keyPrefix, shard) });
    }
  }

  async market(eventId: string, marketId: string): Promise<MarketState | null> {
    const { client, keys } = this.clients.get(this.ring.shardFor(eventId).name)!;
    const payload = await client.hgetBuffer(keys.snapshot(eventId), `m:${marketId}`);
    if (payload === null) return null;
    return marketFromPayload(payload);
  }

  async close(): Promise<void> {
    await Promise.all([...this.clients.values()].map((c) => closeRedis(c.client)));
  }
}
