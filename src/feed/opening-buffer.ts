import type { EventBatch } from './event-batch.js';
import type { StreamRecord } from './odds-feed.js';

/**
 * What the shard log brings for an event while its snapshot is being read
 * (LogShardReader.open), held in order to run through the event's new
 * cursor once the snapshot is adopted: entries up to the snapshot classify
 * old, the rest next. Bounded: past `limit` entries it holds no more and
 * says so (overflowed), and the snapshot is taken again.
 */
export class OpeningBuffer {
  /** Records, and the offsets of entries that could not be decoded (a string: stepped over). */
  private readonly held: Array<StreamRecord | string> = [];
  overflowed = false;

  constructor(private readonly limit: number) {}

  add(record: StreamRecord | string): void {
    if (this.held.length < this.limit) this.held.push(record);
    else this.overflowed = true;
  }

  replay(batch: EventBatch): void {
    for (const record of this.held) {
      if (typeof record === 'string') batch.skip(record);
      else batch.add(record);
    }
  }
}
