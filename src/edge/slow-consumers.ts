import type { Logger } from '../observability/logger.js';
import { CloseCode } from '../protocol/close-codes.js';
import { PhaseWheel } from '../util/phase-wheel.js';
import type { Session } from './session.js';

export interface SlowConsumerOptions {
  slowClientBufferBytes: number;
  slowClientTimeoutMs: number;
  slowCheckIntervalMs: number;
  slowScanPeriodMs: number;
}

/** What slow-consumer handling asks of the hub. */
export interface Pausable {
  pause(client: Session): void;
  catchUp(client: Session): void;
}

/** What a session reports about its socket's send side. */
export interface BackpressureWatch {
  /** A send or a ping left bytes in the socket's buffer (uWS send status: backpressure or dropped). */
  backedUp(session: Session): void;
  /** The socket joined its first live topic (true) or left its last one (false). */
  receiving(session: Session, receiving: boolean): void;
}

/**
 * A socket whose send buffer passed slowClientBufferBytes stops receiving
 * live frames (bounded memory); it catches up from a REPLACE snapshot once
 * drained to an eighth of that, or is closed with 4001 if it stays behind
 * for slowClientTimeoutMs.
 *
 * The periodic work follows the backed-up sockets, not all connections:
 * only sockets known to hold unsent bytes are watched, their buffer read
 * every slowCheckIntervalMs until it is empty again. A socket becomes known
 * by a send or ping that left bytes behind, or — when app.publish fills its
 * buffer in C++, which reports nothing — by a scan that looks at each socket
 * joined to live topics once per slowScanPeriodMs, a slice of them per tick
 * (PhaseWheel), never all at once. Sockets with no live topic are never
 * scanned: their sends report backpressure.
 *
 * No uWS drain handler: uWS would call into JavaScript on every drain of
 * every backed-up socket, thousands of times a second at saturation, where
 * bare uWS calls nothing (bench:fanout measured the node's CPU per delivery
 * 1.22x bare uWS's with the handler, 1.04x without, on the median of rounds).
 * The tick sees what a drain event would have said, at most
 * slowCheckIntervalMs later (a lagging socket's catch-up) or slowScanPeriodMs
 * later (a backlog app.publish built).
 */
export class SlowConsumers implements BackpressureWatch {
  /** Largest send buffer read in the last tick (backed-up and scanned sockets), for /v1/stats. */
  maxBufferedBytes = 0;
  /** Sockets whose buffer the last tick read: the watched plus the scan's slice. */
  visitedLastTick = 0;
  private readonly lowWater: number;
  private readonly watched: PhaseWheel<Session>;
  private readonly scan: PhaseWheel<Session>;
  private tickAtMs = 0;
  /** The wheels turn by ticks, not by the clock: a stalled loop slows the scan down instead of bunching it up. */
  private ticks = 0;

  constructor(
    private readonly options: SlowConsumerOptions,
    private readonly hub: Pausable,
    private readonly events: Record<'paused' | 'caught_up' | 'closed', { inc(): void }>,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {
    this.lowWater = options.slowClientBufferBytes / 8;
    const tickCount = () => this.ticks;
    this.watched = new PhaseWheel(1, 1, tickCount); // one slot: every watched socket, every tick
    this.scan = new PhaseWheel(1, options.slowScanPeriodMs / options.slowCheckIntervalMs, tickCount);
  }

  /** Sockets watched now (holding unsent bytes, or paused). */
  get watching(): number {
    return this.watched.size;
  }

  backedUp(session: Session): void {
    if (session.open) this.watched.add(session);
  }

  receiving(session: Session, receiving: boolean): void {
    if (receiving) this.scan.add(session);
    else this.scan.remove(session);
  }

  /** The socket closed: forget it. */
  forget(session: Session): void {
    this.watched.remove(session);
    this.scan.remove(session);
  }

  /** Run every slowCheckIntervalMs: the scan's slice, then every watched socket. */
  tick(): void {
    this.ticks++;
    this.tickAtMs = this.now();
    this.maxBufferedBytes = 0;
    this.visitedLastTick = this.scan.advance(this.scanOne) + this.watched.advance(this.check);
  }

  private catchUp(session: Session): void {
    this.events.caught_up.inc();
    this.hub.catchUp(session);
  }

  /** Bound once (as is check): a tick allocates nothing. */
  private readonly scanOne = (session: Session): void => {
    if (!session.open) return this.forget(session); // uWS throws on a closed socket; its close handler forgets it first
    if (this.read(session) > 0) this.watched.add(session);
  };

  private readonly check = (session: Session): void => {
    if (!session.open) return this.forget(session);
    const buffered = this.read(session);
    if (!session.lagging) {
      if (buffered >= this.options.slowClientBufferBytes) {
        session.laggingSince = this.tickAtMs;
        this.events.paused.inc();
        this.hub.pause(session);
      } else if (buffered === 0) {
        this.watched.remove(session);
      }
    } else if (buffered <= this.lowWater) {
      this.catchUp(session);
    } else if (this.tickAtMs - session.laggingSince > this.options.slowClientTimeoutMs) {
      this.log.info({ session: session.id, buffered }, 'closing slow consumer');
      this.events.closed.inc();
      session.close(CloseCode.SLOW_CONSUMER);
    }
  };

  private read(session: Session): number {
    const buffered = session.ws!.getBufferedAmount();
    if (buffered > this.maxBufferedBytes) this.maxBufferedBytes = buffered;
    return buffered;
  }
}
