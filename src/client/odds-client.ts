import type { oddsgate } from '../protocol/generated/oddsgate.js';
import { ErrorCode, pb, PriceChangePolicy } from '../protocol/wire.js';
import { Backoff, fullJitter } from './backoff.js';
import { BetBook, type AcceptedBet, type BetFields } from './bets.js';
import { isTerminalClose, withSid } from './close-policy.js';
import { Connection, type ServerFrame, type WebSocketConstructor } from './connection.js';
import { Emitter } from './emitter.js';
import { BetOutcomeUnknownError, ClientClosedError, ConnectionClosedError, FrameDecodeError, InvalidBetError, OddsClientError, ServerError } from './errors.js';
import { EventViewState, type EventView, type SeqViolation } from './event-view.js';
import { newIdempotencyKey, validateBet } from './bet-input.js';
import { lookupRoute } from './route.js';
import { TokenSource, tokenExpiryMs, type TokenOption } from './token.js';

export type ClientState = 'connecting' | 'open' | 'reconnecting' | 'draining' | 'closed';

export interface StateDetail {
  code?: number;
  reason?: string;
  nodeId?: string;
  url?: string;
}

export interface WelcomeInfo {
  sessionId: string;
  nodeId: string;
  jurisdiction: string;
  authenticated: boolean;
  sid: string;
  ownerNodeId: string;
  ownerUrl: string;
  betBudgetMs: number;
}

export interface OddsClientOptions {
  /** The edge's WebSocket URL, path included: 'wss://edge.example/v1/ws'. */
  url: string;
  /** GET `${routeUrl}?sid=` before each connection and connect to the node it names (falls back to `url`). */
  routeUrl?: string;
  /** A bearer token, or a provider called before every connection (again after 4501 / 4003, and before `exp`). */
  token?: TokenOption;
  /** Session key to keep (e.g. across page loads); else the one Welcome gives is kept in memory. */
  sid?: string;
  /** WebSocket constructor: the browser's global by default; the Node entry passes `ws`. */
  WebSocket?: WebSocketConstructor;
  /** Reconnect backoff: exponential from baseMs, capped at maxMs, full jitter. Defaults 250 / 10,000. */
  reconnect?: { baseMs?: number; maxMs?: number };
  /**
   * unknownRetries: UNKNOWN answers resent with the same key before placeBet
   * rejects with BetOutcomeUnknownError (default 5); pendingTimeoutMs: how
   * long a PENDING bet waits for its final answer (default 120,000);
   * retryBaseMs / retryMaxMs: the jittered, doubling wait before each resend
   * (defaults 200 / 5,000).
   */
  bets?: { unknownRetries?: number; pendingTimeoutMs?: number; retryBaseMs?: number; retryMaxMs?: number };
  /**
   * How the token reaches the node: 'subprotocol' (default: offered as
   * "oddsgate.bearer.<jwt>" at the upgrade) or 'frame' (an Auth frame after
   * the anonymous Welcome, for stacks that cannot set the header; needs
   * allowAnonymous on the node).
   */
  auth?: 'subprotocol' | 'frame';
  /**
   * Moves to a new connection with a fresh token (from the provider) this
   * long before the token's `exp`, capped at half its remaining life; 0: only
   * when the node closes with 4003. Default 30,000.
   */
  tokenRefreshLeadMs?: number;
  /**
   * A connection silent for a third of this is pinged; one silent for all of
   * it (or one whose Welcome has not come by then) is given up as a close
   * 1006 and replaced: a dead link (a phone changing networks) is noticed
   * without waiting for TCP. 0: never. Default 20,000.
   */
  idleTimeoutMs?: number;
  /** Unix ms now (tests inject one). */
  clock?: () => number;
  /** Uniform in [0, 1): the jitter of reconnects, drain moves and bet resends. */
  random?: () => number;
}

