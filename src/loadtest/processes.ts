import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * Every process a load test starts, each the leader of its own process group
 * (so a signal to the group reaches its workers too). stopAll() ends them
 * (SIGTERM, then SIGKILL); so does this process's exit, whatever causes it
 * (end of the profile, Ctrl-C, an error): nothing is left behind.
 */
export class Processes {
  private readonly children = new Set<ChildProcess>();
  private readonly onExit = () => this.killAll('SIGKILL');

  constructor() {
    process.on('exit', this.onExit);
  }

  start(command: string, args: string[], options: SpawnOptions = {}): ChildProcess {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options, detached: true });
    this.children.add(child);
    child.once('exit', () => this.children.delete(child));
    // A child's output nobody reads would fill its pipe and stall it.
    child.once('spawn', () => {
      if (options.stdio === undefined) {
        child.stdout?.resume();
        child.stderr?.resume();
      }
    });
    return child;
  }

  /** Pids of every live child. */
  pids(): number[] {
    return [...this.children].map((c) => c.pid).filter((p): p is number => p !== undefined);
  }

  signal(child: ChildProcess, signal: NodeJS.Signals): void {
    if (child.pid === undefined) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  }

  /** SIGTERM to every group, SIGKILL to whatever is left after `graceMs`. */
  async stopAll(graceMs = 3_000): Promise<void> {
    const live = [...this.children];
    const exited = Promise.all(live.map((c) => (c.exitCode !== null || c.signalCode !== null ? undefined : new Promise((r) => c.once('exit', r)))));
    this.killAll('SIGCONT'); // a stopped group (a hung core) would not act on SIGTERM
    this.killAll('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, graceMs))]);
    this.killAll('SIGKILL');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 1_000))]);
    process.off('exit', this.onExit);
  }

  private killAll(signal: NodeJS.Signals): void {
    for (const child of this.children) this.signal(child, signal);
  }
}

/** utime + stime of these processes, in seconds (/proc/<pid>/stat; gone processes count 0). */
export function cpuSeconds(pids: number[], ticksPerSec = 100): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      ticks += Number(f[11]) + Number(f[12]);
    } catch {
      // exited
    }
  }
  return ticks / ticksPerSec;
}
