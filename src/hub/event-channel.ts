import type { EventSnapshot, FeedEntry } from '../feed/odds-feed.js';
import { eventInfoFrame, snapshotFrame } from '../protocol/codec.js';
import { oddsUpdateOf, stampedOddsFrame } from '../protocol/odds-frame.js';
import { compareOffsets } from '../protocol/validation.js';
import { pb, SnapshotMode, type EventInfoMessage, type OddsUpdateMessage } from '../protocol/wire.js';
import { RingBuffer } from '../util/ring-buffer.js';
import { ReplayFrames } from './replay-frames.js';

/**
 * The last value of one market: decoded (the bet price check reads status
 * and prices), and as OddsUpdate bytes with seq and offset spliced on (REPLACE
 * snapshots and conflated frames are built from them; a view into the
 * market's last frame, not a copy).
 */
export interface MarketState {
  message: OddsUpdateMessage;
  bytes: Uint8Array;
  seq: number;
}

interface HistoryItem {
  seq: number;
  offset: string;
  frame: Uint8Array;
  /** When it was applied (the channel's clock, ms). */
  at: number;
}

/** The event's display data, encoded once per change: for REPLACE snapshots and the EventInfo frame. */
interface HeldInfo {
  message: EventInfoMessage;
  bytes: Uint8Array;
  frame: Uint8Array;
}

/**
 * One event as this node holds it: position in the stream, last-value cache
 * per market, a ring of recent update frames for cheap resumes, and its
 * display data (outside the seq chain: it never moves seq or offset).
 */
export class EventChannel {
  readonly topic: string;
  epoch = '';
  seq = 0;
  offset = '';
  /** The feed reported the event's shard stale. */
  feedStale = false;
  /** The feed cannot serve the event (its snapshot is undecodable, or the store lost it): why, until the next snapshot. */
  unavailable: Error | undefined;
  readonly markets = new Map<string, MarketState>();
  /** Frames of stream entries shared by the resume replays running on this event. */
  readonly replayFrames = new ReplayFrames();
  private heldInfo: HeldInfo | undefined;
  private readonly history: RingBuffer<HistoryItem>;
  /** REPLACE snapshot frames by conflation window, valid until the next change. */
  private readonly snapshotCache = new Map<number, Uint8Array>();
  /** Resumes waiting for this channel to reach their point (reach()); undefined, the usual case, when none waits. */
  private reachWaiters: Array<{ offset: string; done: (reached: boolean) => void }> | undefined;

  /**
   * The ring holds at most `historySize` updates, none applied more than
   * `historyMs` before the latest. The age bound is what makes its memory
   * settle soon: a quiet event (0.1 update/s, the soak's 500 events at 50/s)
   * would otherwise take historySize × 10 s (21 minutes at 128) to fill its
   * ring, and the node's heap grow all that time. Older resume points are read
   * from the stream, as beyond historySize.
   */
  constructor(
    readonly eventId: string,
    historySize: number,
    private readonly historyMs: number,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.topic = `o/${eventId}`;
    this.history = new RingBuffer(historySize);
  }

  /** Subscribers must treat the event's markets as suspended (bets are refused). */
  get stale(): boolean {
    return this.feedStale || this.unavailable !== undefined;
  }

  /**
   * Takes a snapshot (decoded and checked by the feed) as the complete state:
   * on open, or on a resync after a break. Every market is encoded before
   * anything changes, so the channel moves to the snapshot whole or not at all.
   */
  load(snapshot: EventSnapshot): void {
    const markets = snapshot.markets.map(({ update, payload }): [string, MarketState] => [
      update.marketId,
      { message: update, bytes: oddsUpdateOf(stampedOddsFrame(payload, update.seq, update.offset)), seq: update.seq },
    ]);
    // The snapshot's info is the store's truth at its position, whatever its version (a store that
    // started over counts versions from 1 again); without one (none published, or undecodable) the
    // info held stays: display data never goes blank for a bad record.
    if (snapshot.info) this.heldInfo = encodeInfo(snapshot.info);
    this.epoch = snapshot.epoch;
    this.seq = snapshot.seq;
    this.offset = snapshot.offset;
    this.unavailable = undefined;
    this.markets.clear();
    for (const [marketId, state] of markets) this.markets.set(marketId, state);
    this.history.clear();
    this.snapshotCache.clear();
    this.replayFrames.clear();
    if (this.reachWaiters !== undefined) this.wakeReachWaiters();
  }

  /** Applies the next update; returns its frame, spliced once from the published bytes for every subscriber. */
  apply(entry: FeedEntry): Uint8Array {
    const frame = stampedOddsFrame(entry.payload, entry.seq, entry.offset);
    this.markets.set(entry.update.marketId, { message: entry.update, bytes: oddsUpdateOf(frame), seq: entry.seq });
    this.seq = entry.seq;
    this.offset = entry.offset;
    const at = this.clock();
    while (this.history.length > 0 && this.history.first()!.at < at - this.historyMs) this.history.dropFirst();
    this.history.push({ seq: entry.seq, offset: entry.offset, frame, at });
    if (this.snapshotCache.size > 0) this.snapshotCache.clear();
    if (this.reachWaiters !== undefined) this.wakeReachWaiters();
    return frame;
  }