export interface PlaceBetInput {
  eventId: string;
  marketId: string;
  selectionId: string;
  /** Decimal odds x 1000, the price the player saw (default: the view's current price). */
  price?: number;
  /** Minor units, integer > 0. */
  stake: number;
  currency: string;
  acceptPriceChange?: 'none' | 'better' | 'any';
  /** 8..64 of [A-Za-z0-9_.:-]; generated when absent. Reuse it to place the same bet again. */
  idempotencyKey?: string;
  /** Default: the market's seq in the view. */
  seq?: number;
}

type ClientEvents = {
  state: (state: ClientState, detail?: StateDetail) => void;
  welcome: (welcome: WelcomeInfo) => void;
  latency: (ms: number, eventId: string) => void;
  violation: (violation: SeqViolation) => void;
  error: (err: Error) => void;
};

interface Subscription {
  view: EventViewState;
  conflateMs: number;
  /** A Subscribe went out on the current connection and its Snapshot has not come: its odds frames are the old stream's. */
  awaiting: boolean;
  /** Refused for good (unknown event, invalid, too many): not resubscribed until subscribe() is called again. */
  refused: boolean;
  failures: number;
  retryTimer: ReturnType<typeof setTimeout> | undefined;
}

const POLICIES = { none: PriceChangePolicy.PRICE_CHANGE_POLICY_NONE, better: PriceChangePolicy.PRICE_CHANGE_POLICY_BETTER, any: PriceChangePolicy.PRICE_CHANGE_POLICY_ANY };
/** Subscribe errors worth retrying on the same connection (they do not count against the node's error budget, or say "later"). */
const RETRYABLE_SUBSCRIBE = new Set<number>([ErrorCode.ERROR_CODE_FEED_UNAVAILABLE, ErrorCode.ERROR_CODE_INTERNAL, ErrorCode.ERROR_CODE_RATE_LIMITED]);
const ERROR_PREFIX = 'ERROR_CODE_'.length;
const SUBPROTOCOL = 'oddsgate.v1';
const BEARER_PREFIX = 'oddsgate.bearer.';
const CLOSE_UNAUTHENTICATED = 4501;
const CLOSE_TOKEN_EXPIRED = 4003;
const CLOSE_DRAINED = 4004;
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * The oddsgate client: one WebSocket at a time (two while it moves), live
 * views of the events subscribed, and bets placed until they are decided.
 *
 * Connections. connect() opens the first; after that the client keeps one
 * open until close(): a lost connection is replaced after a backoff
 * (exponential, full jitter), honouring the close codes (README "Close
 * codes": 4000-4499 and 1001/1006 resumable, 4500+ and 1009 terminal; 4501
 * asks the token provider once more, 4003 reconnects with a fresh token,
 * 4004 goes to the node the Drain frame named). Every connection carries the
 * session key (`?sid=`), so the session stays on its node of the ring.
 *
 * Moves. A Drain frame, or a token about to expire, makes the client open
 * the next connection while the current one still serves (make before
 * break). Once the next one's Welcome arrives it becomes current: every
 * subscription is resumed on it from the view's own position, and from then
 * on the old socket's odds, snapshots and status frames are ignored (the new
 * one replays from that position: no gap, no duplicate), while bet answers
 * still arriving on it count. The old socket is closed once every
 * subscription is resumed and no bet is open (or by the node at its
 * deadline).
 *
 * Bets. See BetBook: open bets are sent again (same key) on each new
 * connection once their event is resumed there.
 */
export class OddsClient {
  state: ClientState = 'closed';
  nodeId: string | undefined;
  private readonly emitter: Emitter<ClientEvents>;
  private readonly subs = new Map<string, Subscription>();
  private readonly bets: BetBook;
  private readonly tokens: TokenSource;
  private readonly backoff: Backoff;
  private readonly clock: () => number;
  private readonly random: () => number;
  private readonly WebSocketCtor: WebSocketConstructor;
  private readonly handlers = {
    frame: (c: Connection, f: ServerFrame) => this.onFrame(c, f),
    close: (c: Connection, code: number, reason: string) => this.onClose(c, code, reason),
    undecodable: (_c: Connection, err: unknown) => this.emitter.emit('error', new FrameDecodeError(err)),
  };
  private sid: string | undefined;
  /** The connection serving the client. */
  private current: Connection | undefined;
  /** A connection being opened (a reconnect or a move); at most one. */
  private next: Connection | undefined;
  /** A route lookup or token provider call before `next` exists. */
  private preparing = false;
  /** Former connections kept open until their open bets are answered or resent. */
  private readonly retiring = new Set<Connection>();
  private awaitingSnapshots = 0;
  private drainTarget: { nodeId: string; url: string } | undefined;
  private attemptTimer: ReturnType<typeof setTimeout> | undefined;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private keepaliveTimer: ReturnType<typeof setInterval> | undefined;
  private pings = 0;
  /** A 4501 already made the client ask the provider for another token; a second one is terminal. */
  private tokenRetried = false;
  private started = false;
  private stopped = false;
  private waiters: Array<{ resolve: () => void; reject: (err: Error) => void }> = [];

