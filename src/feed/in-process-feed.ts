import { UnknownEventError } from '../errors.js';
import { EventCursor } from './event-cursor.js';
import type { FeedEntry, FeedListener, OddsFeed, ShardState } from './odds-feed.js';
import type { InProcessOddsStore } from './in-process-store.js';

/** Reads the in-process store with the same contract as the Redis feed. */
export class InProcessFeed implements OddsFeed {
  private listener: FeedListener | undefined;
  private readonly cursors = new Map<string, EventCursor>();
  private unlisten: (() => void) | undefined;

  constructor(private readonly store: InProcessOddsStore) {}

  setListener(listener: FeedListener): void {
    this.listener = listener;
  }

  async start(): Promise<void> {
    this.unlisten = this.store.onAppend((eventId, entry) => this.onAppend(eventId, entry));
  }

  async open(eventId: string): Promise<void> {
    const snapshot = this.store.snapshot(eventId);
    if (!snapshot) throw new UnknownEventError(eventId);
    this.cursors.set(eventId, new EventCursor(snapshot.epoch, snapshot.seq, snapshot.offset));
    this.listener!.snapshot(eventId, snapshot, 'open');
  }

  close(eventId: string): void {
    this.cursors.delete(eventId);
  }

  async range(eventId: string, from: string, to: string, count: number): Promise<FeedEntry[]> {
    return this.store.range(eventId, from, to, count);
  }

  isStale(): boolean {
    return false;
  }

  shards(): ShardState[] {
    return [{ name: 'in-process', reachable: true, stale: false, openEvents: this.cursors.size }];
  }

  async stop(): Promise<void> {
    this.unlisten?.();
  }

  private onAppend(eventId: string, entry: FeedEntry): void {
    const cursor = this.cursors.get(eventId);
    if (!cursor) return;
    const order = cursor.classify(entry);
    if (order === 'next') {
      cursor.advance(entry);
      this.listener!.entries(eventId, [entry]);
    } else if (order === 'gap') {
      // Only a reset store (new epoch) breaks continuity here; the snapshot already holds this entry.
      const snapshot = this.store.snapshot(eventId)!;
      cursor.reset(snapshot.epoch, snapshot.seq, snapshot.offset);
      this.listener!.snapshot(eventId, snapshot, 'resync');
    }
  }
}
