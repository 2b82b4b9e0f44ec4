import { OddsgateError } from '../errors.js';

/**
 * The SDK's errors: one base class (an OddsgateError: a stable `code`,
 * prefix OG_), one subclass per failure a caller must tell apart.
 */
export class OddsClientError extends OddsgateError {}

/** Reject reasons as the SDK names them: the proto's RejectReason without its prefix. */
export type RejectReasonName =
  | 'UNSPECIFIED'
  | 'INVALID_BET'
  | 'NOT_AUTHENTICATED'
  | 'RATE_LIMITED'
  | 'EVENT_NOT_SUBSCRIBED'
  | 'UNKNOWN_SELECTION'
  | 'MARKET_SUSPENDED'
  | 'MARKET_CLOSED'
  | 'PRICE_CHANGED'
  | 'NO_CORE_FOR_JURISDICTION'
  | 'CORE_UNAVAILABLE'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'DECLINED'
  | 'TOKEN_EXPIRED';

/** Rejections that decided nothing (proto: "retry it later"): the same key may be placed again later. */
const RETRY_LATER: ReadonlySet<RejectReasonName> = new Set(['CORE_UNAVAILABLE', 'RATE_LIMITED']);

/**
 * The bet was refused. `currentPrice` is set with PRICE_CHANGED. When
 * `retryLater` is true (CORE_UNAVAILABLE, RATE_LIMITED) nothing was decided:
 * place it again later with the same `idempotencyKey` (an earlier attempt may
 * still stand); any other reason is final, and a new attempt needs a new key.
 */
export class BetRejectedError extends OddsClientError {
  readonly retryLater: boolean;

  constructor(
    readonly reason: RejectReasonName,
    readonly idempotencyKey: string,
    readonly currentPrice: number | undefined,
    detail: string,
  ) {
    super('OG_BET_REJECTED', `bet ${idempotencyKey} rejected: ${reason}${currentPrice ? ` (price now ${currentPrice})` : ''}${RETRY_LATER.has(reason) ? '; nothing was decided, retry later with the same key' : ''}${detail ? `: ${detail}` : ''}`);
    this.retryLater = RETRY_LATER.has(reason);
  }
}

/**
 * The SDK could not learn the bet's outcome: UNKNOWN answers past
 * `bets.unknownRetries`, a pending bet past `bets.pendingTimeoutMs`, or the
 * client closed first. The bet may stand: place it again with the same
 * `idempotencyKey` to learn its outcome (the core never books it twice).
 */
export class BetOutcomeUnknownError extends OddsClientError {
  constructor(
    readonly idempotencyKey: string,
    why: string,
  ) {
    super('OG_BET_OUTCOME_UNKNOWN', `the outcome of bet ${idempotencyKey} is unknown (${why}); place it again with the same idempotencyKey to learn it`);
  }
}

/** placeBet was called with fields that cannot make a bet; nothing was sent. */
export class InvalidBetError extends OddsClientError {
  constructor(message: string) {
    super('OG_INVALID_BET', message);
  }
}

/** The server closed the connection with a terminal code (4500+, 1009, a refused token twice): the client stopped. */
export class ConnectionClosedError extends OddsClientError {
  constructor(
    readonly closeCode: number,
    reason: string,
  ) {
    super('OG_CONNECTION_CLOSED', `connection closed for good (${closeCode}${reason ? ` ${reason}` : ''}); fix the client or its token, then connect again`);
  }
}

/** The client was closed by close(). */
export class ClientClosedError extends OddsClientError {
  constructor() {
    super('OG_CLIENT_CLOSED', 'the client was closed');
  }
}

/** An Error frame from the server; `errorCode` is the proto's ErrorCode name without its prefix. */
export class ServerError extends OddsClientError {
  constructor(
    readonly errorCode: string,
    readonly eventId: string,
    message: string,
  ) {
    super('OG_SERVER_ERROR', `server error ${errorCode}${eventId ? ` for ${eventId}` : ''}: ${message}`);
  }
}

/** A server frame that could not be decoded (it is skipped). */
export class FrameDecodeError extends OddsClientError {
  constructor(cause: unknown) {
    super('OG_FRAME_UNDECODABLE', `a server frame could not be decoded: ${(cause as Error)?.message ?? cause}`, { cause });
  }
}
