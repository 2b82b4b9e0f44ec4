import { Redis } from 'ioredis';
import type { NodeStatus } from '../admin/node-control.js';
import type { commands } from '../config/commands.js';
import type { FieldValues } from '../config/field.js';
import { envName, type Config } from '../config/schema.js';
import { ConfigError, OddsgateError } from '../errors.js';
import { createLogger } from '../observability/logger.js';
import type { NodeInfo } from '../routing/membership.js';
import { membershipUrl } from '../routing/create-membership.js';
import { RedisMembership } from '../routing/redis-membership.js';
import { redactUrl } from '../util/redact.js';
import { AdminClient } from './admin-client.js';
import { fleetView, type FleetView } from './fleet-view.js';

type StatusOptions = FieldValues<(typeof commands)['status']['options']>;

/** The membership Redis did not answer: nothing can be said about the fleet. */
export class MembershipUnreachableError extends OddsgateError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('OG_MEMBERSHIP_UNREACHABLE', message, options);
  }
}

/** A node's admin status, or why there is none. */
type AdminView = NodeStatus | { error: string };

/**
 * `oddsgate status`: the fleet as the membership Redis holds it, read as an
 * observer (it registers nothing): each live node's id, URL, state,
 * connections and the ring digest it sees, with its admin status when
 * adminToken is given; and whether every node sees the ring of the active
 * nodes. Exit 0 when they agree, 1 when they do not (or no node is live),
 * so a script can wait for a fleet to settle.
 */
export async function statusCommand(config: Config, o: StatusOptions): Promise<number> {
  const url = membershipUrl(config);
  if (url === '') {
    throw new ConfigError(`oddsgate status needs the membership Redis: set membershipRedis (${envName('membershipRedis')}) or redisShards (${envName('redisShards')})`);
  }
  await ping(url, config.redisCommandTimeoutMs);
  const membership = new RedisMembership({
    url,
    keyPrefix: config.keyPrefix,
    heartbeatMs: config.membershipHeartbeatMs,
    timeoutMs: config.membershipTimeoutMs,
    commandTimeoutMs: config.redisCommandTimeoutMs,
    log: createLogger('silent'),
  });
  await membership.start();
  const members = membership.members();
  await membership.stop();

  const view = fleetView(members);
  const admin = config.adminToken === '' ? undefined : await Promise.all(view.nodes.map((n) => adminView(n, config.adminToken)));
  process.stdout.write((o.json ? asJson(view, admin) : asTable(view, admin, url)) + '\n');
  return view.agree ? 0 : 1;
}

async function ping(url: string, timeoutMs: number): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, connectTimeout: timeoutMs, commandTimeout: timeoutMs, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null });
  redis.on('error', () => {
    // Reported by the failed connect/ping below.
  });
  try {
    await redis.connect();
    await redis.ping();
  } catch (err) {
    throw new MembershipUnreachableError(
      `cannot reach the membership Redis ${redactUrl(url)} (membershipRedis, else the first of redisShards): ${(err as Error).message}`,
      { cause: err },
    );
  } finally {
    redis.disconnect();
  }
}

async function adminView(node: NodeInfo, token: string): Promise<AdminView> {
  if (node.adminUrl === '') return { error: 'no admin API' };
  try {
    return await new AdminClient(node.adminUrl, token, 3_000).status();
  } catch (err) {
    if (err instanceof OddsgateError) return { error: err.message };
    throw err;
  }
}

function asJson(view: FleetView, admin: AdminView[] | undefined): string {
  const nodes = view.nodes.map((n, i) => ({ ...n, ...(admin ? { admin: admin[i] } : {}) }));
  return JSON.stringify({ agree: view.agree, ring: view.ring, disagreeing: view.disagreeing, nodes }, null, 2);
}

function asTable(view: FleetView, admin: AdminView[] | undefined, url: string): string {
  if (view.nodes.length === 0) return `no live nodes in the membership Redis ${redactUrl(url)}`;
  const active = view.nodes.filter((n) => n.state === 'active').length;
  const verdict = view.agree ? 'all nodes agree' : `${view.disagreeing.join(', ')} ${view.disagreeing.length === 1 ? 'sees' : 'see'} another ring: the nodes do not agree`;
  const head = ['node', 'state', 'connections', 'ring', 'url', ...(admin ? ['admin'] : [])];
  const rows = view.nodes.map((n, i) => [n.id, n.state, String(n.connections), n.ring, n.url, ...(admin ? [adminCell(admin[i])] : [])]);
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const format = (cells: string[]) => cells.map((cell, c) => (c === cells.length - 1 ? cell : cell.padEnd(widths[c]))).join('  ');
  return [`${view.nodes.length} live nodes, ${active} active; ring of the active nodes ${view.ring}: ${verdict}`, format(head), ...rows.map(format)].join('\n');
}

function adminCell(a: AdminView): string {
  if ('error' in a) return a.error;
  const d = a.drain;
  const drain = d.state === 'active' ? '' : `, drain ${d.moved + d.closedAtDeadline}/${d.clients} done, ${d.remaining} open`;
  return `${a.state}, ${a.workers} worker${a.workers === 1 ? '' : 's'}${drain}`;
}
