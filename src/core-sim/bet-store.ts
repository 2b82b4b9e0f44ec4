import type { CoreBetResponse } from '../bets/core-contract.js';

/**
 * One idempotency record: what the core knows about (playerId, idempotencyKey).
 *
 *  processing  the first request is deciding; repeats wait. `leaseUntil` bounds
 *              it: past it the claimer is presumed dead and a repeat may take over.
 *  pending     answered `pending`; becomes `eventual` at `decideAt`, finalized
 *              lazily by whichever instance reads it first (GET or repeat POST).
 *  final       `response` is the answer to every repeat, byte for byte.
 */
export interface BetRecord {
  /** Fingerprint of the bet's fields: a repeat with another one is `idempotency_key_reused`. */
  fp: string;
  state: 'processing' | 'pending' | 'final';
  leaseUntil?: number;
  response?: CoreBetResponse;
  eventual?: CoreBetResponse;
  decideAt?: number;
}

/**
 * Counters of `GET /v1/stats`, shared by every instance on one store.
 *  requests     POST /v1/bets answered, whatever the status
 *  created      records created (one per bet however often it is retried)
 *  duplicates   repeats of an existing key (including reused keys)
 *  accepted / rejected   final decisions (a pending bet counts when it turns final; rejected
 *               also counts wrong_jurisdiction, which makes no record)
 *  pending      bets held for an in-play delay
 *  invalid      400 invalid_request;  errors  injected 500s;  unavailable  503s
 *  lookups      GET /v1/bets/:playerId/:key
 *  takeovers    processing records taken over after their claimer's lease ran out
 */
export const COUNTERS = ['requests', 'created', 'duplicates', 'accepted', 'rejected', 'pending', 'invalid', 'errors', 'unavailable', 'lookups', 'takeovers'] as const;
export type Counter = (typeof COUNTERS)[number];
export type CoreStats = Record<Counter, number>;

export function zeroStats(): CoreStats {
  return Object.fromEntries(COUNTERS.map((c) => [c, 0])) as CoreStats;
}

/**
 * Where a core keeps its idempotency records and counters. Every instance of
 * one jurisdiction's core shares one store, so each operation that decides
 * who owns a bet is atomic in the store: `claim` (SET NX) and `swap`
 * (compare-and-set on the whole record), each with its counters.
 */
export interface BetStore {
  /**
   * Creates `record` under the key if the key is free: returns null (counts
   * requests + created). Otherwise returns the existing record unchanged
   * (counts requests + duplicates).
   */
  claim(playerId: string, key: string, record: BetRecord): Promise<BetRecord | null>;
  get(playerId: string, key: string): Promise<BetRecord | null>;
  /** Replaces the record by `next` only if it still equals `expected`; counts `counters` if it did. */
  swap(playerId: string, key: string, expected: BetRecord, next: BetRecord, counters: Counter[]): Promise<boolean>;
  count(counters: Counter[]): Promise<void>;
  stats(): Promise<CoreStats>;
  close(): Promise<void>;
}

/** Records outlive any retry of a key: a day by default. */
export const DEFAULT_RECORD_TTL_MS = 24 * 3600 * 1000;
