#!/usr/bin/env node
// Runs before `npm test`: the tests spawn their own redis-server (and
// redis-sentinel) processes,
// check the HAProxy config with (and run) Debian's haproxy, check the
// Prometheus files with promtool (Debian's prometheus package), and drive the
// demo page in Debian's chromium (playwright-core, test/browser), and build
// the load tool's native client with gcc and OpenSSL. Installs what
// is missing with apt-get when we are root; otherwise stops at once with the
// one line to run.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';

// Debian puts haproxy in /usr/sbin, which is not on every user's PATH.
const needed = [
  { commands: ['redis-server'], probe: ['--version'], pkg: 'redis-server' },
  // The failover tests run Sentinels (test/faults/feed-sentinel-failover): installed without starting Debian's own.
  { commands: ['redis-sentinel'], probe: ['--version'], pkg: 'redis-sentinel', toolOnly: true },
  { commands: ['haproxy', '/usr/sbin/haproxy'], probe: ['-v'], pkg: 'haproxy' },
  // Only its promtool is used: installed without recommends (node-exporter) and without starting the server.
  { commands: ['promtool'], probe: ['--version'], pkg: 'prometheus', toolOnly: true },
  // test/browser launches /usr/bin/chromium (the path is fixed there).
  { commands: ['/usr/bin/chromium'], probe: ['--version'], pkg: 'chromium' },
  // The load tool compiles its native client at run time (test/integration/loadtest-smoke); wss:// needs OpenSSL's headers.
  { commands: ['gcc'], probe: ['--version'], pkg: 'gcc' },
  { files: ['/usr/include/openssl/ssl.h'], pkg: 'libssl-dev' },
];
const runs = (command, probe) => spawnSync(command, probe, { stdio: 'ignore' }).status === 0;
const present = (n) => (n.files ? n.files.some((f) => existsSync(f)) : n.commands.some((c) => runs(c, n.probe)));
const missing = () => needed.filter((n) => !present(n)).map((n) => n.pkg);

let packages = missing();
if (packages.length === 0) process.exit(0);
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const aptGet = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
if (isRoot && aptGet) {
  process.stderr.write(`${packages.join(' and ')} not found: installing with apt-get (the tests need them)\n`);
  try {
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    const toolOnly = new Set(needed.filter((n) => n.toolOnly).map((n) => n.pkg));
    const services = packages.filter((p) => !toolOnly.has(p));
    const tools = packages.filter((p) => toolOnly.has(p));
    if (services.length > 0) aptInstall(services);
    if (tools.length > 0) withoutServiceStarts(() => aptInstall(['--no-install-recommends', ...tools]));
  } catch (err) {
    process.stderr.write(`apt-get failed: ${err.message}\n`); // the check below says what is still missing
  }
  packages = missing();
  if (packages.length === 0) process.exit(0);
}
process.stderr.write(`The tests need ${packages.join(' and ')}. Install, then rerun: sudo apt-get install -y ${packages.join(' ')}\n`);
process.exit(1);

function aptInstall(args) {
  execFileSync('apt-get', ['install', '-y', '-qq', ...args], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

/** Runs `install` with a policy-rc.d that refuses service starts (unless one is already there, as in Docker images). */
function withoutServiceStarts(install) {
  const policy = '/usr/sbin/policy-rc.d';
  if (existsSync(policy)) return install();
  writeFileSync(policy, '#!/bin/sh\n# ensure-test-packages.mjs: no service starts while installing tools\nexit 101\n', { mode: 0o755 });
  try {
    install();
  } finally {
    rmSync(policy, { force: true });
  }
}
