import { Cluster, Redis, type RedisOptions } from 'ioredis';
import type { ShardSpec } from '../config/load.js';

/** A connection to a feed shard: one Redis (plain or behind Sentinel), or a Redis Cluster client. */
export type ShardClient = Redis | Cluster;

/**
 * The one place a connection to a feed shard is made (feed reader,
 * publisher, catalogue, reference core): a plain redis:// URL, the primary
 * that the shard's Sentinels name, or a Redis Cluster.
 *
 * A Sentinel shard is ioredis's own Sentinel client: it asks the Sentinels
 * for the master at every (re)connect and checks the node it reached is a
 * primary (ROLE), and failoverDetector subscribes to the Sentinels'
 * +switch-master, so a promotion drops the connection to the old primary
 * even when that one is still up (a partition) rather than only when it
 * dies. Either way a failover is a reconnect, which the reader treats as
 * one: every open event's last delivered entry is looked up again (a
 * promoted replica may lack the last acknowledged writes: shard-reader.ts).
 *
 * A Cluster shard is one hash tag (one slot) of the cluster; ioredis's
 * Cluster client routes each command by its keys' slot and follows MOVED,
 * ASK and TRYAGAIN by itself (a slot migration or a manual failover).
 */
export function connectShard(shard: ShardSpec, options: RedisOptions): ShardClient {
  if (shard.cluster) {
    const { enableOfflineQueue, lazyConnect, maxRetriesPerRequest, ...redisOptions } = options;
    return new Cluster(shard.cluster.seeds, { redisOptions: { ...redisOptions, maxRetriesPerRequest }, enableOfflineQueue, lazyConnect });
  }
  if (!shard.sentinel) return new Redis(shard.url, options);
  const { sentinels, masterName, password } = shard.sentinel;
  return new Redis({ ...options, sentinels, name: masterName, password, failoverDetector: true });
}

/**
 * The connection that carries commands on `slot`: the client itself, or on
 * a Cluster the client's connection to the primary serving the slot now
 * (by its slot map). A blocking read holds that connection, and CLIENT ID
 * and CLIENT UNBLOCK must reach the node it waits on, so they go there too.
 * A slot map naming a node that is no longer a primary (a failover: ioredis
 * refreshes its map only on a redirection, and keyless commands get none)
 * gives undefined and has the map refreshed: ask again shortly.
 */
export function connectionFor(client: ShardClient, slot: number): Redis | undefined {
  if (!(client instanceof Cluster)) return client;
  const owner = client.slots[slot]?.[0];
  const node = client.nodes('master').find((n) => `${n.options.host}:${n.options.port}` === owner);
  if (!node) client.refreshSlotsCache();
  return node;
}

/** Calls `lost` whenever a connection of the client closes (on a Cluster: any node's, a failover's included). */
export function onConnectionLost(client: ShardClient, lost: () => void): void {
  if (client instanceof Cluster) client.on('+node', (node: Redis) => node.on('close', lost));
  else client.on('close', lost);
}
