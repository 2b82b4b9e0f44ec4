import type { oddsgate } from '../protocol/generated/oddsgate.js';
import type { BetRequest } from '../protocol/codec.js';
import { BetOutcome, pb, RejectReason } from '../protocol/wire.js';
import { fullJitter } from './backoff.js';
import { BetOutcomeUnknownError, BetRejectedError, type RejectReasonName } from './errors.js';

export interface AcceptedBet {
  outcome: 'accepted';
  betId: string;
  acceptedPrice: number;
  idempotencyKey: string;
}

/** A bet as it goes on the wire, every field resolved (the node reads the same shape). */
export type BetFields = BetRequest;

export interface BetBookOptions {
  /** UNKNOWN answers resent (same key) before the bet is given up as unknown. */
  unknownRetries: number;
  /** First wait before resending after UNKNOWN (doubling, full jitter, capped by retryMaxMs). */
  retryBaseMs: number;
  retryMaxMs: number;
  /** How long a PENDING bet may wait for its final answer. */
  pendingTimeoutMs: number;
  random: () => number;
  /** Sends a bet's frame on the current connection if it can take it now (ready, its event resumed); returns where it went. */
  send(frame: Uint8Array, eventId: string): object | undefined;
  /** Called when the last open bet was decided (a retiring connection may close). */
  onSettled(): void;
}

interface OpenBet {
  fields: BetFields;
  frame: Uint8Array;
  resolve: (bet: AcceptedBet) => void;
  reject: (err: Error) => void;
  onPending: (() => void) | undefined;
  /** The connection it was last sent on (undefined: not sent yet, or to be sent again). */
  sentOn: object | undefined;
  unknownAnswers: number;
  retryTimer: ReturnType<typeof setTimeout> | undefined;
  pendingTimer: ReturnType<typeof setTimeout> | undefined;
}

const REASON_PREFIX = 'REJECT_REASON_'.length;

/**
 * The bets placed and not decided yet, by idempotency key, and what each
 * answer means (README "Placing bets"; the proto's BetOutcome):
 * - ACCEPTED resolves; REJECTED rejects with BetRejectedError (reason, and
 *   the current price with PRICE_CHANGED) — except TOKEN_EXPIRED, which
 *   keeps the bet open: the node closes with 4003, and the bet is sent again,
 *   same key, on the next connection with a fresh token.
 * - UNKNOWN resends the same frame (same key: the core never books it twice)
 *   after a jittered, doubling wait, at most `unknownRetries` times; then
 *   BetOutcomeUnknownError.
 * - PENDING calls onPending once and waits for the second answer, up to
 *   `pendingTimeoutMs`; after a reconnect the bet is sent again to learn it.
 * The first final answer for a key wins: answers still arriving on a socket
 * the client has left are used, and later ones for the key are ignored.
 */
export class BetBook {
  private readonly open = new Map<string, OpenBet>();

  constructor(private readonly options: BetBookOptions) {}

  get size(): number {
    return this.open.size;
  }

  has(key: string): boolean {
    return this.open.has(key);
  }

  place(fields: BetFields, onPending: (() => void) | undefined): Promise<AcceptedBet> {
    return new Promise<AcceptedBet>((resolve, reject) => {
      const frame = pb.ClientFrame.encode({ placeBet: fields }).finish();
      const bet: OpenBet = { fields, frame, resolve, reject, onPending, sentOn: undefined, unknownAnswers: 0, retryTimer: undefined, pendingTimer: undefined };
      this.open.set(fields.idempotencyKey, bet);
      this.trySend(bet);
    });
  }

  /** Sends every open bet not yet sent on the current connection (a new connection is ready and resumed). */
  sendUnsent(current: object): void {
    for (const bet of this.open.values()) {
      if (bet.sentOn === current) continue;
      clearTimeout(bet.retryTimer);
      bet.retryTimer = undefined;
      this.trySend(bet);
    }
  }

  onResult(result: oddsgate.v1.BetResult): void {
    const bet = this.open.get(result.idempotencyKey);
    if (!bet) return; // decided already (an answer from another socket came first), or not ours
    switch (result.outcome) {
      case BetOutcome.BET_OUTCOME_ACCEPTED:
        return this.settle(bet, () => bet.resolve({ outcome: 'accepted', betId: result.betId, acceptedPrice: result.acceptedPrice, idempotencyKey: bet.fields.idempotencyKey }));
      case BetOutcome.BET_OUTCOME_REJECTED:
        if (result.reason === RejectReason.REJECT_REASON_TOKEN_EXPIRED) {
          bet.sentOn = undefined; // close 4003 follows; sent again on the next connection
          return;
        }
        return this.settle(bet, () => bet.reject(new BetRejectedError(reasonName(result.reason), bet.fields.idempotencyKey, result.currentPrice || undefined, result.message)));
      case BetOutcome.BET_OUTCOME_PENDING:
        if (bet.pendingTimer === undefined) {
          bet.pendingTimer = setTimeout(
            () => this.settle(bet, () => bet.reject(new BetOutcomeUnknownError(bet.fields.idempotencyKey, `still pending after ${this.options.pendingTimeoutMs} ms (bets.pendingTimeoutMs)`))),
            this.options.pendingTimeoutMs,
          );
          bet.onPending?.();
        }
        return;
      default: // UNKNOWN, or an outcome this SDK does not know: the bet may stand, ask again with the same key
        if (++bet.unknownAnswers > this.options.unknownRetries) {
          return this.settle(bet, () => bet.reject(new BetOutcomeUnknownError(bet.fields.idempotencyKey, `${bet.unknownAnswers} UNKNOWN answers (bets.unknownRetries is ${this.options.unknownRetries})`)));
        }
        clearTimeout(bet.retryTimer);
        bet.retryTimer = setTimeout(
          () => {
            bet.retryTimer = undefined;
            bet.sentOn = undefined;
            this.trySend(bet);
          },
          fullJitter(bet.unknownAnswers - 1, this.options.retryBaseMs, this.options.retryMaxMs, this.options.random),
        );
    }
  }

  /** Every open bet ends with `err` (the client stopped). */
  failAll(err: (key: string) => Error): void {
    for (const bet of [...this.open.values()]) this.settle(bet, () => bet.reject(err(bet.fields.idempotencyKey)));
  }

  private trySend(bet: OpenBet): void {
    bet.sentOn = this.options.send(bet.frame, bet.fields.eventId);
  }

  private settle(bet: OpenBet, finish: () => void): void {
    if (!this.open.delete(bet.fields.idempotencyKey)) return;
    clearTimeout(bet.retryTimer);
    clearTimeout(bet.pendingTimer);
    finish();
    if (this.open.size === 0) this.options.onSettled();
  }
}

function reasonName(reason: RejectReason): RejectReasonName {
  const name = RejectReason[reason] as string | undefined;
  return (name ? name.slice(REASON_PREFIX) : 'UNSPECIFIED') as RejectReasonName;
}
