import type { WebSocket } from 'uWebSockets.js';
import type { Identity } from '../auth/token-verifier.js';
import type { BetClient } from '../bets/bet-service.js';
import type { ClientSubscription, HubClient, SentKind } from '../hub/hub-client.js';
import { CloseCode, closeReason } from '../protocol/close-codes.js';
import { betResultFrame, drainFrame, errorFrame, type BetResultFields } from '../protocol/codec.js';
import type { DrainableSession } from '../routing/drain.js';
import type { KeptAlive } from './keepalive.js';
import type { BackpressureWatch } from './slow-consumers.js';
import { BetOutcome, ErrorCode } from '../protocol/wire.js';
import { TokenBucket } from '../util/token-bucket.js';

export interface SessionLimits {
  subscribeRatePerSec: number;
  subscribeBurst: number;
  frameRatePerSec: number;
  frameBurst: number;
  maxProtocolErrors: number;
}

/** Where a connection stands with authentication: an identity is set once, by one attempt. */
export type AuthState = 'anonymous' | 'verifying' | 'authenticated' | 'refused';

/** Counts what the node tells clients (metrics): frames by kind, Error frames by code. */
export interface SessionRecorder {
  sent(kind: SentKind): void;
  error(code: ErrorCode): void;
}


/** uWS send status: the frame went out whole (0: part of it waits in the buffer, 2: dropped over maxBackpressure). */
const SENT = 1;

/** One WebSocket connection's state; the uWS socket's user data. */
export class Session implements HubClient, BetClient, DrainableSession, KeptAlive {
  ws: WebSocket<{ session: Session }> | undefined;
  open = true;
  lagging = false;
  laggingSince = 0;
  /** When the client last sent anything (Keepalive). */
  heardAtMs = 0;
  /** Live topics joined: with none, app.publish never writes to this socket. */
  private liveTopics = 0;
  /** Error frames provoked and refused bets: past maxProtocolErrors the connection is closed. */
  protocolErrors = 0;
  auth: AuthState;
  /** The verified player, or null for an anonymous (odds-only) connection and while its token is checked. */
  identity: Identity | null = null;
  /**
   * Frames that arrived while the upgrade's token was checked, with their
   * arrival times, handled in order once it is settled (a client may send
   * before its Welcome); undefined once settled. At most HELD_FRAMES_MAX.
   */
  heldFrames: Array<{ bytes: Uint8Array; arrivedAt: number }> | undefined;
  readonly subscriptions = new Map<string, ClientSubscription>();
  replayBudget: TokenBucket | undefined = undefined;
  /** A Drain frame was sent: the client is moving to its successor. */
  drainSent = false;
  /** Idempotency keys of bets not yet finally answered (created at the first bet). */
  private openBets: Set<string> | undefined;
  readonly subscribeTokens: TokenBucket;
  /** Every frame the client sends takes a token: a flood is refused before any work. */
  readonly frameTokens: TokenBucket;

  constructor(
    readonly id: string,
    /** The session key the ring routes by (the client's `sid`, kept across reconnects). */
    readonly sid: string,
    /** The client's address as the per-source limits count it (never logged with player data). */
    readonly source: string,
    private readonly limits: SessionLimits,
    /** The subprotocol's bearer token, until its check starts at open; undefined: an anonymous upgrade. */
    public connectToken: string | undefined,
    private readonly recorder: SessionRecorder,
    /** Where Drain frames send clients when a balancer places sessions ('': the successor's own URL). */
    private readonly balancerUrl: string,
    /** Told when a send leaves bytes behind and when live topics start and stop (SlowConsumers). */
    private readonly backpressure: BackpressureWatch,
  ) {
    this.auth = connectToken === undefined ? 'anonymous' : 'verifying';
    if (connectToken !== undefined) this.heldFrames = [];
    this.subscribeTokens = new TokenBucket(limits.subscribeRatePerSec, limits.subscribeBurst);
    this.frameTokens = new TokenBucket(limits.frameRatePerSec, limits.frameBurst);
  }

