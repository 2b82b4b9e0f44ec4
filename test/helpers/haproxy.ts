import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { freePort, waitUntil } from './ports.js';

/** The balancer config as shipped: its addresses and its unprivileged knobs come from the environment. */
export const HAPROXY_CFG = 'deploy/haproxy/haproxy.cfg';
// Debian installs haproxy in /usr/sbin, which is not on every user's PATH.
const HAPROXY = existsSync('/usr/sbin/haproxy') ? '/usr/sbin/haproxy' : 'haproxy';

/**
 * Real HAProxy running deploy/haproxy/haproxy.cfg unchanged, in the
 * foreground (-db), on loopback ports, as the test's own user: the file's
 * OG_* environment variables (see its header) carry everything that differs
 * from production.
 */
export class Haproxy {
  readonly lines: string[] = [];
  private readonly dir: string;

  private constructor(
    readonly port: number,
    readonly statsPort: number,
    private readonly child: ChildProcess,
    dir: string,
  ) {
    this.dir = dir;
    child.stdout!.on('data', (d) => this.lines.push(...String(d).split('\n').filter(Boolean)));
    child.stderr!.on('data', (d) => this.lines.push(...String(d).split('\n').filter(Boolean)));
  }

  /** Starts HAProxy on `port` in front of `edges` (host:port of edge-a, edge-b, edge-c), once its stats page answers. */
  static async start(port: number, edges: [string, string, string]): Promise<Haproxy> {
    const statsPort = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'oddsgate-haproxy-'));
    const user = userInfo();
    const group = execFileSync('id', ['-gn'], { encoding: 'utf8' }).trim();
    const child = spawn(HAPROXY, ['-db', '-f', HAPROXY_CFG], {
      env: {
        ...process.env,
        OG_BIND: `127.0.0.1:${port}`,
        OG_STATS_BIND: `127.0.0.1:${statsPort}`,
        OG_EDGE_A: edges[0],
        OG_EDGE_B: edges[1],
        OG_EDGE_C: edges[2],
        OG_MAXCONN: '4000',
        OG_USER: user.username,
        OG_GROUP: group,
        OG_ADMIN_SOCKET: join(dir, 'admin.sock'),
        OG_LOG: 'stdout',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const haproxy = new Haproxy(port, statsPort, child, dir);
    await waitUntil(
      async () => {
        if (child.exitCode !== null) throw new Error(`haproxy exited (${child.exitCode}): ${haproxy.lines.join('\n')}`);
        return (await haproxy.servers().catch(() => new Map())).size === 3;
      },
      15_000,
      'haproxy stats',
    );
    return haproxy;
  }

  /** Where players connect. */
  get wsUrl(): string {
    return `ws://127.0.0.1:${this.port}/v1/ws`;
  }

  /** The backend's servers as HAProxy sees them: name → status (UP, DOWN, "UP 1/2" while changing...). */
  async servers(): Promise<Map<string, string>> {
    const csv = await (await fetch(`http://127.0.0.1:${this.statsPort}/stats;csv`, { signal: AbortSignal.timeout(3_000) })).text();
    const [head, ...rows] = csv.split('\n').filter(Boolean);
    const columns = head.replace(/^# /, '').split(',');
    const [px, sv, status] = ['pxname', 'svname', 'status'].map((c) => columns.indexOf(c));
    const out = new Map<string, string>();
    for (const row of rows) {
      const cells = row.split(',');
      if (cells[px] === 'edges' && cells[sv] !== 'BACKEND') out.set(cells[sv], cells[status]);
    }
    return out;
  }

  async waitForStatus(server: string, status: 'UP' | 'DOWN', timeoutMs = 20_000): Promise<void> {
    await waitUntil(async () => (await this.servers()).get(server) === status, timeoutMs, `haproxy seeing ${server} ${status}`);
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      const exited = new Promise((resolve) => this.child.once('exit', resolve));
      this.child.kill('SIGKILL');
      await exited;
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
