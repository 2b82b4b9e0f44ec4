import type { Drift } from './drift.js';
import type { Percentiles } from './histograms.js';

/** One second of the run, as the report's charts show it. */
export interface TimelinePoint {
  /** Seconds since the first phase began. */
  t: number;
  phase: string;
  /** Clients subscribed (every snapshot in) and still connecting. */
  clients: number;
  connecting: number;
  deliveriesPerSec: number;
  publishedPerSec: number;
  betsPerSec: number;
  reconnectsPerSec: number;
  fanoutP50Ms: number | null;
  fanoutP99Ms: number | null;
  betP50Ms: number | null;
  betP99Ms: number | null;
  /** Sequence gaps + duplicates + error frames so far. */
  errors: number;
  serverCpuPct: number | null;
  serverRssMb: number | null;
  eventLoopP99Ms: number | null;
  /** The load generator's own CPU (native clients + bettor pool + this process), % of one core. */
  driverCpuPct: number;
}

export interface PhaseResult {
  name: string;
  startSec: number;
  endSec: number;
  fanout: Percentiles;
  bet: Percentiles;
}

export interface HttpResult {
  target: 'route' | 'readyz' | 'core';
  url: string;
  atSec: number;
  durationSec: number;
  requests: number;
  requestsPerSec: number;
  errors: number;
  non2xx: number;
  latencyMs: { p50: number; p99: number; max: number };
}

export interface SloVerdict {
  name: string;
  /** e.g. "≤ 30 ms" */
  target: string;
  actual: string;
  ok: boolean;
}

export interface LoadtestResult {
  version: 1;
  profile: { name: string; description: string; file: string };
  startedAt: string;
  durationSec: number;
  /** true when Ctrl-C (or SIGTERM) ended the run before the profile did. */
  interrupted: boolean;
  machine: { cores: number; loadAverageBefore: number[]; loadAverageAfter: number[]; openFiles: number; portRange: [number, number] };
  targets: string[];
  driver: { clientProcesses: number; perProcess: number; bettorConnections: number; bets: 'node worker pool over the real protocol' };
  phases: PhaseResult[];
  actions: Array<{ atSec: number; what: string }>;
  timeline: TimelinePoint[];
  totals: {
    fanout: Percentiles;
    bet: Percentiles;
    connect: Percentiles;
    /** Fan-out latency of the conflated subscriptions (delayed up to conflation.ms on purpose; not in fanout nor its SLO). */
    conflatedFanout: Percentiles;
    clients: { peak: number; connectAttempts: number; opened: number; gaveUp: number; successPct: number; reconnects: number; churned: number; drainMoves: number };
    updates: { received: number; lost: number; duplicated: number; gapEvents: number; replaces: number; resumeMismatch: number; errorFrames: number; firstError: string };
    bets: { placed: number; accepted: number; rejected: number; decidedAfterResend: number; undecided: number; lost: number; doubled: number; checkedAtCore: number; missingAtCore: number; coreCreated: number | null; failurePct: number };
    outcomes: Record<string, number>;
    budgetViolations: number | null;
    server: { cpuPctMean: number | null; rssMbFirst: number | null; rssMbLast: number | null; eventLoopP99MsMax: number | null };
    driverCpuPctMean: number;
    driverCpuPctMax: number;
    /** After the first phase (warm-up): RSS growth and p99 drift (absent for a one-phase profile). */
    drift?: Drift;
  };
  http: HttpResult[];
  slo: SloVerdict[];
  passed: boolean;
}
