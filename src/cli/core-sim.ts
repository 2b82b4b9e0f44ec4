import { readOptions, type RawFlags } from '../config/command-line.js';
import { parseShard, type ShardSpec } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { ConfigError } from '../errors.js';
import { createLogger } from '../observability/logger.js';
import { CoreSim } from '../core-sim/core-sim.js';
import { InvalidFaultsError, parseFaults, DEFAULT_FAULTS, type FaultsInput } from '../core-sim/faults.js';
import { RedisBetStore } from '../core-sim/redis-bet-store.js';
import { RedisPriceSource } from '../core-sim/redis-price-source.js';

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

type CoreSimFlags = ReturnType<typeof readOptions<'core-sim'>>;

/** The command's options (config/commands.ts) from raw flags; every problem is a one-line ConfigError naming the flag. */
export function coreSimOptionsFromFlags(config: Config, flags: RawFlags): CoreSimCommandOptions {
  return coreSimOptions(config, readOptions('core-sim', flags));
}

/** Checks what one flag alone cannot (latency flags that exclude each other, the feed shards) and resolves the defaults that depend on other values. */
function coreSimOptions(config: Config, { values: o, given }: CoreSimFlags): CoreSimCommandOptions {
  if (config.redisShards.length === 0) {
    throw new ConfigError('core-sim needs redisShards (ODDSGATE_REDIS_SHARDS or --redis-shards) to read prices from the feed snapshot');
  }
  const shards = config.redisShards.map(parseShard);
  let latency: FaultsInput['latency'];
  if (given.has('latencyMs')) {
    if (given.has('latencyMinMs') || given.has('latencyMaxMs')) throw new ConfigError('--latency-ms (fixed) and --latency-min-ms/--latency-max-ms exclude each other');
    latency = { fixedMs: o.latencyMs };
  } else {
    const maxMs = given.has('latencyMaxMs') ? o.latencyMaxMs : o.latencyMinMs;
    if (o.latencyMinMs > maxMs) throw new ConfigError(`--latency-min-ms (${o.latencyMinMs}) must not exceed --latency-max-ms (${maxMs})`);
    latency = { minMs: o.latencyMinMs, maxMs };
  }
  const faults: FaultsInput = { latency, errorRate: o.errorRate, pendingRatio: o.pendingRatio, pendingDelayMs: o.pendingDelayMs, pendingDeclineRatio: o.pendingDeclineRatio };
  try {
    parseFaults(DEFAULT_FAULTS, faults); // the same check as POST /admin/faults
  } catch (err) {
    if (err instanceof InvalidFaultsError) throw new ConfigError(`core-sim: ${err.message}`);
    throw err;
  }
  return {
    jurisdiction: o.jurisdiction,
    host: o.coreHost,
    port: o.corePort,
    shards,
    feedKeyPrefix: config.keyPrefix,
    storeUrl: o.coreRedis || shards[0].url,
    storeKeyPrefix: o.coreKeyPrefix || `${config.keyPrefix}core:${o.jurisdiction}:`,
    maxStake: o.maxStake,
    faults,
  };
}

/**
 * `oddsgate core-sim`: the reference core of one jurisdiction until SIGTERM /
 * SIGINT. Prices come from the feed's shards (redisShards, keyPrefix);
 * records and counters from --core-redis (default: the first shard). Faults
 * can be changed while it runs: POST /admin/faults.
 */
export async function coreSimCommand(config: Config, flags: CoreSimFlags): Promise<void> {
  const o = coreSimOptions(config, flags);
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