  constructor(private readonly options: OddsClientOptions) {
    const Ctor = options.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
    if (!Ctor) throw new OddsClientError('OG_CLIENT_NO_WEBSOCKET', 'no WebSocket constructor: pass options.WebSocket (in Node, import oddsgate/client, whose Node entry passes ws)');
    this.WebSocketCtor = Ctor;
    this.clock = options.clock ?? Date.now;
    this.random = options.random ?? Math.random;
    this.emitter = new Emitter((err) => this.emitter.emit('error', err instanceof Error ? err : new Error(String(err))));
    this.tokens = new TokenSource(options.token);
    this.backoff = new Backoff(options.reconnect?.baseMs ?? 250, options.reconnect?.maxMs ?? 10_000, this.random);
    // A route lookup needs a session key before the node has given one.
    this.sid = options.sid ?? (options.routeUrl ? newIdempotencyKey() : undefined);
    this.bets = new BetBook({
      unknownRetries: options.bets?.unknownRetries ?? 5,
      pendingTimeoutMs: options.bets?.pendingTimeoutMs ?? 120_000,
      retryBaseMs: options.bets?.retryBaseMs ?? 200,
      retryMaxMs: options.bets?.retryMaxMs ?? 5_000,
      random: this.random,
      send: (frame, eventId) => this.sendBet(frame, eventId),
      onSettled: () => this.closeRetiredIfIdle(),
    });
  }

  on<K extends keyof ClientEvents>(event: K, listener: ClientEvents[K]): () => void {
    return this.emitter.on(event, listener);
  }

  /** The session key in use (Welcome's, or the one given). */
  get sessionKey(): string | undefined {
    return this.sid;
  }

  /** Resolves once a connection is open (its Welcome arrived); rejects if the client closes for good first. */
  connect(): Promise<void> {
    if (this.stopped) return Promise.reject(new ClientClosedError());
    if (this.current?.ready) return Promise.resolve();
    const opened = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    if (!this.started) {
      this.started = true;
      this.setState('connecting');
      const idleMs = this.options.idleTimeoutMs ?? 20_000;
      // One timer per client, not one per frame: it compares the clock with the connection's last frame.
      if (idleMs > 0) this.keepaliveTimer = setInterval(() => this.checkIdle(idleMs), idleMs / 3);
      void this.attempt(undefined);
    }
    return opened;
  }

  /** The live view of an event (the same object for the same id until unsubscribe). */
  subscribe(eventId: string, options: { conflateMs?: number } = {}): EventView {
    const existing = this.subs.get(eventId);
    if (existing && !existing.refused) return existing.view;
    const sub: Subscription = existing ?? {
      view: new EventViewState(eventId, (err) => this.emitter.emit('error', err as Error)),
      conflateMs: options.conflateMs ?? 0,
      awaiting: false,
      refused: false,
      failures: 0,
      retryTimer: undefined,
    };
    sub.refused = false;
    this.subs.set(eventId, sub);
    this.sendSubscribe(sub);
    return sub.view;
  }

  unsubscribe(eventId: string): void {
    const sub = this.subs.get(eventId);
    if (!sub) return;
    this.subs.delete(eventId);
    clearTimeout(sub.retryTimer);
    if (sub.awaiting) this.snapshotArrived(sub);
    this.current?.send(pb.ClientFrame.encode({ unsubscribe: { eventIds: [eventId] } }).finish());
  }

