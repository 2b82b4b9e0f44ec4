import { shardLabel, type ShardSpec } from '../config/load.js';
import type { Logger } from '../observability/logger.js';
import { closeRedis } from '../util/close-redis.js';
import { CATALOGUE_LIMITS, listing, selectListed, type EventCatalogue, type EventListing } from './event-catalogue.js';
import { FeedKeys } from './redis-keys.js';
import { connectShard, type ShardClient } from './shard-connection.js';

export interface RedisCatalogueOptions {
  shards: ShardSpec[];
  /** The feed's keys (their prefix); each shard's own are derived from it (a Cluster shard's carry its tag). */
  keys: FeedKeys;
  commandTimeoutMs: number;
  /** A listing is reused this long: a page reloaded by many browsers costs Redis one read per shard per period. */
  cacheMs: number;
  log: Logger;
}

/**
 * Reads the per-shard catalogues the publish scripts keep (<prefix>events,
 * event ids scored by last publish) and each listed event's display data
 * (_info in its snapshot hash): two round trips per shard, on a connection
 * of its own opened at the first listing, so the feed's reads never queue
 * behind it. A shard that cannot be read is left out of the listing
 * (logged at debug): listing is best effort, serving odds is not touched.
 */
export class RedisEventCatalogue implements EventCatalogue {
  private readonly conns = new Map<string, ShardClient>();
  private cached: { at: number; listing: Promise<EventListing[]> } | undefined;

  constructor(private readonly options: RedisCatalogueOptions) {}

  list(): Promise<EventListing[]> {
    const now = Date.now();
    if (!this.cached || now - this.cached.at >= this.options.cacheMs) this.cached = { at: now, listing: this.read(now) };
    return this.cached.listing;
  }

  async stop(): Promise<void> {
    await Promise.all([...this.conns.values()].map(closeRedis));
    this.conns.clear();
  }

  private async read(now: number): Promise<EventListing[]> {
    const perShard = await Promise.all(this.options.shards.map((shard) => this.readShard(shard)));
    return selectListed(perShard.flat(), now);
  }

  private async readShard(shard: ShardSpec): Promise<EventListing[]> {
    const keys = FeedKeys.forShard(this.options.keys.prefix, shard);
    try {
      const conn = this.connection(shard);
      const scored = await conn.zrevrange(keys.catalogue, 0, CATALOGUE_LIMITS.listed - 1, 'WITHSCORES');
      const ids: string[] = [];
      const scores: number[] = [];
      for (let i = 0; i + 1 < scored.length; i += 2) {
        ids.push(scored[i]);
        scores.push(Number(scored[i + 1]));
      }
      if (ids.length === 0) return [];
      const pipeline = conn.pipeline();
      for (const id of ids) pipeline.hmgetBuffer(keys.snapshot(id), '_info', '_iv');
      const infos = (await pipeline.exec()) ?? [];
      return ids.map((eventId, i) => {
        const [err, fields] = infos[i] ?? [new Error('no reply'), null];
        const [payload, version] = err ? [null, null] : (fields as Array<Buffer | null>);
        return listing(eventId, scores[i], payload ? { payload, version: Number(version?.toString()) } : undefined);
      });
    } catch (err) {
      this.options.log.debug({ shard: shardLabel(shard), err: (err as Error).message }, 'event catalogue unreadable; listing the other shards');
      return [];
    }
  }

  private connection(shard: ShardSpec): ShardClient {
    let conn = this.conns.get(shard.name);
    if (!conn) {
      conn = connectShard(shard, { lazyConnect: true, commandTimeout: this.options.commandTimeoutMs, maxRetriesPerRequest: 1 });
      conn.on('error', (err) => this.options.log.debug({ shard: shardLabel(shard), err: err.message }, 'catalogue connection error'));
      this.conns.set(shard.name, conn);
    }
    return conn;
  }
}
