import { spawn, type ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { freePort, waitUntil } from './ports.js';

/**
 * A real redis-server process on a free loopback port, spawned by the test
 * and never persisted (`--save "" --appendonly no`), so a restart comes back
 * empty, as a crashed shard would.
 */
export class RedisServer {
  private process: ChildProcess | undefined;

  private constructor(readonly port: number) {}

  static async start(): Promise<RedisServer> {
    const server = new RedisServer(await freePort());
    await server.launch();
    return server;
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
  }

  /** Kills the server and starts an empty one on the same port. */
  async restartEmpty(): Promise<void> {
    await this.stop();
    await this.launch();
  }

  private async launch(): Promise<void> {
    const proc = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--logfile', ''], {
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
