import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import type { NodeStatus } from '../../src/admin/node-control.js';
import type { CoreStats } from '../../src/core-sim/bet-store.js';
import { RedisOddsPublisher } from '../../src/feed/redis-publisher.js';
import { NodeRing } from '../../src/routing/node-ring.js';
import { CLI } from './cli.js';
import { freePort, waitUntil } from './ports.js';
import { readPathEnv } from './read-path.js';
import { RedisServer } from './redis-server.js';

export const ADMIN_TOKEN = 'edge-fleet-admin-token';

/** Every child process any fleet started, killed if the test process exits without stopping them. */
const everyChild = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of everyChild) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

function start(args: string[], env: Record<string, string>): ChildProcess {
  // EDGE_FLEET_NODE_ARGS: extra node flags for `serve` processes (e.g. --cpu-prof, written when a node stops).
  const extra = args[0] === 'serve' ? (process.env.EDGE_FLEET_NODE_ARGS?.split(' ').filter(Boolean) ?? []) : [];
  const child = spawn(process.execPath, [...extra, CLI, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  everyChild.add(child);
  child.once('exit', () => everyChild.delete(child));
  return child;
}

async function kill(child: ChildProcess | undefined, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  await exited;
}

/** One `oddsgate serve` process: its JSON log lines (bet audit lines left out) and its exit. */
export class EdgeProcess {
  readonly logs: Array<Record<string, unknown>> = [];
  readonly stderr: string[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(
    readonly id: string,
    readonly port: number,
    readonly adminPort: number,
    readonly child: ChildProcess,
  ) {
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.includes('"audit":"bet"') || this.logs.length > 10_000) return;
      try {
        this.logs.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        this.logs.push({ msg: line });
      }
    });
    createInterface({ input: child.stderr! }).on('line', (line) => this.stderr.push(line));
  }

  get httpUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get wsUrl(): string {
    return `ws://127.0.0.1:${this.port}/v1/ws`;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** The drain's summary line ('drain finished'), once logged. */
  summary(): Record<string, unknown> | undefined {
    return this.logs.find((l) => l.msg === 'drain finished');
  }

  async status(): Promise<NodeStatus | undefined> {
    try {
      const res = await fetch(`http://127.0.0.1:${this.adminPort}/admin/status`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` }, signal: AbortSignal.timeout(3_000) });
      return res.ok ? ((await res.json()) as NodeStatus) : undefined;
    } catch {
      return undefined;
    }
  }

  /** GET /metrics on the admin port (Prometheus text), '' when it does not answer. */
  async metrics(): Promise<string> {
    try {
      const res = await fetch(`http://127.0.0.1:${this.adminPort}/metrics`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` }, signal: AbortSignal.timeout(3_000) });
      return res.ok ? await res.text() : '';
    } catch {
      return '';
    }
  }

  /** One counter's samples from /metrics, by their label set: {'served="ring"': 12, ...}. */
  async counter(name: string): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const line of (await this.metrics()).split('\n')) {
      const m = new RegExp(`^${name}(?:\\{([^}]*)\\})? (\\S+)$`).exec(line);
      if (m) out[m[1] ?? ''] = Number(m[2]);
    }
    return out;
  }

  async readyz(): Promise<{ status: number; body: { ready: boolean; draining: boolean; shards: Array<{ name: string; reachable: boolean }> } | undefined }> {
    try {
      const res = await fetch(`${this.httpUrl}/readyz`, { signal: AbortSignal.timeout(3_000) });
      return { status: res.status, body: (await res.json()) as never };
    } catch {
      return { status: 0, body: undefined };
    }
  }

  /** GET /v1/route?sid= on this node. */
  async route(sid: string): Promise<{ id: string; url: string } | undefined> {
    const res = await fetch(`${this.httpUrl}/v1/route?sid=${encodeURIComponent(sid)}`, { signal: AbortSignal.timeout(5_000) });
    if (res.status !== 200) return undefined;
    return ((await res.json()) as { node: { id: string; url: string } }).node;
  }

  signal(signal: NodeJS.Signals): void {
    if (this.running) this.child.kill(signal);
  }

  kill(): Promise<void> {
    return kill(this.child);
  }
}

