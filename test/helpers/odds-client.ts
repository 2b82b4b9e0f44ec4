import WebSocket from 'ws';
import { pb, SnapshotMode } from '../../src/protocol/wire.js';
import type { oddsgate } from '../../src/protocol/generated/oddsgate.js';

type OddsUpdate = oddsgate.v1.OddsUpdate;
type ServerFrame = oddsgate.v1.ServerFrame;

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
}

/**
 * A protocol client for tests, over a real WebSocket. It applies every frame
 * to its own copy of each event and checks the stream invariant on every
 * update: seq = previous + 1 since the last snapshot (or prev_seq = previous
 * on conflated subscriptions). Violations are collected, and every test
 * asserts there are none.
 */
export class OddsClient {
  readonly events = new Map<string, EventView>();
  readonly errors: oddsgate.v1.Error[] = [];
  readonly welcomes: oddsgate.v1.Welcome[] = [];
  readonly betResults: oddsgate.v1.BetResult[] = [];
  /** The same results by idempotency key (floods look them up per frame). */
  readonly betResultsByKey = new Map<string, oddsgate.v1.BetResult[]>();
  readonly violations: string[] = [];
  /** The most recent frame (frames are not all kept: a flood test receives 10,000). */
  lastFrame: ServerFrame | undefined;
  /** Updates received over the connection, including those not kept in `updates`. */
  updateCount = 0;
  closeCode: number | undefined;
  readonly closed: Promise<number>;
  private pongs = 0;
  private readonly waiters = new Set<{ check: () => boolean; resolve: () => void }>();

  private constructor(
    readonly ws: WebSocket,
    /** Keep every update in EventView.updates (off for floods: memory). */
    private readonly keepUpdates: boolean,
  ) {
    ws.binaryType = 'nodebuffer';
    this.closed = new Promise((resolve) => ws.once('close', (code) => resolve((this.closeCode = code))));
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      this.onFrame(data, isBinary);
      for (const waiter of this.waiters) {
        if (waiter.check()) {
          this.waiters.delete(waiter);
          waiter.resolve();
        }
      }
    });
    ws.on('error', () => undefined); // the close code is what tests look at
  }

  static async connect(
    port: number,
    options: { keepUpdates?: boolean; protocols?: string[]; localAddress?: string; headers?: Record<string, string> } = {},
  ): Promise<OddsClient> {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/v1/ws`, options.protocols ?? [], { perMessageDeflate: false, localAddress: options.localAddress, headers: options.headers });
    // Listen before 'open': the server's first frame can arrive in the same read as the handshake.
    const client = new OddsClient(ws, options.keepUpdates ?? true);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: HTTP ${res.statusCode}`)));
      ws.once('error', reject);
    });
    return client;
  }

  subscribe(...events: Array<string | oddsgate.v1.EventSubscription.$Properties>): void {
    const list = events.map((e) => (typeof e === 'string' ? { eventId: e } : e));
    this.sendRaw(pb.ClientFrame.encode({ subscribe: { events: list } }).finish());
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

  private onFrame(data: Buffer, isBinary: boolean): void {
    if (!isBinary) {
      this.violations.push('server sent a text frame');
      return;
    }
    const frame = pb.ServerFrame.decode(data);
    this.lastFrame = frame;
    switch (frame.kind) {
      case 'snapshot':
        return this.onSnapshot(frame.snapshot as oddsgate.v1.Snapshot);
      case 'odds':
        return this.onOdds(frame.odds as OddsUpdate);
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
    });
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
