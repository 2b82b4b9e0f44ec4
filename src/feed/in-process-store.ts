import { compareOffsets } from '../protocol/validation.js';
import { RingBuffer } from '../util/ring-buffer.js';
import type { RawEntry, RawMarket, RawSnapshot } from './feed-records.js';
import { encodeUpdatePayload, newEpoch, type MarketUpdate, type OddsPublisher, type PublishResult } from './odds-update.js';

interface EventStream {
  epoch: string;
  seq: number;
  offset: string;
  entries: RingBuffer<RawEntry>;
  markets: Map<string, RawMarket>;
}

export type AppendListener = (eventId: string, entry: RawEntry) => void;

/**
 * The embedded default's odds store: the same model as the Redis layout
 * (per-event stream with epoch, sequence, offsets, retention, and a snapshot
 * updated with every entry) held in this process. It exists so one node can
 * run without Redis; it is not shared between processes.
 */
export class InProcessOddsStore implements OddsPublisher {
  private readonly streams = new Map<string, EventStream>();
  private readonly listeners = new Set<AppendListener>();
  private lastMs = 0;
  private lastSeqInMs = 0;

  constructor(private readonly maxLen: number) {}

  async publish(update: MarketUpdate): Promise<PublishResult> {
    return this.append(update);
  }

  /** Synchronous publish: the entry is stored and announced before it returns. */
  append(update: MarketUpdate): PublishResult {
    const payload = encodeUpdatePayload(update);
    let stream = this.streams.get(update.eventId);
    if (!stream) {
      stream = { epoch: newEpoch(), seq: 0, offset: '', entries: new RingBuffer(this.maxLen), markets: new Map() };
      this.streams.set(update.eventId, stream);
    }
    const entry: RawEntry = { epoch: stream.epoch, seq: stream.seq + 1, offset: this.nextOffset(), payload };
    stream.seq = entry.seq;
    stream.offset = entry.offset;
    stream.entries.push(entry);
    stream.markets.set(update.marketId, { marketId: update.marketId, payload, seq: entry.seq, offset: entry.offset });
    for (const listener of this.listeners) listener(update.eventId, entry);
    return { epoch: entry.epoch, seq: entry.seq, offset: entry.offset };
  }

  onAppend(listener: AppendListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  snapshot(eventId: string): RawSnapshot | undefined {
    const s = this.streams.get(eventId);
    if (!s) return undefined;
    return { eventId, epoch: s.epoch, seq: s.seq, offset: s.offset, markets: [...s.markets.values()] };
  }

  market(eventId: string, marketId: string): RawMarket | undefined {
    return this.streams.get(eventId)?.markets.get(marketId);
  }

  /** Entries with from <= offset <= to, oldest first. */
  range(eventId: string, from: string, to: string, count: number): RawEntry[] {
    const s = this.streams.get(eventId);
    if (!s) return [];
    const out: RawEntry[] = [];
    for (let i = 0; i < s.entries.length && out.length < count; i++) {
      const e = s.entries.at(i);
      if (compareOffsets(e.offset, from) < 0) continue;
      if (compareOffsets(e.offset, to) > 0) break;
      out.push(e);
    }
    return out;
  }

  eventIds(): string[] {
    return [...this.streams.keys()];
  }

  /** Forgets everything, as a Redis restarted empty would: the next updates start new epochs. */
  reset(): void {
    this.streams.clear();
  }

  private nextOffset(): string {
    const now = Date.now();
    if (now > this.lastMs) {
      this.lastMs = now;
      this.lastSeqInMs = 0;
    } else {
      this.lastSeqInMs++;
    }
    return `${this.lastMs}-${this.lastSeqInMs}`;
  }
}
