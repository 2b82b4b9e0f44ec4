import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareRows } from '../../src/loadtest/compare.js';
import type { LoadtestResult } from '../../src/loadtest/result.js';
import { cliResult, runCli } from '../helpers/cli.js';
import { ADMIN_TOKEN, EdgeFleet } from '../helpers/edge-fleet.js';
import { freePort, waitUntil } from '../helpers/ports.js';
import { HS_SECRET } from '../helpers/tokens.js';

/**
 * `oddsgate loadtest` end to end, as CI runs it: the real fleet (Redis
 * shards, nodes, cores, publisher), the native client compiled with gcc, the
 * bettor pool and autocannon, all spawned by the tool and gone when it exits.
 */

/** Every loopback port the run printed (shards, cores, nodes). */
function portsOf(stdout: string): number[] {
  const shards = /shard\(s\) on ([\d, ]+)/.exec(stdout)?.[1].split(',').map((p) => Number(p.trim())) ?? [];
  const urls = [...stdout.matchAll(/127\.0\.0\.1:(\d+)/g)].map((m) => Number(m[1]));
  return [...new Set([...shards, ...urls])];
}

const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = connect(port, '127.0.0.1', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });

/** No process the run started is left: nothing listens on its ports, no process names them. */
async function nothingLeftBehind(stdout: string): Promise<void> {
  const ports = portsOf(stdout);
  expect(ports.length).toBeGreaterThanOrEqual(3);
  await waitUntil(async () => (await Promise.all(ports.map(listening))).every((l) => !l), 10_000, 'every port of the run closed');
  const args = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).split('\n');
  const named = args.filter((a) => ports.some((p) => a.includes(`:${p}`) || a.includes(`--port ${p}`)));
  expect(named).toEqual([]);
}

function profile(dir: string, text: string): string {
  const file = join(dir, 'profile.yaml');
  writeFileSync(file, text);
  return file;
}

const tiny = (slo: string, durationSec = 8) => `name: tiny
spawn: { shards: 1, nodes: 1, jurisdictions: [MT] }
feed: { events: 5, marketsPerEvent: 2 }
phases:
  - { name: only, durationSec: ${durationSec}, clients: 40, arrivalPerSec: 40, oddsPerSec: 20 }
slo:
${slo}
`;

