import type { BetResultFields } from '../protocol/codec.js';
import { BetOutcome, RejectReason } from '../protocol/wire.js';
import type { CoreBetResponse, CoreRejectReason } from './core-contract.js';

const CORE_REASON: Record<CoreRejectReason, RejectReason> = {
  price_changed: RejectReason.REJECT_REASON_PRICE_CHANGED,
  market_suspended: RejectReason.REJECT_REASON_MARKET_SUSPENDED,
  market_closed: RejectReason.REJECT_REASON_MARKET_CLOSED,
  unknown_market: RejectReason.REJECT_REASON_UNKNOWN_SELECTION,
  unknown_selection: RejectReason.REJECT_REASON_UNKNOWN_SELECTION,
  idempotency_key_reused: RejectReason.REJECT_REASON_IDEMPOTENCY_KEY_REUSED,
  wrong_jurisdiction: RejectReason.REJECT_REASON_DECLINED,
  stake_limit: RejectReason.REJECT_REASON_DECLINED,
  invalid_request: RejectReason.REJECT_REASON_INVALID_BET,
  declined: RejectReason.REJECT_REASON_DECLINED,
};

/** The player's BetResult for a core answer already validated against the contract (core-contract.ts). */
export function coreResult(key: string, response: CoreBetResponse): BetResultFields {
  switch (response.outcome) {
    case 'accepted':
      return { idempotencyKey: key, outcome: BetOutcome.BET_OUTCOME_ACCEPTED, betId: response.betId, acceptedPrice: response.acceptedPrice };
    case 'pending':
      return { idempotencyKey: key, outcome: BetOutcome.BET_OUTCOME_PENDING, message: 'the core holds the bet for an in-play delay' };
    case 'rejected': {
      const result: BetResultFields = { idempotencyKey: key, outcome: BetOutcome.BET_OUTCOME_REJECTED, reason: CORE_REASON[response.reason], message: `core: ${response.reason}` };
      if (response.currentPrice !== undefined) result.currentPrice = response.currentPrice;
      return result;
    }
  }
}
