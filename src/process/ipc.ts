import type { DrainProgress } from '../routing/drain.js';
import type { DrainSummary } from './drain-summary.js';

/** Supervisor → worker. */
export type ToWorker = { type: 'drain' } | { type: 'cut-short' };

/** Worker → supervisor: vitals every report interval, and the drain's end. */
export type FromWorker =
  | { type: 'vitals'; connections: number; drain: DrainProgress | null }
  | { type: 'drained'; summary: DrainSummary };

/** How often a worker reports its vitals. */
export const REPORT_INTERVAL_MS = 500;

export function isToWorker(m: unknown): m is ToWorker {
  return typeof m === 'object' && m !== null && ((m as ToWorker).type === 'drain' || (m as ToWorker).type === 'cut-short');
}

export function isFromWorker(m: unknown): m is FromWorker {
  return typeof m === 'object' && m !== null && ((m as FromWorker).type === 'vitals' || (m as FromWorker).type === 'drained');
}
