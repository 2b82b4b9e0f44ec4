import { compareOffsets } from '../protocol/validation.js';
import type { FeedEntry, FeedInfoEntry } from './odds-feed.js';

/**
 * How an entry relates to what the feed delivered last:
 *  - next: seq + 1 of the same epoch at a later offset, the only entry delivered;
 *  - old: at or before the delivered position (a duplicate), skipped;
 *  - gap: later, but entries are missing (trimmed while the node was away);
 *  - epoch: another epoch (the stream was recreated);
 *  - rewrite: same epoch but not a continuation of the delivered history: a
 *    seq not ahead of ours at an offset that is, or the reverse. The store
 *    went back to older data (restored from an RDB file, a promoted replica
 *    that lost writes) and was written again with sequence numbers clients
 *    already saw, carrying other prices.
 */
export type EntryOrder = 'next' | 'old' | 'gap' | 'epoch' | 'rewrite';

/** Where a feed stands in one event's stream; tells whether an entry continues it. */
export class EventCursor {
  /** Where reading goes on: the delivered offset, or past entries stepped over as undecodable. */
  readOffset: string;

  constructor(
    public epoch: string,
    /** seq and offset of the last entry delivered (or of the snapshot). */
    public seq: number,
    public offset: string,
  ) {
    this.readOffset = offset;
  }

  classify(entry: FeedEntry): EntryOrder {
    if (entry.epoch !== this.epoch) return 'epoch';
    const ahead = compareOffsets(entry.offset, this.offset) > 0;
    if (!ahead) return entry.seq <= this.seq ? 'old' : 'rewrite';
    if (entry.seq === this.seq + 1) return 'next';
    return entry.seq <= this.seq ? 'rewrite' : 'gap';
  }

  /**
   * The same for an info entry (display data), which takes no seq: it
   * continues the history when it is of our epoch, after what we read, at
   * the seq we hold. One at a later seq means odds entries are missing (a
   * gap); one at an earlier seq past our offset, a rewritten history.
   */
  classifyInfo(entry: FeedInfoEntry): EntryOrder {
    if (entry.epoch !== this.epoch) return 'epoch';
    if (compareOffsets(entry.offset, this.readOffset) <= 0) return entry.seq <= this.seq ? 'old' : 'rewrite';
    if (entry.seq === this.seq) return 'next';
    return entry.seq < this.seq ? 'rewrite' : 'gap';
  }

  advance(entry: FeedEntry): void {
    this.seq = entry.seq;
    this.offset = entry.offset;
    this.readOffset = entry.offset;
  }

  /**
   * Steps over an entry that takes no seq (an undecodable one, or display
   * data): read past it, the delivered position stays. Never back: a log
   * reader also meets entries it already read (a catch-up, the entries held
   * while a snapshot was read).
   */
  skip(offset: string): void {
    if (compareOffsets(offset, this.readOffset) > 0) this.readOffset = offset;
  }

  reset(epoch: string, seq: number, offset: string): void {
    this.epoch = epoch;
    this.seq = seq;
    this.offset = offset;
    this.readOffset = offset;
  }
}
