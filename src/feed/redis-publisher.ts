import type { ChainableCommander } from 'ioredis';
import { PublishNotReplicatedError } from '../errors.js';
import { shardLabel, type ShardSpec } from '../config/load.js';
import { DEFAULT_SHARD_LOG_MAX_LEN, FeedKeys } from './redis-keys.js';
import { ShardRing } from './shard-ring.js';
import { encodeInfoPayload, type EventInfoInput } from './event-info.js';
import { encodeUpdatePayload, newEpoch, type InfoResult, type MarketUpdate, type OddsPublisher, type PublishResult } from './odds-update.js';
import { closeRedis } from '../util/close-redis.js';
import { connectShard, type ShardClient } from './shard-connection.js';

/**
 * Both scripts write up to five keys and Redis does not undo a script's
 * writes when a later command fails: a key of the wrong type (KEYS[1]
 * stream, 2 snapshot hash, 3 catalogue, 4 log, 5 log sequence; an operator's
 * mistake or another tool on the same prefix) would leave a seq taken with
 * no entry (a gap every reader sees), or an entry in the event's stream that
 * the log lacks while the publish reports failure. So the types are checked
 * first, and a wrong one fails the publish with nothing written.
 */
const KEY_TYPES_GUARD = `
for i, want in ipairs({'stream', 'hash', 'zset', 'stream', 'string'}) do
  local found = redis.call('TYPE', KEYS[i]).ok
  if found ~= 'none' and found ~= want then
    return redis.error_reply('WRONGTYPE ' .. KEYS[i] .. ' holds a ' .. found .. ', not a ' .. want .. ': nothing was written')
  end
end`;

/**
 * Appends one update and updates the event's snapshot in one atomic step, so
 * a reader that takes the snapshot (HGETALL) and then tails the stream from
 * its _offset sees every update exactly once. The sequence number increases
 * by exactly 1 per event and epoch; a missing snapshot hash means the stream
 * is new (or Redis lost its data), and it starts over under a fresh epoch.
 * With ARGV[7] = 1 the event's score in the shard's catalogue becomes now
 * (the publisher asks for it at most once a second per event: a ZADD on
 * every update cost the publish path 15-30 % of its throughput).
 *
 * The same entry then goes to the shard's log (redis-keys.ts), with the
 * event id, its id in the event's stream (o: the offset clients see and
 * resume with; the log's own id is only a node's position in the shard)
 * and the shard's next sequence number n. The whole payload, not an index:
 * a node reading the log needs no second round trip. One script writes
 * both, so the log holds each event's entries in its stream's order.
 *
 * KEYS[1] stream, KEYS[2] snapshot hash, KEYS[3] catalogue, KEYS[4] log, KEYS[5] log sequence
 * ARGV[1] market id, ARGV[2] payload, ARGV[3] max stream length, ARGV[4] epoch if new,
 * ARGV[5] now (ms), ARGV[6] event id, ARGV[7] 1: touch the catalogue, ARGV[8] max log length (~)
 */
const PUBLISH_SCRIPT = `${KEY_TYPES_GUARD}
local epoch = redis.call('HGET', KEYS[2], '_epoch')
if not epoch then
  epoch = ARGV[4]
  redis.call('DEL', KEYS[1])
end
local seq = redis.call('HINCRBY', KEYS[2], '_seq', 1)
local id = redis.call('XADD', KEYS[1], 'MAXLEN', ARGV[3], '*', 'e', epoch, 's', seq, 'p', ARGV[2])
redis.call('HSET', KEYS[2], '_epoch', epoch, '_offset', id, 'm:' .. ARGV[1], ARGV[2], 'q:' .. ARGV[1], seq .. ' ' .. id)
if ARGV[7] == '1' then redis.call('ZADD', KEYS[3], ARGV[5], ARGV[6]) end
local n = redis.call('INCR', KEYS[5])
redis.call('XADD', KEYS[4], 'MAXLEN', '~', ARGV[8], '*', 'ev', ARGV[6], 'e', epoch, 's', seq, 'o', id, 'n', n, 'p', ARGV[2])
return {seq, id, epoch}
`;

/**
 * Stores an event's display data under the next info version (_iv) in its
 * snapshot hash and, once the event has a stream, appends it there as an
 * info entry (fields e, s, v, i: no p) carrying the event's current seq
 * without taking one: tailing nodes learn of it in order with the odds,
 * and the seq chain is untouched. Before the first odds update there is no
 * stream (nor epoch) yet: the info waits in the hash and the first snapshot
 * carries it (and the event joins the catalogue with its first update). One atomic step, so a snapshot's _info is always the info of
 * its stream's newest info entry (_iv = v). The info entry goes to the
 * shard's log as well (ev, e, s, o, n, v, i: no p), so display data stays
 * in order with the odds there too.
 *
 * The version is max(previous + 1, now in ms): it increases per change and
 * also across a store that lost its data (a shard restarted empty counts on
 * from the clock, not from 1), so "ignore a version not above the one you
 * hold" stays right for nodes and clients that held the old one.
 *
 * KEYS[1] stream, KEYS[2] snapshot hash, KEYS[3] catalogue, KEYS[4] log, KEYS[5] log sequence
 * ARGV[1] payload, ARGV[2] max stream length, ARGV[3] now (ms), ARGV[4] event id, ARGV[5] max log length (~)
 */
