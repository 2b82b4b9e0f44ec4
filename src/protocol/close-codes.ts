/**
 * WebSocket close codes oddsgate uses, in one table.
 *
 * 4000-4499: resumable. Reconnect with backoff and jitter, then resubscribe
 *            with your resume points: nothing is lost.
 * 4500-4999: terminal. Reconnecting unchanged will fail the same way; fix the
 *            client (or its credentials) first.
 * Standard codes the server may also send: 1001 (node shutting down,
 * resumable), 1009 (frame larger than maxFrameBytes, terminal).
 */
export const CloseCode = {
  /** The node is shutting down or draining; reconnect (elsewhere) and resume. */
  GOING_AWAY: 1001,
  /** A frame was larger than maxFrameBytes. (Above 4x that, at least 64 KiB, uWS drops the connection: 1006.) */
  MESSAGE_TOO_BIG: 1009,
  /** The client read too slowly for too long (slowClientTimeoutMs); resume after reconnecting. */
  SLOW_CONSUMER: 4001,
  /** The client kept sending after being rate limited; back off, then resume. */
  RATE_LIMITED: 4002,
  /** The connection's token expired: reconnect with a fresh token, then resume. */
  TOKEN_EXPIRED: 4003,
  /** The node drained and this client had not moved by the Drain frame's deadline: reconnect to the successor, resume. */
  DRAINED: 4004,
  /** The client sent more than maxProtocolErrors bad frames. */
  PROTOCOL_VIOLATION: 4500,
  /** The Auth frame's token was forged, expired or unacceptable. */
  UNAUTHENTICATED: 4501,
} as const;

export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

export const closeReason: Record<CloseCode, string> = {
  [CloseCode.GOING_AWAY]: 'node going away',
  [CloseCode.MESSAGE_TOO_BIG]: 'frame too large',
  [CloseCode.SLOW_CONSUMER]: 'slow consumer',
  [CloseCode.RATE_LIMITED]: 'rate limited',
  [CloseCode.TOKEN_EXPIRED]: 'token expired',
  [CloseCode.DRAINED]: 'node drained',
  [CloseCode.PROTOCOL_VIOLATION]: 'too many protocol errors',
  [CloseCode.UNAUTHENTICATED]: 'unauthenticated',
};
