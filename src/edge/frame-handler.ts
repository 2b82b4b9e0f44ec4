import type { Identity } from '../auth/token-verifier.js';
import type { BetClient } from '../bets/bet-service.js';
import type { Logger } from '../observability/logger.js';
import { CloseCode } from '../protocol/close-codes.js';
import { decodeClientFrame, pongFrame, ProtocolError, type BetRequest, type ClientCommand, type SubscribeRequest } from '../protocol/codec.js';
import { ErrorCode } from '../protocol/wire.js';
import type { HubClient } from '../hub/hub-client.js';
import type { Session } from './session.js';
import type { ReceivedKind } from './edge-metrics.js';
import type { SourceLimits } from './source-limits.js';
import { TokenChecksBusyError, type TokenGate } from './token-gate.js';
import { INTERNAL_ERROR, wireError } from './wire-errors.js';

/** Frames a client may send before its upgrade's token is checked (it should wait for Welcome). */
const HELD_FRAMES_MAX = 16;

const RECEIVED_KIND: Record<ClientCommand['kind'], ReceivedKind> = {
  subscribe: 'subscribe',
  unsubscribe: 'unsubscribe',
  ping: 'ping',
  auth: 'auth',
  placeBet: 'place_bet',
};

export interface FrameLimits {
  maxFrameBytes: number;
  maxSubscriptionsPerConnection: number;
}

/** What frames ask of the hub. */
export interface Subscriptions {
  subscribe(client: HubClient, request: SubscribeRequest): Promise<void>;
  unsubscribe(client: HubClient, eventId: string): void;
}

/** What frames ask of the bet service. */
export interface BetPlacement {
  place(client: BetClient, identity: Identity | null, bet: BetRequest, problem: string | null, arrivedAt: number): void;
}

export interface FrameDependencies {
  hub: Subscriptions;
  bets: BetPlacement;
  tokens: TokenGate;
  sources: SourceLimits;
  log: Logger;
  /** Frames received, by kind (bound counters). */
  received: Record<ReceivedKind, { inc(): void }>;
  /** A session just became authenticated: follow its expiry, send Welcome. */
  authenticated: (session: Session) => void;
}

/**
 * Everything a client sends, decoded and answered synchronously where it
 * can be (uWS neuters the message's ArrayBuffer when the handler returns).
 * Every frame first takes a token from the connection's frame budget, so a
 * flood is refused before it costs anything; every refusal is charged to the
 * error budget, which closes the connection past maxProtocolErrors.
 */
export class FrameHandler {
  constructor(
    private readonly limits: FrameLimits,
    private readonly deps: FrameDependencies,
  ) {}

  handle(session: Session, message: ArrayBuffer, isBinary: boolean): void {
    const arrivedAt = performance.now();
    if (!session.open) return;
    if (message.byteLength > this.limits.maxFrameBytes) return session.close(CloseCode.MESSAGE_TOO_BIG);
    if (!session.frameTokens.take(arrivedAt)) {
      return session.reject(ErrorCode.ERROR_CODE_RATE_LIMITED, 'sending frames too fast (frameRatePerSec); slow down', '', CloseCode.RATE_LIMITED);
    }
    if (!isBinary) {
      this.deps.received.invalid.inc();
      return session.reject(ErrorCode.ERROR_CODE_TEXT_FRAME, 'text frames are not supported: send binary protobuf ClientFrame');
    }
    // Copied: uWS neuters the ArrayBuffer when this handler returns.
    if (session.heldFrames) return this.hold(session, new Uint8Array(message.slice(0)), arrivedAt);
    this.dispatch(session, new Uint8Array(message), arrivedAt);
  }

  /**
   * Checks the token the client offered at the upgrade (the socket is open):
   * the player's Welcome and the frames held meanwhile follow a good one; a
   * bad one gets Error UNAUTHENTICATED and close 4501, as a bad Auth frame.
   */
  verifyConnectToken(session: Session): void {
    const token = session.connectToken!;
    session.connectToken = undefined;
    this.checkToken(session, token);
  }

