/** A token, or a function that returns a fresh one (called before every connection). */
export type TokenOption = string | (() => string | undefined | Promise<string | undefined>);

/**
 * Where the client gets its bearer token. A provider is asked before every
 * connection (so a reconnect after 4003 or 4501, or a refused upgrade, uses
 * a fresh token); a fixed string cannot be refreshed.
 */
export class TokenSource {
  /** The token of the latest connection attempt. */
  current: string | undefined;

  constructor(private readonly option: TokenOption | undefined) {}

  /** Whether a new token can be had (a provider, not a fixed string). */
  get refreshable(): boolean {
    return typeof this.option === 'function';
  }

  async get(): Promise<string | undefined> {
    this.current = typeof this.option === 'function' ? await this.option() : this.option;
    return this.current;
  }
}

/**
 * The `exp` claim of a JWT in Unix ms, read without verifying (the node
 * verifies; the client only wants to refresh before it runs out). Undefined
 * when the token has no readable `exp`.
 */
export function tokenExpiryMs(jwt: string): number | undefined {
  const payload = jwt.split('.')[1];
  if (!payload) return undefined;
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const claims = JSON.parse(atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4))) as { exp?: unknown };
    return typeof claims.exp === 'number' ? claims.exp * 1000 : undefined;
  } catch {
    return undefined; // not a JWT we can read: the node's verdict (4003) still tells us when it ends
  }
}
