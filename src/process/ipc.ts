import type { MetricObjectWithValues, MetricValue } from 'prom-client';
import type { DrainProgress } from '../routing/drain.js';
import type { DrainSummary } from './drain-summary.js';

/** Supervisor → worker. */
export type ToWorker = { type: 'drain' } | { type: 'cut-short' } | { type: 'metrics'; id: number };

/** Worker → supervisor: vitals every report interval, the drain's end, and metrics when asked. */
export type FromWorker =
  | { type: 'vitals'; connections: number; drain: DrainProgress | null }
  | { type: 'drained'; summary: DrainSummary }
  | { type: 'metrics'; id: number; metrics: MetricObjectWithValues<MetricValue<string>>[] };

/** How often a worker reports its vitals. */
export const REPORT_INTERVAL_MS = 500;

const TO_WORKER = new Set(['drain', 'cut-short', 'metrics']);
const FROM_WORKER = new Set(['vitals', 'drained', 'metrics']);

export function isToWorker(m: unknown): m is ToWorker {
  return typeof m === 'object' && m !== null && TO_WORKER.has((m as ToWorker).type);
}

export function isFromWorker(m: unknown): m is FromWorker {
  return typeof m === 'object' && m !== null && FROM_WORKER.has((m as FromWorker).type);
}
