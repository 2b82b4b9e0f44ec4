import { PhaseWheel } from '../util/phase-wheel.js';

/** What keepalive needs of a connection. */
export interface KeptAlive {
  /** When the client last sent anything (a frame, a ping or a pong), on keepalive's clock. */
  heardAtMs: number;
  /** Sends a WebSocket ping; the client's pong counts as hearing from it. */
  ping(): void;
  /** Drops a connection silent for idleTimeoutSec: no close frame (the client sees 1006), as uWS's own idle timeout did. */
  closeSilent(): void;
}

/** uWS refuses (aborts the process) above 960 s; from 32 s on its grace after end() is 16 s. */
const UWS_MAX_IDLE_TIMEOUT_SEC = 960;
const UWS_LONGEST_GRACE_FROM_SEC = 32;

/**
 * The idle timeout to give uWS beside Keepalive. uWS closes a socket that
 * received nothing for this long (sends do not count), and after end() gives
 * the close frame a grace of 4-16 s (16 from 32 s up) before it drops the
 * socket: a slow consumer closed with 4001 has that long to read its backlog
 * and see the code. Twice idleTimeoutSec is past every moment Keepalive
 * closes a silent client (at most 1.5x), so Keepalive always acts first;
 * uWS allows at most 960 s, so above 480 s uWS's timer is off (0) and the
 * grace is 4 s.
 */
export function uwsIdleTimeoutSec(idleTimeoutSec: number): number {
  if (idleTimeoutSec === 0 || 2 * idleTimeoutSec > UWS_MAX_IDLE_TIMEOUT_SEC) return 0;
  return Math.max(UWS_LONGEST_GRACE_FROM_SEC, 2 * idleTimeoutSec);
}

/** Slots of the keepalive wheel: four wakeups a second spread the pings of a connect burst within each second too. */
const SLOT_MS = 250;

/**
 * Application-level keepalive, replacing uWS's automatic pings. uWS pings a
 * socket once it has been silent for a fixed time, so sockets that
 * connected together (a deploy, a reconnect storm) were pinged together,
 * forever after: at 50,000 connections that second's p99 went to hundreds
 * of milliseconds. Here each connection is visited once every half of
 * the idle timeout, at a phase of its own (PhaseWheel), and a visit:
 *   - closes it when the client has been silent for idleTimeoutSec;
 *   - pings it when silent for a quarter of that (its pong has a quarter to
 *     come back before the next visit would find it silent again);
 *   - does nothing when the client spoke within that quarter (a chatty
 *     client is never pinged).
 * So a live client that only answers pings is pinged once per visit, and
 * the pings of any crowd go out evenly, 1/(idleTimeoutSec/2) of them per
 * second; a silent client is closed after idleTimeoutSec, at most half of
 * it later, after one or two pings.
 */
export class Keepalive<S extends KeptAlive> {
  private readonly wheel: PhaseWheel<S>;
  private readonly idleMs: number;
  private readonly pingAfterMs: number;
  /** How often tick() should run. */
  readonly tickMs: number;
  private tickAtMs = 0;

  constructor(
    idleTimeoutSec: number,
    private readonly now: () => number = Date.now,
  ) {
    this.idleMs = idleTimeoutSec * 1000;
    const visitEveryMs = this.idleMs / 2;
    this.pingAfterMs = this.idleMs / 4;
    this.tickMs = Math.min(SLOT_MS, visitEveryMs);
    this.wheel = new PhaseWheel<S>(this.tickMs, visitEveryMs, now);
  }

  track(client: S): void {
    client.heardAtMs = this.now();
    this.wheel.add(client);
  }

  untrack(client: S): void {
    this.wheel.remove(client);
  }

  /** The client sent something: it is alive. */
  heard(client: S): void {
    client.heardAtMs = this.now();
  }

  /** Visits the connections that came due; returns how many were visited. */
  tick(): number {
    this.tickAtMs = this.now();
    return this.wheel.advance(this.visit);
  }

  /** Bound once: a tick allocates nothing. */
  private readonly visit = (client: S): void => {
    const silentMs = this.tickAtMs - client.heardAtMs;
    if (silentMs >= this.idleMs) client.closeSilent();
    else if (silentMs >= this.pingAfterMs) client.ping();
  };

  get size(): number {
    return this.wheel.size;
  }
}
