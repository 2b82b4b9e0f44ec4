import type { ShardSpec } from '../config/load.js';
import type { Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import type { FeedListener, OddsFeed, ShardState, StreamReplay } from './odds-feed.js';
import { FeedKeys } from './redis-keys.js';
import { LogShardReader } from './log-shard-reader.js';
import type { ShardReader } from './shard-reader.js';
import { StreamShardReader } from './stream-shard-reader.js';
import { ShardRing } from './shard-ring.js';

export interface RedisFeedOptions {
  shards: ShardSpec[];
  keyPrefix: string;
  /** How each shard is tailed: every open event's stream, or the shard's log (loadtest/read-path/DESIGN.md). */
  readPath: 'streams' | 'log';
  xreadBlockMs: number;
  xreadCount: number;
  feedStaleMs: number;
  commandTimeoutMs: number;
  /** Most resume replays reading at once per shard. */
  maxRangeReadsPerShard: number;
  log: Logger;
  metrics: Pick<Metrics, 'resyncs' | 'feedFormatErrors' | 'redisReads' | 'redisReadEntries' | 'redisReadLag' | 'redisReadSkipped'>;
}

/** The odds feed read from Redis Streams spread over shards by the shared ring; one ShardReader per shard, of the read path configured. */
export class RedisStreamFeed implements OddsFeed {
  private readonly ring: ShardRing;
  private readonly readers = new Map<string, ShardReader>();
  private listener: FeedListener | undefined;

  constructor(options: RedisFeedOptions) {
    this.ring = new ShardRing(options.shards);
    for (const shard of options.shards) {
      const readerOptions = { ...options, keys: FeedKeys.forShard(options.keyPrefix, shard), maxRangeReads: options.maxRangeReadsPerShard };
      const Reader = options.readPath === 'log' ? LogShardReader : StreamShardReader;
      this.readers.set(shard.name, new Reader(shard, readerOptions, () => this.listener!));
    }
  }

  setListener(listener: FeedListener): void {
    this.listener = listener;
  }

  /** Connects every shard; waits for them (up to commandTimeoutMs) so the first clients find them ready. */
  async start(): Promise<void> {
    await Promise.all([...this.readers.values()].map((r) => r.start()));
  }

  open(eventId: string): Promise<void> {
    return this.readerFor(eventId).open(eventId);
  }

  close(eventId: string): void {
    this.readerFor(eventId).close(eventId);
  }

  replay(eventId: string): Promise<StreamReplay> {
    return this.readerFor(eventId).replay(eventId);
  }

  resync(eventId: string): void {
    this.readerFor(eventId).resync(eventId);
  }

  shards(): ShardState[] {
    return [...this.readers.values()].map((r) => r.state());
  }

  async stop(): Promise<void> {
    await Promise.all([...this.readers.values()].map((r) => r.stop()));
  }

  private readerFor(eventId: string): ShardReader {
    return this.readers.get(this.ring.shardFor(eventId).name)!;
  }
}
