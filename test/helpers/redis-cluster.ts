import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Redis } from 'ioredis';
import { waitUntil } from './ports.js';
import { RedisServer } from './redis-server.js';

const run = promisify(execFile);

interface ClusterNode {
  server: RedisServer;
  id: string;
}

/**
 * A Redis Cluster of three primaries and three replicas on loopback, real
 * redis-server processes (`--cluster-enabled yes`) joined by `redis-cli
 * --cluster create`. A node silent for 1 s is failed over by its replica.
 * failover() runs a manual CLUSTER FAILOVER, migrateSlot() moves one slot
 * with its keys the way redis-cli's resharding does.
 */
export class RedisClusterHarness {
  private constructor(
    private readonly nodes: ClusterNode[],
    private readonly dir: string,
  ) {}

  static async start(): Promise<RedisClusterHarness> {
    const dir = mkdtempSync(join(tmpdir(), 'oddsgate-cluster-'));
    const servers = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        RedisServer.start({ args: ['--cluster-enabled', 'yes', '--cluster-config-file', join(dir, `nodes-${i}.conf`), '--cluster-node-timeout', '1000', '--dir', dir] }),
      ),
    );
    await run('redis-cli', ['--cluster', 'create', ...servers.map((s) => `127.0.0.1:${s.port}`), '--cluster-replicas', '1', '--cluster-yes']);
    const nodes = await Promise.all(servers.map(async (server) => ({ server, id: String(await ask(server, 'CLUSTER', 'MYID')) })));
    const cluster = new RedisClusterHarness(nodes, dir);
    for (const node of nodes) await waitUntil(async () => /cluster_state:ok/.test(String(await ask(node.server, 'CLUSTER', 'INFO'))), 20_000, 'cluster state ok');
    return cluster;
  }

  get seeds(): string[] {
    return this.nodes.map((n) => `127.0.0.1:${n.server.port}`);
  }

  async slotOf(key: string): Promise<number> {
    return Number(await ask(this.nodes[0].server, 'CLUSTER', 'KEYSLOT', key));
  }

  /** The primary serving `slot` now, as a live node sees it. */
  async primaryOf(slot: number): Promise<RedisServer> {
    const live = this.nodes.find((n) => n.server.running)!;
    const ranges = (await ask(live.server, 'CLUSTER', 'SLOTS')) as Array<[number, number, [string, number, string]]>;
    const range = ranges.find(([from, to]) => from <= slot && slot <= to)!;
    return this.nodes.find((n) => n.id === range[2][2])!.server;
  }

  /** A manual failover of the primary serving `slot`: its replica takes over once in sync (no write is lost). */
  async failover(slot: number): Promise<void> {
    const primary = await this.primaryOf(slot);
    const replica = await this.replicaOf(primary);
    await ask(replica, 'CLUSTER', 'FAILOVER');
    await waitUntil(async () => (await this.primaryOf(slot)) === replica, 20_000, 'the replica serving the slot');
  }

  /** SIGKILLs the primary serving `slot`; resolves once its replica has taken the slot over. */
  async killPrimary(slot: number): Promise<void> {
    const primary = await this.primaryOf(slot);
    await primary.stop();
    await waitUntil(async () => (await this.primaryOf(slot)) !== primary, 30_000, 'a replica promoted after the kill');
  }

  /** Moves `slot` and its keys to another primary: IMPORTING / MIGRATING, MIGRATE in batches, then SETSLOT NODE everywhere. */
  async migrateSlot(slot: number): Promise<RedisServer> {
    const source = await this.primaryOf(slot);
    const primaries = await this.primaries();
    const target = primaries.find((p) => p !== source)!;
    const id = (s: RedisServer) => this.nodes.find((n) => n.server === s)!.id;
    await ask(target, 'CLUSTER', 'SETSLOT', slot, 'IMPORTING', id(source));
    await ask(source, 'CLUSTER', 'SETSLOT', slot, 'MIGRATING', id(target));
    for (;;) {
      const keys = (await ask(source, 'CLUSTER', 'GETKEYSINSLOT', slot, 50)) as string[];
      if (keys.length === 0) break;
      await ask(source, 'MIGRATE', '127.0.0.1', target.port, '', 0, 5_000, 'KEYS', ...keys);
    }
    for (const p of [target, source, ...primaries.filter((p) => p !== source && p !== target)]) await ask(p, 'CLUSTER', 'SETSLOT', slot, 'NODE', id(target));
    await waitUntil(async () => (await this.primaryOf(slot)) === target, 10_000, 'the slot served by its new primary');
    return target;
  }

  async stop(): Promise<void> {
    await Promise.all(this.nodes.map((n) => n.server.stop()));
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async primaries(): Promise<RedisServer[]> {
    const live = this.nodes.find((n) => n.server.running)!;
    const ranges = (await ask(live.server, 'CLUSTER', 'SLOTS')) as Array<[number, number, [string, number, string]]>;
    const ids = new Set(ranges.map((r) => r[2][2]));
    return this.nodes.filter((n) => ids.has(n.id)).map((n) => n.server);
  }

  private async replicaOf(primary: RedisServer): Promise<RedisServer> {
    const primaryId = this.nodes.find((n) => n.server === primary)!.id;
    const lines = String(await ask(primary, 'CLUSTER', 'NODES')).split('\n');
    const replicaId = lines.map((l) => l.split(' ')).find((f) => f[3] === primaryId && f[2].includes('slave'))![0];
    return this.nodes.find((n) => n.id === replicaId)!.server;
  }
}

/** One command on one node (not through the cluster's routing). */
async function ask(server: RedisServer, ...args: Array<string | number>): Promise<unknown> {
  const client: Redis = server.client();
  try {
    return await client.call(String(args[0]), ...args.slice(1).map(String));
  } finally {
    client.disconnect();
  }
}
