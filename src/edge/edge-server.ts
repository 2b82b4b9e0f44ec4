import { randomBytes } from 'node:crypto';
import uWS from 'uWebSockets.js';
import type { Identity, TokenVerifier } from '../auth/token-verifier.js';
import type { BetService } from '../bets/bet-service.js';
import { FeedUnavailableError, UnknownEventError } from '../errors.js';
import type { OddsFeed } from '../feed/odds-feed.js';
import type { Hub } from '../hub/hub.js';
import type { Logger } from '../observability/logger.js';
import { CloseCode, closeReason } from '../protocol/close-codes.js';
import { decodeClientFrame, errorFrame, pongFrame, ProtocolError, welcomeFrame, type SubscribeRequest } from '../protocol/codec.js';
import { ErrorCode } from '../protocol/wire.js';
import { demoPage } from './demo-page.js';
import { Session } from './session.js';

export interface EdgeOptions {
  nodeId: string;
  host: string;
  port: number;
  maxFrameBytes: number;
  maxSubscriptionsPerConnection: number;
  subscribeRatePerSec: number;
  subscribeBurst: number;
  maxProtocolErrors: number;
  idleTimeoutSec: number;
  slowClientBufferBytes: number;
  slowClientMaxBufferBytes: number;
  slowClientTimeoutMs: number;
  slowCheckIntervalMs: number;
  allowAnonymous: boolean;
  betRatePerSec: number;
  betBudgetMs: number;
}

/** What the edge talks to; main.ts wires the concrete objects. */
export interface EdgeDependencies {
  hub: Hub;
  feed: OddsFeed;
  bets: BetService;
  auth: TokenVerifier;
  log: Logger;
  /** The events a newcomer can watch on the demo page (embedded mode knows them). */
  listEvents: () => string[];
}

/** The subprotocol a client offers next to `oddsgate.bearer.<jwt>`; the server echoes it. */
export const SUBPROTOCOL = 'oddsgate.v1';
const BEARER_PREFIX = 'oddsgate.bearer.';

type Socket = uWS.WebSocket<{ session: Session }>;

/**
 * The uWS application: the WebSocket endpoint (/v1/ws), health and
 * readiness, stats, and the demo page. Per-connection work happens only for
 * frames a client sends and for the periodic slow-consumer sweep; odds
 * fan-out is app.publish, in C++.
 */
export class EdgeServer {
  private readonly app: uWS.TemplatedApp;
  private listenSocket: uWS.us_listen_socket | undefined;
  private readonly sessions = new Set<Session>();
  private sweepTimer: NodeJS.Timeout | undefined;
  private closing = false;
  /** Largest send buffer seen in the last sweep, for /v1/stats. */
  private maxBufferedBytes = 0;

  private readonly hub: Hub;
  private readonly feed: OddsFeed;
  private readonly log: Logger;

  constructor(
    private readonly options: EdgeOptions,
    private readonly deps: EdgeDependencies,
  ) {
    this.hub = deps.hub;
    this.feed = deps.feed;
    this.log = deps.log;
    this.app = uWS.App();
    this.app.ws<{ session: Session }>('/v1/ws', {
      compression: uWS.DISABLED,
      // uWS drops a connection over maxPayloadLength without a close frame (the client sees 1006),
      // so it only guards memory; maxFrameBytes is enforced below with a proper 1009.
      maxPayloadLength: Math.max(options.maxFrameBytes * 4, 64 * 1024),
      idleTimeout: options.idleTimeoutSec,
      sendPingsAutomatically: true,
      // Over this uWS would skip a socket silently on publish (uWS.js #499); closing it instead
      // means a client is never left on a stale price: it reconnects and resumes.
      maxBackpressure: options.slowClientMaxBufferBytes,
      closeOnBackpressureLimit: 1, // typed as number in this build; read as a boolean
      upgrade: (res, req, context) => this.upgrade(res, req, context),
      open: (ws) => this.onOpen(ws),
      message: (ws, message, isBinary) => this.onMessage(ws, message, isBinary),
      drain: (ws) => this.onDrain(ws),
      close: (ws, code) => this.onClose(ws, code),
    });
    this.app.get('/healthz', (res) => {
      res.writeHeader('content-type', 'text/plain').end('ok');
    });
    this.app.get('/readyz', (res) => {
      const shards = this.feed.shards();
      const ready = !this.closing && shards.every((s) => s.reachable);
      res.writeStatus(ready ? '200 OK' : '503 Service Unavailable').writeHeader('content-type', 'application/json').end(JSON.stringify({ ready, shards }));
    });
    this.app.get('/v1/stats', (res) => {
      res.writeHeader('content-type', 'application/json').end(JSON.stringify(this.stats()));
    });
    this.app.get('/v1/events', (res) => {
      res.writeHeader('content-type', 'application/json').end(JSON.stringify({ events: this.deps.listEvents() }));
    });
    this.app.get('/', (res) => {
      res.writeHeader('content-type', 'text/html; charset=utf-8').end(demoPage);
    });
    this.app.any('/*', (res) => {
      res.writeStatus('404 Not Found').end('not found');
    });
  }

