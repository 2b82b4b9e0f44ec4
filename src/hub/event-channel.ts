import type { EventSnapshot, FeedEntry } from '../feed/odds-feed.js';
import { oddsFrame, snapshotFrame } from '../protocol/codec.js';
import { pb, SnapshotMode, type OddsUpdateMessage } from '../protocol/wire.js';
import { RingBuffer } from '../util/ring-buffer.js';

/** The last value of one market, decoded (for checks) and encoded once (for snapshots). */
export interface MarketState {
  message: OddsUpdateMessage;
  bytes: Uint8Array;
  seq: number;
}

interface HistoryItem {
  seq: number;
  offset: string;
  frame: Uint8Array;
}

/** Decodes a stream entry's payload and stamps it with its sequence and offset. */
export function decodeEntry(payload: Uint8Array, seq: number, offset: string): OddsUpdateMessage {
  const message = pb.OddsUpdate.decode(payload);
  if (!message.marketId) throw new Error('odds payload without a market id');
  message.seq = seq;
  message.offset = offset;
  return message;
}

/**
 * One event as this node holds it: position in the stream, last-value cache
 * per market, and a ring of recent update frames for cheap resumes.
 */
export class EventChannel {
  readonly topic: string;
  epoch = '';
  seq = 0;
  offset = '';
  stale = false;
  readonly markets = new Map<string, MarketState>();
  private readonly history: RingBuffer<HistoryItem>;
  /** REPLACE snapshot frames by conflation window, valid until the next change. */
  private readonly snapshotCache = new Map<number, Uint8Array>();

  constructor(
    readonly eventId: string,
    historySize: number,
  ) {
    this.topic = `o/${eventId}`;
    this.history = new RingBuffer(historySize);
  }

  /** Takes a snapshot as the complete state (open, or resync after a break). */
  load(snapshot: EventSnapshot): void {
    this.epoch = snapshot.epoch;
    this.seq = snapshot.seq;
    this.offset = snapshot.offset;
    this.markets.clear();
    this.history.clear();
    this.snapshotCache.clear();
    for (const m of snapshot.markets) {
      const message = decodeEntry(m.payload, m.seq, m.offset);
      this.markets.set(message.marketId, { message, bytes: pb.OddsUpdate.encode(message).finish(), seq: m.seq });
    }
  }

  /** Applies the next update; returns its frame, encoded once for every subscriber. */
  apply(message: OddsUpdateMessage): Uint8Array {
    const bytes = pb.OddsUpdate.encode(message).finish();
    const frame = oddsFrame(bytes);
    this.markets.set(message.marketId, { message, bytes, seq: message.seq });
    this.seq = message.seq;
    this.offset = message.offset;
    this.history.push({ seq: message.seq, offset: message.offset, frame });
    if (this.snapshotCache.size > 0) this.snapshotCache.clear();
    return frame;
  }

  /** Advances past an entry that could not be applied (the caller then sends a REPLACE snapshot). */
  skip(entry: FeedEntry): void {
    this.seq = entry.seq;
    this.offset = entry.offset;
    this.history.clear();
    this.snapshotCache.clear();
  }

  replaceFrame(conflateMs: number): Uint8Array {
    let frame = this.snapshotCache.get(conflateMs);
    if (!frame) {
      const markets = [...this.markets.values()].map((m) => m.bytes);
      frame = snapshotFrame(
        { eventId: this.eventId, mode: SnapshotMode.SNAPSHOT_MODE_REPLACE, epoch: this.epoch, seq: this.seq, offset: this.offset, conflateMs },
        markets,
      );
      this.snapshotCache.set(conflateMs, frame);
    }
    return frame;
  }

  continueFrame(seq: number, offset: string): Uint8Array {
    return snapshotFrame({ eventId: this.eventId, mode: SnapshotMode.SNAPSHOT_MODE_CONTINUE, epoch: this.epoch, seq, offset, conflateMs: 0 }, []);
  }

  /** Frames after the update at `offset`, if that update is still in the ring. */
  historyAfterOffset(offset: string): { seq: number; frames: Uint8Array[] } | null {
    for (let i = this.history.length - 1; i >= 0; i--) {
      const item = this.history.at(i);
      if (item.offset === offset) return { seq: item.seq, frames: this.framesFrom(i + 1) };
    }
    return null;
  }

  /** Frames of the updates after `seq` up to now, if the ring still holds all of them. */
  historyAfterSeq(seq: number): Uint8Array[] | null {
    if (seq === this.seq) return [];
    const first = this.history.first();
    if (!first || first.seq > seq + 1 || seq > this.seq) return null;
    return this.framesFrom(seq + 1 - first.seq);
  }

  private framesFrom(index: number): Uint8Array[] {
    const frames: Uint8Array[] = [];
    for (let i = index; i < this.history.length; i++) frames.push(this.history.at(i).frame);
    return frames;
  }
}
