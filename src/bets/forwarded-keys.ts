/**
 * The idempotency keys this node has forwarded to a core, so that a resend
 * of one goes to the core (whose idempotency answers it) instead of being
 * judged again at the edge as a new bet. Bounded: at most `capacity`
 * entries, least recently used dropped first, each for at most `ttlMs`. A
 * key forgotten here is not lost: when a resend fails an edge check, the
 * bet service asks the core whether it holds the key.
 *
 * A Map keeps insertion order, so re-inserting on use makes its first
 * entries the least recently used: eviction and expiry both take from the
 * front. No timer per key; `sweep` runs on the service's periodic sweep.
 */
export class ForwardedKeys {
  private readonly entries = new Map<string, { fingerprint: number; at: number }>();

  constructor(
    private readonly capacity: number,
    private readonly ttlMs: number,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** Whether this node forwarded this bet (same key, same fields) and still remembers it. */
  has(id: string, fingerprint: number): boolean {
    const entry = this.entries.get(id);
    if (!entry || entry.fingerprint !== fingerprint) return false;
    const now = this.clock();
    if (now - entry.at > this.ttlMs) {
      this.entries.delete(id);
      return false;
    }
    // Most recently used goes to the back.
    this.entries.delete(id);
    entry.at = now;
    this.entries.set(id, entry);
    return true;
  }

  /** Records a forwarded bet. A key already held keeps its first fingerprint: the core's record is the first bet. */
  remember(id: string, fingerprint: number): void {
    if (this.capacity === 0) return;
    const now = this.clock();
    const entry = this.entries.get(id);
    if (entry) {
      this.entries.delete(id);
      entry.at = now;
      this.entries.set(id, entry);
      return;
    }
    this.entries.set(id, { fingerprint, at: now });
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }

  /** Drops expired entries (all at the front: the map is in order of last use). */
  sweep(): void {
    const expiredBefore = this.clock() - this.ttlMs;
    for (const [id, entry] of this.entries) {
      if (entry.at >= expiredBefore) return;
      this.entries.delete(id);
    }
  }
}
