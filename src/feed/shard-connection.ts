import { Redis, type RedisOptions } from 'ioredis';
import type { ShardSpec } from '../config/load.js';

/**
 * The one place a connection to a feed shard is made (feed reader,
 * publisher, catalogue, reference core): a plain redis:// URL, or the
 * primary that the shard's Sentinels name.
 *
 * A Sentinel shard is ioredis's own Sentinel client: it asks the Sentinels
 * for the master at every (re)connect and checks the node it reached is a
 * primary (ROLE), and failoverDetector subscribes to the Sentinels'
 * +switch-master, so a promotion drops the connection to the old primary
 * even when that one is still up (a partition) rather than only when it
 * dies. Either way a failover is a reconnect, which the reader treats as
 * one: every open event's last delivered entry is looked up again (a
 * promoted replica may lack the last acknowledged writes: shard-reader.ts).
 */
export function connectShard(shard: ShardSpec, options: RedisOptions): Redis {
  if (!shard.sentinel) return new Redis(shard.url, options);
  const { sentinels, masterName, password } = shard.sentinel;
  return new Redis({ ...options, sentinels, name: masterName, password, failoverDetector: true });
}
