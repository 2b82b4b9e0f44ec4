import uWS from 'uWebSockets.js';
import { OddsgateError } from '../errors.js';
import type { ShardState } from '../feed/odds-feed.js';
import type { HubClient } from '../hub/hub-client.js';
import type { Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import { CloseCode } from '../protocol/close-codes.js';
import { welcomeFrame } from '../protocol/codec.js';
import { SessionDrainer, type DrainOptions, type DrainProgress } from '../routing/drain.js';
import { EdgeMetrics } from './edge-metrics.js';
import { FrameHandler, type BetPlacement, type FrameLimits, type Subscriptions } from './frame-handler.js';
import { registerHttpRoutes, type DemoTokenIssuer, type HttpRouteSources } from './http-routes.js';
import { Keepalive, uwsIdleTimeoutSec } from './keepalive.js';
import { Session, type SessionLimits, type SessionRecorder } from './session.js';
import { SessionExpiry } from './session-expiry.js';
import { SlowConsumers, type Pausable, type SlowConsumerOptions } from './slow-consumers.js';
import { SourceLimits, type SourceLimitOptions } from './source-limits.js';
import { TokenGate, type Verifier } from './token-gate.js';
import { UpgradeHandler, type UpgradeOptions } from './upgrade.js';

export { SUBPROTOCOL } from './upgrade.js';

export interface EdgeOptions extends FrameLimits, SessionLimits, SlowConsumerOptions, SourceLimitOptions, UpgradeOptions {
  nodeId: string;
  balancerUrl: string;
  drainStartDelayMs: number;
  drainWindowMs: number;
  drainGraceMs: number;
  drainWaveMs: number;
  host: string;
  port: number;
  idleTimeoutSec: number;
  slowClientMaxBufferBytes: number;
  betRatePerSec: number;
  betBudgetMs: number;
  maxPendingTokenChecks: number;
}

/** What the edge asks of the hub. */
export interface EdgeHub extends Subscriptions, Pausable {
  dropClient(client: HubClient): void;
  stats(): object;
}

/** What the edge talks to; main.ts wires the concrete objects. */
export interface EdgeDependencies {
  hub: EdgeHub;
  /** The feed's shards, for readiness and stats. */
  shards: () => ShardState[];
  bets: BetPlacement;
  /** The owner of a session key on the ring of active nodes (advice for clients: Welcome, /v1/route, Drain). */
  routes: { owner(sid: string): { id: string; url: string } | undefined };
  auth: Verifier;
  log: Logger;
  metrics: Pick<Metrics, 'upgradesRefused' | 'tokenChecks' | 'protocolErrors' | 'closes' | 'framesSent' | 'framesReceived' | 'slowConsumers'>;
  /** The events a newcomer can watch (embedded store or Redis catalogues). */
  listEvents: HttpRouteSources['listEvents'];
  /** Embedded mode only: mints demo players' tokens (POST /v1/demo-token). */
  demoTokens?: DemoTokenIssuer;
}

type Socket = uWS.WebSocket<{ session: Session }>;

/** Housekeeping runs once a second: token expiry; per-source entries are swept every minute. */
const HOUSEKEEPING_MS = 1_000;
const SOURCE_SWEEP_TICKS = 60;

/**
 * The uWS application and the lifecycle of its connections: it composes the
 * upgrade (handshake, limits, auth), the frame handler, the HTTP routes,
 * slow-consumer handling and token expiry, and owns listen and close. Odds
 * fan-out is app.publish, in C++: no JavaScript runs per client per update.
 */
export class EdgeServer {
  private listenSocket: uWS.us_listen_socket | undefined;
  private readonly sessions = new Set<Session>();
  private readonly sources: SourceLimits;
  private readonly expiry = new SessionExpiry<Session>();
  private readonly slow: SlowConsumers;
  /** Pings and idle closes, spread per connection (idleTimeoutSec 0: off). */
  private readonly keepalive: Keepalive<Session> | undefined;
  private readonly frames: FrameHandler;
  private readonly recorder: SessionRecorder;
  private readonly edgeMetrics: EdgeMetrics;
  private drainer: SessionDrainer<Session> | undefined;
  private slowTimer: NodeJS.Timeout | undefined;
  private keepaliveTimer: NodeJS.Timeout | undefined;
  private housekeepingTimer: NodeJS.Timeout | undefined;
  private housekeepingTicks = 0;
  private closing = false;

  constructor(
    private readonly app: uWS.TemplatedApp,
    private readonly options: EdgeOptions,
    private readonly deps: EdgeDependencies,
  ) {
    const { metrics, log } = deps;
    this.edgeMetrics = new EdgeMetrics(metrics);
    this.recorder = { sent: (kind) => this.edgeMetrics.sent[kind].inc(), error: (code) => this.edgeMetrics.error(code) };
    this.sources = new SourceLimits(options);
    const tokens = new TokenGate(deps.auth, options.maxPendingTokenChecks, metrics);
    this.slow = new SlowConsumers(options, deps.hub, this.edgeMetrics.slow, log);
    this.keepalive = options.idleTimeoutSec > 0 ? new Keepalive<Session>(options.idleTimeoutSec) : undefined;
    this.frames = new FrameHandler(options, { hub: deps.hub, bets: deps.bets, tokens, sources: this.sources, log, received: this.edgeMetrics.received, authenticated: (s) => this.authenticated(s) });
    const upgrade = new UpgradeHandler(options, {
      sources: this.sources,
      tokens,
      metrics,
      accepting: () => !this.closing,
      createSession: (id, sid, source, token) => new Session(id, sid, source, this.options, token, this.recorder, this.options.balancerUrl, this.slow),
    });

    this.app.ws<{ session: Session }>('/v1/ws', {
      compression: uWS.DISABLED,
      // uWS drops a connection over maxPayloadLength without a close frame (the client sees 1006),
      // so it only guards memory; maxFrameBytes is enforced by the frame handler with a proper 1009.
      maxPayloadLength: Math.max(options.maxFrameBytes * 4, 64 * 1024),
      // uWS pings a socket after a fixed silence, so sockets that connected together are pinged
      // together, for as long as they stay (a connect burst at 50,000 sockets: one bad second every
      // ~100 s). Keepalive pings and closes silent clients instead, each connection at its own phase;
      // uWS's timeout stays beyond it, for the close frame's grace after end() (uwsIdleTimeoutSec).
      idleTimeout: uwsIdleTimeoutSec(options.idleTimeoutSec),
      sendPingsAutomatically: false,
      // Over this uWS would skip a socket silently on publish (uWS.js #499); closing it instead
      // means a client is never left on a stale price: it reconnects and resumes.
      maxBackpressure: options.slowClientMaxBufferBytes,
      closeOnBackpressureLimit: 1, // typed as number in this build; read as a boolean
      upgrade: (res, req, context) => upgrade.handle(res, req, context),
      open: (ws) => this.onOpen(ws),
      message: (ws, message, isBinary) => {
        const session = ws.getUserData().session;
        this.keepalive?.heard(session);
        this.frames.handle(session, message, isBinary);
      },
      ping: (ws) => this.keepalive?.heard(ws.getUserData().session),
      pong: (ws) => this.keepalive?.heard(ws.getUserData().session),
      close: (ws, code) => this.onClose(ws, code),
    });
    // uWS answers requests to a ws route that it will not upgrade (a malformed key) from the HTTP routes.
    this.app.any('/v1/ws', (res) => {
      deps.metrics.upgradesRefused.inc({ reason: 'key' });
      res.writeStatus('400 Bad Request').writeHeader('content-type', 'text/plain').end('expected a WebSocket upgrade (RFC 6455) with a valid Sec-WebSocket-Key');
    });
    registerHttpRoutes(this.app, {
      ready: () => this.ready(),
      accepting: () => !this.closing,
      shards: deps.shards,
      stats: () => this.stats(),
      listEvents: deps.listEvents,
      demoTokens: deps.demoTokens,
      owner: (sid) => deps.routes.owner(sid),
    });
  }

  listen(): Promise<number> {
    return new Promise((resolve, reject) => {
      this.app.listen(this.options.host, this.options.port, (socket) => {
        if (!socket) return reject(new OddsgateError('OG_LISTEN', `cannot listen on ${this.options.host}:${this.options.port} (port setting ODDSGATE_PORT): in use, or not an address of this host`));
        this.listenSocket = socket;
        this.slowTimer = setInterval(() => this.slow.tick(), this.options.slowCheckIntervalMs);
        if (this.keepalive) this.keepaliveTimer = setInterval(() => this.keepalive!.tick(), this.keepalive.tickMs);
        this.housekeepingTimer = setInterval(() => this.housekeeping(), HOUSEKEEPING_MS);
        resolve(uWS.us_socket_local_port(socket));
      });
    });
  }

  get connections(): number {
    return this.sessions.size;
  }

  /** Readiness turns 503 and new upgrades are refused (503, Retry-After); open connections stay. */
  stopAccepting(): void {
    this.closing = true;
  }

  /**
   * Moves every client to its successor on the ring (Drain frames in waves),
   * closes stragglers at the deadline; resolves when no connection is left.
   * The caller takes this node off the ring first.
   */
  drain(): Promise<DrainProgress> {
    this.stopAccepting();
    const options: DrainOptions = { startDelayMs: this.options.drainStartDelayMs, windowMs: this.options.drainWindowMs, graceMs: this.options.drainGraceMs, waveMs: this.options.drainWaveMs };
    this.drainer ??= new SessionDrainer(options, {
      sessions: () => this.sessions,
      successor: (sid) => this.deps.routes.owner(sid),
      now: Date.now,
      random: Math.random,
    });
    return this.drainer.start();
  }

  /** Ends a drain at once: every connection left is closed with 4004 (a second SIGTERM, the hard deadline). */
  cutDrainShort(): void {
    this.drainer?.cutShort();
  }

  drainProgress(): DrainProgress | undefined {
    return this.drainer?.progress();
  }

  /** Stops listening and closes every connection with 1001 (resumable). */
  close(): void {
    this.closing = true;
    clearInterval(this.slowTimer);
    clearInterval(this.keepaliveTimer);
    clearInterval(this.housekeepingTimer);
    if (this.listenSocket) uWS.us_listen_socket_close(this.listenSocket);
    this.listenSocket = undefined;
    for (const session of [...this.sessions]) session.close(CloseCode.GOING_AWAY);
  }

  /** Ready means "this node can serve": not draining, and able to reach at least one shard (or has none: embedded). */
  ready(): boolean {
    const shards = this.deps.shards();
    return !this.closing && (shards.length === 0 || shards.some((s) => s.reachable));
  }

  /** Open connections by state (one pass; at scrape time, never per frame). */
  connectionStates(): { anonymous: number; authenticated: number; lagging: number; draining: number } {
    const states = { anonymous: 0, authenticated: 0, lagging: 0, draining: 0 };
    for (const s of this.sessions) {
      if (s.identity) states.authenticated++;
      else states.anonymous++;
      if (s.lagging) states.lagging++;
      if (s.drainSent) states.draining++;
    }
    return states;
  }

  stats() {
    let lagging = 0;
    for (const s of this.sessions) if (s.lagging) lagging++;
    const memory = process.memoryUsage();
    return {
      nodeId: this.options.nodeId,
      /** Which worker process answered (workers share the port). */
      pid: process.pid,
      connections: this.sessions.size,
      laggingConnections: lagging,
      maxBufferedBytes: this.slow.maxBufferedBytes,
      /** Slow-consumer checks: sockets watched for a backlog, and send buffers read by the last tick. */
      backedUpConnections: this.slow.watching,
      bufferChecksLastTick: this.slow.visitedLastTick,
      ...this.deps.hub.stats(),
      shards: this.deps.shards(),
      rssBytes: memory.rss,
      heapUsedBytes: memory.heapUsed,
    };
  }

  private onOpen(ws: Socket): void {
    const session = ws.getUserData().session;
    session.ws = ws;
    this.sessions.add(session);
    this.sources.opened(session.source);
    this.keepalive?.track(session);
    // With a token the Welcome waits for its check (authenticated() sends it).
    if (session.connectToken !== undefined) return this.frames.verifyConnectToken(session);
    this.welcome(session);
  }

  /** An Auth frame's token was accepted. */
  private authenticated(session: Session): void {
    this.expiry.track(session, session.identity!.expiresAtMs);
    this.welcome(session);
  }

  private welcome(session: Session): void {
    const owner = this.deps.routes.owner(session.sid);
    session.send(
      welcomeFrame({
        sessionId: session.id,
        nodeId: this.options.nodeId,
        jurisdiction: session.identity?.jurisdiction ?? '',
        authenticated: session.identity !== null,
        maxFrameBytes: this.options.maxFrameBytes,
        maxSubscriptions: this.options.maxSubscriptionsPerConnection,
        betRatePerSec: this.options.betRatePerSec,
        betBudgetMs: this.options.betBudgetMs,
        sid: session.sid,
        ownerNodeId: owner?.id ?? '',
        ownerUrl: owner?.url ?? '',
      }),
      'welcome',
    );
  }

  private onClose(ws: Socket, code: number): void {
    const session = ws.getUserData().session;
    session.open = false;
    this.sessions.delete(session);
    this.sources.closed(session.source);
    this.expiry.untrack(session);
    this.keepalive?.untrack(session);
    this.slow.forget(session);
    this.deps.hub.dropClient(session);
    this.drainer?.closed(session);
    this.edgeMetrics.closed(code);
    this.deps.log.debug({ session: session.id, code }, 'connection closed');
  }

  private housekeeping(): void {
    const expired = this.expiry.tick();
    if (expired > 0) this.deps.log.info({ expired }, 'closed sessions whose token expired (4003)');
    if (++this.housekeepingTicks % SOURCE_SWEEP_TICKS === 0) this.sources.sweep();
  }
}
