import type { FieldValues } from '../config/field.js';
import type { commands } from '../config/commands.js';
import { feedShards } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { ConfigError } from '../errors.js';
import { OddsSimulator } from '../feed/odds-simulator.js';
import { RedisOddsPublisher } from '../feed/redis-publisher.js';
import { createLogger } from '../observability/logger.js';

type SimulateOptions = FieldValues<(typeof commands)['simulate']['options']>;

/**
 * `oddsgate simulate`: publishes simulated odds to the Redis shards and
 * heartbeats them, until the duration or update count is reached (0: until
 * SIGINT/SIGTERM). Options: config/commands.ts.
 */
export async function simulate(config: Config, o: SimulateOptions): Promise<void> {
  const shards = feedShards(config);
  if (shards.length === 0) throw new ConfigError('simulate needs redisShards (ODDSGATE_REDIS_SHARDS or --redis-shards) or redisCluster');
  const log = createLogger(config.logLevel, { role: 'simulator' });
  const publisher = new RedisOddsPublisher({
    shards,
    keyPrefix: config.keyPrefix,
    streamMaxLen: config.streamMaxLen,
    shardLogMaxLen: config.shardLogMaxLen,
    heartbeatMs: config.heartbeatMs,
    waitReplicas: config.publishWaitReplicas,
    waitTimeoutMs: config.publishWaitTimeoutMs,
  });
  await publisher.start();
  const simulator = new OddsSimulator(publisher, {
    events: o.events,
    marketsPerEvent: o.markets,
    ratePerSec: o.rate,
    spikeFactor: o.spikeFactor,
    spikeEveryMs: o.spikeEveryMs,
    spikeDurationMs: o.spikeDurationMs,
    goalChancePerSec: o.goalChance,
    matchSpeed: o.matchSpeed,
    preMatchShare: o.preMatchShare,
    maxUpdates: o.maxUpdates,
    seed: o.seed === 0 ? undefined : o.seed,
    onError: (err) => log.warn({ err: (err as Error).message }, 'publish failed'),
  });
  await simulator.seed();
  simulator.start();
  log.info({ events: simulator.eventIds().length }, 'simulating odds');
  await new Promise<void>((resolve) => {
    const finish = () => resolve();
    process.once('SIGINT', finish);
    process.once('SIGTERM', finish);
    if (o.durationSec > 0) setTimeout(finish, o.durationSec * 1000);
    const poll = setInterval(() => {
      if (!simulator.running) {
        clearInterval(poll);
        finish();
      }
    }, 100);
  });
  simulator.stop();
  log.info({ published: simulator.published, infoPublished: simulator.infoPublished }, 'simulation finished');
  await publisher.stop();
}
