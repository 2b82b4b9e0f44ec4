import WebSocket from 'ws';
import { ErrorCode, pb, SnapshotMode } from '../../src/protocol/wire.js';
import type { oddsgate } from '../../src/protocol/generated/oddsgate.js';

type OddsUpdate = oddsgate.v1.OddsUpdate;
type ServerFrame = oddsgate.v1.ServerFrame;

export interface SocketOptions {
  protocols?: string[];
  localAddress?: string;
  headers?: Record<string, string>;
}

/** Frames this client no longer applies once it moved to another socket: the new socket resumes them. */
const STREAM_FRAMES = new Set(['odds', 'snapshot', 'feedStatus', 'eventInfo']);

export interface EventView {
  epoch: string;
  seq: number;
  offset: string;
  conflateMs: number;
  stale: boolean;
  markets: Map<string, OddsUpdate>;
  snapshots: number;
  replaces: number;
  updates: OddsUpdate[];
  /** The display data held: from the last REPLACE that carried one, or a newer EventInfo frame. */
  info?: oddsgate.v1.EventInfo;
  /** Every EventInfo frame received for the event, applied or not (a version not above the one held is ignored). */
  infoFrames?: oddsgate.v1.EventInfo[];
  /** What the client had received just before each EventInfo frame: the event's seq then (info is outside the seq chain). */
  infoAfterSeq?: number[];
}

/**
 * A protocol client for tests, over a real WebSocket. It applies every frame
 * to its own copy of each event and checks the stream invariant on every
 * update: seq = previous + 1 since the last snapshot (or prev_seq = previous
 * on conflated subscriptions). Violations are collected, and every test
 * asserts there are none.
 *
 * Its state can move to a new socket (moveTo: a drained client going to its
 * successor): from the moment the new socket opens, the old one's odds,
 * snapshots and feed status are dropped, since the client resumes those on the
 * new socket from its own position, so the invariant is checked across the
 * move; bet results from the old socket still count (they are real answers).
 */
export class OddsClient {
  readonly events = new Map<string, EventView>();
  readonly errors: oddsgate.v1.Error[] = [];
  readonly welcomes: oddsgate.v1.Welcome[] = [];
  /** Drain frames received (from any of this client's sockets). */
  readonly drains: oddsgate.v1.Drain[] = [];
  /** REPLACE snapshots that replaced state this client held: from where to where (a resume that did not continue). */
  readonly replacements: Array<{ eventId: string; from: { epoch: string; seq: number }; to: { epoch: string; seq: number } }> = [];
  /** Odds, snapshots and feed status that arrived on a socket this client had already moved away from (not applied). */
  droppedAfterMove = 0;
  readonly betResults: oddsgate.v1.BetResult[] = [];
  /** The same results by idempotency key (floods look them up per frame). */
  readonly betResultsByKey = new Map<string, oddsgate.v1.BetResult[]>();
  readonly violations: string[] = [];
  /** The most recent frame (frames are not all kept: a flood test receives 10,000). */
  lastFrame: ServerFrame | undefined;
  /** Updates received over the connection, including those not kept in `updates`. */
  updateCount = 0;
  /** The close code of the current socket, once it closed. */
  closeCode: number | undefined;
  /** Resolves with the current socket's close code (a move replaces it with the new socket's). */
  closed: Promise<number>;
  /** The current socket (a move replaces it). */
  ws: WebSocket;
  private pongs = 0;
  private readonly waiters = new Set<{ check: () => boolean; resolve: () => void }>();
  private readonly frameListeners: Array<(frame: ServerFrame, current: boolean) => void> = [];

  private constructor(
    ws: WebSocket,
    /** Keep every update in EventView.updates (off for floods: memory). */
    private readonly keepUpdates: boolean,
  ) {
    this.ws = ws;
    this.closed = this.attach(ws);
  }

  static async connect(port: number, options: SocketOptions & { keepUpdates?: boolean } = {}): Promise<OddsClient> {
    return OddsClient.connectUrl(`ws://127.0.0.1:${port}/v1/ws`, options);
  }

  /** Connects to a full URL (a node's or a balancer's, with `?sid=` when the test keeps a session key). */
  static async connectUrl(url: string, options: SocketOptions & { keepUpdates?: boolean } = {}): Promise<OddsClient> {
    const ws = openSocket(url, options);
    // Listen before 'open': the server's first frame can arrive in the same read as the handshake.
    const client = new OddsClient(ws, options.keepUpdates ?? true);
    await opened(ws);
    return client;
  }

  /**
   * Opens a socket to `url` and, in the 'open' event itself, makes it this
   * client's socket and calls `switched(old)` synchronously: send the resume
   * subscriptions there, so they carry exactly the position the client holds
   * at the switch. From then on the old socket's odds, snapshots and feed
   * status are dropped; its other frames (bet results) still count. Closing
   * the old socket is the caller's. Rejects, the client unchanged, when the
   * connection or the upgrade fails.
   */
  async moveTo(url: string, options: SocketOptions, switched: (old: WebSocket) => void): Promise<void> {
    const ws = openSocket(url, options);
    const closed = this.attach(ws);
    ws.once('open', () => {
      const old = this.ws;
      this.ws = ws;
      this.closed = closed;
      this.closeCode = undefined;
      switched(old);
    });
    await opened(ws);
  }

