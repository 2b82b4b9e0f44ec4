/** What expiry needs of a connection. */
export interface ExpiringSession {
  readonly open: boolean;
  /** The token expired: tell the client and close (4003), so it reconnects with a fresh token. */
  expire(): void;
}

/**
 * Ends authenticated sessions when their token expires, without a timer per
 * connection: sessions sit in one-second buckets by expiry, and one tick per
 * second expires the buckets that are due. The bet path checks expiry on
 * every bet as well, so the tick's granularity never lets a late bet through.
 */
export class SessionExpiry<S extends ExpiringSession> {
  private readonly buckets = new Map<number, Set<S>>();
  private readonly bucketOf = new Map<S, number>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Follows `session` until `expiresAtMs` (Unix ms). */
  track(session: S, expiresAtMs: number): void {
    this.untrack(session);
    const second = Math.ceil(expiresAtMs / 1000);
    let bucket = this.buckets.get(second);
    if (!bucket) this.buckets.set(second, (bucket = new Set()));
    bucket.add(session);
    this.bucketOf.set(session, second);
  }

  untrack(session: S): void {
    const second = this.bucketOf.get(session);
    if (second === undefined) return;
    this.bucketOf.delete(session);
    const bucket = this.buckets.get(second)!;
    bucket.delete(session);
    if (bucket.size === 0) this.buckets.delete(second);
  }

  /** Expires every session whose bucket is due; returns how many. */
  tick(): number {
    const nowSecond = this.now() / 1000;
    let expired = 0;
    for (const [second, bucket] of this.buckets) {
      if (second > nowSecond) continue;
      this.buckets.delete(second);
      for (const session of bucket) {
        this.bucketOf.delete(session);
        if (!session.open) continue;
        session.expire();
        expired++;
      }
    }
    return expired;
  }

  get size(): number {
    return this.bucketOf.size;
  }
}
