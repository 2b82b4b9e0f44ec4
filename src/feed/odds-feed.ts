import { OddsgateError, type FeedFormatError } from '../errors.js';
import type { EventInfoMessage, OddsUpdateMessage } from '../protocol/wire.js';

/**
 * The odds feed as the hub sees it: per event, one ordered, gap-free
 * sequence of a snapshot followed by the entries after it.
 *
 * Contract every implementation keeps (the Redis stream feed and the
 * in-process feed run the same test suite):
 *  - everything handed to the listener was decoded and checked first: an
 *    entry or snapshot the store returns that is not in the oddsgate format
 *    never reaches the hub (it is counted and logged as a FeedFormatError);
 *  - open() resolves only after listener.snapshot(eventId, _, 'open') ran;
 *  - listener.entries() then receives every entry after the snapshot, in
 *    order, each with seq = previous + 1, the same epoch and a later offset;
 *  - listener.info() receives the event's display data as it changes, in
 *    order with the entries (an info entry continues the history at the seq
 *    the feed holds, without taking one); the snapshot carries the info
 *    current at its position. Info that cannot be decoded is counted, logged
 *    and left out: never a resync, never an unavailable event;
 *  - when that cannot hold (entries trimmed away while the node was cut off,
 *    the stream recreated with a new epoch, a history rewritten under the
 *    same epoch by a restore from older data), the feed calls
 *    listener.snapshot(eventId, _, 'resync') with a fresh consistent snapshot
 *    and continues from there. It never skips silently;
 *  - if no consistent snapshot can be had (it is undecodable, or the store
 *    lost the event), listener.unavailable() says so and the feed retries
 *    with backoff; the next snapshot('resync') ends it;
 *  - stale(ids, false) for an event never precedes the resync snapshot that
 *    the event was waiting for: missed state first, then "live again".
 */
export interface FeedEntry {
  epoch: string;
  seq: number;
  /** Stream id (ms-seq) of the entry. */
  offset: string;
  /** The decoded, checked update, stamped with seq and offset. */
  update: OddsUpdateMessage;
  /** The update's bytes as published, without seq and offset: frames are spliced from them (src/protocol/odds-frame.ts). */
  payload: Uint8Array;
}

/** One market's update read back from a store: decoded and checked (stamped with its seq and offset), and its bytes as published, without them. */
export interface CheckedUpdate {
  update: OddsUpdateMessage;
  payload: Uint8Array;
}

/**
 * Display data read from an event's stream (OddsPublisher.publishInfo):
 * outside the seq chain. `seq` is the event's seq when it was written (it
 * takes none); its offset moves the read position, never the delivered one.
 */
export interface FeedInfoEntry {
  epoch: string;
  seq: number;
  offset: string;
  /** Decoded, checked, stamped with its version. */
  info: EventInfoMessage;
}

/** What a stream holds: odds entries, and info entries between them. */
export type StreamRecord = FeedEntry | FeedInfoEntry;

export interface EventSnapshot {
  eventId: string;
  epoch: string;
  seq: number;
  offset: string;
  /** Every market's last update, decoded and checked, each stamped with its own seq and offset. */
  markets: CheckedUpdate[];
  /** The event's display data, decoded and checked; undefined when none was published or it cannot be decoded (infoError). */
  info?: EventInfoMessage;
  /** The stored info is not in the oddsgate format: the snapshot stands without it (display data never makes an event unavailable). */
  infoError?: FeedFormatError;
}

export interface FeedListener {
  snapshot(eventId: string, snapshot: EventSnapshot, reason: 'open' | 'resync'): void;
  entries(eventId: string, entries: FeedEntry[]): void;
  /** New display data, in stream order with the entries; the listener ignores a version not above the one it holds. */
  info(eventId: string, info: EventInfoMessage): void;
  /** The events' feed went stale (no heartbeat, hung connection) or recovered. */
  stale(eventIds: string[], stale: boolean): void;
  /** The event cannot be served until its next snapshot('resync'): `reason` is what its new subscribers are refused with. */
  unavailable(eventId: string, reason: Error): void;
}

export interface ShardState {
  name: string;
  /** The node can talk to the shard. */
  reachable: boolean;
  /** No publisher heartbeat within feedStaleMs. */
  stale: boolean;
  openEvents: number;
  /** Why the shard cannot be served although the node reaches it (a log key of the wrong type, an old publisher); absent when nothing. */
  problem?: string;
}

export interface OddsFeed {
  setListener(listener: FeedListener): void;
  start(): Promise<void>;
  /** Starts reading an event. Rejects with UnknownEventError or FeedUnavailableError. */
  open(eventId: string): Promise<void>;
  /** Stops reading an event. */
  close(eventId: string): void;
  /**
   * Reads of the event's stream for one resume replay. Reserves one of the
   * shard's concurrent replay slots until release() (maxRangeReadsPerShard),
   * after a short wait at most; rejects with FeedRangeBusyError when too many
   * replays are already running or waiting. A failed read never changes the
   * shard's health.
   */
  replay(eventId: string): Promise<StreamReplay>;
  /** The listener found the event's state inconsistent: deliver a fresh snapshot('resync'). */
  resync(eventId: string): void;
  shards(): ShardState[];
  stop(): Promise<void>;
}

/** One resume replay's reads of one event's stream (OddsFeed.replay). */
export interface StreamReplay {
  /**
   * Entries from `from` to `to`, both inclusive, oldest first, at most
   * `count`; undecodable entries are left out (counted). Rejects with
   * FeedUnavailableError (or FeedFormatError) when the stream cannot be read.
   */
  range(from: string, to: string, count: number): Promise<FeedEntry[]>;
  /** Frees the slot (once; later calls do nothing). */
  release(): void;
}

/** The event's shard already runs its most concurrent resume replays (maxRangeReadsPerShard): serve a snapshot instead. */
export class FeedRangeBusyError extends OddsgateError {
  constructor(readonly shard: string) {
    super('OG_FEED_RANGE_BUSY', `feed shard ${shard} already runs its most concurrent resume replays (maxRangeReadsPerShard)`);
  }
}
