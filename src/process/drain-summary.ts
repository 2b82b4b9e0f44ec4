import type { DrainProgress } from '../routing/drain.js';

/** The drain's outcome, one log line: what an SRE reads after a deploy. */
export interface DrainSummary {
  clients: number;
  moved: number;
  closedAtDeadline: number;
  /** Bet decisions sent while the node drained (including UNKNOWN for bets still open at the deadline). */
  betsCompleted: number;
  durationMs: number;
  /** Ended early by a second signal or the hard deadline. */
  cutShort: boolean;
}

export const IDLE_PROGRESS: DrainProgress = { state: 'active', clients: 0, notified: 0, remaining: 0, moved: 0, closedAtDeadline: 0, startedAt: 0, deadlineAt: 0 };

/** Progress of several workers as one node's. */
export function sumProgress(parts: readonly DrainProgress[]): DrainProgress {
  if (parts.length === 0) return IDLE_PROGRESS;
  const states = new Set(parts.map((p) => p.state));
  const state = states.has('draining') ? 'draining' : states.size === 1 ? parts[0].state : 'draining';
  const sum = (key: 'clients' | 'notified' | 'remaining' | 'moved' | 'closedAtDeadline') => parts.reduce((n, p) => n + p[key], 0);
  const started = parts.map((p) => p.startedAt).filter((t) => t > 0);
  return {
    state,
    clients: sum('clients'),
    notified: sum('notified'),
    remaining: sum('remaining'),
    moved: sum('moved'),
    closedAtDeadline: sum('closedAtDeadline'),
    startedAt: started.length > 0 ? Math.min(...started) : 0,
    deadlineAt: Math.max(0, ...parts.map((p) => p.deadlineAt)),
  };
}
