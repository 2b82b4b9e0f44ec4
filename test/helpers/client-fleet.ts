import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as hdr from 'hdr-histogram-js';
import type { BetPlan, BetRecord, ClientReport, ClientSpec, Command, Reply, RouteSpec, WorkerReport } from './client-fleet-protocol.js';

export type { BetPlan, BetRecord, ClientReport, ClientSpec, RouteSpec } from './client-fleet-protocol.js';

const WORKER = fileURLToPath(new URL('./client-fleet-worker.ts', import.meta.url));
const LOADER = fileURLToPath(new URL('./ts-loader/register.mjs', import.meta.url));

class Worker {
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  readonly ready: Promise<void>;
  readonly exited: Promise<void>;

  constructor(readonly child: ChildProcess) {
    let ready!: () => void;
    this.ready = new Promise((resolve) => (ready = resolve));
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    child.on('message', (reply: Reply) => {
      if (reply.id === 0) return ready();
      const w = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      if (reply.ok) w?.resolve(reply.result);
      else w?.reject(new Error(`client fleet process ${child.pid}: ${reply.error}`));
    });
    child.once('exit', (code, signal) => {
      for (const w of this.waiting.values()) w.reject(new Error(`client fleet process ${child.pid} exited (${code ?? signal})`));
      this.waiting.clear();
    });
  }

  call<T>(command: Command): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.child.send({ ...command, id });
    });
  }
}

/**
 * Clients in child processes (client-fleet-worker.ts): each a MovingClient
 * that follows drains, resumes its subscription and resends its open bets.
 * The test hands out client specs, starts and stops the bets, waits for the
 * fleet to settle and reads one report per client and per bet.
 */
export class ClientFleet {
  private constructor(private readonly workers: Worker[]) {}

  static async start(processes: number, route: RouteSpec): Promise<ClientFleet> {
    const workers = Array.from({ length: processes }, () => {
      // CLIENT_FLEET_NODE_ARGS: extra node flags for the processes (e.g. --cpu-prof, to see where a client's time
      // goes; --enable-source-maps for TypeScript lines in stack traces, off by default: it makes every Error costly).
      const extra = process.env.CLIENT_FLEET_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
      const child = fork(WORKER, [], { execArgv: ['--import', LOADER, ...extra], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      return new Worker(child);
    });
    const fleet = new ClientFleet(workers);
    try {
      await Promise.all(workers.map((w) => Promise.race([w.ready, w.exited.then(() => Promise.reject(new Error('a client fleet process exited at start')))])));
      await fleet.all({ cmd: 'route', route });
    } catch (err) {
      await fleet.stop();
      throw err;
    }
    return fleet;
  }

  get pids(): number[] {
    return this.workers.map((w) => w.child.pid!);
  }

  /**
   * Connects the clients, each subscribed with its snapshot in: spec i in process `place(spec, i)`
   * (default: spread evenly, i % processes).
   */
  async connect(specs: ClientSpec[], concurrencyPerProcess = 50, place: (spec: ClientSpec, i: number) => number = (_, i) => i % this.workers.length): Promise<void> {
    const parts: ClientSpec[][] = this.workers.map(() => []);
    specs.forEach((spec, i) => parts[place(spec, i) % parts.length].push(spec));
    await Promise.all(this.workers.map((w, i) => w.call({ cmd: 'connect', clients: parts[i], concurrency: concurrencyPerProcess })));
  }

  route(route: RouteSpec): Promise<unknown[]> {
    return this.all({ cmd: 'route', route });
  }

  /** Starts (plan) or stops (null) the bettors' bets. */
  bets(plan: BetPlan | null): Promise<unknown[]> {
    return this.all({ cmd: 'bets', plan });
  }

  /** Latency from now on is recorded under this phase name. */
  phase(name: string): Promise<unknown[]> {
    return this.all({ cmd: 'phase', name });
  }

  /** Waits until every client is on an open socket, not moving, with every bet answered finally. */
  async settle(timeoutMs: number): Promise<{ settled: boolean; detail: unknown[] }> {
    const parts = await this.all<{ settled: boolean }>({ cmd: 'settle', timeoutMs });
    return { settled: parts.every((p) => p.settled), detail: parts };
  }

  /** Waits until every client's event reached the given seq (the last one published). */
  async reach(seqs: Record<string, number>, timeoutMs: number): Promise<{ reached: boolean; detail: unknown[] }> {
    const parts = await this.all<{ reached: boolean }>({ cmd: 'reach', seqs, timeoutMs });
    return { reached: parts.every((p) => p.reached), detail: parts };
  }

  /**
   * Every client's and every bet's record, each process's CPU, and the latency histograms
   * (µs, by "phase|node"): merged over all processes, and per process.
   */
  async report(options: { bets?: boolean; clients?: boolean } = {}): Promise<{ clients: ClientReport[]; bets: BetRecord[]; cpuMs: number[]; latency: Map<string, hdr.Histogram>; latencyByProcess: Array<Map<string, hdr.Histogram>> }> {
    const parts = await this.all<WorkerReport>({ cmd: 'report', bets: options.bets ?? true, clients: options.clients ?? true });
    const histogram = () => hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 600_000_000, numberOfSignificantValueDigits: 3 });
    const latency = new Map<string, hdr.Histogram>();
    const latencyByProcess = parts.map((p) => {
      const own = new Map<string, hdr.Histogram>();
      for (const [key, encoded] of Object.entries(p.latency)) {
        const decoded = hdr.decodeFromCompressedBase64(encoded);
        const h = histogram();
        h.add(decoded);
        own.set(key, h);
        let merged = latency.get(key);
        if (!merged) latency.set(key, (merged = histogram()));
        merged.add(decoded);
      }
      return own;
    });
    return { clients: parts.flatMap((p) => p.clients), bets: parts.flatMap((p) => p.bets), cpuMs: parts.map((p) => p.cpuMs), latency, latencyByProcess };
  }

  /** Closes every client and ends the processes (killed if they do not exit at once). */
  async stop(): Promise<void> {
    await Promise.all(
      this.workers.map(async (w) => {
        if (w.child.exitCode !== null || w.child.signalCode !== null) return;
        const timer = setTimeout(() => w.child.kill('SIGKILL'), 3_000);
        w.call({ cmd: 'close' }).catch(() => undefined);
        await w.exited;
        clearTimeout(timer);
      }),
    );
  }

  private all<T>(command: Command): Promise<T[]> {
    return Promise.all(this.workers.map((w) => w.call<T>(command)));
  }
}