  /** One token check, from the upgrade (frames held meanwhile) or from an Auth frame. */
  private checkToken(session: Session, token: string): void {
    const fromUpgrade = session.heldFrames !== undefined;
    this.deps.tokens.verify(token).then(
      (identity) => {
        if (!session.open) return;
        session.identity = identity;
        session.auth = 'authenticated';
        this.deps.authenticated(session);
        if (fromUpgrade) this.release(session);
      },
      (err: Error) => {
        if (!session.open) return;
        session.heldFrames = undefined;
        if (err instanceof TokenChecksBusyError) {
          // Not the client's fault: it may try again, with another Auth frame or (the upgrade saw room,
          // another check took it first) by reconnecting.
          session.sendError(ErrorCode.ERROR_CODE_RATE_LIMITED, 'too many token checks in progress; retry shortly');
          if (fromUpgrade) return session.close(CloseCode.RATE_LIMITED);
          session.auth = 'anonymous';
          return;
        }
        this.deps.log.info({ session: session.id, reason: err.message, from: fromUpgrade ? 'upgrade' : 'auth frame' }, 'token refused');
        session.auth = 'refused';
        session.sendError(ErrorCode.ERROR_CODE_UNAUTHENTICATED, 'invalid token');
        session.close(CloseCode.UNAUTHENTICATED);
      },
    );
  }

  private hold(session: Session, bytes: Uint8Array, arrivedAt: number): void {
    if (session.heldFrames!.length >= HELD_FRAMES_MAX) {
      session.sendError(ErrorCode.ERROR_CODE_RATE_LIMITED, `more than ${HELD_FRAMES_MAX} frames before the token was checked; wait for Welcome`);
      return session.close(CloseCode.RATE_LIMITED);
    }
    session.heldFrames!.push({ bytes, arrivedAt });
  }

  /** The token is good: the held frames are handled in order, as if they had just arrived (bets keep their arrival time). */
  private release(session: Session): void {
    const held = session.heldFrames!;
    session.heldFrames = undefined;
    for (const frame of held) {
      if (!session.open) return;
      this.dispatch(session, frame.bytes, frame.arrivedAt);
    }
  }

  private dispatch(session: Session, bytes: Uint8Array, arrivedAt: number): void {
    let command;
    try {
      command = decodeClientFrame(bytes, this.limits.maxSubscriptionsPerConnection);
    } catch (err) {
      if (err instanceof ProtocolError) {
        this.deps.received.invalid.inc();
        return session.reject(err.code, err.message, err.eventId);
      }
      throw err;
    }
    this.deps.received[RECEIVED_KIND[command.kind]].inc();
    switch (command.kind) {
      case 'ping':
        session.send(pongFrame(command.nonce, Date.now()), 'pong');
        return;
      case 'unsubscribe':
        for (const eventId of command.eventIds) this.deps.hub.unsubscribe(session, eventId);
        return;
      case 'subscribe':
        for (const request of command.events) this.subscribe(session, request);
        return;
      case 'auth':
        return this.authenticate(session, command.token);
      case 'placeBet':
        session.betPlaced(command.bet.idempotencyKey.slice(0, 64));
        return this.deps.bets.place(session, session.identity, command.bet, command.problem, arrivedAt);
    }
  }

  private subscribe(session: Session, request: SubscribeRequest): void {
    const { eventId } = request;
    if (!session.subscribeTokens.take()) {
      return session.reject(ErrorCode.ERROR_CODE_RATE_LIMITED, 'subscribing too fast; retry later', eventId, CloseCode.RATE_LIMITED);
    }
    if (!session.subscriptions.has(eventId) && session.subscriptions.size >= this.limits.maxSubscriptionsPerConnection) {
      return session.reject(ErrorCode.ERROR_CODE_TOO_MANY_SUBSCRIPTIONS, `at most ${this.limits.maxSubscriptionsPerConnection} subscriptions per connection`, eventId);
    }
    this.deps.hub.subscribe(session, request).catch((err: unknown) => {
      const wire = wireError(err);
      if (!wire) this.deps.log.error({ err, eventId, session: session.id }, 'subscribe failed');
      const { code, message, charged } = wire ?? INTERNAL_ERROR;
      if (charged) session.reject(code, message, eventId);
      else session.sendError(code, message, eventId);
    });
  }

  /**
   * The Auth frame, for clients that cannot set the subprotocol header. A
   * session's identity is set once, by one attempt: any further Auth frame
   * (also one pipelined while the first is checked) is an error, so a
   * connection can neither switch players nor make the node verify
   * signatures in a loop. The attempt also takes an upgrade token from the
   * source's budget: it costs the same signature check.
   */
  private authenticate(session: Session, token: string): void {
    if (session.auth !== 'anonymous') {
      return session.reject(ErrorCode.ERROR_CODE_INVALID_ARGUMENT, 'this connection already used its one authentication; reconnect to authenticate again');
    }
    if (!this.deps.sources.takeUpgrade(session.source)) {
      return session.reject(ErrorCode.ERROR_CODE_RATE_LIMITED, 'too many authentications from this address; retry later', '', CloseCode.RATE_LIMITED);
    }
    session.auth = 'verifying';
    this.checkToken(session, token);
  }
}
