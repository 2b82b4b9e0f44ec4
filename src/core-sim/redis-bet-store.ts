import { Redis } from 'ioredis';
import { COUNTERS, DEFAULT_RECORD_TTL_MS, zeroStats, type BetRecord, type BetStore, type CoreStats, type Counter } from './bet-store.js';
import { closeRedis } from '../util/close-redis.js';

/** KEYS[1] record, KEYS[2] stats hash; ARGV[1] record JSON, ARGV[2] TTL ms. Nil: created; else the existing record. */
const CLAIM_SCRIPT = `
redis.call('HINCRBY', KEYS[2], 'requests', 1)
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  redis.call('HINCRBY', KEYS[2], 'created', 1)
  return false
end
redis.call('HINCRBY', KEYS[2], 'duplicates', 1)
return redis.call('GET', KEYS[1])
`;

/** KEYS[1] record, KEYS[2] stats hash; ARGV[1] expected JSON, ARGV[2] next JSON, ARGV[3..] counters. 1: swapped. */
const SWAP_SCRIPT = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'KEEPTTL')
for i = 3, #ARGV do redis.call('HINCRBY', KEYS[2], ARGV[i], 1) end
return 1
`;

type ScriptedRedis = Redis & {
  coreClaim(record: string, stats: string, value: string, ttlMs: number): Promise<string | null>;
  coreSwap(record: string, stats: string, expected: string, next: string, ...counters: string[]): Promise<number>;
};

export interface RedisBetStoreOptions {
  url: string;
  /** Prefix of every key, e.g. `og:core:MT:`; instances of one jurisdiction's core share it. */
  keyPrefix: string;
  recordTtlMs?: number;
  commandTimeoutMs?: number;
  onConnectionError?: (err: Error) => void;
}

/**
 * Records as JSON strings under `<prefix>bet:<playerId>:<key>` (SET NX with
 * a TTL), counters in the hash `<prefix>stats`. The scripts touch both keys,
 * so the core's Redis is a single instance, not a Cluster.
 */
export class RedisBetStore implements BetStore {
  private readonly redis: ScriptedRedis;
  private readonly statsKey: string;
  private readonly ttlMs: number;

  constructor(private readonly options: RedisBetStoreOptions) {
    this.redis = new Redis(options.url, { maxRetriesPerRequest: 2, commandTimeout: options.commandTimeoutMs ?? 2_000 }) as ScriptedRedis;
    this.redis.defineCommand('coreClaim', { numberOfKeys: 2, lua: CLAIM_SCRIPT });
    this.redis.defineCommand('coreSwap', { numberOfKeys: 2, lua: SWAP_SCRIPT });
    // Failed commands reject and become HTTP 500s; ioredis reconnects by itself.
    this.redis.on('error', (err: Error) => options.onConnectionError?.(err));
    this.statsKey = `${options.keyPrefix}stats`;
    this.ttlMs = options.recordTtlMs ?? DEFAULT_RECORD_TTL_MS;
  }

  async claim(playerId: string, key: string, record: BetRecord): Promise<BetRecord | null> {
    const existing = await this.redis.coreClaim(this.key(playerId, key), this.statsKey, JSON.stringify(record), this.ttlMs);
    return existing === null ? null : (JSON.parse(existing) as BetRecord);
  }

  async get(playerId: string, key: string): Promise<BetRecord | null> {
    const raw = await this.redis.get(this.key(playerId, key));
    return raw === null ? null : (JSON.parse(raw) as BetRecord);
  }

  async swap(playerId: string, key: string, expected: BetRecord, next: BetRecord, counters: Counter[]): Promise<boolean> {
    // JSON.stringify of a record parsed from JSON.stringify output reproduces it exactly, so it compares equal in Redis.
    return (await this.redis.coreSwap(this.key(playerId, key), this.statsKey, JSON.stringify(expected), JSON.stringify(next), ...counters)) === 1;
  }

  async count(counters: Counter[]): Promise<void> {
    const multi = this.redis.multi();
    for (const c of counters) multi.hincrby(this.statsKey, c, 1);
    await multi.exec();
  }

  async stats(): Promise<CoreStats> {
    const raw = await this.redis.hgetall(this.statsKey);
    const stats = zeroStats();
    for (const c of COUNTERS) if (raw[c] !== undefined) stats[c] = Number(raw[c]);
    return stats;
  }

  close(): Promise<void> {
    return closeRedis(this.redis);
  }

  private key(playerId: string, key: string): string {
    // Player ids may hold ':'; encoding them keeps (player, key) pairs from colliding.
    return `${this.options.keyPrefix}bet:${encodeURIComponent(playerId)}:${key}`;
  }
}