  /**
   * Places a bet and resolves with its acceptance; rejects with
   * BetRejectedError (reason, current price), BetOutcomeUnknownError (no
   * decision learnt: resend with the same key later) or InvalidBetError.
   */
  placeBet(input: PlaceBetInput, options: { onPending?: () => void } = {}): Promise<AcceptedBet> {
    if (this.stopped) return Promise.reject(new ClientClosedError());
    let fields: BetFields;
    try {
      const market = this.subs.get(input.eventId)?.view.market(input.marketId);
      const price = input.price ?? market?.selections.find((s) => s.id === input.selectionId)?.price;
      fields = validateBet({
        idempotencyKey: input.idempotencyKey ?? newIdempotencyKey(),
        eventId: input.eventId,
        marketId: input.marketId,
        selectionId: input.selectionId,
        price: price ?? 0,
        seq: input.seq ?? market?.seq ?? 0,
        stake: input.stake,
        currency: input.currency,
        acceptPriceChange: POLICIES[input.acceptPriceChange ?? 'none'],
      });
      if (this.bets.has(fields.idempotencyKey)) throw new InvalidBetError(`a bet with key ${fields.idempotencyKey} is still open`);
    } catch (err) {
      return Promise.reject(err);
    }
    return this.bets.place(fields, options.onPending);
  }

  /** Stops: closes every socket, ends open bets with BetOutcomeUnknownError. */
  close(): void {
    this.stop(new ClientClosedError(), undefined);
  }

  // ---------------------------------------------------------------- connections

  /** Opens the next connection (to `target`, else where the route lookup says, else `url`). */
  private async attempt(target: string | undefined): Promise<void> {
    if (this.stopped || this.preparing || this.next) return;
    this.preparing = true;
    let url: string;
    let token: string | undefined;
    try {
      url = target ?? (this.options.routeUrl && this.sid ? await lookupRoute(this.options.routeUrl, this.sid, this.options.url) : this.options.url);
      token = await this.tokens.get();
    } catch (err) {
      // The token provider failed: report it and try again later.
      this.preparing = false;
      this.emitter.emit('error', err instanceof Error ? err : new Error(String(err)));
      return this.retryLater(target);
    }
    this.preparing = false;
    if (this.stopped) return;
    const protocols = token && this.options.auth !== 'frame' ? [SUBPROTOCOL, BEARER_PREFIX + token] : [SUBPROTOCOL];
    try {
      this.next = new Connection(this.WebSocketCtor, url, withSid(url, this.sid), protocols, this.handlers, this.clock);
    } catch (err) {
      // A malformed URL (from a route answer or a Drain frame): report, back off, ask again.
      this.emitter.emit('error', err instanceof Error ? err : new Error(String(err)));
      this.retryLater(undefined);
    }
  }

  private retryLater(target: string | undefined): void {
    if (this.stopped || this.attemptTimer) return;
    this.attemptTimer = setTimeout(() => {
      this.attemptTimer = undefined;
      void this.attempt(target);
    }, this.backoff.next());
  }

  private onWelcome(connection: Connection, welcome: oddsgate.v1.Welcome): void {
    if (connection !== this.next) return;
    const token = this.tokens.current;
    if (this.options.auth === 'frame' && token && !connection.authSent) {
      // The anonymous Welcome; the authenticated one follows the Auth frame (or 4501).
      connection.authSent = true;
      connection.send(pb.ClientFrame.encode({ auth: { token } }).finish());
      return;
    }
    this.promote(connection, welcome);
  }