  /** The uWS app's native topic fan-out, for the hub. */
  publish(topic: string, frame: Uint8Array): void {
    this.app.publish(topic, frame, true);
  }

  listen(): Promise<number> {
    return new Promise((resolve, reject) => {
      this.app.listen(this.options.host, this.options.port, (socket) => {
        if (!socket) return reject(new Error(`cannot listen on ${this.options.host}:${this.options.port} (port setting ODDSGATE_PORT)`));
        this.listenSocket = socket;
        this.sweepTimer = setInterval(() => this.sweepSlowConsumers(), this.options.slowCheckIntervalMs);
        resolve(uWS.us_socket_local_port(socket));
      });
    });
  }

  /** Stops listening and closes every connection with 1001 (resumable). */
  close(): void {
    this.closing = true;
    clearInterval(this.sweepTimer);
    if (this.listenSocket) uWS.us_listen_socket_close(this.listenSocket);
    this.listenSocket = undefined;
    for (const session of [...this.sessions]) session.close(CloseCode.GOING_AWAY, closeReason[CloseCode.GOING_AWAY]);
  }

  stats() {
    let lagging = 0;
    for (const s of this.sessions) if (s.lagging) lagging++;
    const memory = process.memoryUsage();
    return {
      nodeId: this.options.nodeId,
      connections: this.sessions.size,
      laggingConnections: lagging,
      maxBufferedBytes: this.maxBufferedBytes,
      ...this.hub.stats(),
      shards: this.feed.shards(),
      rssBytes: memory.rss,
      heapUsedBytes: memory.heapUsed,
    };
  }

  // ---------------------------------------------------------------- WebSocket lifecycle

  /**
   * A token, if any, comes as the subprotocol `oddsgate.bearer.<jwt>` (never
   * in the URL: access logs). It is verified before the upgrade completes; a
   * bad one gets HTTP 401 and no socket.
   */
  private upgrade(res: uWS.HttpResponse, req: uWS.HttpRequest, context: uWS.us_socket_context_t): void {
    if (this.closing) {
      res.writeStatus('503 Service Unavailable').end('node is shutting down');
      return;
    }
    // HttpRequest dies at return (and at the first await): read every header now.
    const key = req.getHeader('sec-websocket-key');
    const offered = req.getHeader('sec-websocket-protocol').split(',').map((p) => p.trim());
    const extensions = req.getHeader('sec-websocket-extensions');
    const protocol = offered.includes(SUBPROTOCOL) ? SUBPROTOCOL : '';
    const token = offered.find((p) => p.startsWith(BEARER_PREFIX))?.slice(BEARER_PREFIX.length);
    const accept = (identity: Identity | null) => {
      const session = new Session(randomBytes(6).toString('hex'), this.options, identity);
      res.upgrade({ session }, key, protocol, extensions, context);
    };
    if (token === undefined) {
      if (this.options.allowAnonymous) accept(null);
      else res.writeStatus('401 Unauthorized').end('a token is required (subprotocol oddsgate.bearer.<jwt>)');
      return;
    }
    let aborted = false;
    res.onAborted(() => (aborted = true));
    this.deps.auth.verify(token).then(
      (identity) => {
        if (!aborted) res.cork(() => accept(identity));
      },
      (err: Error) => {
        this.log.info({ reason: err.message }, 'upgrade refused: bad token');
        if (!aborted) res.cork(() => res.writeStatus('401 Unauthorized').end('invalid token'));
      },
    );
  }

  private onOpen(ws: Socket): void {
    const session = ws.getUserData().session;
    session.ws = ws;
    this.sessions.add(session);
    this.welcome(session);
  }

