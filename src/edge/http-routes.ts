import type uWS from 'uWebSockets.js';
import type { ShardState } from '../feed/odds-feed.js';
import { SESSION_KEY } from '../routing/route-table.js';
import { demoPage } from './demo-page.js';

export interface HttpRouteSources {
  /** The node can serve: not draining, at least one shard reachable. */
  ready: () => boolean;
  /** False while the node drains or shuts down. */
  accepting: () => boolean;
  shards: () => ShardState[];
  stats: () => object;
  /** The events a newcomer can watch on the demo page (embedded mode knows them). */
  listEvents: () => string[];
  /** The owner of a session key on the ring of active nodes. */
  owner: (sid: string) => { id: string; url: string } | undefined;
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
  app.get('/v1/events', (res) => json(res, { events: sources.listEvents() }));
  app.get('/', (res) => {
    res.writeHeader('content-type', 'text/html; charset=utf-8').end(demoPage);
  });
  app.any('/*', (res) => {
    res.writeStatus('404 Not Found').end('not found');
  });
}

function json(res: uWS.HttpResponse, body: unknown): void {
  res.writeHeader('content-type', 'application/json').end(JSON.stringify(body));
}