  /** The next connection is usable: it becomes current, resumes everything, and the old one retires. */
  private promote(connection: Connection, welcome: oddsgate.v1.Welcome): void {
    this.next = undefined;
    const old = this.current;
    this.current = connection;
    connection.ready = true;
    connection.welcome = welcome;
    this.sid = welcome.sid || this.sid;
    this.nodeId = welcome.nodeId;
    this.drainTarget = undefined;
    this.backoff.reset();
    if (welcome.authenticated) this.tokenRetried = false;
    if (old && !old.closed) this.retiring.add(old);
    this.setState('open', { nodeId: welcome.nodeId, url: connection.baseUrl });
    this.emitter.emit('welcome', {
      sessionId: welcome.sessionId,
      nodeId: welcome.nodeId,
      jurisdiction: welcome.jurisdiction,
      authenticated: welcome.authenticated,
      sid: welcome.sid,
      ownerNodeId: welcome.ownerNodeId,
      ownerUrl: welcome.ownerUrl,
      betBudgetMs: welcome.betBudgetMs,
    });
    this.scheduleTokenRefresh(connection);
    this.resumeAll(connection);
    for (const w of this.waiters.splice(0)) w.resolve();
  }

  private onClose(connection: Connection, code: number, reason: string): void {
    if (this.retiring.delete(connection) || this.stopped) return;
    if (connection === this.next) {
      // The attempt failed (refused upgrade: 1006; a refused token: 4501). With a route lookup, ask
      // the ring where the session lives now; without one, try the node a Drain frame named again.
      this.next = undefined;
      if (this.terminalFor(code, reason)) return;
      return this.retryLater(this.options.routeUrl ? undefined : this.drainTarget?.url);
    }
    if (connection !== this.current) return;
    this.current = undefined;
    for (const sub of this.subs.values()) if (sub.awaiting) this.snapshotArrived(sub);
    if (this.terminalFor(code, reason)) return;
    this.setState('reconnecting', { code, reason });
    if (this.next || this.preparing) return; // a move is under way: its connection takes over
    this.retryLater(code === CLOSE_DRAINED ? this.drainTarget?.url : undefined);
  }

  /** Stops the client if `code` says reconnecting cannot help; true if it did. */
  private terminalFor(code: number, reason: string): boolean {
    if (code === CLOSE_UNAUTHENTICATED) {
      // The token was refused: ask the provider once more; a second refusal is final.
      if (this.tokens.refreshable && !this.tokenRetried) {
        this.tokenRetried = true;
        return false;
      }
    } else if (code === CLOSE_TOKEN_EXPIRED) {
      if (this.tokens.refreshable) return false;
    } else if (!isTerminalClose(code)) {
      return false;
    }
    this.stop(new ConnectionClosedError(code, reason), { code, reason });
    return true;
  }

  private stop(err: Error, detail: StateDetail | undefined): void {
    if (this.stopped) return;
    this.stopped = true;
    clearTimeout(this.attemptTimer);
    clearTimeout(this.refreshTimer);
    clearInterval(this.keepaliveTimer);
    for (const sub of this.subs.values()) clearTimeout(sub.retryTimer);
    for (const c of [this.current, this.next, ...this.retiring]) c?.close(1000, 'client closed');
    this.current = this.next = undefined;
    this.retiring.clear();
    this.bets.failAll((key) => new BetOutcomeUnknownError(key, err.message));
    for (const w of this.waiters.splice(0)) w.reject(err);
    this.setState('closed', detail);
    if (!(err instanceof ClientClosedError)) this.emitter.emit('error', err);
  }

  private onDrain(drain: oddsgate.v1.Drain): void {
    if (this.drainTarget) return; // one move per drain
    this.drainTarget = { nodeId: drain.nodeId, url: drain.nodeUrl };
    // A moment in the first half of [reconnect_at, deadline): the node spreads reconnect_at over its
    // window; the jitter spreads clients given the same moment, and the second half is left to resume.
    const now = this.clock();
    const from = Math.max(now, drain.reconnectAtMs);
    const until = Math.max(from, drain.deadlineMs);
    const delay = from - now + (this.random() * (until - from)) / 2;
    this.setState('draining', { nodeId: drain.nodeId, url: drain.nodeUrl });
    clearTimeout(this.attemptTimer);
    this.attemptTimer = setTimeout(() => {
      this.attemptTimer = undefined;
      void this.attempt(this.drainTarget?.url);
    }, delay);
  }

