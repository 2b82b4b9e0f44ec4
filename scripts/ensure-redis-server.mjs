#!/usr/bin/env node
// Runs before `npm test`: the tests spawn their own redis-server processes.
// Installs Debian's redis-server when missing and we are root; otherwise
// stops at once with the one line to run.
import { execFileSync, spawnSync } from 'node:child_process';

const has = () => spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
if (has()) process.exit(0);
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const aptGet = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
if (isRoot && aptGet) {
  process.stderr.write('redis-server not found: installing it with apt-get (tests spawn their own servers)\n');
  try {
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', 'redis-server'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  } catch {
    // fall through to the message below
  }
  if (has()) process.exit(0);
}
process.stderr.write('The tests need redis-server. Install it, then rerun: sudo apt-get install -y redis-server\n');
process.exit(1);
