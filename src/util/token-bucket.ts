/**
 * A token bucket refilled lazily from a monotonic clock (performance.now():
 * a wall clock stepping back must not lock anyone out): no timer per connection.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly ratePerSec: number,
    private readonly burst: number,
    now = performance.now(),
  ) {
    this.tokens = burst;
    this.updatedAt = now;
  }

  take(now = performance.now()): boolean {
    const elapsed = Math.max(0, now - this.updatedAt);
    this.tokens = Math.min(this.burst, this.tokens + (elapsed * this.ratePerSec) / 1000);
    this.updatedAt = Math.max(now, this.updatedAt);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
