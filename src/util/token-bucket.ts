/**
 * A token bucket refilled lazily from a monotonic clock (performance.now():
 * a wall clock stepping back must not lock anyone out): no timer per
 * connection. A take costs one token by default, or what a request costs
 * (resume replay charges the entries it reads).
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

  /** Tokens in the bucket now (refilled to `now`). */
  available(now = performance.now()): number {
    const elapsed = Math.max(0, now - this.updatedAt);
    this.tokens = Math.min(this.burst, this.tokens + (elapsed * this.ratePerSec) / 1000);
    this.updatedAt = Math.max(now, this.updatedAt);
    return this.tokens;
  }

  take(now = performance.now(), cost = 1): boolean {
    if (this.available(now) < cost) return false;
    this.tokens -= cost;
    return true;
  }

  /** Takes `cost` from every bucket, or from none if any of them cannot afford it. */
  static takeFromAll(cost: number, buckets: readonly TokenBucket[], now = performance.now()): boolean {
    for (const bucket of buckets) if (bucket.available(now) < cost) return false;
    for (const bucket of buckets) bucket.tokens -= cost;
    return true;
  }
}
