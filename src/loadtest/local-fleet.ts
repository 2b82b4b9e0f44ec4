import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { connect, createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { CLI, ROOT } from './paths.js';
import type { Processes } from './processes.js';
import type { Profile } from './profile.js';

export const LOCAL_ADMIN_TOKEN = 'loadtest-admin-token';
export const LOCAL_HS256_SECRET = 'loadtest-hs256-secret-at-least-32-bytes!';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.once('error', reject);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(what: string, child: ChildProcess, ok: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${what} exited at start (${child.exitCode ?? child.signalCode})`);
    if (await ok().catch(() => false)) return;
    await sleep(100);
  }
  throw new Error(`${what} did not come up within ${timeoutMs / 1000} s`);
}

const httpOk = (url: string) => fetch(url, { signal: AbortSignal.timeout(2_000) }).then((r) => r.ok);

export interface LocalNode {
  index: number;
  id: string;
  port: number;
  adminPort: number;
  child: ChildProcess;
}

/**
 * What `targets: spawn` starts, on loopback: `spawn.shards` redis-server
 * shards, a reference core per jurisdiction (`oddsgate core-sim`),
 * `spawn.nodes` edge nodes (`oddsgate serve`, admin API on, per-source limits
 * off: every client comes from a few loopback addresses) and the publisher
 * (publisher-process.ts). Each in its own process group, under `processes`.
 */
export class LocalFleet {
  readonly keyPrefix = `lt${randomBytes(3).toString('hex')}:`;
  readonly shards: Array<{ port: number; child: ChildProcess }> = [];
  readonly cores = new Map<string, { url: string; child: ChildProcess }>();
  readonly nodes: LocalNode[] = [];
  publisher: ChildProcess | undefined;
  /** Updates the publisher has published so far. */
  published = 0;

  constructor(
    private readonly processes: Processes,
    private readonly profile: Profile,
  ) {}

  get shardList(): string {
    return this.shards.map((s, i) => `s${i}=redis://127.0.0.1:${s.port}`).join(',');
  }

  get wsUrls(): string[] {
    return this.nodes.map((n) => `ws://127.0.0.1:${n.port}/v1/ws`);
  }

  /** Admin /metrics of every node that is still running. */
  get metricsUrls(): string[] {
    return this.nodes.filter((n) => n.child.exitCode === null && n.child.signalCode === null).map((n) => `http://127.0.0.1:${n.adminPort}/metrics`);
  }

  async start(log: (line: string) => void): Promise<void> {
    const spawn = this.profile.spawn;
    for (let i = 0; i < spawn.shards; i++) this.shards.push(await this.startShard(await freePort()));
    log(`${spawn.shards} redis-server shard(s) on ${this.shards.map((s) => s.port).join(', ')}`);
    const base = { ODDSGATE_REDIS_SHARDS: this.shardList, ODDSGATE_KEY_PREFIX: this.keyPrefix, ODDSGATE_LOG_LEVEL: 'warn' };
    for (const jurisdiction of spawn.jurisdictions) {
      const port = await freePort();
      const [min, max] = spawn.coreLatencyMs;
      const child = this.processes.start(process.execPath, [CLI, 'core-sim', '--jurisdiction', jurisdiction, '--core-port', String(port), '--latency-min-ms', String(min), '--latency-max-ms', String(max)], { cwd: ROOT, env: { ...process.env, ...base } });
      const url = `http://127.0.0.1:${port}`;
      await waitFor(`core-sim ${jurisdiction}`, child, () => httpOk(`${url}/healthz`));
      this.cores.set(jurisdiction, { url, child });
    }
    log(`reference cores: ${[...this.cores].map(([j, c]) => `${j} ${c.url}`).join(', ')}`);
    const cores = [...this.cores].map(([j, c]) => `${j}=${c.url}`).join(',');
    for (let i = 0; i < spawn.nodes; i++) {
      const node = { index: i, id: `lt-node-${i}`, port: await freePort(), adminPort: await freePort() } as LocalNode;
      node.child = this.processes.start(process.execPath, [CLI, 'serve'], {
        cwd: ROOT,
        env: {
          ...process.env,
          ...base,
          ODDSGATE_NODE_ID: node.id,
          ODDSGATE_HOST: '127.0.0.1',
          ODDSGATE_PORT: String(node.port),
          ODDSGATE_WORKERS: String(spawn.workersPerNode),
          ODDSGATE_ADMIN_HOST: '127.0.0.1',
          ODDSGATE_ADMIN_PORT: String(node.adminPort),
          ODDSGATE_ADMIN_TOKEN: LOCAL_ADMIN_TOKEN,
          ODDSGATE_CORES: cores,
          ODDSGATE_AUTH_HS256_SECRET: LOCAL_HS256_SECRET,
          // Every client comes from a few loopback addresses, and the bettor pool carries many players' bets per socket.
          ODDSGATE_MAX_CONNECTIONS_PER_SOURCE: '0',
          ODDSGATE_UPGRADE_RATE_PER_SOURCE: '0',
          ODDSGATE_BET_RATE_PER_SEC: '10000',
          ODDSGATE_BET_BURST: '10000',
          ...spawn.nodeEnv,
        },
      });
      await waitFor(`node ${node.id}`, node.child, () => httpOk(`http://127.0.0.1:${node.port}/readyz`));
      this.nodes.push(node);
    }
    log(`${spawn.nodes} node(s): ${this.wsUrls.join(', ')}`);
    await this.startPublisher();
    log(`publisher: ${this.profile.feed.events} events x ${this.profile.feed.marketsPerEvent} markets seeded`);
  }

  /** The publisher's rate and goal chance from now on. */
  setOdds(ratePerSec: number, goalsPerMin: number): void {
    const goalChancePerSec = goalsPerMin / 60 / this.profile.feed.events;
    this.publisher?.stdin?.write(`${JSON.stringify({ ratePerSec, goalChancePerSec })}\n`);
  }

  /** Paced drain of a node: SIGTERM (Drain frames in waves over its drainWindowMs, then it exits). */
  drainNode(index: number): void {
    this.nodes[index]?.child.kill('SIGTERM');
  }

  /** Kills a shard and starts it empty on the same port (a crashed shard coming back). */
  async restartShard(index: number): Promise<void> {
    const shard = this.shards[index];
    const exited = new Promise((r) => shard.child.once('exit', r));
    this.processes.signal(shard.child, 'SIGKILL');
    await exited;
    this.shards[index] = await this.startShard(shard.port);
  }

  /** Sets a core's latency (POST /admin/faults) to `latencyMs`; restore() puts the profile's back. */
  async slowCore(jurisdiction: string, latencyMs: number): Promise<void> {
    await this.coreLatency(jurisdiction, latencyMs, latencyMs);
  }

  async restoreCore(jurisdiction: string): Promise<void> {
    const [min, max] = this.profile.spawn.coreLatencyMs;
    await this.coreLatency(jurisdiction, min, max);
  }

  private async coreLatency(jurisdiction: string, minMs: number, maxMs: number): Promise<void> {
    const core = this.cores.get(jurisdiction);
    if (!core) throw new Error(`no core for ${jurisdiction} (spawn.jurisdictions: ${[...this.cores.keys()].join(', ')})`);
    const res = await fetch(`${core.url}/admin/faults`, { method: 'POST', body: JSON.stringify({ latency: { minMs, maxMs } }) });
    if (!res.ok) throw new Error(`core ${jurisdiction} refused the faults: ${await res.text()}`);
  }

  /** Stops (SIGSTOP: its calls hang, the worst case for a breaker) or continues (SIGCONT) a core's process. */
  hangCore(jurisdiction: string, hung: boolean): void {
    const core = this.cores.get(jurisdiction);
    if (!core) throw new Error(`no core for ${jurisdiction} (spawn.jurisdictions: ${[...this.cores.keys()].join(', ')})`);
    this.processes.signal(core.child, hung ? 'SIGSTOP' : 'SIGCONT');
  }

  /** The cores' counters, summed ({created, accepted, ...}). */
  async coreStats(): Promise<Record<string, number>> {
    const sum: Record<string, number> = {};
    for (const { url } of this.cores.values()) {
      const stats = (await (await fetch(`${url}/v1/stats`)).json()) as Record<string, number>;
      for (const [k, v] of Object.entries(stats)) sum[k] = (sum[k] ?? 0) + v;
    }
    return sum;
  }

  /** Whether the core of `jurisdiction` holds an accepted bet for this player and key (GET /v1/bets/:player/:key). */
  async coreHoldsAccepted(jurisdiction: string, playerId: string, key: string): Promise<boolean> {
    const core = this.cores.get(jurisdiction);
    if (!core) return false;
    const res = await fetch(`${core.url}/v1/bets/${encodeURIComponent(playerId)}/${encodeURIComponent(key)}`);
    if (res.status !== 200) return false;
    return ((await res.json()) as { outcome?: string }).outcome === 'accepted';
  }

  private async startShard(port: number): Promise<{ port: number; child: ChildProcess }> {
    const child = this.processes.start('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--logfile', '', '--maxclients', '50000']);
    child.once('error', () => undefined); // reported by waitFor below
    await waitFor(`redis-server on ${port}`, child, () => this.ping(port), 15_000);
    return { port, child };
  }

  /** PING on a fresh connection: +PONG once the shard serves. */
  private ping(port: number): Promise<boolean> {
    return new Promise((resolve) => {
      const socket = connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
      socket.once('data', (d) => {
        socket.destroy();
        resolve(d.toString().startsWith('+PONG'));
      });
      socket.once('error', () => resolve(false));
    });
  }

  private async startPublisher(): Promise<void> {
    const { events, marketsPerEvent } = this.profile.feed;
    const child = this.processes.start(process.execPath, [`${ROOT}/dist/src/loadtest/publisher-process.js`, this.shardList, this.keyPrefix, String(events), String(marketsPerEvent), String(this.profile.seed)], {
      cwd: ROOT,
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    this.publisher = child;
    await new Promise<void>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`the publisher exited at start (${code})`)));
      createInterface({ input: child.stdout! }).on('line', (line) => {
        if (line === 'ready') resolve();
        else this.published = (JSON.parse(line) as { published: number }).published;
      });
    });
  }
}