  /** With a token provider: move to a connection with a fresh token before this one's token expires. */
  private scheduleTokenRefresh(connection: Connection): void {
    clearTimeout(this.refreshTimer);
    const lead = this.options.tokenRefreshLeadMs ?? 30_000;
    const token = this.tokens.current;
    const exp = token && this.tokens.refreshable && lead > 0 ? tokenExpiryMs(token) : undefined;
    if (exp === undefined) return;
    const left = exp - this.clock();
    const due = Math.max(0, left - Math.min(lead, left / 2));
    // setTimeout fires at once past 2^31-1 ms (24.8 days): a far exp is looked at again then.
    const wait = Math.min(due, MAX_TIMER_MS);
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      if (this.current !== connection) return;
      if (wait < due) this.scheduleTokenRefresh(connection);
      else void this.attempt(connection.baseUrl);
    }, wait);
  }

  /** Pings a quiet current connection, and gives up on a silent one, or on a next one that never opened. */
  private checkIdle(idleMs: number): void {
    const now = this.clock();
    const next = this.next;
    if (next && now - next.lastFrameAt >= idleMs) next.abandon(`no Welcome within ${idleMs} ms (idleTimeoutMs)`);
    const connection = this.current;
    if (!connection?.ready) return;
    const silentMs = now - connection.lastFrameAt;
    if (silentMs >= idleMs) connection.abandon(`no frame for ${silentMs} ms (idleTimeoutMs ${idleMs})`);
    else if (silentMs >= idleMs / 3) connection.send(pb.ClientFrame.encode({ ping: { nonce: ++this.pings } }).finish());
  }

  private closeRetiredIfIdle(): void {
    if (this.retiring.size === 0 || this.awaitingSnapshots > 0 || this.bets.size > 0) return;
    for (const old of this.retiring) old.close(1000, 'moved');
  }

  private setState(state: ClientState, detail?: StateDetail): void {
    this.state = state;
    this.emitter.emit('state', state, detail);
  }

  // ---------------------------------------------------------------- frames

  /** Decoded nested messages are instances with prototype defaults, hence the casts from the optional $Properties types. */
  private onFrame(connection: Connection, frame: ServerFrame): void {
    // From any socket of this client: an answer on a socket it has left is still the answer.
    if (frame.kind === 'betResult') return this.bets.onResult(frame.betResult as oddsgate.v1.BetResult);
    if (frame.kind === 'welcome') return this.onWelcome(connection, frame.welcome as oddsgate.v1.Welcome);
    // Everything else only from the current socket: a new one resumes what an old one would still send.
    if (connection !== this.current) return;
    switch (frame.kind) {
      case 'odds':
        return this.onOdds(frame.odds as oddsgate.v1.OddsUpdate);
      case 'snapshot':
        return this.onSnapshot(frame.snapshot as oddsgate.v1.Snapshot);
      case 'feedStatus': {
        const status = frame.feedStatus as oddsgate.v1.FeedStatus;
        return this.subs.get(status.eventId)?.view.setSuspended(status.stale);
      }
      case 'eventInfo': {
        const info = frame.eventInfo as oddsgate.v1.EventInfo;
        return this.subs.get(info.eventId)?.view.applyInfo(info);
      }
      case 'drain':
        return this.onDrain(frame.drain as oddsgate.v1.Drain);
      case 'error':
        return this.onServerError(frame.error as oddsgate.v1.Error);
      default:
        return; // Pong, or a frame kind newer than this SDK
    }
  }

  private onOdds(update: oddsgate.v1.OddsUpdate): void {
    const sub = this.subs.get(update.eventId);
    if (!sub || sub.awaiting) return; // not subscribed, or the old stream before a resubscription's snapshot
    const violation = sub.view.applyUpdate(update);
    if (violation) return this.violated(sub, violation, sub.view.resumePoint());
    if (update.publishedAtMs && this.emitter.has('latency')) this.emitter.emit('latency', this.clock() - update.publishedAtMs, update.eventId);
  }

  private onSnapshot(snapshot: oddsgate.v1.Snapshot): void {
    const sub = this.subs.get(snapshot.eventId);
    if (!sub) return;
    const violation = sub.view.applySnapshot(snapshot);
    if (sub.awaiting) this.snapshotArrived(sub);
    // A CONTINUE that does not echo the position held: start over from a full snapshot.
    if (violation) this.violated(sub, violation, undefined);
    else sub.failures = 0;
  }

  private onServerError(error: oddsgate.v1.Error): void {
    // Close 4003 follows: the reconnect takes a fresh token, and nothing is lost.
    if (error.code === ErrorCode.ERROR_CODE_TOKEN_EXPIRED) return;
    const name = (ErrorCode[error.code] as string | undefined)?.slice(ERROR_PREFIX) ?? String(error.code);
    this.emitter.emit('error', new ServerError(name, error.eventId, error.message));
    const sub = error.eventId ? this.subs.get(error.eventId) : undefined;
    if (!sub) return;
    if (sub.awaiting) this.snapshotArrived(sub);
    if (!RETRYABLE_SUBSCRIBE.has(error.code)) {
      sub.refused = true; // resubscribing would fail the same way and count against the error budget
      return;
    }
    clearTimeout(sub.retryTimer);
    sub.retryTimer = setTimeout(
      () => {
        sub.retryTimer = undefined;
        if (this.subs.get(sub.view.eventId) === sub) this.sendSubscribe(sub);
      },
      fullJitter(sub.failures++, this.options.reconnect?.baseMs ?? 250, this.options.reconnect?.maxMs ?? 10_000, this.random),
    );
  }

  private violated(sub: Subscription, violation: SeqViolation, resume: { epoch: string; offset: string } | undefined): void {
    this.emitter.emit('violation', violation);
    this.sendSubscribe(sub, resume);
  }

  // ---------------------------------------------------------------- subscriptions

  /** Every subscription resumed on a new connection, each from its view's position. */
  private resumeAll(connection: Connection): void {
    const events: oddsgate.v1.EventSubscription.$Properties[] = [];
    for (const sub of this.subs.values()) {
      clearTimeout(sub.retryTimer);
      sub.retryTimer = undefined;
      if (sub.refused) continue;
      this.markAwaiting(sub);
      events.push(this.subscription(sub, sub.view.resumePoint()));
    }
    if (events.length > 0) connection.send(pb.ClientFrame.encode({ subscribe: { events } }).finish());
    else this.resumed();
  }

  /** Subscribes (or resubscribes) one event on the current connection, if it is ready; a new connection resumes it anyway. */
  private sendSubscribe(sub: Subscription, resume = sub.view.resumePoint()): void {
    const connection = this.current;
    if (!connection?.ready) return;
    this.markAwaiting(sub);
    connection.send(pb.ClientFrame.encode({ subscribe: { events: [this.subscription(sub, resume)] } }).finish());
  }

  private subscription(sub: Subscription, resume: { epoch: string; offset: string } | undefined): oddsgate.v1.EventSubscription.$Properties {
    // A conflated subscription always starts from a REPLACE snapshot (proto: EventSubscription.resume).
    return { eventId: sub.view.eventId, resume: sub.conflateMs ? undefined : resume, conflateMs: sub.conflateMs };
  }

  private markAwaiting(sub: Subscription): void {
    if (sub.awaiting) return;
    sub.awaiting = true;
    this.awaitingSnapshots++;
  }

  private snapshotArrived(sub: Subscription): void {
    sub.awaiting = false;
    if (--this.awaitingSnapshots === 0) this.resumed();
  }

  /** Every subscription is live on the current connection: open bets go out, a retired socket may close. */
  private resumed(): void {
    const connection = this.current;
    if (!connection?.ready) return;
    this.bets.sendUnsent(connection);
    this.closeRetiredIfIdle();
  }

  private sendBet(frame: Uint8Array, eventId: string): object | undefined {
    const connection = this.current;
    // The node must hold the event before a bet on it (EVENT_NOT_SUBSCRIBED otherwise): a bet waits for its resume.
    if (!connection?.ready || this.subs.get(eventId)?.awaiting) return undefined;
    return connection.send(frame) ? connection : undefined;
  }
}
