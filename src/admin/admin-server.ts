import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { OddsgateError } from '../errors.js';
import type { Logger } from '../observability/logger.js';
import { NodeStartingError, type NodeControl } from './node-control.js';

export interface AdminOptions {
  adminHost: string;
  adminPort: number;
  /** Bearer token every admin request must carry; '' refuses them all. */
  adminToken: string;
  /** GET /metrics needs no token (a scraper on a private network). */
  metricsWithoutToken: boolean;
}

/** Whether a node opens its admin port at all: for the admin API (a token) or for unauthenticated scraping. */
export function adminEnabled(options: Pick<AdminOptions, 'adminToken' | 'metricsWithoutToken'>): boolean {
  return options.adminToken !== '' || options.metricsWithoutToken;
}

/**
 * The admin API, on its own port (never the players' one) and behind its own
 * bearer token: drain and status for SREs and `oddsgate drain` / `oddsgate
 * status`. Without adminToken configured it refuses every request (401)
 * rather than run open.
 *
 *  POST /admin/drain    202 + status: drain started (again: same drain)
 *  GET  /admin/status   200 NodeStatus
 *  GET  /metrics        200 Prometheus text (no token needed with metricsWithoutToken)
 */
export class AdminServer {
  private readonly server: Server;
  private readonly tokenDigest: Buffer | undefined;
  port = 0;

  constructor(
    private readonly options: AdminOptions,
    private readonly node: NodeControl,
    private readonly log: Logger,
  ) {
    this.tokenDigest = options.adminToken ? digest(options.adminToken) : undefined;
    this.server = createServer((req, res) => {
      this.route(req, res).catch((err: unknown) => {
        if (err instanceof NodeStartingError) {
          if (!res.headersSent) send(res, 503, { error: err.message }, { 'Retry-After': '1' });
          return;
        }
        this.log.error({ err }, 'admin request failed');
        if (!res.headersSent) send(res, 500, { error: 'internal error' });
      });
    });
    // Admin clients poll: a slow or idle one must not hold sockets forever.
    this.server.requestTimeout = 10_000;
    this.server.headersTimeout = 5_000;
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.adminPort, this.options.adminHost, () => resolve());
    }).catch((err: Error) => {
      throw new OddsgateError('OG_LISTEN', `cannot listen on ${this.options.adminHost}:${this.options.adminPort} for the admin API (adminPort setting ODDSGATE_ADMIN_PORT): ${err.message}`);
    });
    this.port = (this.server.address() as { port: number }).port;
    return this.port;
  }

  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    req.resume(); // no admin route reads a body: drain it so keep-alive works
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/metrics' && req.method === 'GET' && (this.options.metricsWithoutToken || this.authorized(req))) {
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' }).end(await this.node.metrics());
      return;
    }
    if (!this.authorized(req)) {
      return send(res, 401, { error: this.tokenDigest ? 'missing or wrong admin token (Authorization: Bearer <adminToken>)' : 'the admin API is off: set adminToken (ODDSGATE_ADMIN_TOKEN)' }, { 'WWW-Authenticate': 'Bearer' });
    }
    if (path === '/admin/drain' && req.method === 'POST') {
      this.log.warn({ by: 'admin API' }, 'drain requested');
      await this.node.drain('admin API');
      return send(res, 202, await this.node.status());
    }
    if (path === '/admin/status' && req.method === 'GET') return send(res, 200, await this.node.status());
    send(res, 404, { error: 'not found' });
  }

  /** Constant-time comparison of the presented token with the configured one (via digests: equal lengths). */
  private authorized(req: IncomingMessage): boolean {
    if (!this.tokenDigest) return false;
    const header = req.headers.authorization ?? '';
    if (!header.startsWith('Bearer ')) return false;
    return timingSafeEqual(digest(header.slice('Bearer '.length)), this.tokenDigest);
  }
}

function digest(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}
