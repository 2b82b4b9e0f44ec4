import type uWS from 'uWebSockets.js';
import type { ShardState } from '../feed/odds-feed.js';
import { demoPage } from './demo-page.js';

export interface HttpRouteSources {
  /** False while the node drains or shuts down. */
  accepting: () => boolean;
  shards: () => ShardState[];
  stats: () => object;
  /** The events a newcomer can watch on the demo page (embedded mode knows them). */
  listEvents: () => string[];
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
  app.get('/readyz', (res) => {
    const shards = sources.shards();
    const ready = sources.accepting() && shards.every((s) => s.reachable);
    res.writeStatus(ready ? '200 OK' : '503 Service Unavailable');
    json(res, { ready, shards });
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
