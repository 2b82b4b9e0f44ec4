/**
 * One log line per interval, counting those held back: a flood of bad data
 * or bad requests must not become a flood of log lines. Clock injected (ms).
 */
export class LogThrottle {
  private lastAt = -Infinity;
  private held = 0;

  constructor(private readonly intervalMs: number) {}

  /** Whether to write this line now; if so, `suppressed` holds how many were held back since the last one. */
  pass(now: number): { suppressed: number } | null {
    if (now - this.lastAt < this.intervalMs) {
      this.held++;
      return null;
    }
    this.lastAt = now;
    const suppressed = this.held;
    this.held = 0;
    return { suppressed };
  }
}
