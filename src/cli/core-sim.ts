import { parseShard } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { ConfigError } from '../errors.js';
import { RedisBetStore } from '../core/redis-bet-store.js';
import { RedisPriceSource } from '../core/price-source.js';
import { ReferenceCore } from '../core/reference-core.js';
import { createLogger } from '../observability/logger.js';

/**
 * `oddsgate core-sim --jurisdiction MT [--core-port 9001] [--core-host 127.0.0.1] [--core-redis redis://...]
 *   [--latency-min-ms 5] [--latency-max-ms 15] [--error-rate 0] [--pending-ratio 0] [--pending-delay-ms 3000]`
 * The reference core of one jurisdiction: prices from the feed's shards
 * (redisShards, keyPrefix), idempotency records in --core-redis (default:
 * the first shard). Faults can be changed at runtime: POST /admin/faults.
 */
export async function coreSim(config: Config, flags: Record<string, string | string[] | true>): Promise<void> {
  if (config.redisShards.length === 0) throw new ConfigError('core-sim needs redisShards (ODDSGATE_REDIS_SHARDS or --redis-shards) to read prices');
  const jurisdiction = typeof flags.jurisdiction === 'string' ? flags.jurisdiction : '';
  if (!/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/.test(jurisdiction)) throw new ConfigError(`--jurisdiction expects a code like MT or DE, got ${JSON.stringify(flags.jurisdiction ?? '')}`);
  const num = (name: string, def: number, max: number) => {
    const v = flags[name];
    if (v === undefined) return def;
    const n = Number(v);
    if (typeof v !== 'string' || !Number.isFinite(n) || n < 0 || n > max) {
      throw new ConfigError(`--${name.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())} expects a number from 0 to ${max}, got ${JSON.stringify(v)}`);
    }
    return n;
  };
  const shards = config.redisShards.map(parseShard);
  const storeUrl = typeof flags.coreRedis === 'string' ? parseShard(flags.coreRedis).url : shards[0].url;
  const core = new ReferenceCore({
    jurisdiction,
    host: typeof flags.coreHost === 'string' ? flags.coreHost : '127.0.0.1',
    port: num('corePort', 9001, 65535),
    store: new RedisBetStore(storeUrl, `${config.keyPrefix}core:${jurisdiction}:`),
    prices: new RedisPriceSource(shards, config.keyPrefix),
    faults: {
      latencyMinMs: num('latencyMinMs', 5, 600_000),
      latencyMaxMs: num('latencyMaxMs', 15, 600_000),
      errorRate: num('errorRate', 0, 1),
      pendingRatio: num('pendingRatio', 0, 1),
      pendingDelayMs: num('pendingDelayMs', 3_000, 3_600_000),
    },
  });
  const url = await core.listen();
  const log = createLogger(config.logLevel, { role: 'core-sim', jurisdiction });
  log.info({ url }, 'reference core listening');
  const stop = async () => {
    await core.stop();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}
