import { hostname } from 'node:os';
import { parseShard } from '../config/load.js';
import type { Config } from '../config/schema.js';
import type { Logger } from '../observability/logger.js';
import { LocalMembership, type Membership, type NodeIdentity, type NodeVitals } from './membership.js';
import { RedisMembership } from './redis-membership.js';

/** A member announces itself and heartbeats; an observer (a worker process, `oddsgate status`) only follows. */
export type MembershipRole = 'member' | 'observer';

/** The membership Redis: membershipRedis, else the first feed shard; '' when the node has no Redis. */
export function membershipUrl(config: Pick<Config, 'membershipRedis' | 'redisShards'>): string {
  if (config.membershipRedis) return config.membershipRedis;
  if (config.redisShards.length === 0) return '';
  const first = parseShard(config.redisShards[0]);
  // A Sentinel shard has no one address to register at: membershipRedis must name one (checked at load).
  return first.sentinel ? '' : first.url;
}

/** The WebSocket URL clients reach this node at: publicUrl, else derived from host and port. */
export function publicUrl(config: Pick<Config, 'publicUrl' | 'host'>, port: number): string {
  return config.publicUrl || `ws://${reachableHost(config.host)}:${port}/v1/ws`;
}

/** The admin API's URL as other hosts reach it (`oddsgate status`). */
export function adminUrl(config: Pick<Config, 'adminHost'>, port: number): string {
  return `http://${reachableHost(config.adminHost)}:${port}`;
}

/** A listen address as others can reach it: the wildcard addresses mean this host's name. */
function reachableHost(listenHost: string): string {
  const host = listenHost === '0.0.0.0' || listenHost === '::' ? hostname() : listenHost;
  return host.includes(':') ? `[${host}]` : host;
}

export function createMembership(
  config: Config,
  role: MembershipRole,
  identity: NodeIdentity,
  vitals: () => NodeVitals,
  log: Logger,
): Membership {
  const url = membershipUrl(config);
  if (!url) return new LocalMembership(identity, vitals);
  return new RedisMembership({
    url,
    keyPrefix: config.keyPrefix,
    heartbeatMs: config.membershipHeartbeatMs,
    timeoutMs: config.membershipTimeoutMs,
    self: role === 'member' ? { identity, vitals } : undefined,
    commandTimeoutMs: config.redisCommandTimeoutMs,
    log,
  });
}
