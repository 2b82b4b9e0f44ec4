import { z } from 'zod';
import type { NodeStatus } from '../admin/node-control.js';
import { OddsgateError } from '../errors.js';

/** The admin API answered, but not as asked (a refused token, a wrong URL, a fault): the operator must change something. */
export class AdminApiError extends OddsgateError {
  constructor(message: string, readonly status: number) {
    super('OG_ADMIN_API', message);
  }
}

/**
 * No answer from the admin API. `gone` when the connection was refused or
 * cut (no process listens, or it exited), as opposed to a timeout: after a
 * drain, `gone` means the node finished and exited.
 */
export class AdminUnreachableError extends OddsgateError {
  constructor(message: string, readonly gone: boolean, options?: { cause?: unknown }) {
    super('OG_ADMIN_UNREACHABLE', message, options);
  }
}

/** What the CLI reads of a node's status: checked, since the node may run another version. */
const drainProgress = z.object({
  state: z.enum(['active', 'draining', 'drained']),
  clients: z.number(),
  notified: z.number(),
  remaining: z.number(),
  moved: z.number(),
  closedAtDeadline: z.number(),
  startedAt: z.number(),
  deadlineAt: z.number(),
});
const nodeStatus = z.looseObject({
  nodeId: z.string(),
  state: z.enum(['active', 'draining', 'drained']),
  connections: z.number(),
  workers: z.number(),
  drain: drainProgress,
  ring: z.looseObject({
    digest: z.string(),
    nodes: z.array(z.looseObject({ id: z.string(), url: z.string(), state: z.enum(['active', 'draining']), connections: z.number(), ring: z.string() })),
  }),
});

/** Connection failures that mean no process answers at that address (any more). */
const GONE = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);

/** A node's admin API (src/admin/admin-server.ts): POST /admin/drain, GET /admin/status, with its bearer token. */
export class AdminClient {
  private readonly origin: string;

  constructor(
    baseUrl: string,
    private readonly token: string,
    private readonly timeoutMs = 10_000,
  ) {
    this.origin = new URL(baseUrl).origin;
  }

  /** Starts the node's drain (idempotent): its status right after. */
  drain(): Promise<NodeStatus> {
    return this.call('POST', '/admin/drain', 202);
  }

  status(): Promise<NodeStatus> {
    return this.call('GET', '/admin/status', 200);
  }

  private async call(method: string, path: string, expected: number): Promise<NodeStatus> {
    let status: number;
    let text: string;
    try {
      const res = await fetch(this.origin + path, { method, headers: { authorization: `Bearer ${this.token}` }, signal: AbortSignal.timeout(this.timeoutMs) });
      status = res.status;
      text = await res.text();
    } catch (err) {
      throw this.unreachable(err);
    }
    if (status === 401) {
      throw new AdminApiError(`the admin API at ${this.origin} refused the token (HTTP 401): give the node's adminToken (--admin-token or ODDSGATE_ADMIN_TOKEN)`, status);
    }
    if (status !== expected) throw new AdminApiError(`the admin API at ${this.origin} answered ${method} ${path} with HTTP ${status}, not ${expected}: is this a node's admin port (adminPort)?`, status);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined; // reported below with the shape check
    }
    const parsed = nodeStatus.safeParse(body);
    if (!parsed.success) throw new AdminApiError(`the admin API at ${this.origin} answered ${method} ${path} with something other than a node status`, status);
    return parsed.data;
  }

  private unreachable(err: unknown): AdminUnreachableError {
    const e = err as Error & { cause?: { code?: string; message?: string } };
    if (e.name === 'TimeoutError') {
      return new AdminUnreachableError(`the admin API at ${this.origin} did not answer within ${this.timeoutMs / 1000} s`, false, { cause: err });
    }
    const code = e.cause?.code ?? '';
    const why = e.cause?.message ?? e.message;
    return new AdminUnreachableError(`cannot reach the admin API at ${this.origin} (${why}): is the node running, and are adminHost/adminPort right?`, GONE.has(code), { cause: err });
  }
}