  private welcome(session: Session): void {
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
      }),
    );
  }

  /** The Auth frame: for clients that cannot set the subprotocol header. */
  private authenticate(session: Session, token: string): void {
    if (session.identity) {
      return this.reject(session, new ProtocolError(ErrorCode.ERROR_CODE_INVALID_ARGUMENT, 'this connection is already authenticated'));
    }
    this.deps.auth.verify(token).then(
      (identity) => {
        if (!session.open) return;
        session.identity = identity;
        this.welcome(session);
      },
      (err: Error) => {
        this.log.info({ session: session.id, reason: err.message }, 'auth frame refused: bad token');
        session.send(errorFrame(ErrorCode.ERROR_CODE_UNAUTHENTICATED, 'invalid token'));
        session.close(CloseCode.UNAUTHENTICATED, closeReason[CloseCode.UNAUTHENTICATED]);
      },
    );
  }

  private onClose(ws: Socket, code: number): void {
    const session = ws.getUserData().session;
    session.open = false;
    this.sessions.delete(session);
    this.hub.dropClient(session);
    this.log.debug({ session: session.id, code }, 'connection closed');
  }

  private onMessage(ws: Socket, message: ArrayBuffer, isBinary: boolean): void {
    const arrivedAt = performance.now();
    const session = ws.getUserData().session;
    if (message.byteLength > this.options.maxFrameBytes) return session.close(CloseCode.MESSAGE_TOO_BIG, closeReason[CloseCode.MESSAGE_TOO_BIG]);
    if (!isBinary) return this.reject(session, new ProtocolError(ErrorCode.ERROR_CODE_TEXT_FRAME, 'text frames are not supported: send binary protobuf ClientFrame'));
    let command;
    try {
      // Decoded synchronously: uWS neuters the ArrayBuffer when this handler returns.
      command = decodeClientFrame(new Uint8Array(message), this.options.maxSubscriptionsPerConnection);
    } catch (err) {
      if (err instanceof ProtocolError) return this.reject(session, err);
      throw err;
    }
    switch (command.kind) {
      case 'ping':
        session.send(pongFrame(command.nonce, Date.now()));
        return;
      case 'unsubscribe':
        for (const eventId of command.eventIds) this.hub.unsubscribe(session, eventId);
        return;
      case 'subscribe':
        for (const request of command.events) this.subscribe(session, request);
        return;
      case 'auth':
        return this.authenticate(session, command.token);
      case 'placeBet':
        return this.deps.bets.place(session, session.identity, command.bet, command.problem, arrivedAt);
    }
  }

  private subscribe(session: Session, request: SubscribeRequest): void {
    const { eventId } = request;
    if (!session.subscribeTokens.take()) {
      return this.reject(session, new ProtocolError(ErrorCode.ERROR_CODE_RATE_LIMITED, 'subscribing too fast; retry later', eventId), CloseCode.RATE_LIMITED);
    }
    if (!session.subscriptions.has(eventId) && session.subscriptions.size >= this.options.maxSubscriptionsPerConnection) {
      return this.reject(
        session,
        new ProtocolError(ErrorCode.ERROR_CODE_TOO_MANY_SUBSCRIPTIONS, `at most ${this.options.maxSubscriptionsPerConnection} subscriptions per connection`, eventId),
      );
    }
    this.hub.subscribe(session, request).catch((err: unknown) => {
      if (err instanceof UnknownEventError) {
        this.reject(session, new ProtocolError(ErrorCode.ERROR_CODE_UNKNOWN_EVENT, err.message, eventId));
      } else if (err instanceof FeedUnavailableError) {
        session.send(errorFrame(ErrorCode.ERROR_CODE_FEED_UNAVAILABLE, 'the event\'s feed is unreachable; retry later', eventId));
      } else {
        this.log.error({ err, eventId, session: session.id }, 'subscribe failed');
        session.send(errorFrame(ErrorCode.ERROR_CODE_INTERNAL, 'internal error; retry later', eventId));
      }
    });
  }

  /** Answers a bad request with an Error frame; too many of them close the connection. */
  private reject(session: Session, err: ProtocolError, closeCode: CloseCode = CloseCode.PROTOCOL_VIOLATION): void {
    session.send(errorFrame(err.code, err.message, err.eventId));
    if (++session.protocolErrors > this.options.maxProtocolErrors) {
      this.log.info({ session: session.id, code: closeCode }, 'closing connection after repeated errors');
      session.close(closeCode, closeReason[closeCode]);
    }
  }

  // ---------------------------------------------------------------- slow consumers

  private onDrain(ws: Socket): void {
    const session = ws.getUserData().session;
    if (session.lagging && ws.getBufferedAmount() <= this.lowWater()) this.hub.catchUp(session);
  }

  /**
   * Runs every slowCheckIntervalMs: a socket whose send buffer passed
   * slowClientBufferBytes stops receiving live frames (bounded memory); it
   * catches up from a snapshot once drained, or is closed with 4001 if it
   * stays behind for slowClientTimeoutMs.
   */
  private sweepSlowConsumers(): void {
    const now = Date.now();
    let max = 0;
    for (const session of this.sessions) {
      const buffered = session.ws!.getBufferedAmount();
      if (buffered > max) max = buffered;
      if (!session.lagging) {
        if (buffered >= this.options.slowClientBufferBytes) {
          session.laggingSince = now;
          this.hub.pause(session);
        }
      } else if (buffered <= this.lowWater()) {
        this.hub.catchUp(session);
      } else if (now - session.laggingSince > this.options.slowClientTimeoutMs) {
        this.log.info({ session: session.id, buffered }, 'closing slow consumer');
        session.close(CloseCode.SLOW_CONSUMER, closeReason[CloseCode.SLOW_CONSUMER]);
      }
    }
    this.maxBufferedBytes = max;
  }

  private lowWater(): number {
    return this.options.slowClientBufferBytes / 8;
  }
}
