import type { ShardSpec } from '../config/load.js';

/**
 * Entries the publisher keeps in a shard's log (MAXLEN ~) unless told
 * otherwise (shardLogMaxLen): it needs to cover a node's hiccup only, at a
 * kick-off spike (~27,000 updates/s per shard) for ~3 s; a node further
 * behind catches up from the events' own streams.
 */
export const DEFAULT_SHARD_LOG_MAX_LEN = 100_000;

/**
 * Redis key layout of the odds feed, on a listed shard (redisShards). Both
 * keys of an event carry the event id as a hash tag.
 *
 *  <prefix>{<event>}:stream   stream of updates; fields e (epoch), s (seq), p (payload);
 *                             and of display data: e, s (the seq it follows), v (info
 *                             version), i (EventInfo payload) — no p, takes no seq
 *  <prefix>{<event>}:snap     hash: _epoch, _seq, _offset, m:<market> (payload),
 *                             q:<market> ("<seq> <offset>" of the market's last update),
 *                             _iv (info version), _info (EventInfo payload)
 *  <prefix>heartbeat          per-shard stream of publisher heartbeats; field t (ms)
 *  <prefix>events             per-shard catalogue: sorted set of event ids scored by
 *                             their last publish (ms); the publish scripts write it
 *  <prefix>log                per-shard log: every entry of every event stream of the
 *                             shard again, in publish order, written by the same script
 *                             call (trimmed to about shardLogMaxLen); fields ev (event id),
 *                             e, s, o (the entry's id in the event's stream: the offset
 *                             clients see), n (the shard's sequence, logseq), and p, or
 *                             v and i for display data. Nodes on feedReadPath "log" tail
 *                             this one key instead of every open event's stream
 *                             (loadtest/read-path/DESIGN.md)
 *  <prefix>logseq             per-shard counter: the n of the log's newest entry, +1 per
 *                             entry; a node that sees n jump ahead (entries trimmed under
 *                             it) or go back (a restored or promoted store) catches up
 *                             every open event from its own stream
 *
 * The catalogue is one key per shard, written by the same scripts as the
 * event's keys: on a listed shard (one Redis primary) all keys live on one
 * server. On a Redis Cluster a script may only touch keys of one slot, and a
 * blocking XREAD may only name keys of one slot: with a tag per event, a
 * node would need a blocking read per open event's slot (thousands of
 * connections, or polling) and the catalogue could not be written with the
 * update. So a cluster shard (config/load.ts feedShards) puts its name as
 * the hash tag in front of every key, `<prefix>{<shard>}:<event>:stream`,
 * `...:snap`, `<prefix>{<shard>}:heartbeat`, `<prefix>{<shard>}:events`,
 * `<prefix>{<shard>}:log`, `<prefix>{<shard>}:logseq`: an event's stream,
 * snapshot and seq still share a slot, with its shard's heartbeat,
 * catalogue and log, and the reader tails a cluster shard exactly as a
 * listed one. The cluster moves shards, not events. On a listed shard the
 * log and logseq are untagged beside `{event}`-tagged keys, as the
 * catalogue is: one primary holds them all.
 */
export class FeedKeys {
  /** Where the shard's keys start: the prefix, then on a Cluster shard its hash tag. */
  private readonly shardPrefix: string;
  /** The shard's own keys, built once: a reader names the heartbeat on every read. */
  readonly heartbeat: string;
  readonly catalogue: string;
  readonly log: string;
  readonly logSeq: string;

  constructor(
    readonly prefix: string,
    /** A Redis Cluster shard's hash tag (its name); none for a listed shard. */
    private readonly tag?: string,
  ) {
    this.shardPrefix = tag === undefined ? prefix : `${prefix}{${tag}}:`;
    this.heartbeat = `${this.shardPrefix}heartbeat`;
    this.catalogue = `${this.shardPrefix}events`;
    this.log = `${this.shardPrefix}log`;
    this.logSeq = `${this.shardPrefix}logseq`;
  }

  /** The keys of one shard: tagged with its name on a Cluster. */
  static forShard(prefix: string, shard: ShardSpec): FeedKeys {
    return new FeedKeys(prefix, shard.cluster ? shard.name : undefined);
  }

  stream(eventId: string): string {
    return this.tag === undefined ? `${this.prefix}{${eventId}}:stream` : `${this.shardPrefix}${eventId}:stream`;
  }

  snapshot(eventId: string): string {
    return this.tag === undefined ? `${this.prefix}{${eventId}}:snap` : `${this.shardPrefix}${eventId}:snap`;
  }
}
