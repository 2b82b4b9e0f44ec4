import { z } from 'zod';
import { OddsgateError } from '../errors.js';

/**
 * Fault injection: what makes the reference core behave like a real one on a
 * bad day. Set at construction, from CLI flags, or at runtime with
 * `POST /admin/faults` (a partial FaultsInput).
 */
export interface CoreFaults {
  /** Processing time of a new bet before its decision: uniform in [minMs, maxMs] (equal: fixed). */
  latency: { minMs: number; maxMs: number };
  /** Share of POST /v1/bets answered HTTP 500 without touching any state (0..1). */
  errorRate: number;
  /** Share of acceptable bets answered `pending` (0..1). */
  pendingRatio: number;
  /** In-play delay before a pending bet turns final. */
  pendingDelayMs: number;
  /** Share of pending bets that end `rejected: declined` instead of accepted (0..1). */
  pendingDeclineRatio: number;
  /** Unix ms until which every bet route and /healthz answer 503; 0: none, Infinity: until turned off. */
  outageUntil: number;
}

export const DEFAULT_FAULTS: CoreFaults = {
  latency: { minMs: 0, maxMs: 0 },
  errorRate: 0,
  pendingRatio: 0,
  pendingDelayMs: 3_000,
  pendingDeclineRatio: 0,
  outageUntil: 0,
};

const ms = z.number().int().min(0).max(3_600_000);
const ratio = z.number().min(0).max(1);

/** What a caller may change: every field optional; `latency` also takes a fixed number or {fixedMs}. */
export const faultsInput = z.strictObject({
  latency: z
    .union([
      ms,
      z.strictObject({ fixedMs: ms }),
      z.strictObject({ minMs: ms, maxMs: ms }).refine((l) => l.minMs <= l.maxMs, 'latency.minMs must not exceed latency.maxMs'),
    ])
    .optional(),
  errorRate: ratio.optional(),
  pendingRatio: ratio.optional(),
  pendingDelayMs: ms.optional(),
  pendingDeclineRatio: ratio.optional(),
  /** true: down until set false; {durationMs}: down for that long, then healthy by itself. */
  outage: z.union([z.boolean(), z.strictObject({ durationMs: ms })]).optional(),
});
export type FaultsInput = z.input<typeof faultsInput>;

/** The faults after applying `input` (already validated) at time `now`. */
export function applyFaults(current: CoreFaults, input: z.output<typeof faultsInput>, now: number): CoreFaults {
  const next: CoreFaults = { ...current, latency: { ...current.latency } };
  const l = input.latency;
  if (typeof l === 'number') next.latency = { minMs: l, maxMs: l };
  else if (l && 'fixedMs' in l) next.latency = { minMs: l.fixedMs, maxMs: l.fixedMs };
  else if (l) next.latency = { minMs: l.minMs, maxMs: l.maxMs };
  if (input.errorRate !== undefined) next.errorRate = input.errorRate;
  if (input.pendingRatio !== undefined) next.pendingRatio = input.pendingRatio;
  if (input.pendingDelayMs !== undefined) next.pendingDelayMs = input.pendingDelayMs;
  if (input.pendingDeclineRatio !== undefined) next.pendingDeclineRatio = input.pendingDeclineRatio;
  const o = input.outage;
  if (o === true) next.outageUntil = Infinity;
  else if (o === false) next.outageUntil = 0;
  else if (o) next.outageUntil = now + o.durationMs;
  return next;
}

/** Parses and applies; a bad input throws a one-line message naming the field. */
export function parseFaults(current: CoreFaults, input: unknown, now = Date.now()): CoreFaults {
  const parsed = faultsInput.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue.path.length > 0 ? issue.path.join('.') : 'faults';
    throw new InvalidFaultsError(`${path}: ${issue.message}`);
  }
  return applyFaults(current, parsed.data, now);
}

/** A fault setting (admin endpoint or constructor) is out of range. */
export class InvalidFaultsError extends OddsgateError {
  constructor(message: string) {
    super('OG_CORE_FAULTS', `invalid fault injection ${message}`);
  }
}

/** The faults as JSON (`outage` instead of the internal timestamp, which may be Infinity). */
export function describeFaults(f: CoreFaults, now = Date.now()) {
  return {
    latency: f.latency,
    errorRate: f.errorRate,
    pendingRatio: f.pendingRatio,
    pendingDelayMs: f.pendingDelayMs,
    pendingDeclineRatio: f.pendingDeclineRatio,
    outage: f.outageUntil === Infinity ? true : f.outageUntil > now ? { remainingMs: f.outageUntil - now } : false,
  };
}

export function sampleLatencyMs(f: CoreFaults): number {
  const { minMs, maxMs } = f.latency;
  return maxMs > minMs ? minMs + Math.random() * (maxMs - minMs) : minMs;
}
