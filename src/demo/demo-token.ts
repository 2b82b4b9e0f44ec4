/** A demo player's token as POST /v1/demo-token answers it (src/auth/demo-tokens.ts). */
export interface DemoToken {
  token: string;
  expiresAtMs: number;
  playerId: string;
  jurisdiction: string;
}

/**
 * The SDK's token provider for the demo. A node in the embedded mode mints
 * short-lived tokens for random demo players; elsewhere (Redis, real keys)
 * the endpoint answers 404 and the page reads odds anonymously.
 *
 * The SDK asks before every connection (a reconnect, a refused token, the
 * move before `exp`), and every ask renews the token it holds (Bearer): the
 * player stays the same, because a bet whose outcome is unknown must be
 * resent by the same player (idempotency keys are per player at the core).
 * Only a node that no longer knows the token (401: it restarted, with a new
 * secret and new in-memory cores) makes a new player.
 */
export class DemoTokenSource {
  private current: DemoToken | undefined;
  /** False once the node said it has no demo tokens (404): no further requests. */
  private offered = true;
  private readonly listeners: Array<(token: DemoToken | undefined) => void> = [];

  /** The token provider handed to OddsClient. */
  readonly provide = async (): Promise<string | undefined> => {
    if (!this.offered) return undefined;
    let res = await this.request(this.current?.token);
    if (res.status === 401 && this.current) res = await this.request(undefined);
    if (res.status === 404) {
      this.offered = false;
      this.current = undefined;
      this.emit();
      return undefined;
    }
    if (!res.ok) throw new Error(`POST /v1/demo-token answered ${res.status}: ${await res.text()}`);
    const previous = this.current?.playerId;
    this.current = (await res.json()) as DemoToken;
    if (this.current.playerId !== previous) this.emit();
    return this.current.token;
  };

  get player(): DemoToken | undefined {
    return this.current;
  }

  /** Called when the player changes (undefined: this node gives no demo tokens). */
  onChange(listener: (token: DemoToken | undefined) => void): void {
    this.listeners.push(listener);
  }

  private request(renewing: string | undefined): Promise<Response> {
    return fetch('/v1/demo-token', { method: 'POST', headers: renewing ? { authorization: `Bearer ${renewing}` } : undefined });
  }

  private emit(): void {
    for (const listener of this.listeners) listener(this.current);
  }
}
