import { compareOffsets } from '../protocol/validation.js';
import { RingBuffer } from '../util/ring-buffer.js';
import { encodeInfoPayload, type EventInfoInput } from './event-info.js';
import type { RawEntry, RawInfo, RawMarket, RawRecord, RawSnapshot } from './feed-records.js';
import { encodeUpdatePayload, newEpoch, type InfoResult, type MarketUpdate, type OddsPublisher, type PublishResult } from './odds-update.js';

interface EventStream {
  epoch: string;
  seq: number;
  offset: string;
  entries: RingBuffer<RawRecord>;
  markets: Map<string, RawMarket>;
}

/** What the store knows of an event besides its stream (as the snapshot hash and the catalogue hold it in Redis). */
interface EventRecord {
  info: RawInfo | undefined;
  /** Last publish (odds or info), ms. */
  lastActivityMs: number;
}

/** An event as the catalogue lists it: raw, the reader checks it. */
export interface CatalogueRecord {
  eventId: string;
  lastActivityMs: number;
  info: RawInfo | undefined;
}

export type AppendListener = (eventId: string, entry: RawRecord) => void;

/**
 * The embedded default's odds store: the same model as the Redis layout
 * (per-event stream with epoch, sequence, offsets, retention, and a snapshot
 * updated with every entry) held in this process. It exists so one node can
 * run without Redis; it is not shared between processes.
 */
export class InProcessOddsStore implements OddsPublisher {
  private readonly streams = new Map<string, EventStream>();
  private readonly records = new Map<string, EventRecord>();
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
    this.recordOf(update.eventId).lastActivityMs = this.lastMs; // the entry's time, set by nextOffset()
    for (const listener of this.listeners) listener(update.eventId, entry);
    return { epoch: entry.epoch, seq: entry.seq, offset: entry.offset };
  }

  async publishInfo(info: EventInfoInput): Promise<InfoResult> {
    return this.appendInfo(info);
  }

  /**
   * Synchronous publishInfo: the next version, kept for snapshots and, once
   * the event has a stream, appended to it at the current seq (it takes
   * none) and announced. Before the first odds update it waits for the
   * first snapshot, as the Redis layout's hash does.
   */
  appendInfo(info: EventInfoInput): InfoResult {
    const payload = encodeInfoPayload(info);
    const record = this.recordOf(info.eventId);
    // As the Redis script: max(previous + 1, now), so versions also increase across a reset().
    const stored: RawInfo = { payload, version: Math.max((record.info?.version ?? 0) + 1, Date.now()) };
    record.info = stored;
    record.lastActivityMs = Date.now();
    const stream = this.streams.get(info.eventId);
    if (stream) {
      const entry = { ...stored, epoch: stream.epoch, seq: stream.seq, offset: this.nextOffset() };
      stream.entries.push(entry);
      for (const listener of this.listeners) listener(info.eventId, entry);
    }
    return { version: stored.version };
  }

  onAppend(listener: AppendListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  snapshot(eventId: string): RawSnapshot | undefined {
    const s = this.streams.get(eventId);
    if (!s) return undefined;
    return { eventId, epoch: s.epoch, seq: s.seq, offset: s.offset, markets: [...s.markets.values()], info: this.records.get(eventId)?.info };
  }

  market(eventId: string, marketId: string): RawMarket | undefined {
    return this.streams.get(eventId)?.markets.get(marketId);
  }

  /** Entries (odds and info) with from <= offset <= to, oldest first. */
  range(eventId: string, from: string, to: string, count: number): RawRecord[] {
    const s = this.streams.get(eventId);
    if (!s) return [];
    const out: RawRecord[] = [];
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

  /** Events with a stream and what the catalogue keeps of them (display data alone is no event yet). */
  catalogue(): CatalogueRecord[] {
    return this.eventIds().map((eventId) => {
      const record = this.records.get(eventId);
      return { eventId, lastActivityMs: record?.lastActivityMs ?? 0, info: record?.info };
    });
  }

  /** Forgets everything, as a Redis restarted empty would: the next updates start new epochs. */
  reset(): void {
    this.streams.clear();
    this.records.clear();
  }

  private recordOf(eventId: string): EventRecord {
    let record = this.records.get(eventId);
    if (!record) {
      record = { info: undefined, lastActivityMs: 0 };
      this.records.set(eventId, record);
    }
    return record;
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
