import { OddsgateError } from '../errors.js';
import { ErrorCode } from '../protocol/wire.js';

/** How a failed request reaches the client: its Error code and whether it counts against the connection's error budget. */
export interface WireError {
  code: ErrorCode;
  message: string;
  /** Charged to maxProtocolErrors: the client's fault. A node or feed fault never is. */
  charged: boolean;
}

/**
 * The one table from the node's error classes (by their stable `code`,
 * src/errors.ts) to wire error codes. Anything not in it is a fault in the
 * node: INTERNAL, not charged, and logged by the caller.
 */
const TABLE: Record<string, Omit<WireError, 'message'> & { message?: string }> = {
  OG_UNKNOWN_EVENT: { code: ErrorCode.ERROR_CODE_UNKNOWN_EVENT, charged: true },
  OG_FEED_UNAVAILABLE: { code: ErrorCode.ERROR_CODE_FEED_UNAVAILABLE, charged: false, message: "the event's feed is unavailable; retry later" },
  OG_FEED_FORMAT: { code: ErrorCode.ERROR_CODE_FEED_UNAVAILABLE, charged: false, message: "the event's feed is unavailable; retry later" },
};

/** A fault in the node: the client retries with backoff; the caller logs the cause. */
export const INTERNAL_ERROR: WireError = { code: ErrorCode.ERROR_CODE_INTERNAL, message: 'internal error; retry later', charged: false };

/** The wire form of `err`, or null when it is a node fault (send INTERNAL_ERROR and log it). */
export function wireError(err: unknown): WireError | null {
  if (!(err instanceof OddsgateError)) return null;
  const entry = TABLE[err.code];
  return entry ? { code: entry.code, charged: entry.charged, message: entry.message ?? err.message } : null;
}
