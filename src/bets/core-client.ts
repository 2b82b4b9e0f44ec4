import { Pool } from 'undici';
import type { CoreBetRequest, CoreBetResponse } from './core-contract.js';

/** The core answered with something other than a decision: counts as a failure for the breaker. */
export class CoreFailure extends Error {}

const OUTCOMES = new Set(['accepted', 'rejected', 'pending']);

/**
 * Talks to one jurisdiction's core over a keep-alive HTTP pool (undici).
 * Requests are not aborted at the edge's deadline (the player already has
 * "unknown"; an abort would cost a connection): they are aborted only after
 * `abandonAfterMs` more, to bound what a hung core can hold.
 */
export class CoreClient {
  private readonly pool: Pool;

  constructor(
    readonly jurisdiction: string,
    readonly url: string,
    connections: number,
    private readonly abandonAfterMs: number,
  ) {
    this.pool = new Pool(url, { connections, pipelining: 1, keepAliveTimeout: 30_000 });
  }

  async place(request: CoreBetRequest): Promise<CoreBetResponse> {
    const waitMs = Math.ceil(Math.max(0, request.deadline - Date.now()) + this.abandonAfterMs);
    return this.call('POST', '/v1/bets', JSON.stringify(request), waitMs);
  }

  /** The current state of a bet (pending ones become final); null if the core does not know it. */
  async lookup(playerId: string, idempotencyKey: string, waitMs: number): Promise<CoreBetResponse | null> {
    try {
      return await this.call('GET', `/v1/bets/${encodeURIComponent(playerId)}/${encodeURIComponent(idempotencyKey)}`, undefined, waitMs);
    } catch (err) {
      if (err instanceof NotFound) return null;
      throw err;
    }
  }

  close(): Promise<void> {
    return this.pool.close();
  }

  private async call(method: 'GET' | 'POST', path: string, body: string | undefined, waitMs: number): Promise<CoreBetResponse> {
    let response;
    try {
      response = await this.pool.request({
        method,
        path,
        body,
        headers: body ? { 'content-type': 'application/json' } : undefined,
        signal: AbortSignal.timeout(Math.ceil(waitMs)),
      });
    } catch (err) {
      throw new CoreFailure(`core ${this.jurisdiction} unreachable: ${(err as Error).message}`, { cause: err });
    }
    if (response.statusCode === 404 && method === 'GET') {
      await response.body.dump();
      throw new NotFound();
    }
    let parsed: unknown;
    try {
      parsed = await response.body.json();
    } catch (err) {
      throw new CoreFailure(`core ${this.jurisdiction} sent an unreadable body (HTTP ${response.statusCode})`, { cause: err });
    }
    if (response.statusCode !== 200 || !isDecision(parsed)) {
      throw new CoreFailure(`core ${this.jurisdiction} answered HTTP ${response.statusCode} without a decision`);
    }
    return parsed;
  }
}

class NotFound extends Error {}

function isDecision(value: unknown): value is CoreBetResponse {
  return typeof value === 'object' && value !== null && OUTCOMES.has((value as { outcome?: string }).outcome ?? '');
}
