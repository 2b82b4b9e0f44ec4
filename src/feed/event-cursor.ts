import type { FeedEntry } from './odds-feed.js';

export type EntryOrder = 'next' | 'old' | 'gap';

/** Where a feed stands in one event's stream; tells whether an entry continues it. */
export class EventCursor {
  constructor(
    public epoch: string,
    public seq: number,
    public offset: string,
  ) {}

  classify(entry: FeedEntry): EntryOrder {
    if (entry.epoch !== this.epoch) return 'gap';
    if (entry.seq === this.seq + 1) return 'next';
    return entry.seq <= this.seq ? 'old' : 'gap';
  }

  advance(entry: FeedEntry): void {
    this.seq = entry.seq;
    this.offset = entry.offset;
  }

  reset(epoch: string, seq: number, offset: string): void {
    this.epoch = epoch;
    this.seq = seq;
    this.offset = offset;
  }
}
