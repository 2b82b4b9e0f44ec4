import type { FeedEntry } from '../feed/odds-feed.js';
import { stampedOddsFrame } from '../protocol/odds-frame.js';

/** Frames one event keeps at most (~2 MB of small frames): replays that overlap without end (a storm that never ends) cannot grow it past this. */
const MAX_SHARED_FRAMES = 10_000;

/**
 * The frames of one event's stream entries that resume replays read from
 * the stream, spliced once per entry and shared by every replay of the event
 * waiting or running at the same time (a reconnect storm: many clients
 * resuming from nearby points read the same entries). Held only while at
 * least one replay is open, so nothing stays behind once the batch is
 * served; cleared when the channel loads a snapshot (another epoch, or a
 * history rewritten under the same one, may reuse an offset).
 */
export class ReplayFrames {
  private readonly frames = new Map<string, Uint8Array>();
  private open = 0;

  /** A replay starts (before it waits for a read slot); close() it when it ends, however it ends. */
  openReplay(): void {
    this.open++;
  }

  closeReplay(): void {
    if (--this.open === 0) this.frames.clear();
  }

  /** The entry's frame, spliced the first time any open replay asks for it. */
  frameOf(entry: FeedEntry): Uint8Array {
    let frame = this.frames.get(entry.offset);
    if (frame === undefined) {
      frame = stampedOddsFrame(entry.payload, entry.seq, entry.offset);
      if (this.open > 0) {
        if (this.frames.size >= MAX_SHARED_FRAMES) this.frames.clear(); // starts over: later replays share again
        this.frames.set(entry.offset, frame);
      }
    }
    return frame;
  }

  clear(): void {
    this.frames.clear();
  }
}
