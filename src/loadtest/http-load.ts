import autocannon from 'autocannon';
import type { HttpLoad } from './profile.js';
import type { HttpResult } from './result.js';

let sequence = 0;

/** The request autocannon repeats for one kind of HTTP load, against `base` (an edge's or a core's http:// URL). */
function requestFor(target: HttpLoad['target'], runId: string, jurisdiction: string): autocannon.Request {
  if (target === 'readyz') return { method: 'GET', path: '/readyz' };
  if (target === 'route') {
    // A new sid each time: a reconnect storm asks where many different sessions live.
    return { method: 'GET', setupRequest: (req) => ({ ...req, path: `/v1/route?sid=lt${runId}r${sequence++}` }) };
  }
  // The core contract, straight to the reference core (no edge in between): a bet with a fresh key each time.
  return {
    method: 'POST',
    path: '/v1/bets',
    headers: { 'content-type': 'application/json' },
    setupRequest: (req) => ({
      ...req,
      body: JSON.stringify({
        idempotencyKey: `lt-${runId}-http-${sequence++}`,
        playerId: `lt-${runId}-http`,
        jurisdiction,
        edgeNodeId: 'loadtest',
        eventId: 'match-1',
        marketId: '1x2',
        selectionId: 'home',
        price: 2_000,
        priceSeq: 0,
        priceOffset: '',
        acceptPriceChange: 'any',
        stake: 100,
        currency: 'EUR',
        deadline: Date.now() + 1_000,
      }),
    }),
  };
}

/** Runs one HTTP load of the profile with autocannon and returns its figures (requests sent: what a core may have recorded). */
export async function runHttpLoad(load: HttpLoad, base: string, runId: string, jurisdiction: string): Promise<HttpResult & { sent: number }> {
  const result = await autocannon({
    url: base,
    connections: load.connections,
    duration: load.durationSec,
    requests: [requestFor(load.target, runId, jurisdiction)],
    timeout: 10,
  });
  return {
    target: load.target,
    url: base,
    atSec: load.atSec,
    durationSec: load.durationSec,
    requests: result.requests.total,
    requestsPerSec: Math.round(result.requests.total / load.durationSec),
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
    sent: result.requests.sent,
  };
}
