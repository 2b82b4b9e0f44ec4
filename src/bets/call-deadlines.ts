/** A call being watched: its signal aborts once the call is overdue; `done` stops watching it. */
export interface Watched {
  readonly signal: AbortSignal;
  done(): void;
}

/**
 * Aborts core calls still running past their abandon time — headers or
 * body, a hang or a trickle — with one sweep every `everyMs` over the calls
 * in flight instead of a timer per call (AbortSignal.timeout would arm one
 * for every bet sent). A call is abandoned at most `everyMs` late.
 */
export class CallDeadlines {
  private readonly calls = new Set<{ controller: AbortController; abandonAt: number }>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    everyMs: number,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.timer = setInterval(() => this.sweep(), everyMs).unref();
  }

  /** Watches a call that must end by `abandonAt` (on this clock). */
  watch(abandonAt: number): Watched {
    const entry = { controller: new AbortController(), abandonAt };
    this.calls.add(entry);
    return { signal: entry.controller.signal, done: () => this.calls.delete(entry) };
  }

  sweep(): void {
    const now = this.clock();
    for (const entry of this.calls) {
      if (entry.abandonAt > now) continue;
      this.calls.delete(entry);
      entry.controller.abort();
    }
  }

  get size(): number {
    return this.calls.size;
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
