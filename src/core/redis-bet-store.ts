import { Redis } from 'ioredis';
import { zeroCounters, type BetStore, type Counter, type StoredBet } from './bet-store.js';

/** Records live a day: long enough for any retry of a key. */
const RECORD_TTL_MS = 24 * 3600 * 1000;

/** The reference core's records in Redis, shared by every instance of one jurisdiction's core. */
export class RedisBetStore implements BetStore {
  private readonly redis: Redis;

  constructor(
    url: string,
    private readonly prefix: string,
  ) {
    this.redis = new Redis(url, { maxRetriesPerRequest: 2 });
    this.redis.on('error', () => undefined); // failures surface as rejected commands (HTTP 500 from the core)
  }

  async claim(playerId: string, key: string, fingerprint: string): Promise<true | StoredBet> {
    const record: StoredBet = { fingerprint, state: 'processing' };
    const created = await this.redis.set(this.key(playerId, key), JSON.stringify(record), 'PX', RECORD_TTL_MS, 'NX');
    if (created === 'OK') return true;
    return (await this.get(playerId, key)) ?? this.claim(playerId, key, fingerprint);
  }

  async get(playerId: string, key: string): Promise<StoredBet | null> {
    const raw = await this.redis.get(this.key(playerId, key));
    return raw === null ? null : (JSON.parse(raw) as StoredBet);
  }

  async save(playerId: string, key: string, bet: StoredBet): Promise<void> {
    await this.redis.set(this.key(playerId, key), JSON.stringify(bet), 'PX', RECORD_TTL_MS);
  }

  async count(counter: Counter): Promise<void> {
    await this.redis.hincrby(`${this.prefix}stats`, counter, 1);
  }

  async counters(): Promise<Record<Counter, number>> {
    const raw = await this.redis.hgetall(`${this.prefix}stats`);
    const totals = zeroCounters();
    for (const [name, value] of Object.entries(raw)) if (name in totals) totals[name as Counter] = Number(value);
    return totals;
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  private key(playerId: string, key: string): string {
    return `${this.prefix}bet:{${playerId}}:${key}`;
  }
}
