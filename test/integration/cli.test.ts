import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, waitUntil } from '../helpers/ports.js';
import { OddsClient } from '../helpers/odds-client.js';
import { RedisServer } from '../helpers/redis-server.js';

/** The `oddsgate` command as an operator runs it: the built CLI in a child process. */
const CLI = 'dist/src/cli/oddsgate.js';

interface Run {
  child: ChildProcess;
  stdout: string;
  stderr: string;
  exited: Promise<number | null>;
}

function run(args: string[], env: Record<string, string> = {}): Run {
  const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ODDSGATE_LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const result: Run = { child, stdout: '', stderr: '', exited: new Promise((resolve) => child.once('exit', resolve)) };
  child.stdout!.on('data', (d) => (result.stdout += d));
  child.stderr!.on('data', (d) => (result.stderr += d));
  return result;
}

describe('oddsgate CLI', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  function track(r: Run): Run {
    cleanups.push(async () => {
      if (r.child.exitCode === null && r.child.signalCode === null) {
        r.child.kill('SIGKILL');
        await r.exited;
      }
    });
    return r;
  }

  it.each([
    [['serve', '--port', 'eighty'], {}, /port \(ODDSGATE_PORT\): expected an integer from 0 to 65535, got "eighty"/],
    [['serve'], { ODDSGATE_REDIS_SHARDS: 'localhost:6379' }, /redisShards \(ODDSGATE_REDIS_SHARDS\): expected redis:\/\/host:port/],
    [['serve', '--workers', '4'], {}, /workers \(ODDSGATE_WORKERS\): more than 1 worker needs redisShards/],
    [['serve', '--log-level', 'loud'], {}, /logLevel \(ODDSGATE_LOG_LEVEL\): expected one of fatal/],
  ])('refuses bad configuration %j with one line naming the setting', async (args, env, message) => {
    const r = track(run(args, env));
    expect(await r.exited).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });

  it('serves the embedded demo with no Redis: a page, live odds, health', async () => {
    const port = await freePort();
    const r = track(run(['serve', '--port', String(port), '--host', '127.0.0.1', '--sim-rate-per-sec', '200']));
    await waitUntil(async () => (await fetch(`http://127.0.0.1:${port}/healthz`).then((x) => x.status, () => 0)) === 200, 10_000, 'healthz');
    expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toContain('oddsgate — live odds');
    const { events } = (await (await fetch(`http://127.0.0.1:${port}/v1/events`)).json()) as { events: string[] };
    expect(events.length).toBeGreaterThan(0);
    const client = await OddsClient.connect(port);
    cleanups.push(() => client.terminate());
    client.subscribe(...events);
    await client.waitFor(() => [...client.events.values()].reduce((n, v) => n + v.updates.length, 0) >= 20, 'prices moving');
    expect(client.violations).toEqual([]);
    r.child.kill('SIGTERM');
    expect(await r.exited).toBe(0);
  });

  it('publishes with `oddsgate publish` and serves it from several workers on one port', async () => {
    const redis = await RedisServer.start();
    cleanups.push(() => redis.stop());
    const env = { ODDSGATE_REDIS_SHARDS: `main=${redis.url}`, ODDSGATE_KEY_PREFIX: 'cli:' };
    const published = track(run(['publish', '--event', 'final', '--market', '1x2', '--selection', 'home=2.5', '--selection', 'draw=3.1', '--selection', 'away=2.875'], env));
    expect(await published.exited).toBe(0);
    expect(JSON.parse(published.stdout)).toMatchObject({ eventId: 'final', shard: 'main', seq: 1 });

    const port = await freePort();
    const server = track(run(['serve', '--port', String(port), '--host', '127.0.0.1', '--workers', '2'], env));
    const nodeIds = new Set<string>();
    await waitUntil(
      async () => {
        const stats = await fetch(`http://127.0.0.1:${port}/v1/stats`, { headers: { connection: 'close' } }).then((x) => x.json() as Promise<{ nodeId: string }>, () => null);
        if (stats) nodeIds.add(stats.nodeId);
        return nodeIds.size === 2;
      },
      15_000,
      'both workers answering on the same port',
    );
    const client = await OddsClient.connect(port);
    cleanups.push(() => client.terminate());
    client.subscribe('final');
    await client.waitFor(() => client.events.has('final'), 'snapshot');
    expect(client.view('final').markets.get('1x2')?.selections.map((s) => s.price)).toEqual([2_500, 3_100, 2_875]);

    const next = track(run(['publish', '--event', 'final', '--market', '1x2', '--status', 'suspended', '--selection', 'home=2.5', '--selection', 'draw=3.1', '--selection', 'away=2.875'], env));
    expect(await next.exited).toBe(0);
    await client.waitForSeq('final', 2);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  });
});
