import type { commands } from '../config/commands.js';
import type { FieldValues } from '../config/field.js';
import { feedShards } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { ConfigError } from '../errors.js';
import { RedisOddsPublisher } from '../feed/redis-publisher.js';
import { MarketStatus } from '../protocol/wire.js';

type PublishOptions = FieldValues<(typeof commands)['publish']['options']>;

const STATUSES: Record<PublishOptions['status'], MarketStatus> = {
  open: MarketStatus.MARKET_STATUS_OPEN,
  suspended: MarketStatus.MARKET_STATUS_SUSPENDED,
  closed: MarketStatus.MARKET_STATUS_CLOSED,
};

/**
 * `oddsgate publish --event E --market M [--status open|suspended|closed] --selection id=price ...`
 * Publishes one update (price as decimal odds, e.g. home=2.375, or x1000 integer home=2375)
 * and prints its epoch, sequence and offset as JSON.
 */
export async function publish(config: Config, o: PublishOptions): Promise<void> {
  const selections = o.selection.map(parseSelection);
  await withOneShotPublisher(config, 'publish', async (publisher) => {
    const result = await publisher.publish({ eventId: o.event, marketId: o.market, status: STATUSES[o.status], selections });
    process.stdout.write(JSON.stringify({ eventId: o.event, shard: publisher.shardFor(o.event), ...result }) + '\n');
  });
}

/** A publisher without heartbeats on the configured shards, for one command's publishes; stopped afterwards. */
export async function withOneShotPublisher(config: Config, command: string, use: (publisher: RedisOddsPublisher) => Promise<void>): Promise<void> {
  const shards = feedShards(config);
  if (shards.length === 0) throw new ConfigError(`${command} needs redisShards (ODDSGATE_REDIS_SHARDS or --redis-shards) or redisCluster`);
  const publisher = new RedisOddsPublisher({ shards, keyPrefix: config.keyPrefix, streamMaxLen: config.streamMaxLen, shardLogMaxLen: config.shardLogMaxLen, heartbeatMs: 0, waitReplicas: config.publishWaitReplicas, waitTimeoutMs: config.publishWaitTimeoutMs });
  await publisher.start();
  try {
    await use(publisher);
  } finally {
    await publisher.stop();
  }
}

/** `id=price` (already checked by the option's schema): decimal odds with a point, or below 1000, are scaled x1000. */
function parseSelection(text: string): { id: string; price: number } {
  const eq = text.lastIndexOf('=');
  const price = text.slice(eq + 1);
  const n = Number(price);
  return { id: text.slice(0, eq), price: price.includes('.') ? Math.round(n * 1000) : n < 1000 ? n * 1000 : n };
}
