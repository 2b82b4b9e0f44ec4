import { execFileSync, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { NATIVE_SOURCE, ROOT } from './paths.js';

const BUILD = join(ROOT, 'loadtest', 'native', 'build');
const BINARY = join(BUILD, 'wsload');
/** Written next to the binary by the build: 'tls' when it speaks wss:// (stale when the binary is newer: another bench rebuilt it). */
const FEATURES = join(BINARY + '.features');

const gcc = (args: string[]) => execFileSync('gcc', ['-O2', '-Wall', '-o', BINARY, NATIVE_SOURCE, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });

/**
 * Compiles loadtest/native/wsload.c with the machine's gcc when the binary is
 * missing or older than the source: with TLS (OpenSSL, for wss:// targets)
 * where the headers and libraries are installed (Debian: libssl-dev), else without.
 */
export function buildNativeClient(): { binary: string; tls: boolean } {
  const mtime = (f: string) => (existsSync(f) ? statSync(f).mtimeMs : -1);
  if (mtime(BINARY) >= mtime(NATIVE_SOURCE) && mtime(FEATURES) >= mtime(BINARY)) return { binary: BINARY, tls: readFileSync(FEATURES, 'utf8') === 'tls' };
  mkdirSync(BUILD, { recursive: true });
  let tls = true;
  try {
    gcc(['-DWSLOAD_TLS', '-lm', '-lssl', '-lcrypto']);
  } catch {
    tls = false;
    try {
      gcc(['-lm']);
    } catch (err) {
      throw new Error(`could not compile the native client (gcc -O2 ${NATIVE_SOURCE}): ${(err as { stderr?: Buffer }).stderr?.toString() || (err as Error).message}`);
    }
  }
  writeFileSync(FEATURES, tls ? 'tls' : '');
  return { binary: BINARY, tls };
}

/** The counters one wsload process prints for `s` (see wsload.c print_stats). */
export interface WsloadStats {
  conns: number;
  connecting: number;
  open: number;
  ready: number;
  dead: number;
  started: number;
  frames: number;
  odds: number;
  snapshots: number;
  errors: number;
  gapEvents: number;
  missing: number;
  dups: number;
  closed: number;
  failed: number;
  connectErrors: number;
  opened: number;
  reconnects: number;
  churned: number;
  drains: number;
  moves: number;
  replaces: number;
  continues: number;
  resumeMismatch: number;
  firstError: string;
}

/** Buckets [value in µs, count] of one wsload histogram, cleared by the read. */
export interface WsloadHistogram {
  count: number;
  buckets: Array<[number, number]>;
}

/** How a wsload process is started: the caller's own process bookkeeping (process groups, kill on exit). */
export type StartProcess = (command: string, args: string[], options: SpawnOptions) => ChildProcess;

export interface WsloadOptions {
  /** IPv4 host:port of each edge. */
  targets: string[];
  /** wss://: TLS to every target, with this server name (SNI and Host). */
  tls: { serverName: string } | undefined;
  path: string;
  conns: number;
  first: number;
  source: string | undefined;
  events: number;
  per: number;
  zipf: number;
  conflateShare: number;
  conflateMs: number;
  concurrency: number;
}

/** Arguments of an oddsgate-mode wsload process that opens nothing until told (`o`, `r`: the ramp). */
export function oddsgateArgs(o: WsloadOptions): string[] {
  const args = ['--targets', o.targets.join(','), '--path', o.path, '--mode', 'og', '--conns', String(o.conns), '--first', String(o.first)];
  args.push('--events', String(o.events), '--per', String(o.per), '--zipf', String(o.zipf), '--open', '0', '--concurrency', String(o.concurrency));
  args.push('--conflate-share', String(o.conflateShare), '--conflate-ms', String(o.conflateMs));
  if (o.source) args.push('--source', o.source);
  if (o.tls) args.push('--tls', 'on', '--sni', o.tls.serverName);
  return args;
}

/**
 * One wsload process, driven over its stdin/stdout, one command and one JSON
 * line at a time (used by `oddsgate loadtest` and by bench:fanout).
 */
export class WsloadProcess {
  private readonly waiting: Array<(line: string | undefined) => void> = [];
  readonly child: ChildProcess;

  constructor(start: StartProcess, binary: string, args: string[]) {
    this.child = start(binary, args, { stdio: ['pipe', 'pipe', 'inherit'] });
    createInterface({ input: this.child.stdout! }).on('line', (line) => this.waiting.shift()?.(line));
    this.child.once('exit', () => {
      for (const w of this.waiting.splice(0)) w(undefined);
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Sends a command that prints nothing (c, o, r). */
  tell(command: string): void {
    if (this.child.exitCode === null) this.child.stdin!.write(`${command}\n`);
  }

  /** Sends a command and waits for its one JSON line (s, h, k, j). */
  ask<T>(command: 's' | 'h' | 'k' | 'j'): Promise<T> {
    return new Promise((resolve, reject) => {
      if (this.child.exitCode !== null || this.child.signalCode !== null) return reject(new Error(`wsload ${this.pid} has exited`));
      const timer = setTimeout(() => reject(new Error(`wsload ${this.pid} did not answer '${command}' within 10 s`)), 10_000);
      this.waiting.push((line) => {
        clearTimeout(timer);
        if (line === undefined) reject(new Error(`wsload ${this.pid} exited`));
        else resolve(JSON.parse(line) as T);
      });
      this.child.stdin!.write(`${command}\n`);
    });
  }

  quit(): void {
    this.tell('q');
  }
}

/** Sums the counters of several wsload processes (firstError: the first one any of them saw). */
export function sumStats(all: WsloadStats[]): WsloadStats {
  const sum = {} as Record<string, number | string>;
  for (const s of all) {
    for (const [k, v] of Object.entries(s)) {
      if (typeof v === 'number') sum[k] = ((sum[k] as number) ?? 0) + v;
      else if (!sum[k]) sum[k] = v;
    }
  }
  return sum as unknown as WsloadStats;
}
