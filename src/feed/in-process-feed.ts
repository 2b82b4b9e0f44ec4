import { EventInfoFormatError, FeedFormatError, FeedUnavailableError, UnknownEventError } from '../errors.js';
import type { Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import { EventCursor } from './event-cursor.js';
import { decodeEntry, decodeSnapshot, type RawRecord } from './feed-records.js';
import type { InProcessOddsStore } from './in-process-store.js';
import type { EventSnapshot, FeedEntry, FeedInfoEntry, FeedListener, OddsFeed, ShardState, StreamRecord, StreamReplay } from './odds-feed.js';
import type { ResyncCause } from './resync-queue.js';

export interface InProcessFeedOptions {
  log: Logger;
  metrics: Pick<Metrics, 'resyncs' | 'feedFormatErrors'>;
}

const SHARD = 'in-process';

/**
 * Reads the in-process store with the same contract as the Redis feed:
 * records decoded and checked before the hub sees them, continuity checked
 * by the same EventCursor, a resync from the snapshot on any break. The
 * store announces each entry synchronously, so a resync that cannot be
 * served (no snapshot, a listener failure) is retried at the event's next
 * entry instead of on a timer.
 */
export class InProcessFeed implements OddsFeed {
  private listener: FeedListener | undefined;
  private readonly cursors = new Map<string, EventCursor>();
  /** Events waiting for a resync, by cause. */
  private readonly pending = new Map<string, ResyncCause>();
  private unlisten: (() => void) | undefined;

  constructor(
    private readonly store: InProcessOddsStore,
    private readonly options: InProcessFeedOptions,
  ) {}

  setListener(listener: FeedListener): void {
    this.listener = listener;
  }

  async start(): Promise<void> {
    this.unlisten = this.store.onAppend((eventId, entry) => this.onAppend(eventId, entry));
  }

  async open(eventId: string): Promise<void> {
    const snapshot = this.snapshotOf(eventId);
    if (snapshot instanceof Error) throw snapshot instanceof UnknownEventError ? snapshot : new FeedUnavailableError(SHARD, { cause: snapshot });
    this.cursors.set(eventId, new EventCursor(snapshot.epoch, snapshot.seq, snapshot.offset));
    try {
      this.listener!.snapshot(eventId, snapshot, 'open');
    } catch (err) {
      this.close(eventId);
      throw err;
    }
  }

  close(eventId: string): void {
    this.cursors.delete(eventId);
    this.pending.delete(eventId);
  }

  /** Reads of memory: nothing to cap. */
  async replay(eventId: string): Promise<StreamReplay> {
    return {
      range: async (from, to, count) => {
        const entries: FeedEntry[] = [];
        // Odds entries only (the current info follows the CONTINUE snapshot); `count` of them.
        for (const raw of this.store.range(eventId, from, to, Number.MAX_SAFE_INTEGER)) {
          if ('version' in raw) continue;
          const entry = this.decode(eventId, raw);
          if (entry && 'update' in entry) entries.push(entry);
          if (entries.length >= count) break;
        }
        return entries;
      },
      release: () => undefined,
    };
  }

  resync(eventId: string): void {
    if (!this.cursors.has(eventId)) return;
    this.pending.set(eventId, 'listener');
    // Not from inside the listener's own call: its state settles first.
    queueMicrotask(() => this.resyncNow(eventId));
  }

  shards(): ShardState[] {
    return [{ name: SHARD, reachable: true, stale: false, openEvents: this.cursors.size }];
  }

  async stop(): Promise<void> {
    this.unlisten?.();
  }

  private onAppend(eventId: string, raw: RawRecord): void {
    const cursor = this.cursors.get(eventId);
    if (!cursor) return;
    if (this.pending.has(eventId)) return this.resyncNow(eventId); // the snapshot now holds this entry too
    const entry = this.decode(eventId, raw);
    if (!entry) return cursor.skip(raw.offset);
    if ('info' in entry) return this.onInfo(eventId, cursor, entry);
    const order = cursor.classify(entry);
    if (order === 'old') return;
    if (order !== 'next') {
      // A reset store (new epoch) breaks continuity here; the snapshot already holds this entry.
      this.pending.set(eventId, order);
      return this.resyncNow(eventId);
    }
    cursor.advance(entry);
    try {
      this.listener!.entries(eventId, [entry]);
    } catch (err) {
      this.options.log.error({ err, eventId }, 'feed listener failed; resyncing the event');
      this.resync(eventId);
    }
  }

  private onInfo(eventId: string, cursor: EventCursor, entry: FeedInfoEntry): void {
    const order = cursor.classifyInfo(entry);
    if (order === 'old') return;
    if (order !== 'next') {
      this.pending.set(eventId, order);
      return this.resyncNow(eventId);
    }
    cursor.skip(entry.offset);
    try {
      this.listener!.info(eventId, entry.info);
    } catch (err) {
      // Display data only: the odds stay consistent, the next info or snapshot carries it again.
      this.options.log.error({ err, eventId }, 'feed listener failed on event info');
    }
  }

  private resyncNow(eventId: string): void {
    const cursor = this.cursors.get(eventId);
    const cause = this.pending.get(eventId);
    if (!cursor || !cause) return;
    const snapshot = this.snapshotOf(eventId);
    if (snapshot instanceof Error) {
      this.listener!.unavailable(eventId, new FeedUnavailableError(SHARD, { cause: snapshot }));
      return;
    }
    try {
      this.listener!.snapshot(eventId, snapshot, 'resync');
    } catch (err) {
      this.options.log.error({ err, eventId }, 'feed listener failed on a snapshot; retrying at the next entry');
      return;
    }
    cursor.reset(snapshot.epoch, snapshot.seq, snapshot.offset);
    this.pending.delete(eventId);
    this.options.metrics.resyncs.inc({ shard: SHARD, cause });
  }

  /** The decoded snapshot, or the error that stands for it (counted and logged if it is a format error). */
  private snapshotOf(eventId: string): EventSnapshot | UnknownEventError | FeedFormatError {
    const raw = this.store.snapshot(eventId);
    if (!raw) return new UnknownEventError(eventId);
    let snapshot: EventSnapshot;
    try {
      snapshot = decodeSnapshot(raw);
    } catch (err) {
      if (!(err instanceof FeedFormatError)) throw err;
      this.formatError('snapshot', eventId, err);
      return err;
    }
    if (snapshot.infoError) this.formatError('info', eventId, snapshot.infoError);
    return snapshot;
  }

  private decode(eventId: string, raw: RawRecord): StreamRecord | null {
    try {
      return decodeEntry(eventId, raw);
    } catch (err) {
      if (!(err instanceof FeedFormatError)) throw err;
      this.formatError(err instanceof EventInfoFormatError ? 'info' : 'entry', eventId, err);
      return null;
    }
  }

  private formatError(kind: 'entry' | 'snapshot' | 'info', eventId: string, err: FeedFormatError): void {
    this.options.metrics.feedFormatErrors.inc({ shard: SHARD, kind });
    this.options.log.error({ kind, eventId, err: err.message }, 'the in-process store holds data that is not in the oddsgate format');
  }
}
