import { createHash, createHmac } from 'node:crypto';
import type { Logger } from '../observability/logger.js';
import { IDEMPOTENCY_KEY } from '../protocol/validation.js';

export interface BetDecision {
  key: string;
  playerId: string;
  jurisdiction: string;
  core: string;
  outcome: string;
  reason: string;
  oddsOffset: string;
  edgeLatencyMs: number;
  coreLatencyMs: number | null;
}

/**
 * One structured line per bet decision. edgeLatencyMs is the time the node
 * itself added; coreLatencyMs the core call as the node saw it (network
 * included), null when the core did not answer in time. The player appears only as a keyed
 * hash (HMAC-SHA256 with auditHashKey): the same player hashes alike on
 * every node sharing the key, and the id cannot be read back.
 *
 * Only decisions are logged: a frame refused before it became a bet (not
 * authenticated, invalid, rate limited, token expired) is counted, never
 * written here. No raw client string reaches the line: the key has passed
 * the IDEMPOTENCY_KEY check at decoding, and is checked again here.
 */
export class AuditLog {
  private readonly log: Logger;
  /** Player id -> its HMAC: an HMAC costs tens of µs, and players bet again and again. Cleared when full. */
  private readonly hashes = new Map<string, string>();

  constructor(
    log: Logger,
    private readonly hashKey: string,
  ) {
    this.log = log.child({ audit: 'bet' });
  }

  decision(d: BetDecision): void {
    if (!this.log.isLevelEnabled('info')) return;
    this.log.info(
      {
        key: IDEMPOTENCY_KEY.test(d.key) ? d.key : '(invalid)',
        // The same on every line and node about this bet (and in the core's logs, if it hashes alike).
        keyHash: createHash('sha256').update(d.key).digest('hex').slice(0, 16),
        player: this.playerHash(d.playerId),
        jurisdiction: d.jurisdiction,
        core: d.core,
        outcome: d.outcome,
        reason: d.reason,
        oddsOffset: d.oddsOffset,
        edgeLatencyMs: Math.round(d.edgeLatencyMs * 1000) / 1000,
        coreLatencyMs: d.coreLatencyMs === null ? null : Math.round(d.coreLatencyMs * 1000) / 1000,
      },
      'bet decision',
    );
  }

  private playerHash(playerId: string): string {
    let hash = this.hashes.get(playerId);
    if (hash === undefined) {
      if (this.hashes.size >= HASH_CACHE_SIZE) this.hashes.clear();
      hash = createHmac('sha256', this.hashKey).update(playerId).digest('hex').slice(0, 24);
      this.hashes.set(playerId, hash);
    }
    return hash;
  }
}

const HASH_CACHE_SIZE = 10_000;
