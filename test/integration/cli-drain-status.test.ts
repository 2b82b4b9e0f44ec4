import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { NodeStatus } from '../../src/admin/node-control.js';
import { createLogger } from '../../src/observability/logger.js';
import type { NodeState } from '../../src/routing/membership.js';
import { NodeRing } from '../../src/routing/node-ring.js';
import { RedisMembership } from '../../src/routing/redis-membership.js';
import { cliResult, runCli, type CliRun } from '../helpers/cli.js';
import { OddsClient } from '../helpers/odds-client.js';
import { freePort, waitUntil } from '../helpers/ports.js';
import { RedisServer } from '../helpers/redis-server.js';

const TOKEN = 'admin-token-for-tests';

/**
 * A node's admin API as documented (src/admin/admin-server.ts), on a real
 * HTTP server: POST /admin/drain starts a drain of `clients`; every GET
 * /admin/status after it moves `clients / steps` more (by request count,
 * not by time). After `steps` polls the node reports 'drained', or, with
 * `exitAfter`, stops listening after that many polls, as a drained node
 * whose process exits.
 */
class FakeAdminNode {
  readonly authorizations: string[] = [];
  private readonly server: Server;
  private status: NodeStatus;
  private polls = 0;
  port = 0;

  constructor(private readonly options: { nodeId: string; clients: number; steps: number; exitAfter?: number; closedAtDeadline?: number }) {
    const { nodeId, clients } = options;
    this.status = {
      nodeId,
      state: 'active',
      connections: clients,
      workers: 1,
      drain: { state: 'active', clients: 0, notified: 0, remaining: 0, moved: 0, closedAtDeadline: 0, startedAt: 0, deadlineAt: 0 },
      ring: { digest: 'abcdef01', nodes: [{ id: nodeId, url: 'ws://127.0.0.1:1/v1/ws', state: 'active', connections: clients, ring: 'abcdef01' }] },
    };
    this.server = createServer((req, res) => {
      req.resume();
      this.authorizations.push(req.headers.authorization ?? '');
      const send = (code: number, body: unknown) => res.writeHead(code, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (req.headers.authorization !== `Bearer ${TOKEN}`) return send(401, { error: 'missing or wrong admin token' });
      if (req.method === 'POST' && req.url === '/admin/drain') {
        if (this.status.state === 'active') this.startDrain();
        return send(202, this.status);
      }
      if (req.method === 'GET' && req.url === '/admin/status') {
        if (this.status.state === 'draining') this.advance();
        return send(200, this.status);
      }
      send(404, { error: 'not found' });
    });
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
    return `http://127.0.0.1:${this.port}`;
  }

  async close(): Promise<void> {
    if (!this.server.listening) return;
    const closed = new Promise((resolve) => this.server.close(resolve));
    this.server.closeAllConnections();
    await closed;
  }

  private startDrain(): void {
    const { clients } = this.options;
    this.status.state = 'draining';
    this.status.drain = { state: 'draining', clients, notified: 0, remaining: clients, moved: 0, closedAtDeadline: 0, startedAt: Date.now(), deadlineAt: Date.now() + 40_000 };
  }

  private advance(): void {
    const { clients, steps, exitAfter, closedAtDeadline = 0 } = this.options;
    this.polls++;
    const d = this.status.drain;
    const last = this.polls >= steps;
    d.notified = Math.min(clients, Math.ceil((clients * this.polls) / steps));
    d.closedAtDeadline = last ? closedAtDeadline : 0;
    d.moved = Math.min(clients - d.closedAtDeadline, Math.floor((clients * this.polls) / steps));
    d.remaining = clients - d.moved - d.closedAtDeadline;
    this.status.connections = d.remaining;
    if (last) this.status.state = d.state = 'drained';
    // A drained node exits: its admin port stops answering.
    if (exitAfter !== undefined && this.polls >= exitAfter) setImmediate(() => void this.close());
  }
}

describe('oddsgate drain', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function node(options: ConstructorParameters<typeof FakeAdminNode>[0]): Promise<{ node: FakeAdminNode; url: string }> {
    const fake = new FakeAdminNode(options);
    const url = await fake.listen();
    cleanups.push(() => fake.close());
    return { node: fake, url };
  }

  it('starts the drain, follows it to drained and prints one summary line', async () => {
    const { node: fake, url } = await node({ nodeId: 'edge-a', clients: 100, steps: 4, closedAtDeadline: 3 });
    const r = await cliResult(['drain', url, '--poll-ms', '50'], { ODDSGATE_ADMIN_TOKEN: TOKEN });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.trim().split('\n');
    // Off a terminal: plain progress lines (the first at once), then the summary.
    expect(lines[0]).toBe('draining edge-a: 0/100 clients moved or closed, 100 open, 0 told where to go');
    expect(lines.at(-1)).toMatch(/^drained edge-a: 100 clients, 97 moved, 3 closed at the deadline, in \d+\.\d s$/);
    // Every request carried the token.
    expect(fake.authorizations.length).toBeGreaterThanOrEqual(5);
    expect(new Set(fake.authorizations)).toEqual(new Set([`Bearer ${TOKEN}`]));
  });

  it('takes a node that stops answering once drained as finished (the drained process exits)', async () => {
    const { url } = await node({ nodeId: 'edge-b', clients: 40, steps: 10, exitAfter: 2 });
    const r = await cliResult(['drain', url, '--poll-ms', '50', '--admin-token', TOKEN]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n').at(-1)).toMatch(/^drained edge-b: 40 clients, 8 moved, 0 closed at the deadline, in \d+\.\d s \(the node exited; counts from its last status, when 32 were still open\)$/);
  });

  it('refuses a wrong token with one line naming adminToken, exit 2', async () => {
    const { url } = await node({ nodeId: 'edge-c', clients: 1, steps: 1 });
    const r = await cliResult(['drain', url, '--admin-token', 'wrong']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/refused the token \(HTTP 401\).*--admin-token or ODDSGATE_ADMIN_TOKEN/);
    expect(r.stderr).not.toContain('wrong');
  });

  it('says so in one line when the node cannot be reached, exit 2', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const r = await cliResult(['drain', url], { ODDSGATE_ADMIN_TOKEN: TOKEN });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(new RegExp(`cannot reach the admin API at ${url}.*adminHost/adminPort`));
  });

  it('needs the admin token before it sends anything', async () => {
    const { node: fake, url } = await node({ nodeId: 'edge-d', clients: 1, steps: 1 });
    const r = await cliResult(['drain', url]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/needs the node's admin token: set adminToken \(--admin-token or ODDSGATE_ADMIN_TOKEN\)/);
    expect(fake.authorizations).toEqual([]);
  });

  it('refuses an answer that is not a node status (a wrong port)', async () => {
    const server = createServer((_, res) => res.writeHead(202, { 'content-type': 'text/html' }).end('<html>'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => server.close(resolve)));
    const r = await cliResult(['drain', `http://127.0.0.1:${(server.address() as { port: number }).port}`, '--admin-token', TOKEN]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/answered POST \/admin\/drain with something other than a node status/);
  });
});

describe('oddsgate status', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  const log = createLogger('silent');

  /** A member of the fleet as a node registers itself, reporting `ring` as the digest it sees. */
  async function member(redis: RedisServer, keyPrefix: string, id: string, state: NodeState, ring: string, adminUrl = ''): Promise<RedisMembership> {
    const m = new RedisMembership({
      url: redis.url,
      keyPrefix,
      heartbeatMs: 60_000, // beats only when told (start, setState): the test decides what each node reports
      timeoutMs: 120_000,
      log,
      self: { identity: { id, url: `ws://${id}:8080/v1/ws`, adminUrl, startedAt: Date.now() }, vitals: () => ({ connections: 7, ring }) },
    });
    await m.start();
    if (state !== 'active') await m.setState(state);
    cleanups.push(() => m.stop());
    return m;
  }

  const digestOf = (...ids: string[]) => new NodeRing(ids.map((id) => ({ id }))).digest;
  /**
   * `oddsgate status` with the members' timeout: reading membership drops
   * members silent for longer than the reader's membershipTimeoutMs, and the
   * members here beat only when told.
   */
  const status = (args: string[], env: Record<string, string> = {}) => cliResult(['status', ...args], { ODDSGATE_MEMBERSHIP_TIMEOUT_MS: '120000', ...env });

  it('lists every live node and exits 0 when all see the ring of the active nodes', async () => {
    const redis = await RedisServer.start();
    cleanups.push(() => redis.stop());
    const ring = digestOf('edge-a', 'edge-b');
    await member(redis, 'st1:', 'edge-a', 'active', ring);
    await member(redis, 'st1:', 'edge-b', 'active', ring);
    await member(redis, 'st1:', 'edge-c', 'draining', ring); // left the ring, sees the same one

    const r = await status(['--redis-shards', `main=${redis.url}`, '--key-prefix', 'st1:']);
    expect(r.code, r.stderr).toBe(0);
    const [verdict, head, ...rows] = r.stdout.trim().split('\n');
    expect(verdict).toBe(`3 live nodes, 2 active; ring of the active nodes ${ring}: all nodes agree`);
    expect(head).toMatch(/^node\s+state\s+connections\s+ring\s+url$/);
    expect(rows.map((row) => row.split(/\s+/).slice(0, 4))).toEqual([
      ['edge-a', 'active', '7', ring],
      ['edge-b', 'active', '7', ring],
      ['edge-c', 'draining', '7', ring],
    ]);

    const json = await status(['--json', '--key-prefix', 'st1:'], { ODDSGATE_MEMBERSHIP_REDIS: redis.url });
    expect(json.code).toBe(0);
    const body = JSON.parse(json.stdout) as { agree: boolean; ring: string; nodes: Array<{ id: string; state: string }> };
    expect(body).toMatchObject({ agree: true, ring, disagreeing: [] });
    expect(body.nodes.map((n) => [n.id, n.state])).toEqual([['edge-a', 'active'], ['edge-b', 'active'], ['edge-c', 'draining']]);
  });

  it('exits 1 naming the nodes that see another ring', async () => {
    const redis = await RedisServer.start();
    cleanups.push(() => redis.stop());
    await member(redis, 'st2:', 'edge-a', 'active', digestOf('edge-a', 'edge-b'));
    await member(redis, 'st2:', 'edge-b', 'active', digestOf('edge-a')); // has not seen edge-b join yet

    const r = await status(['--redis-shards', redis.url, '--key-prefix', 'st2:']);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')[0]).toBe(`2 live nodes, 2 active; ring of the active nodes ${digestOf('edge-a', 'edge-b')}: edge-b sees another ring: the nodes do not agree`);
    const json = JSON.parse((await status(['--json', '--redis-shards', redis.url, '--key-prefix', 'st2:'])).stdout) as { agree: boolean; disagreeing: string[] };
    expect(json).toMatchObject({ agree: false, disagreeing: ['edge-b'] });
  });

  it('shows each node\'s admin status when given the admin token', async () => {
    const redis = await RedisServer.start();
    cleanups.push(() => redis.stop());
    const fake = new FakeAdminNode({ nodeId: 'edge-a', clients: 7, steps: 1 });
    const adminUrl = await fake.listen();
    cleanups.push(() => fake.close());
    const ring = digestOf('edge-a', 'edge-b');
    await member(redis, 'st3:', 'edge-a', 'active', ring, adminUrl);
    await member(redis, 'st3:', 'edge-b', 'active', ring);

    const r = await status(['--redis-shards', redis.url, '--key-prefix', 'st3:', '--admin-token', TOKEN]);
    expect(r.code, r.stderr).toBe(0);
    const rows = r.stdout.trim().split('\n').slice(2);
    expect(rows[0]).toMatch(/^edge-a .* active, 1 worker$/);
    expect(rows[1]).toMatch(/^edge-b .* no admin API$/);
    expect(fake.authorizations).toEqual([`Bearer ${TOKEN}`]);
  });

  it('exits 1 when no node is live', async () => {
    const redis = await RedisServer.start();
    cleanups.push(() => redis.stop());
    const r = await status(['--redis-shards', redis.url, '--key-prefix', 'st-empty:']);
    expect(r.code).toBe(1);
    expect(r.stdout.trim()).toBe(`no live nodes in the membership Redis ${redis.url}`);
  });

  it('says so in one line when the membership Redis cannot be reached, exit 2', async () => {
    const url = `redis://127.0.0.1:${await freePort()}`;
    const r = await status(['--redis-shards', url]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`cannot reach the membership Redis ${url} (membershipRedis, else the first of redisShards)`);
  });
});

