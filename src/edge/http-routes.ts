import type uWS from 'uWebSockets.js';
import type { EventListing } from '../feed/event-catalogue.js';
import type { ShardState } from '../feed/odds-feed.js';
import { SESSION_KEY } from '../routing/route-table.js';
import type { DemoToken } from '../auth/demo-tokens.js';
import { AuthError } from '../auth/token-verifier.js';
import { DemoPage, type DemoFile } from './demo-page.js';

/** Mints a demo player's token (embedded mode only). */
export interface DemoTokenIssuer {
  /** A new demo player's token, or (renewing: one of its demo tokens) a fresh token for the same player; AuthError when it is not one. */
  issue(renewing?: string): Promise<DemoToken>;
}

export interface HttpRouteSources {
  /** The node can serve: not draining, at least one shard reachable. */
  ready: () => boolean;
  /** False while the node drains or shuts down. */
  accepting: () => boolean;
  shards: () => ShardState[];
  stats: () => object;
  /** The events a newcomer can watch (the embedded store's, or the Redis shards' catalogues): most recently active first, bounded. */
  listEvents: () => Promise<EventListing[]>;
  /** The owner of a session key on the ring of active nodes. */
  owner: (sid: string) => { id: string; url: string } | undefined;
  /** Embedded mode only (demoTokensAllowed): without it POST /v1/demo-token answers 404. */
  demoTokens?: DemoTokenIssuer;
}

/**
 * The node's plain HTTP endpoints: health, readiness, stats, the event list
 * and the demo page. Handlers answer synchronously (uWS's HttpResponse must
 * not outlive them without onAborted).
 */
export function registerHttpRoutes(app: uWS.TemplatedApp, sources: HttpRouteSources): void {
  app.get('/healthz', (res) => {
    res.writeHeader('content-type', 'text/plain').end('ok');
  });
  // One unreachable shard only makes its events stale to clients; it must not take every node (they
  // all read every shard) out of the balancer.
  app.get('/readyz', (res) => {
    const ready = sources.ready();
    res.writeStatus(ready ? '200 OK' : '503 Service Unavailable');
    json(res, { ready, draining: !sources.accepting(), shards: sources.shards() });
  });
  app.get('/v1/route', (res, req) => {
    const sid = req.getQuery('sid') ?? '';
    if (!SESSION_KEY.test(sid)) {
      res.writeStatus('400 Bad Request');
      return json(res, { error: 'sid must be 8-64 characters of [A-Za-z0-9_.:-]' });
    }
    const owner = sources.owner(sid);
    if (!owner) {
      res.writeStatus('503 Service Unavailable').writeHeader('Retry-After', '1');
      return json(res, { error: 'no active node on the ring' });
    }
    json(res, { sid, node: { id: owner.id, url: owner.url } });
  });
  app.get('/v1/stats', (res) => json(res, sources.stats()));
  // `events` (ids) as before; `details` adds what each event's display data says (name, competition, startsAtMs, phase).
  app.get('/v1/events', (res) => {
    let aborted = false;
    res.onAborted(() => (aborted = true));
    sources.listEvents().then(
      (listed) => !aborted && res.cork(() => json(res, { events: listed.map((e) => e.eventId), details: listed })),
      (err: Error) => !aborted && res.cork(() => json(res.writeStatus('500 Internal Server Error'), { error: `cannot list events: ${err.message}` })),
    );
  });
  // A new demo player, or with `Authorization: Bearer <its demo token>` a renewal for the same player.
  app.post('/v1/demo-token', (res, req) => {
    if (!sources.demoTokens) {
      res.writeStatus('404 Not Found');
      return json(res, { error: 'demo tokens exist only in the embedded mode (no redisShards, no cores, no token key configured)' });
    }
    const renewing = /^Bearer (\S+)$/.exec(req.getHeader('authorization'))?.[1]; // req is gone after the first await
    let aborted = false;
    res.onAborted(() => (aborted = true));
    sources.demoTokens.issue(renewing).then(
      (token) => !aborted && res.cork(() => json(res.writeHeader('cache-control', 'no-store'), token)),
      (err: Error) =>
        !aborted &&
        res.cork(() => json(res.writeStatus(err instanceof AuthError ? '401 Unauthorized' : '500 Internal Server Error'), { error: `no demo token: ${err.message}` })),
    );
  });
  const demo = DemoPage.load();
  app.get('/', (res, req) => {
    if (!demo.index) {
      res.writeStatus('503 Service Unavailable').writeHeader('content-type', 'text/plain').end('the demo page is not built: run npm run build (it bundles src/demo into dist/demo)');
      return;
    }
    // Revalidated on every load: it names the current hashed bundle.
    sendDemoFile(res, req, demo.index, 'no-cache');
  });
  app.get('/demo/*', (res, req) => {
    const file = demo.assets.get(req.getUrl());
    if (!file) return void res.writeStatus('404 Not Found').end('not found');
    // The name holds the content's hash: a new build is a new URL.
    sendDemoFile(res, req, file, 'public, max-age=31536000, immutable');
  });
  app.any('/*', (res) => {
    res.writeStatus('404 Not Found').end('not found');
  });
}

function sendDemoFile(res: uWS.HttpResponse, req: uWS.HttpRequest, file: DemoFile, cacheControl: string): void {
  const gzip = /\bgzip\b/.test(req.getHeader('accept-encoding'));
  res.writeHeader('content-type', file.contentType).writeHeader('cache-control', cacheControl).writeHeader('vary', 'accept-encoding');
  if (gzip) res.writeHeader('content-encoding', 'gzip');
  res.end(gzip ? file.gzip : file.body);
}

function json(res: uWS.HttpResponse, body: unknown): void {
  res.writeHeader('content-type', 'application/json').end(JSON.stringify(body));
}