const INFO_SCRIPT = `${KEY_TYPES_GUARD}
local version = math.max((tonumber(redis.call('HGET', KEYS[2], '_iv')) or 0) + 1, tonumber(ARGV[3]))
version = string.format('%.0f', version)
redis.call('HSET', KEYS[2], '_iv', version, '_info', ARGV[1])
local epoch = redis.call('HGET', KEYS[2], '_epoch')
if epoch then
  redis.call('ZADD', KEYS[3], ARGV[3], ARGV[4])
  local seq = redis.call('HGET', KEYS[2], '_seq')
  local id = redis.call('XADD', KEYS[1], 'MAXLEN', ARGV[2], '*', 'e', epoch, 's', seq, 'v', version, 'i', ARGV[1])
  local n = redis.call('INCR', KEYS[5])
  redis.call('XADD', KEYS[4], 'MAXLEN', '~', ARGV[5], '*', 'ev', ARGV[4], 'e', epoch, 's', seq, 'o', id, 'n', n, 'v', version, 'i', ARGV[1])
end
return tonumber(version)
`;

/** Events idle (no publish) longer than this leave the shard's catalogue (trimmed with each heartbeat). */
const CATALOGUE_IDLE_MS = 24 * 60 * 60 * 1000;
/** An event's catalogue score is refreshed at most this often by odds updates (info always refreshes it). */
const CATALOGUE_TOUCH_MS = 1_000;

export interface RedisPublisherOptions {
  shards: ShardSpec[];
  keyPrefix: string;
  streamMaxLen: number;
  /** Entries kept in each shard's log (MAXLEN ~); default DEFAULT_SHARD_LOG_MAX_LEN (100,000). */
  shardLogMaxLen?: number;
  /** Heartbeat period per shard; 0 sends none (a one-shot publish). */
  heartbeatMs: number;
  commandTimeoutMs?: number;
  /** After each publish, wait until this many replicas hold it (Redis WAIT); 0 (the default): don't. */
  waitReplicas?: number;
  /** Longest that wait lasts; fewer acknowledgements fail the publish with PublishNotReplicatedError. */
  waitTimeoutMs?: number;
  onConnectionError?: (shard: string, err: Error) => void;
}

type PublishArgs = [stream: string, snap: string, catalogue: string, log: string, logSeq: string, marketId: string, payload: Uint8Array, maxLen: number, epoch: string, nowMs: number, eventId: string, touch: 0 | 1, logMaxLen: number];
type InfoArgs = [stream: string, snap: string, catalogue: string, log: string, logSeq: string, payload: Uint8Array, maxLen: number, nowMs: number, eventId: string, logMaxLen: number];
type ScriptedPipeline = ChainableCommander & { ogPublish(...args: PublishArgs): ScriptedPipeline; ogPublishInfo(...args: InfoArgs): ScriptedPipeline };
type ScriptedRedis = ShardClient & {
  ogPublish(...args: PublishArgs): Promise<[number, string, string]>;
  ogPublishInfo(...args: InfoArgs): Promise<number>;
};

/** A shard's connection and its keys (tagged with the shard's name on a Cluster). */
interface PublisherShard {
  spec: ShardSpec;
  client: ScriptedRedis;
  keys: FeedKeys;
}

/** Publishes odds to the shard the ring assigns to each event, and heartbeats every shard. */
export class RedisOddsPublisher implements OddsPublisher {
  private readonly ring: ShardRing;
  private readonly shards = new Map<string, PublisherShard>();
  private heartbeatTimer: NodeJS.Timeout | undefined;
  /** When each event's catalogue score was last refreshed by this publisher (cleared with each heartbeat, so it stays small). */
  private readonly touchedAt = new Map<string, number>();

  constructor(private readonly options: RedisPublisherOptions) {
    this.ring = new ShardRing(options.shards);
    for (const shard of options.shards) {
      // WAIT blocks its connection for up to waitTimeoutMs: the command timeout must outlast it.
      const commandTimeout = (options.commandTimeoutMs ?? 2_000) + (options.waitTimeoutMs ?? 0);
      const client = connectShard(shard, { commandTimeout, maxRetriesPerRequest: 2, lazyConnect: true }) as ScriptedRedis;
      client.defineCommand('ogPublish', { numberOfKeys: 5, lua: PUBLISH_SCRIPT });
      client.defineCommand('ogPublishInfo', { numberOfKeys: 5, lua: INFO_SCRIPT });
      // Connection errors reach callers as rejected publishes; ioredis reconnects by itself.
      client.on('error', (err: Error) => options.onConnectionError?.(shardLabel(shard), err));
      this.shards.set(shard.name, { spec: shard, client, keys: FeedKeys.forShard(options.keyPrefix, shard) });
    }
  }

