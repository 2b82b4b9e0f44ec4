import { TokenBucket } from '../util/token-bucket.js';

export interface SourceLimitOptions {
  /** Open connections per source address; 0: no limit. */
  maxConnectionsPerSource: number;
  /** Sustained upgrades per second per source address; 0: no limit. */
  upgradeRatePerSource: number;
  upgradeBurstPerSource: number;
  /** Peers (load balancers) whose X-Forwarded-For names the real source. */
  trustedProxies: readonly string[];
}

interface SourceEntry {
  connections: number;
  upgrades: TokenBucket | undefined;
  usedAt: number;
}

export type SourceVerdict = 'ok' | 'too_many_connections' | 'too_many_upgrades';

/**
 * Limits per source address, so one host (or one attacker) cannot take the
 * node's sockets or its token-verification CPU: open connections, and
 * upgrades per second (each upgrade with a token costs a signature check).
 * Behind a trusted proxy the source is the address the proxy appended to
 * X-Forwarded-For. Entries of sources with no connection are swept.
 */
export class SourceLimits {
  private readonly sources = new Map<string, SourceEntry>();
  private readonly trusted: ReadonlySet<string>;

  constructor(
    private readonly options: SourceLimitOptions,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.trusted = new Set(options.trustedProxies);
  }

  /** The address to count: the TCP peer, or the last X-Forwarded-For hop when the peer is a trusted proxy. */
  sourceOf(peer: string, forwardedFor: string): string {
    if (!this.trusted.has(peer) || forwardedFor === '') return peer;
    const hops = forwardedFor.split(',');
    return hops[hops.length - 1].trim() || peer;
  }

  /** Whether `source` may open one more connection now; an 'ok' takes an upgrade token. */
  admit(source: string): SourceVerdict {
    const o = this.options;
    const entry = this.entry(source);
    if (o.maxConnectionsPerSource > 0 && entry.connections >= o.maxConnectionsPerSource) return 'too_many_connections';
    return this.take(entry) ? 'ok' : 'too_many_upgrades';
  }

  /** Takes an upgrade token for work that costs as much as an upgrade (an Auth frame's signature check). */
  takeUpgrade(source: string): boolean {
    return this.take(this.entry(source));
  }

  opened(source: string): void {
    this.entry(source).connections++;
  }

  closed(source: string): void {
    const entry = this.sources.get(source);
    if (entry) entry.connections--;
  }

  /** Forgets sources with no open connection whose upgrade bucket has refilled. */
  sweep(): void {
    const o = this.options;
    const refilledBefore = this.now() - (o.upgradeRatePerSource > 0 ? (1000 * o.upgradeBurstPerSource) / o.upgradeRatePerSource : 0);
    for (const [source, entry] of this.sources) {
      if (entry.connections <= 0 && entry.usedAt <= refilledBefore) this.sources.delete(source);
    }
  }

  get size(): number {
    return this.sources.size;
  }

  private take(entry: SourceEntry): boolean {
    return entry.upgrades === undefined || entry.upgrades.take(entry.usedAt);
  }

  private entry(source: string): SourceEntry {
    const now = this.now();
    let entry = this.sources.get(source);
    if (!entry) {
      const o = this.options;
      entry = { connections: 0, upgrades: o.upgradeRatePerSource > 0 ? new TokenBucket(o.upgradeRatePerSource, o.upgradeBurstPerSource, now) : undefined, usedAt: now };
      this.sources.set(source, entry);
    }
    entry.usedAt = now;
    return entry;
  }
}
