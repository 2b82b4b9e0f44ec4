import type { ClientSubscription, HubClient } from '../../src/hub/hub-client.js';
import type { TokenBucket } from '../../src/util/token-bucket.js';

/** A hub client that only holds subscriptions: for tests that read what the hub publishes to topics, not what it sends one client. */
export class SilentHubClient implements HubClient {
  readonly subscriptions = new Map<string, ClientSubscription>();
  open = true;
  lagging = false;
  replayBudget: TokenBucket | undefined = undefined;
  send(): void {}
  join(): void {}
  leave(): void {}
}