export interface EdgeFleetOptions {
  /** Settings of every node (ODDSGATE_* names), on top of the fleet's own. */
  env?: Record<string, string>;
  /** Jurisdictions to run a reference core (`oddsgate core-sim`, Redis store) for; the nodes get them as `cores`. */
  jurisdictions?: string[];
  shards?: number;
  /** Shards that write an RDB file when told (RedisServer.snapshot) and can restart from it. */
  persistent?: boolean;
  /** The fleet publisher's retention per event stream (default 10,000) and per shard log (default the publisher's). */
  streamMaxLen?: number;
  shardLogMaxLen?: number;
}

/**
 * A fleet as an SRE runs it, on loopback: three real redis-server shards,
 * `oddsgate serve` processes (one per node id, on a port kept across
 * restarts), a reference core per jurisdiction (`oddsgate core-sim`) and
 * optionally `oddsgate simulate` publishing odds. Every process is stopped by
 * stop(), and killed if the test process exits first.
 */
export class EdgeFleet {
  readonly keyPrefix = `f${randomBytes(4).toString('hex')}:`;
  readonly nodes = new Map<string, EdgeProcess>();
  readonly cores = new Map<string, { url: string; child: ChildProcess }>();
  private readonly ports = new Map<string, { port: number; adminPort: number }>();
  private portAllocation: Promise<unknown> = Promise.resolve();
  private simulator: ChildProcess | undefined;
  /** Every process this fleet started. */
  private readonly children = new Set<ChildProcess>();
  /**
   * The trading system's publisher as the nodes see it between updates: it
   * heartbeats every shard all along, so the feed stays live while no odds
   * are simulated (`publish` for updates of the test's own).
   */
  readonly publisher: RedisOddsPublisher;

  private constructor(
    readonly redis: RedisServer[],
    private readonly options: EdgeFleetOptions,
  ) {
    this.publisher = new RedisOddsPublisher({
      shards: redis.map((r, i) => ({ name: `shard-${i}`, url: r.url })),
      keyPrefix: this.keyPrefix,
      streamMaxLen: options.streamMaxLen ?? 10_000,
      shardLogMaxLen: options.shardLogMaxLen,
      heartbeatMs: 250,
      onConnectionError: () => undefined, // a test that stops a shard expects this
    });
  }

  static async create(options: EdgeFleetOptions = {}): Promise<EdgeFleet> {
    const redis = await Promise.all(Array.from({ length: options.shards ?? 3 }, () => RedisServer.start({ persistent: options.persistent })));
    const fleet = new EdgeFleet(redis, options);
    try {
      await fleet.publisher.start();
      for (const jurisdiction of options.jurisdictions ?? []) await fleet.startCore(jurisdiction);
    } catch (err) {
      await fleet.stop(); // the caller never gets the fleet to stop: leave nothing behind
      throw err;
    }
    return fleet;
  }

  get shardList(): string {
    return this.redis.map((r, i) => `shard-${i}=${r.url}`).join(',');
  }

  /** What every oddsgate command of this fleet reads: the shards and the key prefix. */
  get baseEnv(): Record<string, string> {
    return { ODDSGATE_REDIS_SHARDS: this.shardList, ODDSGATE_KEY_PREFIX: this.keyPrefix, ODDSGATE_LOG_LEVEL: 'warn', ...readPathEnv };
  }

  /**
   * A free port no other node of this fleet was given: freePort() closes its
   * probe, so two nodes started at once could be handed the same one.
   */
  private async unusedPort(...also: number[]): Promise<number> {
    const given = new Set([...this.ports.values()].flatMap((p) => [p.port, p.adminPort]).concat(also));
    for (;;) {
      const port = await freePort();
      if (!given.has(port)) return port;
    }
  }