describe('oddsgate loadtest', () => {
  it('runs the smoke profile within its SLOs: exit 0, a JSON result, an HTML report with its chart library inlined, nothing left running', { timeout: 240_000 }, async () => {
    const out = mkdtempSync(join(tmpdir(), 'loadtest-smoke-'));
    const run = await cliResult(['loadtest', 'smoke', '--out', out]);
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(run.stdout).toMatch(/result: PASS/);

    const files = readdirSync(out);
    const json = files.find((f) => f.endsWith('.json'))!;
    const html = files.find((f) => f.endsWith('.html'))!;
    const result = JSON.parse(readFileSync(join(out, json), 'utf8')) as LoadtestResult;
    expect(result.passed).toBe(true);
    expect(result.slo.map((v) => v.name)).toEqual(['fan-out latency', 'bet round trip', 'lost updates', 'lost or doubled bets', 'connect success']);
    expect(result.phases.map((p) => p.name)).toEqual(['ramp', 'kick-off', 'play']);
    expect(result.totals.clients.peak).toBe(300);
    expect(result.totals.updates.received).toBeGreaterThan(10_000);
    expect(result.totals.updates.lost + result.totals.updates.duplicated).toBe(0);
    // The drain at 38 s moved node 1's clients to node 0, each resuming where it was.
    expect(result.actions.map((a) => a.what)).toEqual([expect.stringMatching(/^drain node 1/)]);
    expect(result.totals.clients.drainMoves).toBeGreaterThan(0);
    expect(result.totals.bets.placed).toBeGreaterThan(100);
    expect(result.totals.bets.checkedAtCore).toBe(Math.min(2_000, result.totals.bets.accepted));
    expect(result.totals.bets.lost + result.totals.bets.doubled).toBe(0);
    expect(result.http.map((h) => h.target)).toEqual(['readyz', 'route', 'core']);
    for (const h of result.http) expect(h.requests, h.target).toBeGreaterThan(0);
    expect(result.timeline.length).toBeGreaterThanOrEqual(50);
    expect(result.timeline.some((p) => p.serverCpuPct !== null && p.serverRssMb !== null)).toBe(true);

    const page = readFileSync(join(out, html), 'utf8');
    const uplot = readFileSync('node_modules/uplot/dist/uPlot.iife.min.js', 'utf8');
    expect(page).toContain(uplot.slice(0, 200)); // the library itself, inlined: the report opens offline
    expect(page).not.toMatch(/<script[^>]+src=/);
    expect(page).toContain('fan-out latency');

    await nothingLeftBehind(run.stdout);

    // compare: the run against itself has no regression; against a copy with twice the p99 it has one.
    const same = await cliResult(['loadtest', 'compare', join(out, json), join(out, json), '--out', out]);
    expect(same.code, same.stderr).toBe(0);
    expect(same.stdout).toMatch(/no regression beyond 10%/);
    expect(readdirSync(out).filter((f) => f.startsWith('compare-') && f.endsWith('.html'))).toHaveLength(1);
    const worse = structuredClone(result);
    worse.totals.fanout.p99 = (result.totals.fanout.p99 ?? 1) * 2;
    expect(compareRows(result, worse).filter((r) => r.regression).map((r) => r.name)).toEqual(['fan-out p99 (ms)']);
  });

  it('exits 1 naming the SLO a run missed', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'loadtest-slo-'));
    const run = await cliResult(['loadtest', profile(dir, tiny('  fanoutP99Ms: 0.001\n  lostUpdates: 0')), '--out', dir]);
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(1);
    expect(run.stdout).toMatch(/MISSED {2}fan-out latency: p99 ≤ 0\.001 ms/);
    expect(run.stdout).toMatch(/met {5}lost updates/);
    expect(run.stdout).toMatch(/result: FAIL \(fan-out latency\)/);
    await nothingLeftBehind(run.stdout);
  });

  it('stops cleanly on Ctrl-C: results so far written, exit 130, nothing left running', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'loadtest-int-'));
    const run = runCli(['loadtest', profile(dir, tiny('  lostUpdates: 0', 300)), '--out', dir]);
    await waitUntil(() => /\[\d+ s\] only/.test(run.stdout), 60_000, 'the run under way');
    run.child.kill('SIGINT');
    expect(await run.closed).toBe(130);
    expect(run.stdout).toMatch(/result: INTERRUPTED/);
    const json = readdirSync(dir).find((f) => f.endsWith('.json'))!;
    const result = JSON.parse(readFileSync(join(dir, json), 'utf8')) as LoadtestResult;
    expect(result.interrupted).toBe(true);
    expect(result.durationSec).toBeLessThan(300);
    expect(existsSync(join(dir, json.replace(/\.json$/, '.html')))).toBe(true);
    await nothingLeftBehind(run.stdout);
  });

  it('drives a deployment given by URL: its own feed, bets with its key, its /metrics', { timeout: 120_000 }, async () => {
    const fleet = await EdgeFleet.create({ jurisdictions: ['MT'], shards: 1, env: { ODDSGATE_AUTH_HS256_SECRET: HS_SECRET } });
    try {
      const node = await fleet.startNode('remote-a');
      await fleet.simulate({ events: 5, markets: 2, rate: 50 });
      const dir = mkdtempSync(join(tmpdir(), 'loadtest-remote-'));
      const file = profile(
        dir,
        `name: remote
targets: [${node.wsUrl}]
remote:
  metricsUrls: [http://127.0.0.1:${node.adminPort}/metrics]
  adminTokenEnv: LT_ADMIN
  hs256SecretEnv: LT_SECRET
  jurisdictions: [MT]
feed: { events: 5 }
bets: { connections: 4 }
phases:
  - { name: only, durationSec: 10, clients: 60, arrivalPerSec: 60, oddsPerSec: 0, betsPerClientPerMin: 10 }
slo: { lostUpdates: 0, lostOrDoubledBets: 0, connectSuccessPct: 100 }
`,
      );
      const run = await cliResult(['loadtest', file, '--out', dir], { LT_ADMIN: ADMIN_TOKEN, LT_SECRET: HS_SECRET });
      expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
      const result = JSON.parse(readFileSync(join(dir, readdirSync(dir).find((f) => f.endsWith('.json'))!), 'utf8')) as LoadtestResult;
      expect(result.targets).toEqual([node.wsUrl]);
      expect(result.totals.clients.peak).toBe(60);
      expect(result.totals.updates.received).toBeGreaterThan(0); // from the deployment's own publisher
      expect(result.totals.bets.accepted).toBeGreaterThan(0);
      expect(result.timeline.some((p) => p.serverRssMb !== null)).toBe(true); // its /metrics, with its admin token
      expect(node.running).toBe(true); // the tool stops only what it started
    } finally {
      await fleet.stop();
    }
  });

  it('speaks wss:// to a deployment behind a TLS terminator (HAProxy with a self-signed certificate)', { timeout: 120_000 }, async () => {
    const fleet = await EdgeFleet.create({ shards: 1 });
    const dir = mkdtempSync(join(tmpdir(), 'loadtest-wss-'));
    let haproxy: ChildProcess | undefined;
    try {
      const node = await fleet.startNode('tls-a');
      await fleet.simulate({ events: 5, markets: 2, rate: 50 });
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
      writeFileSync(join(dir, 'both.pem'), readFileSync(join(dir, 'cert.pem'), 'utf8') + readFileSync(join(dir, 'key.pem'), 'utf8'));
      const port = await freePort();
      writeFileSync(
        join(dir, 'haproxy.cfg'),
        `defaults\n  mode http\n  timeout connect 5s\n  timeout client 60s\n  timeout server 60s\n  timeout tunnel 1h\nfrontend tls\n  bind 127.0.0.1:${port} ssl crt ${join(dir, 'both.pem')}\n  default_backend edge\nbackend edge\n  server a 127.0.0.1:${node.port}\n`,
      );
      haproxy = spawn(existsSync('/usr/sbin/haproxy') ? '/usr/sbin/haproxy' : 'haproxy', ['-db', '-f', join(dir, 'haproxy.cfg')], { stdio: 'ignore' });
      await waitUntil(() => listening(port), 10_000, 'haproxy listening');
      const file = profile(
        dir,
        `name: wss
targets: [wss://localhost:${port}/v1/ws]
feed: { events: 5 }
phases:
  - { name: only, durationSec: 8, clients: 30, arrivalPerSec: 30, oddsPerSec: 0 }
slo: { lostUpdates: 0, connectSuccessPct: 100 }
`,
      );
      const run = await cliResult(['loadtest', file, '--out', dir]);
      expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
      const result = JSON.parse(readFileSync(join(dir, readdirSync(dir).find((f) => f.endsWith('.json'))!), 'utf8')) as LoadtestResult;
      expect(result.totals.clients.peak).toBe(30);
      expect(result.totals.updates.received).toBeGreaterThan(0);
      expect(result.totals.updates.lost).toBe(0);
    } finally {
      haproxy?.kill('SIGKILL');
      await fleet.stop();
    }
  });

  it('refuses a bad profile with one line naming the file, line and field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'loadtest-bad-'));
    const run = await cliResult(['loadtest', profile(dir, tiny('  fanoutP99Ms: fast'))]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toMatch(/^oddsgate: profile\.yaml:\d+: slo\.fanoutP99Ms: .*number/);
  });
});
