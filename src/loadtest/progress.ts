import cliProgress from 'cli-progress';
import type { TimelinePoint } from './result.js';

/** The live view of a run: a bar over the profile's duration on a terminal, a plain line every 5 s otherwise. */
export interface Progress {
  update(point: TimelinePoint): void;
  /** A line that must not be overwritten (an action, a warning). */
  note(line: string): void;
  stop(): void;
}

const fmt = (v: number | null, digits = 1) => (v === null ? '-' : v.toFixed(digits));

/** What the progress shows of one second: phase, clients, rates, current p50/p99, errors, CPU. */
export function progressFields(p: TimelinePoint) {
  return {
    phase: p.phase,
    clients: p.clients,
    connecting: p.connecting,
    deliveries: Math.round(p.deliveriesPerSec),
    bets: Math.round(p.betsPerSec),
    fanout: `${fmt(p.fanoutP50Ms)}/${fmt(p.fanoutP99Ms)}`,
    bet: `${fmt(p.betP50Ms)}/${fmt(p.betP99Ms)}`,
    errors: p.errors,
    server: p.serverCpuPct === null ? '-' : `${Math.round(p.serverCpuPct)}%`,
    driver: `${Math.round(p.driverCpuPct)}%`,
  };
}

const LINE =
  '{phase} | clients {clients} (+{connecting} connecting) | {deliveries} deliveries/s | {bets} bets/s | fan-out p50/p99 {fanout} ms | bet p50/p99 {bet} ms | errors {errors} | cpu server {server} driver {driver}';

export function progress(out: NodeJS.WriteStream, totalSec: number): Progress {
  return out.isTTY ? new BarProgress(out, totalSec) : new LineProgress(out);
}

class BarProgress implements Progress {
  private readonly bar: cliProgress.SingleBar;

  constructor(
    private readonly out: NodeJS.WriteStream,
    totalSec: number,
  ) {
    this.bar = new cliProgress.SingleBar({ stream: out, format: `[{bar}] {value}/{total} s | ${LINE}`, hideCursor: true, barsize: 20, clearOnComplete: false }, cliProgress.Presets.shades_classic);
    this.bar.start(totalSec, 0, progressFields(emptyPoint()));
  }

  update(point: TimelinePoint): void {
    this.bar.update(Math.floor(point.t), progressFields(point));
  }

  note(line: string): void {
    // Above the bar: clear its line, print, and let the next update redraw it.
    this.out.write(`\r\x1b[2K${line}\n`);
  }

  stop(): void {
    this.bar.stop();
  }
}

class LineProgress implements Progress {
  private lastAt = -Infinity;

  constructor(private readonly out: NodeJS.WriteStream) {}

  update(point: TimelinePoint): void {
    if (point.t - this.lastAt < 5) return;
    this.lastAt = point.t;
    const f = progressFields(point) as Record<string, unknown>;
    this.out.write(`[${point.t.toFixed(0)} s] ${LINE.replace(/\{(\w+)\}/g, (_, k: string) => String(f[k]))}\n`);
  }

  note(line: string): void {
    this.out.write(`${line}\n`);
  }

  stop(): void {}
}

function emptyPoint(): TimelinePoint {
  return {
    t: 0,
    phase: 'starting',
    clients: 0,
    connecting: 0,
    deliveriesPerSec: 0,
    publishedPerSec: 0,
    betsPerSec: 0,
    reconnectsPerSec: 0,
    fanoutP50Ms: null,
    fanoutP99Ms: null,
    betP50Ms: null,
    betP99Ms: null,
    errors: 0,
    serverCpuPct: null,
    serverRssMb: null,
    eventLoopP99Ms: null,
    driverCpuPct: 0,
  };
}