  /** Called after every frame is applied, with whether it came from the current socket. */
  addFrameListener(listener: (frame: ServerFrame, current: boolean) => void): void {
    this.frameListeners.push(listener);
  }

  subscribe(...events: Array<string | oddsgate.v1.EventSubscription.$Properties>): void {
    const list = events.map((e) => (typeof e === 'string' ? { eventId: e } : e));
    this.sendRaw(pb.ClientFrame.encode({ subscribe: { events: list } }).finish());
  }

  /**
   * Subscribes and waits until every event has its snapshot and a live feed.
   * An event the node refuses with FEED_UNAVAILABLE (its shard stale at that
   * moment: a heartbeat late by more than feedStaleMs on a loaded machine) is
   * subscribed again, as the SDK does; `timeoutMs` is only an outer bound.
   */
  async subscribeUntilLive(subscriptions: Array<string | oddsgate.v1.EventSubscription.$Properties>, timeoutMs = 30_000): Promise<void> {
    const list = subscriptions.map((e) => (typeof e === 'string' ? { eventId: e } : e));
    const byEvent = new Map(list.map((s) => [s.eventId ?? '', s]));
    let errorsSeen = this.errors.length;
    const resubscribeRefused = setInterval(() => {
      for (const error of this.errors.slice(errorsSeen)) {
        const refused = byEvent.get(error.eventId ?? '');
        if (refused && error.code === ErrorCode.ERROR_CODE_FEED_UNAVAILABLE && !this.events.has(refused.eventId ?? '')) this.subscribe(refused);
      }
      errorsSeen = this.errors.length;
    }, 200);
    this.subscribe(...list);
    try {
      await this.waitFor(() => list.every((s) => this.events.get(s.eventId ?? '')?.stale === false), 'every event served live', timeoutMs);
    } finally {
      clearInterval(resubscribeRefused);
    }
  }

  /** Subscribes again from where this client left off (epoch + last offset). */
  resume(eventId: string, extra: { conflateMs?: number } = {}): void {
    const view = this.view(eventId);
    this.subscribe({ eventId, resume: { epoch: view.epoch, offset: view.offset }, ...extra });
  }

  unsubscribe(...eventIds: string[]): void {
    this.sendRaw(pb.ClientFrame.encode({ unsubscribe: { eventIds } }).finish());
  }

  async ping(nonce: number): Promise<void> {
    const before = this.pongs;
    this.sendRaw(pb.ClientFrame.encode({ ping: { nonce } }).finish());
    await this.waitFor(() => this.pongs > before, 'pong', 5_000);
  }

  sendRaw(bytes: Uint8Array | string): void {
    this.ws.send(bytes, { binary: typeof bytes !== 'string' });
  }

  view(eventId: string): EventView {
    const v = this.events.get(eventId);
    if (!v) throw new Error(`no snapshot received for ${eventId}`);
    return v;
  }

