/**
 * The odds feed as the hub sees it: per event, one ordered, gap-free
 * sequence of a snapshot followed by the entries after it.
 *
 * Contract every implementation keeps (the Redis stream feed and the
 * in-process feed run the same test suite):
 *  - open() resolves only after listener.snapshot(eventId, _, 'open') ran;
 *  - listener.entries() then receives every entry after the snapshot, in
 *    order, each with seq = previous + 1 and the same epoch;
 *  - when that cannot hold (entries trimmed away while the node was cut off,
 *    the stream recreated with a new epoch), the feed calls
 *    listener.snapshot(eventId, _, 'resync') with a fresh consistent snapshot
 *    and continues from there. It never skips silently.
 */
export interface FeedEntry {
  epoch: string;
  seq: number;
  /** Stream id (ms-seq) of the entry. */
  offset: string;
  /** Encoded OddsUpdate as published (no seq/offset yet). */
  payload: Uint8Array;
}

export interface MarketSnapshot {
  payload: Uint8Array;
  seq: number;
  offset: string;
}

export interface EventSnapshot {
  eventId: string;
  epoch: string;
  seq: number;
  offset: string;
  markets: MarketSnapshot[];
}

export interface FeedListener {
  snapshot(eventId: string, snapshot: EventSnapshot, reason: 'open' | 'resync'): void;
  entries(eventId: string, entries: FeedEntry[]): void;
  /** The events' feed went stale (no heartbeat, hung connection) or recovered. */
  stale(eventIds: string[], stale: boolean): void;
}

export interface ShardState {
  name: string;
  /** The node can talk to the shard. */
  reachable: boolean;
  /** No publisher heartbeat within feedStaleMs. */
  stale: boolean;
  openEvents: number;
}

export interface OddsFeed {
  setListener(listener: FeedListener): void;
  start(): Promise<void>;
  /** Starts reading an event. Rejects with UnknownEventError or FeedUnavailableError. */
  open(eventId: string): Promise<void>;
  /** Stops reading an event. */
  close(eventId: string): void;
  /** Entries from `from` to `to`, both inclusive, oldest first, at most `count`. */
  range(eventId: string, from: string, to: string, count: number): Promise<FeedEntry[]>;
  isStale(eventId: string): boolean;
  shards(): ShardState[];
  stop(): Promise<void>;
}