  /** The display data held, if any. */
  get info(): EventInfoMessage | undefined {
    return this.heldInfo?.message;
  }

  /** The EventInfo frame of the info held (what follows a CONTINUE snapshot), if any. */
  get infoFrame(): Uint8Array | undefined {
    return this.heldInfo?.frame;
  }

  /**
   * Takes newer display data; returns its frame, encoded once for every
   * subscriber, or undefined when its version is not above the one held
   * (a duplicate read again after a resync, or an older one).
   */
  applyInfo(info: EventInfoMessage): Uint8Array | undefined {
    if (this.heldInfo && info.version <= this.heldInfo.message.version) return undefined;
    this.heldInfo = encodeInfo(info);
    if (this.snapshotCache.size > 0) this.snapshotCache.clear();
    return this.heldInfo.frame;
  }

  /**
   * Resolves true once this channel has applied the update at `offset` (at
   * once if it has), false after `timeoutMs`. Nodes read the streams each at
   * its own pace: a client moving here from a node that had read further (a
   * drain) holds a point this node has not reached yet, and waiting for it
   * lets the client continue rather than be sent back in time.
   */
  reach(offset: string, timeoutMs: number): Promise<boolean> {
    if (compareOffsets(offset, this.offset) <= 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter = {
        offset,
        done: (reached: boolean) => {
          clearTimeout(timer);
          resolve(reached);
        },
      };
      const timer = setTimeout(() => {
        const left = this.reachWaiters?.filter((w) => w !== waiter) ?? [];
        this.reachWaiters = left.length > 0 ? left : undefined;
        resolve(false);
      }, timeoutMs);
      (this.reachWaiters ??= []).push(waiter);
    });
  }

  private wakeReachWaiters(): void {
    const waiting = this.reachWaiters!;
    const left = waiting.filter((w) => compareOffsets(w.offset, this.offset) > 0);
    this.reachWaiters = left.length > 0 ? left : undefined;
    for (const w of waiting) if (!left.includes(w)) w.done(true);
  }

  replaceFrame(conflateMs: number): Uint8Array {
    let frame = this.snapshotCache.get(conflateMs);
    if (!frame) {
      const markets = [...this.markets.values()].map((m) => m.bytes);
      frame = snapshotFrame(
        { eventId: this.eventId, mode: SnapshotMode.SNAPSHOT_MODE_REPLACE, epoch: this.epoch, seq: this.seq, offset: this.offset, conflateMs },
        markets,
        this.heldInfo?.bytes,
      );
      this.snapshotCache.set(conflateMs, frame);
    }
    return frame;
  }

  continueFrame(seq: number, offset: string): Uint8Array {
    return snapshotFrame({ eventId: this.eventId, mode: SnapshotMode.SNAPSHOT_MODE_CONTINUE, epoch: this.epoch, seq, offset, conflateMs: 0 }, []);
  }

  /** Frames after the update at `offset` up to now, if that update is the present or still in the ring. */
  historyAfterOffset(offset: string): { seq: number; frames: Uint8Array[] } | null {
    if (offset === this.offset) return { seq: this.seq, frames: [] };
    for (let i = this.history.length - 1; i >= 0; i--) {
      const item = this.history.at(i);
      if (item.offset === offset) return { seq: item.seq, frames: this.framesFrom(i + 1) };
    }
    return null;
  }

  /**
   * Frames that continue the update (seq, offset), read from elsewhere (the
   * stream), up to now: only where the ring meets it exactly (it is the
   * present, the ring holds that very update, or the ring starts right after
   * it at a later offset). Null otherwise, including when the update is not
   * of the history this channel delivered.
   */
  historyAfter(seq: number, offset: string): Uint8Array[] | null {
    if (seq === this.seq) return offset === this.offset ? [] : null;
    const first = this.history.first();
    if (!first || seq < first.seq - 1 || seq > this.seq) return null;
    if (seq === first.seq - 1) return compareOffsets(first.offset, offset) > 0 ? this.framesFrom(0) : null;
    const index = seq - first.seq;
    return this.history.at(index).offset === offset ? this.framesFrom(index + 1) : null;
  }

  /** The offset lies within the span of updates this channel holds in its ring (so, if it is not one of them, it is none of its history). */
  spans(offset: string): boolean {
    const first = this.history.first();
    return first !== undefined && compareOffsets(first.offset, offset) <= 0 && compareOffsets(offset, this.offset) <= 0;
  }

  private framesFrom(index: number): Uint8Array[] {
    const frames: Uint8Array[] = [];
    for (let i = index; i < this.history.length; i++) frames.push(this.history.at(i).frame);
    return frames;
  }
}

function encodeInfo(message: EventInfoMessage): HeldInfo {
  const bytes = pb.EventInfo.encode(message).finish();
  return { message, bytes, frame: eventInfoFrame(bytes) };
}
