import type { Logger } from '../observability/logger.js';
import type { CoreBetResponse } from './core-contract.js';
import type { CoreRoute } from './core-route.js';

export interface PendingFollowerOptions {
  /** How often the core is asked (pendingPollMs). */
  pollMs: number;
  /** How long a pending bet is followed (pendingMaxWaitMs). */
  maxWaitMs: number;
}

/** What the follower needs to know of the player's connection. */
export interface Listener {
  readonly open: boolean;
}

/**
 * Follows a pending bet for a player still connected: asks the core
 * (GET lookup, through the breaker) every pollMs until the decision is
 * final. It ends with exactly one of `final` or `unknown`: unknown when a
 * lookup fails or breaks the contract, when the core no longer knows the
 * key, or after maxWaitMs — the player then resends the same key to learn
 * the outcome. Nothing when the player has left (a resend after reconnecting
 * asks the core), or once stopped. One timer at a time per followed bet.
 */
export class PendingFollower {
  private stopped = false;
  /** Pending bets being followed now (oddsgate_bets_pending). */
  following = 0;

  constructor(
    private readonly options: PendingFollowerOptions,
    private readonly log: Logger,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  follow(
    route: CoreRoute,
    lookupId: string,
    playerId: string,
    key: string,
    listener: Listener,
    final: (response: CoreBetResponse) => void,
    unknown: (message: string) => void,
  ): void {
    const giveUpAt = this.clock() + this.options.maxWaitMs;
    this.following++;
    let ended = false;
    const end = () => {
      if (!ended) this.following--;
      ended = true;
    };
    const later = () => {
      if (this.clock() >= giveUpAt) {
        end();
        return unknown(`still pending after ${this.options.maxWaitMs} ms: resend the same key to learn the outcome`);
      }
      setTimeout(poll, this.options.pollMs).unref();
    };
    const poll = () => {
      if (this.stopped || !listener.open) return end();
      const lookup = route.lookup(lookupId, playerId, key, this.options.pollMs * 4);
      if (!lookup) return later(); // the breaker is open: ask again later, without adding load
      lookup
        .then((r) => {
          if (this.stopped || !listener.open) return end();
          if (r.error || r.found === null || r.found.outcome !== 'pending') end();
          if (r.error) return unknown('the core failed to answer about the pending bet: resend the same key to learn the outcome');
          if (r.found === null) return unknown('the core no longer finds the pending bet: resend the same key to learn the outcome');
          if (r.found.outcome !== 'pending') return final(r.found);
          later();
        })
        .catch((err: unknown) => {
          end();
          this.log.error({ err, core: route.name }, 'following a pending bet failed');
        });
    };
    setTimeout(poll, this.options.pollMs).unref();
  }

  /** No more polls (node shutting down). */
  stop(): void {
    this.stopped = true;
  }
}
