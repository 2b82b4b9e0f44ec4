/** Why an event is re-read from its snapshot; a label of metrics.resyncs. */
export type ResyncCause = 'gap' | 'epoch' | 'rewrite' | 'verify' | 'format' | 'listener';

interface Pending {
  cause: ResyncCause;
  failures: number;
  dueAt: number;
}

const FIRST_RETRY_MS = 100;
const MAX_RETRY_MS = 2_000;

/**
 * Events of one shard waiting to be re-read from their snapshot, with
 * exponential backoff between failed attempts (an undecodable snapshot must
 * not be re-read in a tight loop; it recovers when the publisher writes a
 * good one). Clock injected (ms), so the schedule is tested without waiting.
 */
export class ResyncQueue {
  private readonly pending = new Map<string, Pending>();

  /** Queues the event, due now; an event already queued keeps its first cause and schedule. */
  request(eventId: string, cause: ResyncCause, now: number): void {
    if (!this.pending.has(eventId)) this.pending.set(eventId, { cause, failures: 0, dueAt: now });
  }

  has(eventId: string): boolean {
    return this.pending.has(eventId);
  }

  get size(): number {
    return this.pending.size;
  }

  /** The queued events whose attempt is due. */
  due(now: number): string[] {
    const due: string[] = [];
    for (const [eventId, p] of this.pending) if (p.dueAt <= now) due.push(eventId);
    return due;
  }

  /** Milliseconds until the next attempt is due (0 if one is due now), or Infinity when nothing is queued. */
  nextDueIn(now: number): number {
    let next = Infinity;
    for (const p of this.pending.values()) next = Math.min(next, Math.max(0, p.dueAt - now));
    return next;
  }

  /** An attempt failed: the next one waits 100 ms, doubling up to 2 s. Returns the failures in a row. */
  failed(eventId: string, now: number): number {
    const p = this.pending.get(eventId);
    if (!p) return 0;
    p.failures++;
    p.dueAt = now + Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** (p.failures - 1));
    return p.failures;
  }

  /** The event was resynced (or closed): forget it; returns why it was queued. */
  delete(eventId: string): ResyncCause | undefined {
    const cause = this.pending.get(eventId)?.cause;
    this.pending.delete(eventId);
    return cause;
  }
}