  send(frame: Uint8Array, kind: SentKind): void {
    if (!this.open) return;
    this.recorder.sent(kind);
    // A result of 2 (dropped) cannot leave the client stale: closeOnBackpressureLimit closes it.
    if (this.ws!.send(frame, true) !== SENT) this.backpressure.backedUp(this);
  }

  ping(): void {
    if (this.open && this.ws!.ping() !== SENT) this.backpressure.backedUp(this);
  }

  /** Keepalive: silent for idleTimeoutSec. Dropped without a close frame (the client sees 1006), as uWS's idle timeout did. */
  closeSilent(): void {
    if (!this.open) return;
    this.open = false;
    this.ws!.close();
  }

  /** A PlaceBet arrived: its key is open until a final BetResult (not PENDING) answers it. */
  betPlaced(key: string): void {
    (this.openBets ??= new Set()).add(key);
  }

  sendBetResult(result: BetResultFields): void {
    if (result.outcome !== BetOutcome.BET_OUTCOME_PENDING) this.openBets?.delete(result.idempotencyKey);
    this.send(betResultFrame(result), 'bet_result');
  }

  /** An Error frame for a bad request, charged to the error budget (closing past it). */
  reject(code: ErrorCode, message: string, eventId = '', closeCode: CloseCode = CloseCode.PROTOCOL_VIOLATION): void {
    this.sendError(code, message, eventId);
    this.charge(closeCode);
  }

  /** An Error frame that is not the client's fault (feed unavailable, internal): not charged. */
  sendError(code: ErrorCode, message: string, eventId = ''): void {
    this.recorder.error(code);
    this.send(errorFrame(code, message, eventId), 'error');
  }

  /** A PlaceBet refused before it became a decision (the BetResult already says why). */
  betRefused(): void {
    this.charge(CloseCode.PROTOCOL_VIOLATION);
  }

  sendDrain(successor: { id: string; url: string } | null, reconnectAtMs: number, deadlineMs: number): void {
    const url = this.balancerUrl || successor?.url || '';
    this.drainSent = true;
    this.send(drainFrame({ nodeId: successor?.id ?? '', nodeUrl: url, reconnectAtMs, deadlineMs }), 'drain');
  }

  /**
   * The drain deadline passed with this client still here: every bet still
   * open on the connection (in flight, or pending its in-play delay) is
   * answered UNKNOWN before the close, so the player resends the key on its
   * new node and learns the real outcome there (the core's idempotency).
   */
  closeDrained(): void {
    for (const key of this.openBets ?? []) {
      this.sendBetResult({ idempotencyKey: key, outcome: BetOutcome.BET_OUTCOME_UNKNOWN, message: 'the node drained before this bet was decided: resend the same key on your new node to learn the outcome' });
    }
    this.close(CloseCode.DRAINED);
  }

  /** The token expired (SessionExpiry): say so, then close with the resumable 4003. */
  expire(): void {
    this.sendError(ErrorCode.ERROR_CODE_TOKEN_EXPIRED, 'the token expired: reconnect with a fresh token and resume');
    this.close(CloseCode.TOKEN_EXPIRED);
  }

  /** Counts one provoked error; past maxProtocolErrors the connection is closed with `closeCode`. */
  charge(closeCode: CloseCode): void {
    if (++this.protocolErrors > this.limits.maxProtocolErrors) this.close(closeCode);
  }

  join(topic: string): void {
    if (!this.open || this.ws!.isSubscribed(topic)) return;
    this.ws!.subscribe(topic);
    if (this.liveTopics++ === 0) this.backpressure.receiving(this, true);
  }

  leave(topic: string): void {
    if (!this.open || !this.ws!.isSubscribed(topic)) return;
    this.ws!.unsubscribe(topic);
    if (--this.liveTopics === 0) this.backpressure.receiving(this, false);
  }

  /** Closes with a code from the table (src/protocol/close-codes.ts); a no-op once closed. */
  close(code: CloseCode): void {
    if (!this.open) return;
    this.open = false;
    this.ws!.end(code, closeReason[code]);
  }
}