  async start(): Promise<void> {
    await Promise.all([...this.shards.values()].map((s) => s.client.connect()));
    if (this.options.heartbeatMs > 0) {
      await this.heartbeat();
      this.heartbeatTimer = setInterval(() => void this.heartbeat(), this.options.heartbeatMs);
    }
  }

  async publish(update: MarketUpdate): Promise<PublishResult> {
    const payload = encodeUpdatePayload(update);
    const shard = this.shards.get(this.ring.shardFor(update.eventId).name)!;
    const { keys } = shard;
    const now = Date.now();
    const touched = this.touchedAt.get(update.eventId);
    const touch = touched === undefined || now - touched >= CATALOGUE_TOUCH_MS;
    if (touch) this.touchedAt.set(update.eventId, now);
    const args: PublishArgs = [
      keys.stream(update.eventId),
      keys.snapshot(update.eventId),
      keys.catalogue,
      keys.log,
      keys.logSeq,
      update.marketId,
      payload,
      this.options.streamMaxLen,
      newEpoch(),
      now,
      update.eventId,
      touch ? 1 : 0,
      this.shardLogMaxLen,
    ];
    const [seq, offset, epoch] = this.waitReplicas === 0 ? await shard.client.ogPublish(...args) : await this.replicated<[number, string, string]>(shard, (shard.client.pipeline() as ScriptedPipeline).ogPublish(...args));
    return { seq: Number(seq), offset, epoch };
  }

  private get shardLogMaxLen(): number {
    return this.options.shardLogMaxLen ?? DEFAULT_SHARD_LOG_MAX_LEN;
  }

  private get waitReplicas(): number {
    return this.options.waitReplicas ?? 0;
  }

  /**
   * The script, then WAIT, in one pipeline: WAIT cannot run inside a script;
   * sent right behind it on the same connection it waits for every write
   * before it there, this one included, and a pipeline goes to one node even
   * on a Cluster (a keyless WAIT alone would go to any). Replication is
   * asynchronous: without it, a promoted replica may lack the last
   * acknowledged publishes (readers then REPLACE: shard-reader.ts).
   */
  private async replicated<T>(shard: PublisherShard, script: ScriptedPipeline): Promise<T> {
    const wanted = this.waitReplicas;
    const [[scriptErr, reply], [waitErr, acknowledged]] = ((await script.wait(wanted, this.options.waitTimeoutMs ?? 100).exec()) ?? []) as Array<[Error | null, unknown]>;
    if (scriptErr) throw scriptErr;
    if (waitErr) throw waitErr;
    if ((acknowledged as number) < wanted) throw new PublishNotReplicatedError(shardLabel(shard.spec), acknowledged as number, wanted);
    return reply as T;
  }

  async publishInfo(info: EventInfoInput): Promise<InfoResult> {
    const payload = encodeInfoPayload(info);
    const shard = this.shards.get(this.ring.shardFor(info.eventId).name)!;
    const { keys } = shard;
    const args: InfoArgs = [
      keys.stream(info.eventId),
      keys.snapshot(info.eventId),
      keys.catalogue,
      keys.log,
      keys.logSeq,
      payload,
      this.options.streamMaxLen,
      Date.now(),
      info.eventId,
      this.shardLogMaxLen,
    ];
    const version = this.waitReplicas === 0 ? await shard.client.ogPublishInfo(...args) : await this.replicated<number>(shard, (shard.client.pipeline() as ScriptedPipeline).ogPublishInfo(...args));
    return { version: Number(version) };
  }

  shardFor(eventId: string): string {
    return this.ring.shardFor(eventId).name;
  }

  /** One heartbeat entry on every shard, which also trims the shard's catalogue; a shard that fails is skipped until the next beat. */
  async heartbeat(): Promise<void> {
    const now = Date.now();
    this.touchedAt.clear(); // the next update of each event refreshes its score: at worst once a heartbeat, at best once a second
    await Promise.all(
      [...this.shards.values()].map(({ client, keys }) =>
        client
          .multi()
          .xadd(keys.heartbeat, 'MAXLEN', '16', '*', 't', String(now))
          .zremrangebyscore(keys.catalogue, '-inf', `(${now - CATALOGUE_IDLE_MS}`)
          .exec()
          .catch(() => {
            // A shard that is down misses this beat; its edge nodes see it as stale, which is the point.
          }),
      ),
    );
  }

  async stop(): Promise<void> {
    clearInterval(this.heartbeatTimer);
    await Promise.all([...this.shards.values()].map((s) => closeRedis(s.client)));
  }
}