  /** Resolves as soon as a received frame makes `check` true (checked on every frame, not polled). */
  waitFor(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const waiter = {
        check,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  waitForSeq(eventId: string, seq: number, timeoutMs = 10_000): Promise<void> {
    return this.waitFor(() => (this.events.get(eventId)?.seq ?? -1) >= seq, `${eventId} at seq ${seq}`, timeoutMs);
  }

  /** Stops reading from the socket: the server's send buffer fills up, as with a stalled phone. */
  stopReading(): void {
    (this.ws as unknown as { _socket: { pause(): void } })._socket.pause();
  }

  resumeReading(): void {
    (this.ws as unknown as { _socket: { resume(): void } })._socket.resume();
  }

  close(): Promise<number> {
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) this.ws.close();
    return this.closed;
  }

  /** Drops the TCP connection without a close handshake. */
  terminate(): Promise<number> {
    this.ws.terminate();
    return this.closed;
  }

  private attach(ws: WebSocket): Promise<number> {
    ws.binaryType = 'nodebuffer';
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      const frame = this.onFrame(data, isBinary, ws === this.ws);
      if (frame) for (const listener of this.frameListeners) listener(frame, ws === this.ws);
      for (const waiter of this.waiters) {
        if (waiter.check()) {
          this.waiters.delete(waiter);
          waiter.resolve();
        }
      }
    });
    ws.on('error', () => undefined); // the close code is what tests look at
    return new Promise((resolve) =>
      ws.once('close', (code) => {
        if (ws === this.ws) this.closeCode = code;
        resolve(code);
      }),
    );
  }

  private onFrame(data: Buffer, isBinary: boolean, current: boolean): ServerFrame | undefined {
    if (!isBinary) {
      this.violations.push('server sent a text frame');
      return undefined;
    }
    const frame = pb.ServerFrame.decode(data);
    this.lastFrame = frame;
    if (!current && STREAM_FRAMES.has(frame.kind ?? '')) {
      this.droppedAfterMove++;
      return frame;
    }
    this.apply(frame);
    return frame;
  }

  private apply(frame: ServerFrame): void {
    switch (frame.kind) {
      case 'snapshot':
        return this.onSnapshot(frame.snapshot as oddsgate.v1.Snapshot);
      case 'odds':
        return this.onOdds(frame.odds as OddsUpdate);
      case 'eventInfo':
        return this.onEventInfo(frame.eventInfo as oddsgate.v1.EventInfo);
      case 'feedStatus': {
        const view = this.events.get(frame.feedStatus!.eventId ?? "");
        if (view) view.stale = !!frame.feedStatus!.stale;
        return;
      }
      case 'error':
        this.errors.push(frame.error as oddsgate.v1.Error);
        return;
      case 'pong':
        this.pongs++;
        return;
      case 'welcome':
        this.welcomes.push(frame.welcome as oddsgate.v1.Welcome);
        return;
      case 'betResult': {
        const result = frame.betResult as oddsgate.v1.BetResult;
        this.betResults.push(result);
        const byKey = this.betResultsByKey.get(result.idempotencyKey);
        if (byKey) byKey.push(result);
        else this.betResultsByKey.set(result.idempotencyKey, [result]);
        return;
      }
      case 'drain':
        this.drains.push(frame.drain as oddsgate.v1.Drain);
        return;
      default:
        this.violations.push(`frame with no known kind: ${JSON.stringify(frame)}`);
    }
  }

  private onSnapshot(s: oddsgate.v1.Snapshot): void {
    const prev = this.events.get(s.eventId);
    if (s.mode === SnapshotMode.SNAPSHOT_MODE_CONTINUE) {
      if (!prev) return void this.violations.push(`CONTINUE snapshot for ${s.eventId} without earlier state`);
      if (prev.epoch !== s.epoch || prev.offset !== s.offset || prev.seq !== s.seq) {
        this.violations.push(`CONTINUE for ${s.eventId} at ${s.epoch}/${s.seq}/${s.offset} but client holds ${prev.epoch}/${prev.seq}/${prev.offset}`);
      }
      prev.snapshots++;
      prev.stale = false;
      return;
    }
    if (prev) this.replacements.push({ eventId: s.eventId, from: { epoch: prev.epoch, seq: prev.seq }, to: { epoch: s.epoch, seq: s.seq } });
    const markets = new Map<string, OddsUpdate>();
    for (const m of s.markets ?? []) markets.set(m.marketId ?? "", m as OddsUpdate);
    this.events.set(s.eventId, {
      epoch: s.epoch,
      seq: s.seq,
      offset: s.offset,
      conflateMs: s.conflateMs,
      stale: false,
      markets,
      snapshots: (prev?.snapshots ?? 0) + 1,
      replaces: (prev?.replaces ?? 0) + 1,
      updates: prev?.updates ?? [],
      // A REPLACE carries the current info when there is one; without, the client keeps what it holds.
      info: (s.info as oddsgate.v1.EventInfo | null) ?? prev?.info,
      infoFrames: prev?.infoFrames ?? [],
      infoAfterSeq: prev?.infoAfterSeq ?? [],
    });
  }

  /** Display data is outside the seq chain: applied when its version is above the one held, else ignored (never a violation). */
  private onEventInfo(info: oddsgate.v1.EventInfo): void {
    const view = this.events.get(info.eventId);
    if (!view) return void this.violations.push(`event info for ${info.eventId} before any snapshot`);
    (view.infoFrames ??= []).push(info);
    (view.infoAfterSeq ??= []).push(view.seq);
    if (!view.info || Number(info.version) > Number(view.info.version)) view.info = info;
  }

  private onOdds(u: OddsUpdate): void {
    const view = this.events.get(u.eventId);
    if (!view) return void this.violations.push(`update for ${u.eventId} before any snapshot`);
    const expected = view.conflateMs > 0 ? u.prevSeq === view.seq && u.seq > view.seq : u.seq === view.seq + 1 && !u.prevSeq;
    if (!expected) {
      this.violations.push(`${u.eventId}: got seq ${u.seq} (prev_seq ${u.prevSeq}) after ${view.seq}${view.conflateMs ? ' (conflated)' : ''}`);
    }
    view.seq = u.seq;
    view.offset = u.offset;
    view.markets.set(u.marketId, u);
    this.updateCount++;
    if (this.keepUpdates) view.updates.push(u);
  }
}

function openSocket(url: string, options: SocketOptions): WebSocket {
  return new WebSocket(url, options.protocols ?? [], { perMessageDeflate: false, localAddress: options.localAddress, headers: options.headers });
}

function opened(ws: WebSocket): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_req, res) => {
      reject(new Error(`upgrade refused: HTTP ${res.statusCode}`));
      ws.terminate();
    });
    ws.once('error', reject);
  });
}
