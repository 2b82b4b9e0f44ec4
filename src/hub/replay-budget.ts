/**
 * A budget of stream entries a resume may read, refilled at `ratePerSec` up
 * to `burst`, lazily from a monotonic clock (no timer). Unlike a request rate
 * limit it charges what a request costs: one entry for a probe, the whole gap
 * for a replay.
 */
export class ReplayBudget {
  private entries: number;
  private updatedAt: number;

  constructor(
    private readonly ratePerSec: number,
    private readonly burst: number,
    now = performance.now(),
  ) {
    this.entries = burst;
    this.updatedAt = now;
  }

  available(now = performance.now()): number {
    const elapsed = Math.max(0, now - this.updatedAt);
    this.entries = Math.min(this.burst, this.entries + (elapsed * this.ratePerSec) / 1000);
    this.updatedAt = Math.max(now, this.updatedAt);
    return this.entries;
  }

  /** Spends `cost` entries from every budget given, or from none if any of them cannot afford it. */
  static spend(cost: number, budgets: ReplayBudget[], now = performance.now()): boolean {
    for (const budget of budgets) if (budget.available(now) < cost) return false;
    for (const budget of budgets) budget.entries -= cost;
    return true;
  }
}