  /**
   * Starts (or restarts, on the same ports) the node with this id; resolves
   * once it is ready. A first start whose ports another process took between
   * the probe and the node's listen (EADDRINUSE) is tried again on new ones.
   */
  async startNode(id: string, env: Record<string, string> = {}): Promise<EdgeProcess> {
    const fresh = !this.ports.has(id);
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.startOnce(id, env);
      } catch (err) {
        if (!fresh || attempt === 3 || !/EADDRINUSE/.test((err as Error).message)) throw err;
        this.ports.delete(id);
      }
    }
  }

  /** The node's ports, given out one node at a time so that nodes started at once never share one. */
  private portsOf(id: string): Promise<{ port: number; adminPort: number }> {
    const given = this.portAllocation.then(async () => {
      let ports = this.ports.get(id);
      if (!ports) {
        const port = await this.unusedPort();
        this.ports.set(id, (ports = { port, adminPort: await this.unusedPort(port) }));
      }
      return ports;
    });
    this.portAllocation = given.catch(() => undefined);
    return given;
  }

  private async startOnce(id: string, env: Record<string, string>): Promise<EdgeProcess> {
    const ports = await this.portsOf(id);
    const cores = [...this.cores].map(([j, c]) => `${j}=${c.url}`).join(',');
    const child = this.start(['serve'], {
      ...this.baseEnv,
      ODDSGATE_LOG_LEVEL: 'info',
      ODDSGATE_NODE_ID: id,
      ODDSGATE_HOST: '127.0.0.1',
      ODDSGATE_PORT: String(ports.port),
      ODDSGATE_ADMIN_HOST: '127.0.0.1',
      ODDSGATE_ADMIN_PORT: String(ports.adminPort),
      ODDSGATE_ADMIN_TOKEN: ADMIN_TOKEN,
      // Thousands of test sockets come from one address.
      ODDSGATE_MAX_CONNECTIONS_PER_SOURCE: '0',
      ODDSGATE_UPGRADE_RATE_PER_SOURCE: '0',
      ...(cores ? { ODDSGATE_CORES: cores } : {}),
      ...this.options.env,
      ...env,
    });
    const node = new EdgeProcess(id, ports.port, ports.adminPort, child);
    this.nodes.set(id, node);
    await waitUntil(
      async () => {
        if (!node.running) throw new Error(`node ${id} exited at start: ${node.stderr.join('\n')} ${JSON.stringify(node.logs.slice(-5))}`);
        return (await node.readyz()).status === 200;
      },
      30_000,
      `node ${id} ready`,
    );
    return node;
  }

  node(id: string): EdgeProcess {
    const node = this.nodes.get(id);
    if (!node) throw new Error(`no node ${id}`);
    return node;
  }

  running(): EdgeProcess[] {
    return [...this.nodes.values()].filter((n) => n.running);
  }

  /** Waits until every running node sees exactly the ring of `activeIds` (admin status digest). */
  async waitForRing(activeIds: string[], timeoutMs = 30_000): Promise<void> {
    const digest = new NodeRing(activeIds.map((id) => ({ id }))).digest;
    await waitUntil(
      async () => {
        const statuses = await Promise.all(this.running().map((n) => n.status()));
        return statuses.every((s) => s?.ring.digest === digest);
      },
      timeoutMs,
      `every node seeing the ring of ${activeIds.join(', ')}`,
    );
  }

  private start(args: string[], env: Record<string, string>): ChildProcess {
    const child = start(args, env);
    this.children.add(child);
    return child;
  }

  private async startCore(jurisdiction: string): Promise<void> {
    const port = await freePort();
    const child = this.start(['core-sim', '--jurisdiction', jurisdiction, '--core-port', String(port), '--latency-min-ms', '2', '--latency-max-ms', '10'], this.baseEnv);
    const url = `http://127.0.0.1:${port}`;
    this.cores.set(jurisdiction, { url, child });
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    child.stdout!.resume(); // its log lines are not read; a full pipe would stall it
    await waitUntil(
      async () => {
        if (child.exitCode !== null) throw new Error(`core-sim ${jurisdiction} exited (${child.exitCode}) at start: ${stderr}`);
        return fetch(`${url}/healthz`).then((r) => r.ok, () => false);
      },
      30_000,
      `core-sim ${jurisdiction}`,
    );
  }

  /** Changes every core's faults (POST /admin/faults). */
  async coreFaults(faults: Record<string, unknown>): Promise<void> {
    for (const { url } of this.cores.values()) {
      const res = await fetch(`${url}/admin/faults`, { method: 'POST', body: JSON.stringify(faults) });
      if (!res.ok) throw new Error(`core faults refused: ${await res.text()}`);
    }
  }

  /** The cores' counters, summed. */
  async coreStats(): Promise<CoreStats> {
    const all = await Promise.all([...this.cores.values()].map(async ({ url }) => (await (await fetch(`${url}/v1/stats`)).json()) as CoreStats));
    const sum = {} as Record<string, number>;
    for (const s of all) for (const [k, v] of Object.entries(s)) sum[k] = (sum[k] ?? 0) + v;
    return sum as CoreStats;
  }

  /** `oddsgate simulate`: odds for events match-1..match-<events>, every market seeded before it returns. */
  async simulate(options: { events: number; markets: number; rate: number }): Promise<string[]> {
    await this.stopSimulating();
    this.simulator = this.start(
      ['simulate', '--events', String(options.events), '--markets', String(options.markets), '--rate', String(options.rate), '--goal-chance', '0', '--seed', '7'],
      { ...this.baseEnv, ODDSGATE_LOG_LEVEL: 'info', ODDSGATE_HEARTBEAT_MS: '250' },
    );
    this.simulator.stderr!.resume(); // not read: a full pipe would stall it
    const lines = createInterface({ input: this.simulator.stdout! });
    const events = await new Promise<number>((resolve, reject) => {
      lines.on('line', (line) => {
        if (line.includes('simulating odds')) resolve(JSON.parse(line).events as number);
      });
      this.simulator!.once('exit', (code) => reject(new Error(`oddsgate simulate exited (${code}) before it started`)));
    });
    return Array.from({ length: events }, (_, i) => `match-${i + 1}`);
  }

  /** Stops the simulator (SIGTERM: it stops publishing and exits; SIGKILL if it has not after 5 s) and waits for it. */
  async stopSimulating(): Promise<void> {
    const simulator = this.simulator;
    this.simulator = undefined;
    const timer = setTimeout(() => simulator?.kill('SIGKILL'), 5_000);
    await kill(simulator, 'SIGTERM');
    clearTimeout(timer);
  }

  /** The seq each event's snapshot holds now (the last update published). */
  async eventSeqs(eventIds: string[]): Promise<Record<string, number>> {
    const clients = this.redis.map((r) => r.client());
    try {
      const seqs: Record<string, number> = {};
      for (const eventId of eventIds) {
        for (const c of clients) {
          const seq = await c.hget(`${this.keyPrefix}{${eventId}}:snap`, '_seq');
          if (seq !== null) seqs[eventId] = Number(seq);
        }
      }
      return seqs;
    } finally {
      for (const c of clients) c.disconnect();
    }
  }

  /** Kills every process this fleet started (whatever a failed test left running) and the Redis shards. */
  async stop(): Promise<void> {
    await this.publisher.stop();
    // Nodes first with SIGINT (they stop at once and flush what they write at exit), then everything with SIGKILL.
    await Promise.all(
      this.running().map(async (n) => {
        n.signal('SIGINT');
        await Promise.race([n.exited, new Promise((r) => setTimeout(r, 3_000))]);
      }),
    );
    await Promise.all([...this.children].map((child) => kill(child)));
    await Promise.all(this.redis.map((r) => r.destroy()));
  }
}
