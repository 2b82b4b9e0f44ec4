import { Redis } from 'ioredis';
import { shardLabel, type ShardSpec } from '../config/load.js';
import { FeedKeys } from './redis-keys.js';
import { ShardRing } from './shard-ring.js';
import { encodeUpdatePayload, newEpoch, type MarketUpdate, type OddsPublisher, type PublishResult } from './odds-update.js';
import { closeRedis } from '../util/close-redis.js';

/**
 * Appends one update and updates the event's snapshot in one atomic step, so
 * a reader that takes the snapshot (HGETALL) and then tails the stream from
 * its _offset sees every update exactly once. The sequence number increases
 * by exactly 1 per event and epoch; a missing snapshot hash means the stream
 * is new (or Redis lost its data), and it starts over under a fresh epoch.
 *
 * KEYS[1] stream, KEYS[2] snapshot hash
 * ARGV[1] market id, ARGV[2] payload, ARGV[3] max stream length, ARGV[4] epoch if new
 */
const PUBLISH_SCRIPT = `
local epoch = redis.call('HGET', KEYS[2], '_epoch')
if not epoch then
  epoch = ARGV[4]
  redis.call('DEL', KEYS[1])
end
local seq = redis.call('HINCRBY', KEYS[2], '_seq', 1)
local id = redis.call('XADD', KEYS[1], 'MAXLEN', ARGV[3], '*', 'e', epoch, 's', seq, 'p', ARGV[2])
redis.call('HSET', KEYS[2], '_epoch', epoch, '_offset', id, 'm:' .. ARGV[1], ARGV[2], 'q:' .. ARGV[1], seq .. ' ' .. id)
return {seq, id, epoch}
`;

export interface RedisPublisherOptions {
  shards: ShardSpec[];
  keyPrefix: string;
  streamMaxLen: number;
  /** Heartbeat period per shard; 0 sends none (a one-shot publish). */
  heartbeatMs: number;
  commandTimeoutMs?: number;
  onConnectionError?: (shard: string, err: Error) => void;
}

type ScriptedRedis = Redis & {
  ogPublish(stream: string, snap: string, marketId: string, payload: Uint8Array, maxLen: number, epoch: string): Promise<[number, string, string]>;
};

/** Publishes odds to the shard the ring assigns to each event, and heartbeats every shard. */
export class RedisOddsPublisher implements OddsPublisher {
  private readonly ring: ShardRing;
  private readonly keys: FeedKeys;
  private readonly clients = new Map<string, ScriptedRedis>();
  private heartbeatTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: RedisPublisherOptions) {
    this.ring = new ShardRing(options.shards);
    this.keys = new FeedKeys(options.keyPrefix);
    for (const shard of options.shards) {
      const client = new Redis(shard.url, { commandTimeout: options.commandTimeoutMs ?? 2_000, maxRetriesPerRequest: 2, lazyConnect: true }) as ScriptedRedis;
      client.defineCommand('ogPublish', { numberOfKeys: 2, lua: PUBLISH_SCRIPT });
      // Connection errors reach callers as rejected publishes; ioredis reconnects by itself.
      client.on('error', (err: Error) => options.onConnectionError?.(shardLabel(shard), err));
      this.clients.set(shard.name, client);
    }
  }

  async start(): Promise<void> {
    await Promise.all([...this.clients.values()].map((c) => c.connect()));
    if (this.options.heartbeatMs > 0) {
      await this.heartbeat();
      this.heartbeatTimer = setInterval(() => void this.heartbeat(), this.options.heartbeatMs);
    }
  }

  async publish(update: MarketUpdate): Promise<PublishResult> {
    const payload = encodeUpdatePayload(update);
    const client = this.clients.get(this.ring.shardFor(update.eventId).name)!;
    const [seq, offset, epoch] = await client.ogPublish(
      this.keys.stream(update.eventId),
      this.keys.snapshot(update.eventId),
      update.marketId,
      payload,
      this.options.streamMaxLen,
      newEpoch(),
    );
    return { seq: Number(seq), offset, epoch };
  }

  shardFor(eventId: string): string {
    return this.ring.shardFor(eventId).name;
  }

  /** One heartbeat entry on every shard; a shard that fails is skipped until the next beat. */
  async heartbeat(): Promise<void> {
    await Promise.all(
      [...this.clients.values()].map((c) =>
        c.xadd(this.keys.heartbeat, 'MAXLEN', '16', '*', 't', String(Date.now())).catch(() => {
          // A shard that is down misses this beat; its edge nodes see it as stale, which is the point.
        }),
      ),
    );
  }

  async stop(): Promise<void> {
    clearInterval(this.heartbeatTimer);
    await Promise.all([...this.clients.values()].map(closeRedis));
  }
}
