import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort, waitUntil } from './ports.js';
import { RedisServer } from './redis-server.js';
import { TcpProxy } from './tcp-proxy.js';

/**
 * Sentinel timings short enough for a test: a primary silent 1 s is down. The
 * failover timeout also delays Sentinel's "fix" of a replica that follows
 * the primary at another address (our replication proxy): 10 s keeps that
 * fix out of a test's way (a failed first election retries after 20 s).
 */
const DOWN_AFTER_MS = 1_000;
const FAILOVER_TIMEOUT_MS = 10_000;

/**
 * One shard as production runs it under Sentinel: a primary and a replica,
 * real redis-server processes. The replica follows the primary through a
 * TcpProxy, so a test can hold its replication back (replicationLink
 * .blackhole()) and make a promotion lose writes the primary acknowledged,
 * as asynchronous replication does when the link lags at the wrong moment.
 */
export interface SentinelShard {
  masterName: string;
  primary: RedisServer;
  replica: RedisServer;
  replicationLink: TcpProxy;
}

/**
 * Shards under a set of three Sentinels (quorum 2), all on loopback, from
 * Debian's redis-sentinel. shardUrl() is the sentinel:// spec oddsgate
 * reads; primaryOf() asks the Sentinels who the primary is now.
 */
export class SentinelTopology {
  private constructor(
    readonly shards: SentinelShard[],
    private readonly sentinels: ChildProcess[],
    readonly sentinelPorts: number[],
    private readonly dir: string,
  ) {}

  static async start(shardNames: string[]): Promise<SentinelTopology> {
    const shards: SentinelShard[] = [];
    for (const masterName of shardNames) {
      const primary = await RedisServer.start();
      const replicationLink = new TcpProxy(primary.port);
      await replicationLink.start();
      const replica = await RedisServer.start({ replicaOf: replicationLink.port });
      shards.push({ masterName, primary, replica, replicationLink });
    }
    const dir = mkdtempSync(join(tmpdir(), 'oddsgate-sentinel-'));
    const ports = [await freePort(), await freePort(), await freePort()];
    const sentinels = ports.map((port, i) => {
      const conf = join(dir, `sentinel-${i}.conf`);
      const monitors = shards.flatMap((s) => [
        `sentinel monitor ${s.masterName} 127.0.0.1 ${s.primary.port} 2`,
        `sentinel down-after-milliseconds ${s.masterName} ${DOWN_AFTER_MS}`,
        `sentinel failover-timeout ${s.masterName} ${FAILOVER_TIMEOUT_MS}`,
        `sentinel parallel-syncs ${s.masterName} 1`,
      ]);
      // Sentinel rewrites its config file as it learns the topology: each needs a writable one of its own.
      writeFileSync(conf, [`port ${port}`, 'bind 127.0.0.1', `dir ${dir}`, 'logfile ""', ...monitors, ''].join('\n'));
      return spawn('redis-sentinel', [conf], { stdio: 'ignore' });
    });
    const topology = new SentinelTopology(shards, sentinels, ports, dir);
    await topology.waitUntilReady();
    return topology;
  }

  shardUrl(masterName: string): string {
    return `sentinel://${this.sentinelPorts.map((p) => `127.0.0.1:${p}`).join('+')}/${masterName}`;
  }

  /**
   * Holds the shard's replication back: from now on the replica gets nothing
   * more from its primary. Sentinel may have pointed the replica straight at
   * the primary's own address (it "fixes" a replica that follows the primary
   * at another one, the proxy's, after a failover timeout), so it is first
   * pointed back through the proxy and waited for in sync there.
   */
  async holdReplication(shard: SentinelShard): Promise<void> {
    const replica = shard.replica.client();
    try {
      const viaProxy = new RegExp(`master_port:${shard.replicationLink.port}\\r?\\n`);
      if (!viaProxy.test(await replica.info('replication'))) {
        await replica.call('REPLICAOF', '127.0.0.1', String(shard.replicationLink.port));
        await waitUntil(async () => {
          const info = await replica.info('replication');
          return viaProxy.test(info) && /master_link_status:up/.test(info);
        }, 20_000, `replica of ${shard.masterName} back through the proxy`);
      }
      shard.replicationLink.blackhole();
    } finally {
      replica.disconnect();
    }
  }

  /** The primary's port as the first Sentinel names it now. */
  async primaryOf(masterName: string): Promise<number> {
    const sentinel = this.sentinelClient(this.sentinelPorts[0]);
    try {
      const [, port] = (await sentinel.call('SENTINEL', 'GET-MASTER-ADDR-BY-NAME', masterName)) as [string, string];
      return Number(port);
    } finally {
      sentinel.disconnect();
    }
  }

  async stop(): Promise<void> {
    await Promise.all(this.sentinels.map((p) => killed(p)));
    for (const s of this.shards) {
      await s.replicationLink.stop();
      await s.replica.stop();
      await s.primary.stop();
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** Replicas in sync, and every Sentinel knows each shard's replica and the two other Sentinels (a failover needs both). */
  private async waitUntilReady(): Promise<void> {
    for (const s of this.shards) {
      const replica = s.replica.client();
      try {
        await waitUntil(async () => /master_link_status:up/.test(await replica.info('replication')), 20_000, `replica of ${s.masterName} in sync`);
      } finally {
        replica.disconnect();
      }
    }
    for (const port of this.sentinelPorts) {
      const sentinel = this.sentinelClient(port);
      try {
        for (const s of this.shards) {
          await waitUntil(
            async () => {
              const replicas = (await sentinel.call('SENTINEL', 'REPLICAS', s.masterName)) as unknown[];
              const others = (await sentinel.call('SENTINEL', 'SENTINELS', s.masterName)) as unknown[];
              return replicas.length === 1 && others.length === 2;
            },
            30_000,
            `Sentinel ${port} knowing ${s.masterName}'s replica and the other Sentinels`,
          );
        }
      } finally {
        sentinel.disconnect();
      }
    }
  }

  private sentinelClient(port: number): Redis {
    const client = new Redis(port, '127.0.0.1', { maxRetriesPerRequest: 1 });
    client.on('error', () => undefined); // a Sentinel still starting refuses; waitUntil asks again
    return client;
  }
}

function killed(proc: ChildProcess): Promise<unknown> {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
  const exited = new Promise((resolve) => proc.once('exit', resolve));
  proc.kill('SIGKILL');
  return exited;
}
