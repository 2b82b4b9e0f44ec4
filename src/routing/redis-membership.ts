import { Redis } from 'ioredis';
import type { Logger } from '../observability/logger.js';
import type { Membership, NodeIdentity, NodeInfo, NodeState, NodeVitals } from './membership.js';

/**
 * One script does every membership step atomically, timed by the Redis
 * server's clock (TIME), so nodes with skewed clocks still agree on who is
 * alive: it drops members whose last heartbeat is older than the timeout,
 * applies this call's step, publishes on the channel when the set of
 * members or one's url/state changed, and returns every live member's info.
 *
 * KEYS[1] zset id -> last heartbeat (server ms), KEYS[2] hash id -> info JSON,
 * KEYS[3] hash id -> "url state" (what a change is judged by)
 * ARGV[1] step: beat | leave | read, ARGV[2] id, ARGV[3] info JSON,
 * ARGV[4] "url state", ARGV[5] timeout ms, ARGV[6] channel
 */
const MEMBERSHIP_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local changed = false
local dead = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', '(' .. (now - tonumber(ARGV[5])))
for _, id in ipairs(dead) do
  redis.call('ZREM', KEYS[1], id)
  redis.call('HDEL', KEYS[2], id)
  redis.call('HDEL', KEYS[3], id)
  changed = true
end
if ARGV[1] == 'beat' then
  if redis.call('HGET', KEYS[3], ARGV[2]) ~= ARGV[4] then changed = true end
  redis.call('ZADD', KEYS[1], now, ARGV[2])
  redis.call('HSET', KEYS[2], ARGV[2], ARGV[3])
  redis.call('HSET', KEYS[3], ARGV[2], ARGV[4])
elseif ARGV[1] == 'leave' then
  if redis.call('ZREM', KEYS[1], ARGV[2]) == 1 then changed = true end
  redis.call('HDEL', KEYS[2], ARGV[2])
  redis.call('HDEL', KEYS[3], ARGV[2])
end
if changed then redis.call('PUBLISH', ARGV[6], ARGV[2]) end
local ids = redis.call('ZRANGE', KEYS[1], 0, -1)
if #ids == 0 then return {} end
return redis.call('HMGET', KEYS[2], unpack(ids))
`;

type Step = 'beat' | 'leave' | 'read';

type ScriptedRedis = Redis & {
  ogMembership(zset: string, info: string, ident: string, step: Step, id: string, infoJson: string, urlState: string, timeoutMs: number, channel: string): Promise<Array<string | null>>;
};

export interface RedisMembershipOptions {
  url: string;
  keyPrefix: string;
  heartbeatMs: number;
  /** A member silent this long is dropped by the next heartbeat of any node. */
  timeoutMs: number;
  /** This node, when it is a member; absent for an observer (a worker process, `oddsgate status`). */
  self?: { identity: NodeIdentity; vitals: () => NodeVitals };
  commandTimeoutMs?: number;
  log: Logger;
}

/**
 * Membership in one Redis (the membership Redis, by default the first feed
 * shard): a sorted set of heartbeats, info per node, and a pub/sub channel
 * that tells every node at once when the member set changed, so a join,
 * a drain or a dead node reaches every ring within about one heartbeat.
 *
 * One Redis rather than every shard: the ring must be one list that every
 * node reads alike, and a quorum over shards would add a consensus problem
 * for advice (routing never refuses a client). If the membership Redis is
 * unreachable, every node keeps the last ring it saw and serves on; routes
 * may then be stale, never refused.
 */
export class RedisMembership implements Membership {
  private readonly redis: ScriptedRedis;
  private readonly subscriber: Redis;
  private readonly keys: { zset: string; info: string; ident: string; channel: string };
  private readonly listeners: Array<(members: readonly NodeInfo[]) => void> = [];
  private current: readonly NodeInfo[] = [];
  private state: NodeState = 'active';
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private readonly log: Logger;

  constructor(private readonly options: RedisMembershipOptions) {
    this.log = options.log.child({ component: 'membership' });
    const p = options.keyPrefix;
    this.keys = { zset: `${p}nodes`, info: `${p}nodes:info`, ident: `${p}nodes:ident`, channel: `${p}nodes:changed` };
    this.redis = new Redis(options.url, { lazyConnect: true, commandTimeout: options.commandTimeoutMs ?? 2_000, maxRetriesPerRequest: 1, enableOfflineQueue: false }) as ScriptedRedis;
    this.redis.defineCommand('ogMembership', { numberOfKeys: 3, lua: MEMBERSHIP_SCRIPT });
    this.redis.on('error', (err: Error) => this.log.debug({ err: err.message }, 'membership connection error'));
    this.subscriber = new Redis(options.url, { lazyConnect: true, maxRetriesPerRequest: null });
    this.subscriber.on('error', (err: Error) => this.log.debug({ err: err.message }, 'membership subscriber error'));
    // Another node's change: read the members now rather than at our next beat.
    this.subscriber.on('message', () => void this.step('read'));
  }

  async start(): Promise<void> {
    this.running = true;
    await Promise.all([this.redis.connect(), this.subscriber.connect()]).catch((err: Error) =>
      this.log.warn({ err: err.message }, 'membership Redis unreachable at start; retrying (routes may be stale meanwhile)'),
    );
    await this.subscriber.subscribe(this.keys.channel).catch((err: Error) => this.log.warn({ err: err.message }, 'cannot subscribe to membership changes yet'));
    await this.step(this.options.self ? 'beat' : 'read');
    this.timer = setInterval(() => void this.step(this.options.self ? 'beat' : 'read'), this.options.heartbeatMs);
  }

  members(): readonly NodeInfo[] {
    return this.current;
  }

  onChange(listener: (members: readonly NodeInfo[]) => void): void {
    this.listeners.push(listener);
  }

  async setState(state: NodeState): Promise<void> {
    this.state = state;
    // Take effect locally at once, whatever Redis does: a draining node stops routing to itself.
    this.adopt(this.current.map((m) => (m.id === this.options.self?.identity.id ? { ...m, state } : m)));
    await this.step('beat');
  }

  async stop(): Promise<void> {
    this.running = false;
    clearInterval(this.timer);
    if (this.options.self) await this.step('leave', true);
    this.subscriber.disconnect();
    this.redis.disconnect();
  }

  private async step(step: Step, stopping = false): Promise<void> {
    if (!this.running && !stopping) return;
    const self = this.options.self;
    let info = '';
    let urlState = '';
    if (self && step !== 'read') {
      const node: NodeInfo = { ...self.identity, ...self.vitals(), state: this.state };
      info = JSON.stringify(node);
      urlState = `${node.url} ${node.state}`;
    }
    let raw: Array<string | null>;
    try {
      raw = await this.redis.ogMembership(this.keys.zset, this.keys.info, this.keys.ident, step, self?.identity.id ?? '', info, urlState, this.options.timeoutMs, this.keys.channel);
    } catch (err) {
      // Keep the last ring: routing is advice, and a stale one beats none.
      this.log.debug({ err: (err as Error).message, step }, 'membership step failed; keeping the last members');
      return;
    }
    if (step === 'leave') return;
    const members: NodeInfo[] = [];
    for (const json of raw) {
      const node = parseNodeInfo(json);
      if (node) members.push(node);
      else if (json !== null) this.log.warn('membership entry is not a node description; ignored');
    }
    this.adopt(members);
  }

  private adopt(members: readonly NodeInfo[]): void {
    const before = signature(this.current);
    this.current = members;
    if (signature(members) === before) return;
    for (const listener of this.listeners) listener(members);
  }
}

/** What a change is: the set of nodes and each one's url and state (not its connection count). */
function signature(members: readonly NodeInfo[]): string {
  return members
    .map((m) => `${m.id} ${m.url} ${m.state}`)
    .sort()
    .join('\n');
}

/** A node's info as stored by another node: checked field by field (another node may run another version). */
export function parseNodeInfo(json: string | null): NodeInfo | null {
  if (json === null) return null;
  let v: Partial<NodeInfo>;
  try {
    v = JSON.parse(json) as Partial<NodeInfo>;
  } catch {
    return null; // not ours: the caller logs it
  }
  const ok =
    typeof v.id === 'string' &&
    typeof v.url === 'string' &&
    typeof v.adminUrl === 'string' &&
    (v.state === 'active' || v.state === 'draining') &&
    Number.isSafeInteger(v.connections) &&
    typeof v.ring === 'string' &&
    Number.isSafeInteger(v.startedAt);
  return ok ? (v as NodeInfo) : null;
}
