import type { WebSocket } from 'uWebSockets.js';
import type { Identity } from '../auth/token-verifier.js';
import type { BetClient } from '../bets/bet-service.js';
import type { ClientSubscription, HubClient } from '../hub/hub-client.js';
import { betResultFrame, type BetResultFields } from '../protocol/codec.js';
import { TokenBucket } from '../util/token-bucket.js';

export interface SessionLimits {
  subscribeRatePerSec: number;
  subscribeBurst: number;
}

/** One WebSocket connection's state; the uWS socket's user data. */
export class Session implements HubClient, BetClient {
  ws: WebSocket<{ session: Session }> | undefined;
  open = true;
  lagging = false;
  laggingSince = 0;
  protocolErrors = 0;
  readonly subscriptions = new Map<string, ClientSubscription>();
  readonly subscribeTokens: TokenBucket;

  constructor(
    readonly id: string,
    limits: SessionLimits,
    /** The verified player, or null for an anonymous (odds-only) connection. */
    public identity: Identity | null,
  ) {
    this.subscribeTokens = new TokenBucket(limits.subscribeRatePerSec, limits.subscribeBurst);
  }

  send(frame: Uint8Array): void {
    // A result of 2 (dropped) cannot leave the client stale: closeOnBackpressureLimit closes it.
    if (this.open) this.ws!.send(frame, true);
  }

  sendBetResult(result: BetResultFields): void {
    this.send(betResultFrame(result));
  }

  betRefused(): void {
    this.protocolErrors++;
  }

  join(topic: string): void {
    if (this.open) this.ws!.subscribe(topic);
  }

  leave(topic: string): void {
    if (this.open) this.ws!.unsubscribe(topic);
  }

  close(code: number, reason: string): void {
    if (this.open) this.ws!.end(code, reason);
  }
}
