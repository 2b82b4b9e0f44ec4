import { randomBytes } from 'node:crypto';
import type uWS from 'uWebSockets.js';
import type { Metrics } from '../observability/metrics.js';
import { checkHandshake, type HandshakePolicy, type HandshakeRefusal } from './handshake.js';
import { SESSION_KEY } from '../routing/route-table.js';
import type { Session } from './session.js';
import type { SourceLimits } from './source-limits.js';
import type { TokenGate } from './token-gate.js';

/** The subprotocol a client offers next to `oddsgate.bearer.<jwt>`; the server echoes it. */
export const SUBPROTOCOL = 'oddsgate.v1';
const BEARER_PREFIX = 'oddsgate.bearer.';

export interface UpgradeOptions extends HandshakePolicy {
  allowAnonymous: boolean;
}

export interface UpgradeDependencies {
  sources: SourceLimits;
  tokens: TokenGate;
  metrics: Pick<Metrics, 'upgradesRefused'>;
  /** False while the node drains or shuts down: new connections are refused with 503. */
  accepting: () => boolean;
  /** `token`: the subprotocol's bearer token, checked once the socket is open; undefined: anonymous. */
  createSession: (id: string, sid: string, source: string, token: string | undefined) => Session;
}

type Refusal = Pick<HandshakeRefusal, 'status' | 'body' | 'headers'> & { reason: string };

const SHUTTING_DOWN: Refusal = { status: '503 Service Unavailable', reason: 'draining', body: 'node is shutting down; connect to another node', headers: { 'Retry-After': '1' } };
const TOKEN_CHECKS_BUSY: Refusal = { status: '503 Service Unavailable', reason: 'auth_busy', body: 'too many token checks in progress; retry shortly', headers: { 'Retry-After': '1' } };

/**
 * The upgrade of /v1/ws (`?sid=<session key>`), in the order that spends
 * the least on a bad request: node accepting, RFC 6455 handshake and Origin
 * (pure checks), the session key, per-source limits, room under the
 * node-wide cap on token checks. Every refusal is an HTTP status with a
 * one-line body, and is counted by reason.
 *
 * A token, if any, comes as the subprotocol `oddsgate.bearer.<jwt>` (never
 * in the URL: access logs). Its signature, the only costly step, is checked
 * once the socket is open (FrameHandler.verifyConnectToken): a bad one gets
 * Error UNAUTHENTICATED and close 4501, as a bad Auth frame does. The upgrade
 * itself always completes here, in the handler uWS calls: completed after an
 * await it needs res.cork(), and this uWS build's cork() can close the socket
 * it has just upgraded (uWebSockets #1928, fixed by uWebSockets PR #1929
 * after this build; test/integration/uws-cork-after-await-closes-upgrades.test.ts):
 * about one authenticated connect in a few hundred under load got a 1006
 * before its Welcome.
 */
export class UpgradeHandler {
  constructor(
    private readonly options: UpgradeOptions,
    private readonly deps: UpgradeDependencies,
  ) {}

  handle(res: uWS.HttpResponse, req: uWS.HttpRequest, context: uWS.us_socket_context_t): void {
    if (!this.deps.accepting()) return this.refuse(res, SHUTTING_DOWN);
    // HttpRequest dies at return (and at the first await): read every header now.
    let headerBytes = 0;
    req.forEach((name, value) => (headerBytes += name.length + value.length + 4));
    const key = req.getHeader('sec-websocket-key');
    const refusal = checkHandshake(
      {
        method: req.getMethod(),
        upgrade: req.getHeader('upgrade'),
        connection: req.getHeader('connection'),
        version: req.getHeader('sec-websocket-version'),
        key,
        origin: req.getHeader('origin'),
        host: req.getHeader('host'),
        headerBytes,
      },
      this.options,
    );
    if (refusal) return this.refuse(res, refusal);
    // The session key: the client's own (kept across reconnects), or a new one it learns from Welcome.
    const sid = req.getQuery('sid') ?? randomBytes(8).toString('hex');
    if (!SESSION_KEY.test(sid)) return this.refuse(res, { status: '400 Bad Request', reason: 'sid', body: 'sid must be 8-64 characters of [A-Za-z0-9_.:-]' });

    const peer = Buffer.from(res.getRemoteAddressAsText()).toString();
    const source = this.deps.sources.sourceOf(peer, req.getHeader('x-forwarded-for'));
    const verdict = this.deps.sources.admit(source);
    if (verdict !== 'ok') {
      return this.refuse(res, { status: '429 Too Many Requests', reason: verdict, body: `${verdict.replaceAll('_', ' ')} from this address; retry later`, headers: { 'Retry-After': '5' } });
    }

    const offered = req.getHeader('sec-websocket-protocol').split(',').map((p) => p.trim());
    const extensions = req.getHeader('sec-websocket-extensions');
    const protocol = offered.includes(SUBPROTOCOL) ? SUBPROTOCOL : '';
    const token = offered.find((p) => p.startsWith(BEARER_PREFIX))?.slice(BEARER_PREFIX.length);
    if (token === undefined && !this.options.allowAnonymous) {
      return this.refuse(res, { status: '401 Unauthorized', reason: 'auth', body: 'a token is required (subprotocol oddsgate.bearer.<jwt>)' });
    }
    // Checked again when the check starts (in open, which uWS calls within res.upgrade: nothing runs in between).
    if (token !== undefined && !this.deps.tokens.hasRoom()) return this.refuse(res, TOKEN_CHECKS_BUSY);
    const session = this.deps.createSession(randomBytes(6).toString('hex'), sid, source, token);
    res.upgrade({ session }, key, protocol, extensions, context);
  }

  private refuse(res: uWS.HttpResponse, refusal: Refusal): void {
    this.deps.metrics.upgradesRefused.inc({ reason: refusal.reason });
    res.writeStatus(refusal.status);
    for (const [name, value] of Object.entries(refusal.headers ?? {})) res.writeHeader(name, value);
    res.writeHeader('content-type', 'text/plain').end(refusal.body);
  }
}
