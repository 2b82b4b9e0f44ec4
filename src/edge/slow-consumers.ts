import type { Logger } from '../observability/logger.js';
import { CloseCode } from '../protocol/close-codes.js';
import type { Session } from './session.js';

export interface SlowConsumerOptions {
  slowClientBufferBytes: number;
  slowClientTimeoutMs: number;
}

/** What slow-consumer handling asks of the hub. */
export interface Pausable {
  pause(client: Session): void;
  catchUp(client: Session): void;
}

/**
 * A socket whose send buffer passed slowClientBufferBytes stops receiving
 * live frames (bounded memory); it catches up from a REPLACE snapshot once
 * drained to an eighth of that, or is closed with 4001 if it stays behind
 * for slowClientTimeoutMs.
 */
export class SlowConsumers {
  /** Largest send buffer seen in the last sweep, for /v1/stats. */
  maxBufferedBytes = 0;
  private readonly lowWater: number;

  constructor(
    private readonly options: SlowConsumerOptions,
    private readonly hub: Pausable,
    private readonly events: Record<'paused' | 'caught_up' | 'closed', { inc(): void }>,
    private readonly log: Logger,
  ) {
    this.lowWater = options.slowClientBufferBytes / 8;
  }

  /** uWS drain event: the socket's buffer shrank. */
  drained(session: Session, buffered: number): void {
    if (session.lagging && buffered <= this.lowWater) this.catchUp(session);
  }

  private catchUp(session: Session): void {
    this.events.caught_up.inc();
    this.hub.catchUp(session);
  }

  /** Visits every connection (run every slowCheckIntervalMs). */
  sweep(sessions: Iterable<Session>, now = Date.now()): void {
    let max = 0;
    for (const session of sessions) {
      const buffered = session.ws!.getBufferedAmount();
      if (buffered > max) max = buffered;
      if (!session.lagging) {
        if (buffered >= this.options.slowClientBufferBytes) {
          session.laggingSince = now;
          this.events.paused.inc();
          this.hub.pause(session);
        }
      } else if (buffered <= this.lowWater) {
        this.catchUp(session);
      } else if (now - session.laggingSince > this.options.slowClientTimeoutMs) {
        this.log.info({ session: session.id, buffered }, 'closing slow consumer');
        this.events.closed.inc();
        session.close(CloseCode.SLOW_CONSUMER);
      }
    }
    this.maxBufferedBytes = max;
  }
}
