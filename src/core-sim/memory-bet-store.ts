import { DEFAULT_RECORD_TTL_MS, zeroStats, type BetRecord, type BetStore, type CoreStats, type Counter } from './bet-store.js';

interface Entry {
  raw: string;
  expiresAt: number;
}

/**
 * The embedded default's store: the same semantics as the Redis store in one
 * process. Records are kept as JSON strings, as in Redis, so a caller never
 * shares an object with the store and `swap` compares exactly what Redis would.
 */
export class MemoryBetStore implements BetStore {
  private readonly records = new Map<string, Entry>();
  private readonly totals = zeroStats();

  constructor(private readonly recordTtlMs = DEFAULT_RECORD_TTL_MS) {}

  async claim(playerId: string, key: string, record: BetRecord): Promise<BetRecord | null> {
    const id = recordId(playerId, key);
    this.totals.requests++;
    const existing = this.live(id);
    if (existing === undefined) {
      this.expire();
      this.records.set(id, { raw: JSON.stringify(record), expiresAt: Date.now() + this.recordTtlMs });
      this.totals.created++;
      return null;
    }
    this.totals.duplicates++;
    return JSON.parse(existing.raw) as BetRecord;
  }

  async get(playerId: string, key: string): Promise<BetRecord | null> {
    const entry = this.live(recordId(playerId, key));
    return entry === undefined ? null : (JSON.parse(entry.raw) as BetRecord);
  }

  async swap(playerId: string, key: string, expected: BetRecord, next: BetRecord, counters: Counter[]): Promise<boolean> {
    const entry = this.live(recordId(playerId, key));
    if (entry === undefined || entry.raw !== JSON.stringify(expected)) return false;
    entry.raw = JSON.stringify(next); // keeps its expiry, like SET KEEPTTL
    for (const c of counters) this.totals[c]++;
    return true;
  }

  async count(counters: Counter[]): Promise<void> {
    for (const c of counters) this.totals[c]++;
  }

  async stats(): Promise<CoreStats> {
    return { ...this.totals };
  }

  /** Nothing to release: a new core may be started on the same store (a restart that keeps the records). */
  async close(): Promise<void> {}

  private live(id: string): Entry | undefined {
    const entry = this.records.get(id);
    return entry !== undefined && entry.expiresAt > Date.now() ? entry : undefined;
  }

  /** Drops expired records; insertion order is expiry order, so this stops at the first live one. */
  private expire(): void {
    const now = Date.now();
    for (const [id, entry] of this.records) {
      if (entry.expiresAt > now) return;
      this.records.delete(id);
    }
  }
}

const recordId = (playerId: string, key: string) => `${playerId}\n${key}`;
