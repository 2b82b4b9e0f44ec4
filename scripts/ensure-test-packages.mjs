#!/usr/bin/env node
// Runs before `npm test`: the tests spawn their own redis-server processes and
// check the HAProxy config with (and run) Debian's haproxy. Installs what is
// missing with apt-get when we are root; otherwise stops at once with the one
// line to run.
import { execFileSync, spawnSync } from 'node:child_process';

// Debian puts haproxy in /usr/sbin, which is not on every user's PATH.
const needed = [
  { commands: ['redis-server'], probe: ['--version'], pkg: 'redis-server' },
  { commands: ['haproxy', '/usr/sbin/haproxy'], probe: ['-v'], pkg: 'haproxy' },
];
const runs = (command, probe) => spawnSync(command, probe, { stdio: 'ignore' }).status === 0;
const missing = () => needed.filter((n) => !n.commands.some((c) => runs(c, n.probe))).map((n) => n.pkg);

let packages = missing();
if (packages.length === 0) process.exit(0);
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const aptGet = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
if (isRoot && aptGet) {
  process.stderr.write(`${packages.join(' and ')} not found: installing with apt-get (the tests need them)\n`);
  try {
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', ...packages], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  } catch (err) {
    process.stderr.write(`apt-get failed: ${err.message}\n`); // the check below says what is still missing
  }
  packages = missing();
  if (packages.length === 0) process.exit(0);
}
process.stderr.write(`The tests need ${packages.join(' and ')}. Install, then rerun: sudo apt-get install -y ${packages.join(' ')}\n`);
process.exit(1);
