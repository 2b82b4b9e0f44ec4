import { parseShard } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { ConfigError } from '../errors.js';
import { RedisOddsPublisher } from '../feed/redis-publisher.js';
import { MarketStatus } from '../protocol/wire.js';
import { flagList } from './args.js';

const STATUSES: Record<string, MarketStatus> = {
  open: MarketStatus.MARKET_STATUS_OPEN,
  suspended: MarketStatus.MARKET_STATUS_SUSPENDED,
  closed: MarketStatus.MARKET_STATUS_CLOSED,
};

/**
 * `oddsgate publish --event E --market M [--status open|suspended|closed] --selection id=price ...`
 * Publishes one update (price as decimal odds, e.g. home=2.375, or x1000 integer home=2375)
 * and prints its epoch, sequence and offset as JSON.
 */
export async function publish(config: Config, flags: Record<string, string | string[] | true>): Promise<void> {
  if (config.redisShards.length === 0) throw new ConfigError('publish needs redisShards (ODDSGATE_REDIS_SHARDS or --redis-shards)');
  const eventId = requireFlag(flags, 'event');
  const marketId = requireFlag(flags, 'market');
  const statusName = typeof flags.status === 'string' ? flags.status : 'open';
  const status = STATUSES[statusName];
  if (status === undefined) throw new ConfigError(`--status expects open, suspended or closed, got ${JSON.stringify(statusName)}`);
  const selections = flagList(flags.selection).map(parseSelection);
  if (selections.length === 0) throw new ConfigError('--selection id=price is required at least once (price: decimal odds like 2.375)');

  const publisher = new RedisOddsPublisher({ shards: config.redisShards.map(parseShard), keyPrefix: config.keyPrefix, streamMaxLen: config.streamMaxLen, heartbeatMs: 0 });
  await publisher.start();
  try {
    const result = await publisher.publish({ eventId, marketId, status, selections });
    process.stdout.write(JSON.stringify({ eventId, shard: publisher.shardFor(eventId), ...result }) + '\n');
  } finally {
    await publisher.stop();
  }
}

function requireFlag(flags: Record<string, string | string[] | true>, name: string): string {
  const value = flags[name];
  if (typeof value !== 'string' || value === '') throw new ConfigError(`--${name} <id> is required`);
  return value;
}

function parseSelection(text: string): { id: string; price: number } {
  const match = /^([^=]+)=(\d+(?:\.\d{1,3})?)$/.exec(text);
  if (!match) throw new ConfigError(`--selection expects id=price with decimal odds (home=2.375), got ${JSON.stringify(text)}`);
  const price = match[2].includes('.') ? Math.round(Number(match[2]) * 1000) : Number(match[2]) < 1000 ? Number(match[2]) * 1000 : Number(match[2]);
  return { id: match[1], price };
}
