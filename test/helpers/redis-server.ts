import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort, waitUntil } from './ports.js';

export interface RedisServerOptions {
  /** Keep RDB files in a temporary directory: snapshot() saves one, restartFrom() starts from an older one. */
  persistent?: boolean;
  /** A replica of the server on this loopback port (the RDB it syncs from goes to a temporary directory). */
  replicaOf?: number;
  /** More redis-server arguments, e.g. ['--cluster-enabled', 'yes']. */
  args?: string[];
}

/**
 * A real redis-server process on a free loopback port, spawned by the test
 * and never persisted on its own (`--save "" --appendonly no`), so a restart
 * comes back empty, as a crashed shard would. A persistent server writes an
 * RDB file only when told (snapshot()) and can be restarted from any earlier
 * one, as a shard restored from an older backup (or a replica promoted after
 * losing acknowledged writes) would be.
 */
export class RedisServer {
  private process: ChildProcess | undefined;
  private snapshots = 0;

  private constructor(
    readonly port: number,
    /** Directory of the RDB files, or undefined for a server that never persists. */
    private readonly dir: string | undefined,
    private readonly args: string[] = [],
    /** A replica's own directory for the RDB it syncs from, removed when it stops. */
    private readonly replicaDir?: string,
  ) {}

  static async start(options: RedisServerOptions = {}): Promise<RedisServer> {
    const dir = options.persistent ? mkdtempSync(join(tmpdir(), 'oddsgate-redis-')) : undefined;
    // A replica writes the RDB it syncs from to its --dir whatever --save says: the persistent directory, or its own.
    // (Every server starts a replica's sync at once: --repl-diskless-sync-delay 0, not 5 s.)
    const replicaDir = options.replicaOf && !dir ? mkdtempSync(join(tmpdir(), 'oddsgate-replica-')) : undefined;
    const replication = options.replicaOf ? ['--replicaof', '127.0.0.1', String(options.replicaOf), ...(replicaDir ? ['--dir', replicaDir] : [])] : [];
    const server = new RedisServer(await freePort(), dir, [...replication, ...(options.args ?? [])], replicaDir);
    await server.launch();
    return server;
  }

  /** Started and not stopped (or killed) since. */
  get running(): boolean {
    return this.process !== undefined && this.process.exitCode === null && this.process.signalCode === null;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  client(): Redis {
    const client = new Redis(this.port, '127.0.0.1', { maxRetriesPerRequest: 1 });
    client.on('error', () => undefined); // a test that stops the server expects its clients to fail
    return client;
  }

  /** Calls and total microseconds Redis spent in one command (INFO commandstats), e.g. 'xrange'. */
  async commandStats(command: string): Promise<{ calls: number; usec: number }> {
    const client = this.client();
    try {
      const info = await client.info('commandstats');
      const line = info.split('\n').find((l) => l.startsWith(`cmdstat_${command}:`));
      const calls = Number(/calls=(\d+)/.exec(line ?? '')?.[1] ?? 0);
      const usec = Number(/usec=(\d+)/.exec(line ?? '')?.[1] ?? 0);
      return { calls, usec };
    } finally {
      client.disconnect();
    }
  }

  async stop(): Promise<void> {
    const proc = this.process;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise((resolve) => proc.once('exit', resolve));
    proc.kill('SIGKILL');
    await exited;
    if (this.replicaDir) rmSync(this.replicaDir, { recursive: true, force: true });
  }

  /** Kills the server and starts an empty one on the same port. */
  async restartEmpty(): Promise<void> {
    await this.stop();
    if (this.dir) rmSync(join(this.dir, 'dump.rdb'), { force: true });
    await this.launch();
  }

  /** Writes the whole dataset to an RDB file now (SAVE) and returns a copy's path, for restartFrom(). */
  async snapshot(): Promise<string> {
    if (!this.dir) throw new Error('snapshot() needs a server started with { persistent: true }');
    const client = this.client();
    try {
      await client.save();
    } finally {
      client.disconnect();
    }
    const copy = join(this.dir, `snapshot-${++this.snapshots}.rdb`);
    copyFileSync(join(this.dir, 'dump.rdb'), copy);
    return copy;
  }

  /** Kills the server (no save) and starts it on the same port from an earlier snapshot(): the writes since are gone. */
  async restartFrom(rdbFile: string): Promise<void> {
    if (!this.dir) throw new Error('restartFrom() needs a server started with { persistent: true }');
    await this.stop();
    copyFileSync(rdbFile, join(this.dir, 'dump.rdb'));
    await this.launch();
  }

  /** Stops the server and deletes its RDB files. */
  async destroy(): Promise<void> {
    await this.stop();
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
  }

  private async launch(): Promise<void> {
    const persistence = this.dir ? ['--dir', this.dir, '--dbfilename', 'dump.rdb'] : [];
    const proc = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--logfile', '', '--repl-diskless-sync-delay', '0', ...persistence, ...this.args], {
      stdio: 'ignore',
    });
    this.process = proc;
    let failed: Error | undefined;
    proc.once('error', (err) => (failed = err));
    await waitUntil(
      async () => {
        if (failed) throw new Error(`redis-server failed to start (is it installed? apt-get install -y redis-server): ${failed.message}`);
        const probe = new Redis(this.port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
        probe.on('error', () => undefined);
        try {
          await probe.connect();
          return (await probe.ping()) === 'PONG';
        } catch {
          return false;
        } finally {
          probe.disconnect();
        }
      },
      10_000,
      `redis-server on port ${this.port}`,
    );
  }
}
