/**
 * Decides which of many like events get a log line: at most one per kind per
 * `intervalMs`, which reports how many were left out since the previous one.
 * A flood of refused frames or failing core calls costs a counter, not a
 * line each. Kinds come from small fixed sets (reason, core + problem).
 */
export class LogSampler {
  private readonly kinds = new Map<string, { loggedAt: number; skipped: number }>();

  constructor(
    private readonly intervalMs: number,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  /** -1: do not log this one. Otherwise log it, with this many left out before it. */
  take(kind: string): number {
    const now = this.clock();
    const state = this.kinds.get(kind);
    if (!state) {
      this.kinds.set(kind, { loggedAt: now, skipped: 0 });
      return 0;
    }
    if (now - state.loggedAt < this.intervalMs) {
      state.skipped++;
      return -1;
    }
    const skipped = state.skipped;
    state.loggedAt = now;
    state.skipped = 0;
    return skipped;
  }
}
