import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { commands } from '../../src/config/commands.js';
import { cliResult, runCli as run, type CliRun as Run } from '../helpers/cli.js';
import { freePort, waitUntil } from '../helpers/ports.js';
import { OddsClient } from '../helpers/odds-client.js';
import { RedisServer } from '../helpers/redis-server.js';

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

  /** One line on stderr, exit 2: how every usage and configuration error ends. */
  async function refused(args: string[], env: Record<string, string> = {}): Promise<string> {
    const r = await cliResult(args, env);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    return r.stderr.trim();
  }

  it.each([
    [['serve', '--port', 'eighty'], {}, /port \(ODDSGATE_PORT\): expected an integer from 0 to 65535, got "eighty"/],
    [['serve'], { ODDSGATE_REDIS_SHARDS: 'localhost:6379' }, /redisShards \(ODDSGATE_REDIS_SHARDS\): expected redis:\/\/host:port/],
    [['serve', '--workers', '4'], {}, /workers \(ODDSGATE_WORKERS\): more than 1 worker needs redisShards/],
    [['serve', '--log-level', 'loud'], {}, /logLevel \(ODDSGATE_LOG_LEVEL\): expected one of fatal/],
  ])('refuses bad configuration %j with one line naming the setting', async (args, env, message) => {
    expect(await refused(args, env)).toMatch(message);
  });

  it.each([
    [['--prot', '9000'], /^oddsgate: unknown flag --prot; did you mean --port\?$/],
    [['serve', '--prot=9000'], /unknown flag --prot; did you mean --port\?/],
    [['serve', '--bogus'], /^oddsgate: unknown flag --bogus$/],
    [['serve', '-p', '9000'], /unknown flag -p \(flags take two dashes/],
    [['serve', 'extra'], /unexpected argument "extra" for oddsgate serve/],
    [['serve', '--port'], /--port expects a value: an integer from 0 to 65535/],
    [['serve', '--port', '1', '--port', '2'], /--port is given more than once/],
    [['srve'], /unknown command srve; did you mean serve\?/],
    [['core-sim', '--jurisdiction', 'MT', '--port', '9001'], /oddsgate core-sim does not read the setting --port; did you mean --core-port\?/],
    [['publish', '--event', 'e', '--market', 'm', '--selection', 'home=2.5', '--workers', '2'], /oddsgate publish does not read the setting --workers/],
  ])('refuses the command line %j with one line naming the nearest flag', async (args, message) => {
    expect(await refused(args)).toMatch(message);
  });

  it('refuses an unknown ODDSGATE_ variable, naming the nearest setting, and allows the supervisor\'s and the config file\'s', async () => {
    expect(await refused(['check-config'], { ODDSGATE_PROT: '9000' })).toMatch(/unknown environment variable ODDSGATE_PROT; did you mean ODDSGATE_PORT\?/);
    expect(await refused(['check-config'], { ODDSGATE_SHARDS: 'redis://h:1' })).toMatch(/unknown environment variable ODDSGATE_SHARDS; did you mean ODDSGATE_REDIS_SHARDS\?/);
    expect((await cliResult(['check-config'], { ODDSGATE_WORKER_INDEX: '0' })).code).toBe(0);
  });

  it('names the nearest setting for an unknown key in the config file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oddsgate-cli-'));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'config.json');
    writeFileSync(file, JSON.stringify({ prot: 9000 }));
    expect(await refused(['check-config', '--config', file])).toMatch(/unknown setting prot; did you mean port\?/);
    expect(await refused(['check-config'], { ODDSGATE_CONFIG: file })).toMatch(/unknown setting prot/);
  });

  it.each([
    [['simulate', '--events', 'many'], /--events expects an integer from 1 to 1000000, got "many"/],
    [['simulate', '--goal-chance', '2'], /--goal-chance expects a number from 0 to 1, got "2"/],
    [['simulate', '--match-speed', '0'], /--match-speed expects a number from 0.01 to 100000, got "0"/],
    [['publish', '--event', 'e', '--market', 'm', '--selection', 'home'], /--selection expects id=price with decimal odds/],
    [['publish', '--event', 'e', '--market', 'm', '--selection', 'home=2.5', '--status', 'gone'], /--status expects open, suspended or closed, got "gone"/],
    [['publish', '--event', 'e', '--selection', 'home=2.5'], /--market expects a market id, and oddsgate publish needs it/],
    [['core-sim', '--jurisdiction', 'MT', '--core-port', '70000'], /--core-port expects an integer from 0 to 65535, got "70000"/],
    [['core-sim', '--jurisdiction', 'malta'], /--jurisdiction expects a code like MT/],
    [['drain', 'http://127.0.0.1:9464', '--poll-ms', '1'], /--poll-ms expects an integer from 50 to 60000, got "1"/],
    [['drain'], /oddsgate drain needs <admin-url>/],
    [['drain', 'localhost:9464'], /<admin-url> expects the http:\/\/ URL of a node's admin API/],
    [['status', '--json=maybe'], /--json expects true or false, got "maybe"/],
    [['status', '--jsn'], /unknown flag --jsn; did you mean --json\?/],
    [['print-config', '--markdown=yes'], /--markdown expects true or false, got "yes"/],
    [['check-config', '--markdown'], /unknown flag --markdown$/m],
    [['token', '--jurisdiction', 'malta'], /--jurisdiction expects a code like MT/],
    [['token', '--jurisdiction', 'MT', '--ttl-sec', '0'], /--ttl-sec expects an integer from 1 to 31536000, got "0"/],
    [['loadtest', 'smoke', '--duration-scale', '0'], /--duration-scale expects a number from 0\.001 to 1000, got "0"/],
    [['loadtest'], /oddsgate loadtest needs <profile>/],
    [['publish-info', '--info', '{"eventId":"e","name":"","phase":"live"}'], /event info of "e": name is empty/],
    [['publish-info', '--info', '{"eventId":"e","name":"A v B","phase":"halftime"}'], /phase "halftime" is not pre_match, live, break or ended/],
  ])('names the bad option of each command: %j', async (args, message) => {
    expect(await refused(args)).toMatch(message);
  });

  it('covers every command in the cases above', () => {
    expect(Object.keys(commands).sort()).toEqual(['check-config', 'core-sim', 'drain', 'loadtest', 'print-config', 'publish', 'publish-info', 'serve', 'simulate', 'status', 'token']);
  });

  it('--version prints the package version and starts nothing', async () => {
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    for (const args of [['--version'], ['serve', '--version'], ['drain', '--version']]) {
      const r = await cliResult(args);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(version + '\n');
    }
  });

  it('--help lists the commands; <command> --help lists its options and the settings it reads', async () => {
    const overview = await cliResult(['--help']);
    expect(overview.code).toBe(0);
    for (const name of Object.keys(commands)) expect(overview.stdout).toContain(`  ${name}`);

    const serve = await cliResult(['serve', '--help']);
    expect(serve.code).toBe(0);
    expect(serve.stdout).toMatch(/^usage: oddsgate serve/);
    expect(serve.stdout).toContain('--port, ODDSGATE_PORT  (default 8080)');
    expect(serve.stdout).toContain('--admin-token, ODDSGATE_ADMIN_TOKEN');
    expect(serve.stdout).toContain('--config');

    const coreSim = await cliResult(['core-sim', '--help']);
    expect(coreSim.stdout).toMatch(/^usage: oddsgate core-sim --jurisdiction <value>/);
    expect(coreSim.stdout).toContain('--core-port  (default 9001)');
    expect(coreSim.stdout).toContain('--redis-shards, ODDSGATE_REDIS_SHARDS');
    expect(coreSim.stdout).not.toContain('--port, ODDSGATE_PORT');

    const drain = await cliResult(['drain', '--help']);
    expect(drain.stdout).toMatch(/^usage: oddsgate drain <admin-url>/);
    expect(drain.stdout).toContain('--admin-token, ODDSGATE_ADMIN_TOKEN');
  });

  it('print-config masks secrets; print-config --markdown is the table in README.md', async () => {
    const printed = await cliResult(['print-config', '--admin-token', 'hunter2-admin', '--auth-hs256-secret', 'x'.repeat(40)]);
    expect(printed.code).toBe(0);
    expect(printed.stdout).not.toContain('hunter2-admin');
    expect(JSON.parse(printed.stdout)).toMatchObject({ adminToken: '***', authHs256Secret: '***' });

    const table = await cliResult(['print-config', '--markdown']);
    expect(table.code).toBe(0);
    // Regenerate README's table with `node dist/src/cli/oddsgate.js print-config --markdown` when a setting changes.
    expect(readFileSync('README.md', 'utf8')).toContain(table.stdout.trim());
  });

  it('serves the embedded demo with no Redis: a page, live odds, health', async () => {
    const port = await freePort();
    const r = track(run(['serve', '--port', String(port), '--host', '127.0.0.1', '--sim-rate-per-sec', '200']));
    await waitUntil(async () => (await fetch(`http://127.0.0.1:${port}/healthz`).then((x) => x.status, () => 0)) === 200, 10_000, 'healthz');
    expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toContain('<title>oddsgate · live odds</title>');
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
    // SIGTERM drains: a short window, so the client that never moves is closed soon (4004).
    const server = track(run(['serve', '--port', String(port), '--host', '127.0.0.1', '--workers', '2', '--drain-window-ms', '200', '--drain-grace-ms', '200'], env));
    const workerPids = new Set<number>();
    await waitUntil(
      async () => {
        const stats = await fetch(`http://127.0.0.1:${port}/v1/stats`, { headers: { connection: 'close' } }).then((x) => x.json() as Promise<{ pid: number }>, () => null);
        if (stats) workerPids.add(stats.pid);
        return workerPids.size === 2;
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
    expect(await client.closed).toBe(4004);
  });
});