describe('oddsgate status and drain against a real node', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('shows a node of two workers in the fleet, drains it to empty, and the node exits 0 and leaves the fleet', async () => {
    const redis = await RedisServer.start();
    cleanups.push(() => redis.stop());
    const [port, adminPort] = [await freePort(), await freePort()];
    const env = { ODDSGATE_REDIS_SHARDS: `main=${redis.url}`, ODDSGATE_KEY_PREFIX: 'e2e:', ODDSGATE_ADMIN_TOKEN: TOKEN };
    const node: CliRun = runCli(
      ['serve', '--node-id', 'edge-e2e', '--workers', '2', '--host', '127.0.0.1', '--port', String(port), '--admin-host', '127.0.0.1', '--admin-port', String(adminPort), '--drain-window-ms', '200', '--drain-grace-ms', '1000'],
      env,
    );
    cleanups.push(async () => {
      if (node.child.exitCode === null && node.child.signalCode === null) node.child.kill('SIGKILL');
      await node.exited;
    });
    const adminUrl = `http://127.0.0.1:${adminPort}`;
    await waitUntil(
      async () => (await fetch(`${adminUrl}/admin/status`, { headers: { authorization: `Bearer ${TOKEN}` } }).then((r) => r.status, () => 0)) === 200,
      15_000,
      'the node\'s admin API',
    );
    await waitUntil(async () => (await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.status, () => 0)) === 200, 15_000, 'the node ready');
    const clients = await Promise.all(Array.from({ length: 5 }, () => OddsClient.connect(port)));
    cleanups.push(() => Promise.all(clients.map((c) => c.terminate())));

    let status = await cliResult(['status'], env);
    await waitUntil(async () => (status = await cliResult(['status'], env)).stdout.includes(' 5 '), 15_000, 'the node reporting its 5 connections');
    expect(status.code, status.stdout + status.stderr).toBe(0);
    const [verdict, , row] = status.stdout.trim().split('\n');
    expect(verdict).toMatch(/^1 live nodes, 1 active; ring of the active nodes [0-9a-f]{8}: all nodes agree$/);
    expect(row).toMatch(new RegExp(`^edge-e2e\\s+active\\s+5\\s+[0-9a-f]{8}\\s+ws://127.0.0.1:${port}/v1/ws\\s+active, 2 workers$`));

    const drained = await cliResult(['drain', adminUrl, '--poll-ms', '50'], env);
    expect(drained.code, drained.stderr).toBe(0);
    expect(drained.stdout.trim().split('\n').at(-1)).toMatch(/^drained edge-e2e: 5 clients, \d+ moved, \d+ closed at the deadline, in \d+\.\d s/);
    expect(await node.exited).toBe(0);
    // The test clients ignore Drain frames: the node closed them at the deadline, resumable.
    expect(await Promise.all(clients.map((c) => c.closed))).toEqual([4004, 4004, 4004, 4004, 4004]);

    const after = await cliResult(['status'], env);
    expect(after.code).toBe(1);
    expect(after.stdout.trim()).toBe(`no live nodes in the membership Redis ${redis.url}`);
  });
});
