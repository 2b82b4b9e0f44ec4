import type { CoreBetRequest, CoreBetResponse } from '../bets/core-contract.js';

/** A bet as the reference core keeps it under (player, idempotency key). */
export interface StoredBet {
  /** Hash of the bet's fields: a repeat must match it. */
  fingerprint: string;
  state: 'processing' | 'pending' | 'final';
  response?: CoreBetResponse;
  /** Pending bets: when the in-play delay ends, and the request to decide again then. */
  decideAt?: number;
  request?: CoreBetRequest;
  betId?: string;
}

export type Counter = 'requests' | 'created' | 'accepted' | 'rejected' | 'pending' | 'duplicates';

/**
 * Idempotency records and counters of the reference core. claim() must be
 * atomic across instances sharing the store (Redis SET NX), so one key
 * creates one bet however many requests race for it.
 */
export interface BetStore {
  /** Creates the record in state `processing` if absent: true; else the existing record. */
  claim(playerId: string, key: string, fingerprint: string): Promise<true | StoredBet>;
  get(playerId: string, key: string): Promise<StoredBet | null>;
  save(playerId: string, key: string, bet: StoredBet): Promise<void>;
  count(counter: Counter): Promise<void>;
  counters(): Promise<Record<Counter, number>>;
  close(): Promise<void>;
}

const COUNTERS: Counter[] = ['requests', 'created', 'accepted', 'rejected', 'pending', 'duplicates'];

export function zeroCounters(): Record<Counter, number> {
  return Object.fromEntries(COUNTERS.map((c) => [c, 0])) as Record<Counter, number>;
}

/** In-process store for the embedded default: same semantics, one process. */
export class MemoryBetStore implements BetStore {
  private readonly bets = new Map<string, StoredBet>();
  private readonly totals = zeroCounters();

  async claim(playerId: string, key: string, fingerprint: string): Promise<true | StoredBet> {
    const id = `${playerId}\n${key}`;
    const existing = this.bets.get(id);
    if (existing) return structuredClone(existing);
    this.bets.set(id, { fingerprint, state: 'processing' });
    return true;
  }

  async get(playerId: string, key: string): Promise<StoredBet | null> {
    const bet = this.bets.get(`${playerId}\n${key}`);
    return bet ? structuredClone(bet) : null;
  }

  async save(playerId: string, key: string, bet: StoredBet): Promise<void> {
    this.bets.set(`${playerId}\n${key}`, structuredClone(bet));
  }

  async count(counter: Counter): Promise<void> {
    this.totals[counter]++;
  }

  async counters(): Promise<Record<Counter, number>> {
    return { ...this.totals };
  }

  async close(): Promise<void> {}
}
