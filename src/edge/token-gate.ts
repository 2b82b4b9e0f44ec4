import type { Identity } from '../auth/token-verifier.js';
import { OddsgateError } from '../errors.js';
import type { Metrics } from '../observability/metrics.js';

/** Too many token checks are under way on this node: the client retries shortly. */
export class TokenChecksBusyError extends OddsgateError {
  constructor(limit: number) {
    super('OG_AUTH_BUSY', `more than ${limit} token checks in progress (maxPendingTokenChecks); retry shortly`);
  }
}

/** What the gate needs of a verifier. */
export interface Verifier {
  verify(token: string): Promise<Identity>;
}

/**
 * Bounds the signature checks in flight on this node (upgrades with a token
 * and Auth frames): each is CPU the odds fan-out needs, and a flood of them
 * must be refused cheaply, not queued. Per-source upgrade rates bound each
 * host; this bounds them all together.
 */
export class TokenGate {
  private pending = 0;

  constructor(
    private readonly verifier: Verifier,
    private readonly maxPending: number,
    private readonly metrics: Pick<Metrics, 'tokenChecks'>,
  ) {}

  /** Whether a check started now would be admitted. */
  hasRoom(): boolean {
    return this.pending < this.maxPending;
  }

  async verify(token: string): Promise<Identity> {
    if (!this.hasRoom()) {
      this.metrics.tokenChecks.inc({ result: 'busy' });
      throw new TokenChecksBusyError(this.maxPending);
    }
    this.pending++;
    try {
      const identity = await this.verifier.verify(token);
      this.metrics.tokenChecks.inc({ result: 'ok' });
      return identity;
    } catch (err) {
      this.metrics.tokenChecks.inc({ result: 'refused' });
      throw err;
    } finally {
      this.pending--;
    }
  }
}
