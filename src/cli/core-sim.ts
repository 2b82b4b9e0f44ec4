import { parseShard, type ShardSpec } from '../config/load.js';
import { fields, type Config } from '../config/schema.js';
import { ConfigError } from '../errors.js';
import { createLogger } from '../observability/logger.js';
import { CoreSim, DEFAULT_MAX_STAKE } from '../core-sim/core-sim.js';
import { InvalidFaultsError, parseFaults, DEFAULT_FAULTS, type FaultsInput } from '../core-sim/faults.js';
import { RedisBetStore } from '../core-sim/redis-bet-store.js';
import { RedisPriceSource } from '../core-sim/redis-price-source.js';

type Flags = Record<string, string | string[] | true>;

export const CORE_SIM_USAGE = `oddsgate core-sim --jurisdiction MT [--core-port 9001] [--core-host 127.0.0.1]
  [--core-redis redis://host:port] [--core-key-prefix <keyPrefix>core:MT:] [--max-stake 10000000]
  [--latency-ms N | --latency-min-ms 5 --latency-max-ms 15] [--error-rate 0] [--pending-ratio 0]
  [--pending-delay-ms 3000] [--pending-decline-ratio 0]`;

export interface CoreSimCommandOptions {
  jurisdiction: string;
  host: string;
  port: number;
  /** The feed's shards and key prefix: where prices are read. */
  shards: ShardSpec[];
  feedKeyPrefix: string;
  /** Where idempotency records and counters live, and under which prefix. */
  storeUrl: string;
  storeKeyPrefix: string;
  maxStake: number;
  faults: FaultsInput;
}

const OWN_FLAGS = new Set([
  'config', 'jurisdiction', 'corePort', 'coreHost', 'coreRedis', 'coreKeyPrefix', 'maxStake',
  'latencyMs', 'latencyMinMs', 'latencyMaxMs', 'errorRate', 'pendingRatio', 'pendingDelayMs', 'pendingDeclineRatio',
]);

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());

/** Validates the command's flags; every problem is a one-line ConfigError naming the flag. */
export function coreSimOptionsFromFlags(config: Config, flags: Flags): CoreSimCommandOptions {
  for (const name of Object.keys(flags)) {
    if (!OWN_FLAGS.has(name) && !(name in fields)) throw new ConfigError(`core-sim: unknown flag --${kebab(name)}; usage: ${CORE_SIM_USAGE.split('\n')[0]} ...`);
  }
  if (config.redisShards.length === 0) {
    throw new ConfigError('core-sim needs redisShards (ODDSGATE_REDIS_SHARDS or --redis-shards) to read prices from the feed snapshot');
  }
  const text = (name: string): string | undefined => {
    const v = flags[name];
    if (v === undefined) return undefined;
    if (typeof v !== 'string' || v === '') throw new ConfigError(`--${kebab(name)} expects a value, got ${Array.isArray(v) ? 'it more than once' : 'none'}`);
    return v;
  };
  const num = (name: string, min: number, max: number, integer: boolean): number | undefined => {
    const v = text(name);
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) {
      throw new ConfigError(`--${kebab(name)} expects ${integer ? 'an integer' : 'a number'} from ${min} to ${max}, got ${JSON.stringify(v)}`);
    }
    return n;
  };

  const jurisdiction = text('jurisdiction') ?? '';
  if (!/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/.test(jurisdiction)) {
    throw new ConfigError(`--jurisdiction expects a code like MT, DE or US-NJ, got ${JSON.stringify(flags.jurisdiction ?? '')}`);
  }
  const shards = config.redisShards.map(parseShard);
  const coreRedis = text('coreRedis');
  if (coreRedis !== undefined && !/^rediss?:\/\/[^/\s]+/.test(coreRedis)) {
    throw new ConfigError(`--core-redis expects redis://host:port, got ${JSON.stringify(coreRedis)}`);
  }

  const faults: FaultsInput = {};
  const fixed = num('latencyMs', 0, 3_600_000, true);
  const min = num('latencyMinMs', 0, 3_600_000, true);
  const max = num('latencyMaxMs', 0, 3_600_000, true);
  if (fixed !== undefined && (min !== undefined || max !== undefined)) throw new ConfigError('--latency-ms (fixed) and --latency-min-ms/--latency-max-ms exclude each other');
  if (fixed !== undefined) faults.latency = { fixedMs: fixed };
  else if (min !== undefined || max !== undefined) {
    const lo = min ?? 0;
    const hi = max ?? lo;
    if (lo > hi) throw new ConfigError(`--latency-min-ms (${lo}) must not exceed --latency-max-ms (${hi})`);
    faults.latency = { minMs: lo, maxMs: hi };
  }
  faults.errorRate = num('errorRate', 0, 1, false);
  faults.pendingRatio = num('pendingRatio', 0, 1, false);
  faults.pendingDelayMs = num('pendingDelayMs', 0, 3_600_000, true);
  faults.pendingDeclineRatio = num('pendingDeclineRatio', 0, 1, false);
  try {
    parseFaults(DEFAULT_FAULTS, faults); // the same check as POST /admin/faults
  } catch (err) {
    if (err instanceof InvalidFaultsError) throw new ConfigError(`core-sim: ${err.message}`);
    throw err;
  }

  return {
    jurisdiction,
    host: text('coreHost') ?? '127.0.0.1',
    port: num('corePort', 0, 65_535, true) ?? 9001,
    shards,
    feedKeyPrefix: config.keyPrefix,
    storeUrl: coreRedis ?? shards[0].url,
    storeKeyPrefix: text('coreKeyPrefix') ?? `${config.keyPrefix}core:${jurisdiction}:`,
    maxStake: num('maxStake', 1, Number.MAX_SAFE_INTEGER, true) ?? DEFAULT_MAX_STAKE,
    faults: Object.fromEntries(Object.entries(faults).filter(([, v]) => v !== undefined)) as FaultsInput,
  };
}

/**
 * `oddsgate core-sim`: the reference core of one jurisdiction until SIGTERM /
 * SIGINT. Prices come from the feed's shards (redisShards, keyPrefix);
 * records and counters from --core-redis (default: the first shard). Faults
 * can be changed while it runs: POST /admin/faults.
 */
export async function coreSimCommand(config: Config, flags: Flags): Promise<void> {
  const o = coreSimOptionsFromFlags(config, flags);
  const log = createLogger(config.logLevel, { role: 'core-sim', jurisdiction: o.jurisdiction });
  const core = new CoreSim({
    jurisdiction: o.jurisdiction,
    host: o.host,
    port: o.port,
    maxStake: o.maxStake,
    faults: o.faults,
    log,
    store: new RedisBetStore({ url: o.storeUrl, keyPrefix: o.storeKeyPrefix, onConnectionError: (err) => log.warn({ err: err.message }, 'core redis connection error') }),
    prices: new RedisPriceSource({
      shards: o.shards,
      keyPrefix: o.feedKeyPrefix,
      onConnectionError: (shard, err) => log.warn({ shard, err: err.message }, 'feed shard connection error'),
    }),
  });
  try {
    await core.listen();
  } catch (err) {
    await core.stop();
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
      throw new ConfigError(`core-sim cannot listen on ${o.host}:${o.port} (${code}); change --core-port or --core-host`);
    }
    throw err;
  }
  log.info({ url: core.url, faults: core.getFaults(), maxStake: o.maxStake }, 'reference core listening');
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    await core.stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}
