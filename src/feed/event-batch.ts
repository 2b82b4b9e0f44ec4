import type { EventInfoMessage } from '../protocol/wire.js';
import type { EventCursor } from './event-cursor.js';
import type { FeedEntry, StreamRecord } from './odds-feed.js';
import type { ResyncCause } from './resync-queue.js';

/** Where an event's records go: the feed's listener, behind the reader's guard (false: the listener failed). */
export interface BatchSink {
  entries(eventId: string, entries: FeedEntry[]): boolean;
  info(eventId: string, info: EventInfoMessage): void;
}

/**
 * One event's records on their way to the listener, in its stream's order,
 * whichever read they came from (a stream or log read, a catch-up page, the
 * entries held while the event's snapshot was read). Each is classified by
 * the event's cursor: odds that continue the history are batched, display
 * data goes out in order between them (the odds before it first), older
 * records are dropped, and the first one that breaks the history ends the
 * batch: the event must resync from its snapshot (`finish()` says why).
 */
export class EventBatch {
  private entries: FeedEntry[] = [];
  private broken: ResyncCause | undefined;

  constructor(
    readonly eventId: string,
    private readonly cursor: EventCursor,
    private readonly sink: BatchSink,
  ) {}

  add(record: StreamRecord): void {
    if (this.broken) return;
    if ('info' in record) {
      const order = this.cursor.classifyInfo(record);
      if (order === 'old') return;
      if (order !== 'next') {
        this.broken = order;
        return;
      }
      if (!this.flush()) return;
      this.cursor.skip(record.offset);
      this.sink.info(this.eventId, record.info);
      return;
    }
    const order = this.cursor.classify(record);
    if (order === 'next') {
      this.cursor.advance(record);
      this.entries.push(record);
    } else if (order !== 'old') {
      this.broken = order;
    }
  }

  /** An entry that could not be decoded (counted by the reader): read past it. If it took a seq, the next entry is a gap. */
  skip(offset: string): void {
    if (!this.broken) this.cursor.skip(offset);
  }

  /** Delivers the odds batched so far (the ones before a break are good); the cause to resync with, if any. */
  finish(): ResyncCause | undefined {
    this.flush();
    return this.broken;
  }

  private flush(): boolean {
    if (this.entries.length === 0) return true;
    const batch = this.entries;
    this.entries = [];
    if (this.sink.entries(this.eventId, batch)) return true;
    this.broken ??= 'listener';
    return false;
  }
}
