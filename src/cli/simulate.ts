import { parseShard } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { ConfigError } from '../errors.js';
import { OddsSimulator } from '../feed/odds-simulator.js';
import { RedisOddsPublisher } from '../feed/redis-publisher.js';
import { createLogger } from '../observability/logger.js';

/**
 * `oddsgate simulate [--events 200] [--markets 4] [--rate 500] [--spike-factor 40]
 *   [--spike-every-ms 60000] [--spike-duration-ms 5000] [--goal-chance 0.01]
 *   [--duration-sec 0] [--max-updates 0] [--seed N]`
 * Publishes simulated odds to the Redis shards and heartbeats them, until
 * the duration or update count is reached (0: until Ctrl-C).
 */
export async function simulate(config: Config, flags: Record<string, string | string[] | true>): Promise<void> {
  if (config.redisShards.length === 0) throw new ConfigError('simulate needs redisShards (ODDSGATE_REDIS_SHARDS or --redis-shards)');
  const log = createLogger(config.logLevel, { role: 'simulator' });
  const num = (name: string, def: number) => {
    const v = flags[name];
    if (v === undefined) return def;
    const n = Number(v);
    if (typeof v !== 'string' || !Number.isFinite(n) || n < 0) throw new ConfigError(`--${name.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())} expects a non-negative number, got ${JSON.stringify(v)}`);
    return n;
  };
  const publisher = new RedisOddsPublisher({
    shards: config.redisShards.map(parseShard),
    keyPrefix: config.keyPrefix,
    streamMaxLen: config.streamMaxLen,
    heartbeatMs: config.heartbeatMs,
  });
  await publisher.start();
  const simulator = new OddsSimulator(publisher, {
    events: num('events', 200),
    marketsPerEvent: num('markets', 4),
    ratePerSec: num('rate', 500),
    spikeFactor: num('spikeFactor', 40),
    spikeEveryMs: num('spikeEveryMs', 0),
    spikeDurationMs: num('spikeDurationMs', 5_000),
    goalChancePerSec: num('goalChance', 0.01),
    maxUpdates: num('maxUpdates', 0),
    seed: flags.seed === undefined ? undefined : num('seed', 0),
    onError: (err) => log.warn({ err: (err as Error).message }, 'publish failed'),
  });
  await simulator.seed();
  simulator.start();
  log.info({ events: simulator.eventIds().length }, 'simulating odds');
  const durationSec = num('durationSec', 0);
  await new Promise<void>((resolve) => {
    const finish = () => resolve();
    process.once('SIGINT', finish);
    process.once('SIGTERM', finish);
    if (durationSec > 0) setTimeout(finish, durationSec * 1000);
    const poll = setInterval(() => {
      if (!simulator.running) {
        clearInterval(poll);
        finish();
      }
    }, 100);
  });
  simulator.stop();
  log.info({ published: simulator.published }, 'simulation finished');
  await publisher.stop();
}
