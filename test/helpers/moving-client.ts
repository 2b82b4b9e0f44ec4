import WebSocket from 'ws';
import type { oddsgate } from '../../src/protocol/generated/oddsgate.js';
import { BetOutcome, pb, RejectReason } from '../../src/protocol/wire.js';
import { OddsClient, type SocketOptions } from './odds-client.js';

type BetResult = oddsgate.v1.BetResult;
type Drain = oddsgate.v1.Drain;

export interface MovingClientOptions extends SocketOptions {
  /** The session key, kept across every reconnect (`?sid=`). */
  sid: string;
  /** Where the client first connects: a node's or the balancer's ws:// URL, without the query. */
  url: string;
  /**
   * Where to go after a close that came without a Drain frame (or when the
   * node a Drain frame named refuses): a node's URL from GET /v1/route, or
   * the balancer's.
   */
  route: (sid: string) => Promise<string>;
  keepUpdates?: boolean;
  /** A refused or failed reconnect is retried after base * 2^n ms (capped), fully jittered. Default 100 / 2,000. */
  backoff?: { baseMs: number; capMs: number };
  /** A bet answered UNKNOWN (or "retry later") is resent (same key, same fields) after this long, jittered by up to as much again. Default 500 ms. */
  unknownRetryMs?: number;
}

/** One move from a socket to the next. */
export interface Move {
  /** 'drain': a Drain frame sent it (at its reconnect moment); 'close': the socket closed without one. */
  reason: 'drain' | 'close';
  /** The close code that made it move ('close', or a 4004 that came before the reconnect moment). */
  code?: number;
  /** Node id before (Welcome of the old socket) and after (Welcome of the new one, once it arrived). */
  from: string;
  to: string;
  /** The node the Drain frame named ('' for a close). */
  named: string;
  /** Unix ms: the Drain frame's reconnect moment, or when the socket closed. */
  dueAt: number;
  /** Unix ms the Drain frame arrived (0 for a close). */
  drainAt: number;
  /** Unix ms the first connection attempt started. */
  startedAt: number;
  /** Unix ms the new socket opened. */
  openedAt: number;
  /** Connection attempts it took (1: the first one opened). */
  attempts: number;
  /** Open bets resent on the new socket. */
  resentBets: number;
}

interface Bet {
  frame: Uint8Array;
  eventId: string;
  sends: number;
  results: BetResult[];
  final: BetResult | undefined;
  retry: NodeJS.Timeout | undefined;
}

/** Rejections that are no decision: the bet was not forwarded, and an earlier attempt may stand (proto: retry later). */
const RETRY_LATER = new Set<number>([RejectReason.REJECT_REASON_CORE_UNAVAILABLE, RejectReason.REJECT_REASON_RATE_LIMITED]);

const RESUMABLE = (code: number) => code === 1001 || code === 1006 || (code >= 4000 && code < 4500);

/**
 * A client that follows drains, as the client SDK will: on a Drain frame it
 * waits until the frame's reconnect moment, opens a new connection to the
 * node it names with the same `?sid=`, resumes every subscription from its
 * own (epoch, offset) — the invariant is checked across the move by
 * OddsClient: a CONTINUE snapshot at exactly its position, then the missed
 * updates — and, once those snapshots are in, resends every bet still open
 * (same key, same fields). A socket that closes without a Drain frame (1001,
 * 1006, 4004, any resumable code) is replaced the same way, at a node found
 * by `route`. Refused attempts (a node that drains too) back off with jitter
 * and ask `route`.
 *
 * A bet is open until a final answer (ACCEPTED or REJECTED) arrives on any
 * of its sockets; PENDING keeps it open; UNKNOWN, and a rejection that says
 * nothing was forwarded (CORE_UNAVAILABLE, RATE_LIMITED: "retry later"),
 * resend it after a moment.
 * Two final answers for one key that differ are recorded in `conflicts`.
 */
export class MovingClient {
  readonly moves: Move[] = [];
  readonly bets = new Map<string, Bet>();
  /** Finals for a key that contradict an earlier final (a doubled or lost bet). */
  readonly conflicts: string[] = [];
  /** Close codes of current sockets this client did not reconnect after. */
  readonly unexpectedCloses: number[] = [];
  /** The node serving the current socket (its Welcome). */
  nodeId = '';
  private pendingDrain: (Drain & { arrivedAt: number }) | undefined;
  private moveTimer: NodeJS.Timeout | undefined;
  private moving = false;
  private again = false;
  private stopped = false;
  /** Events whose resumed snapshot has not arrived on the new socket yet: open bets wait for them. */
  private awaitingResume = new Set<string>();
  /** Every event subscribed to (one whose first snapshot has not come yet is subscribed afresh after a move). */
  private readonly wanted = new Set<string>();
  private readonly frameListeners: Array<(frame: oddsgate.v1.ServerFrame, current: boolean) => void> = [];

  private constructor(
    readonly client: OddsClient,
    private readonly options: MovingClientOptions,
  ) {
    client.addFrameListener((frame, current) => this.onFrame(frame, current));
    this.watch(client.ws);
  }

  static async connect(options: MovingClientOptions): Promise<MovingClient> {
    const client = await OddsClient.connectUrl(withSid(options.url, options.sid), { ...options, keepUpdates: options.keepUpdates ?? false });
    const mover = new MovingClient(client, options);
    // The Welcome may have arrived with the handshake, before the listener above.
    mover.nodeId = client.welcomes.at(-1)?.nodeId ?? '';
    return mover;
  }

  get sid(): string {
    return this.options.sid;
  }

  get violations(): string[] {
    return this.client.violations;
  }

  /** Whether a move is scheduled or under way. */
  get inMotion(): boolean {
    return this.moving || this.moveTimer !== undefined || this.awaitingResume.size > 0;
  }

  subscribe(...eventIds: string[]): void {
    for (const eventId of eventIds) this.wanted.add(eventId);
    this.client.subscribe(...eventIds);
  }

  /** Every frame, after the client applied it, with whether it came from the current socket (a latency probe, a recorder). */
  onServerFrame(listener: (frame: oddsgate.v1.ServerFrame, current: boolean) => void): void {
    this.frameListeners.push(listener);
  }

  /** Places a bet (held until the resumed snapshots are in when the client is between sockets). */
  placeBet(fields: oddsgate.v1.PlaceBet.$Properties & { idempotencyKey: string; eventId: string }): void {
    const frame = pb.ClientFrame.encode({ placeBet: fields }).finish();
    const bet: Bet = { frame, eventId: fields.eventId, sends: 0, results: [], final: undefined, retry: undefined };
    this.bets.set(fields.idempotencyKey, bet);
    if (this.awaitingResume.size === 0 && !this.moving) this.send(bet);
  }

  openBets(): string[] {
    return [...this.bets].filter(([, b]) => !b.final).map(([key]) => key);
  }

  /** Stops following anything and closes the socket. */
  async close(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.moveTimer);
    for (const bet of this.bets.values()) clearTimeout(bet.retry);
    await this.client.close();
  }

  terminate(): void {
    this.stopped = true;
    clearTimeout(this.moveTimer);
    for (const bet of this.bets.values()) clearTimeout(bet.retry);
    this.client.ws.terminate();
  }

  private send(bet: Bet): void {
    if (this.client.ws.readyState !== WebSocket.OPEN) return; // resent on the next socket
    bet.sends++;
    this.client.sendRaw(bet.frame);
  }

  private onFrame(frame: oddsgate.v1.ServerFrame, current: boolean): void {
    switch (frame.kind) {
      case 'welcome':
        if (current) this.nodeId = frame.welcome!.nodeId ?? '';
        break;
      case 'drain':
        if (current && !this.stopped) this.drainAt(frame.drain as Drain);
        break;
      case 'snapshot':
        if (current && this.awaitingResume.delete(frame.snapshot!.eventId ?? '') && this.awaitingResume.size === 0) this.resendOpenBets();
        break;
      case 'error':
        // A resumed subscription refused (FEED_UNAVAILABLE...): do not hold the bets for it.
        if (current && this.awaitingResume.delete(frame.error!.eventId ?? '') && this.awaitingResume.size === 0) this.resendOpenBets();
        break;
      case 'betResult':
        this.onBetResult(frame.betResult as BetResult);
        break;
    }
    for (const listener of this.frameListeners) listener(frame, current);
  }

  private onBetResult(result: BetResult): void {
    const bet = this.bets.get(result.idempotencyKey);
    if (!bet) return void this.client.violations.push(`a result for ${result.idempotencyKey}, which this client never sent`);
    bet.results.push(result);
    const outcome = result.outcome;
    // Refused before reaching the core ("nothing was forwarded ... retry it later"): no decision yet.
    const retryLater = outcome === BetOutcome.BET_OUTCOME_REJECTED && RETRY_LATER.has(result.reason ?? 0);
    if (!retryLater && (outcome === BetOutcome.BET_OUTCOME_ACCEPTED || outcome === BetOutcome.BET_OUTCOME_REJECTED)) {
      if (!bet.final) {
        bet.final = result;
        clearTimeout(bet.retry);
      } else if (!sameDecision(bet.final, result)) {
        this.conflicts.push(`${result.idempotencyKey}: ${describe(bet.final)} then ${describe(result)}`);
      }
    } else if ((outcome === BetOutcome.BET_OUTCOME_UNKNOWN || retryLater) && !bet.final && !bet.retry) {
      // "Outcome unknown, retry with the same key": the retry returns the original decision.
      bet.retry = setTimeout(() => {
        bet.retry = undefined;
        if (!bet.final && !this.stopped && this.awaitingResume.size === 0 && !this.moving) this.send(bet);
      }, (this.options.unknownRetryMs ?? 500) * (1 + Math.random()));
    }
  }

  private drainAt(drain: Drain): void {
    if (this.pendingDrain) return; // one move per socket
    this.pendingDrain = Object.assign(drain, { arrivedAt: Date.now() });
    const delay = Math.max(0, Number(drain.reconnectAtMs) - Date.now());
    this.moveTimer = setTimeout(() => {
      this.moveTimer = undefined;
      void this.move('drain');
    }, delay);
  }

  /** Follows the current socket's close. */
  private watch(ws: WebSocket): void {
    ws.once('close', (code: number) => {
      if (this.stopped || ws !== this.client.ws) return; // an old socket, closed after the move
      if (this.pendingDrain) {
        // Closed (4004) before the reconnect moment: go now, where the Drain frame said.
        clearTimeout(this.moveTimer);
        this.moveTimer = undefined;
        return void this.move('drain', code);
      }
      if (RESUMABLE(code)) return void this.move('close', code);
      this.unexpectedCloses.push(code);
    });
  }

  private async move(reason: Move['reason'], code?: number): Promise<void> {
    if (this.stopped) return;
    if (this.moving) {
      this.again = true;
      return;
    }
    this.moving = true;
    const drain = this.pendingDrain;
    this.pendingDrain = undefined;
    const from = this.nodeId;
    const dueAt = drain ? Number(drain.reconnectAtMs) : Date.now();
    let target = drain?.nodeUrl || undefined;
    const startedAt = Date.now();
    let attempts = 0;
    let openedAt = 0;
    let resentBets = 0;
    const { baseMs, capMs } = this.options.backoff ?? { baseMs: 100, capMs: 2_000 };
    for (;;) {
      if (this.stopped) return;
      attempts++;
      try {
        const url = target ?? (await this.options.route(this.sid));
        await this.client.moveTo(withSid(url, this.sid), this.options, (old) => {
          openedAt = Date.now();
          this.nodeId = '';
          this.watch(this.client.ws);
          resentBets = this.resume();
          if (old.readyState === WebSocket.OPEN) old.close(1000, 'moved');
          else if (old.readyState === WebSocket.CONNECTING) old.terminate();
        });
        break;
      } catch {
        // Refused (a node that drains answers 503) or unreachable: ask where the session lives now.
        target = undefined;
        await sleep(Math.random() * Math.min(capMs, baseMs * 2 ** (attempts - 1)));
      }
    }
    const move: Move = { reason, code, from, to: '', named: drain?.nodeId ?? '', dueAt, drainAt: drain?.arrivedAt ?? 0, startedAt, openedAt, attempts, resentBets };
    this.moves.push(move);
    if (this.nodeId) move.to = this.nodeId;
    else this.client.waitFor(() => this.nodeId !== '', 'welcome', 60_000).then(() => (move.to = this.nodeId), () => undefined);
    this.moving = false;
    if (this.again) {
      // Something asked for a move while this one was under way: the new socket may already need one.
      this.again = false;
      if (this.pendingDrain && !this.moveTimer) void this.move('drain');
      else if (this.client.ws.readyState === WebSocket.CLOSED && this.client.closeCode !== undefined && RESUMABLE(this.client.closeCode)) void this.move('close', this.client.closeCode);
    }
  }

  /** On the new socket: every subscription resumed from this client's position; the open bets follow their snapshots. Returns the bets to resend. */
  private resume(): number {
    const events = [...this.client.events.entries()];
    const fresh = [...this.wanted].filter((eventId) => !this.client.events.has(eventId));
    this.awaitingResume = new Set([...events.map(([eventId]) => eventId), ...fresh]);
    if (this.awaitingResume.size > 0) {
      this.client.subscribe(...events.map(([eventId, v]) => ({ eventId, resume: { epoch: v.epoch, offset: v.offset }, conflateMs: v.conflateMs || undefined })), ...fresh);
    }
    const open = this.openBets().length;
    if (this.awaitingResume.size === 0) this.resendOpenBets();
    return open;
  }

  private resendOpenBets(): void {
    for (const bet of this.bets.values()) {
      if (bet.final) continue;
      clearTimeout(bet.retry);
      bet.retry = undefined;
      this.send(bet);
    }
  }
}

export function withSid(url: string, sid: string): string {
  return `${url}${url.includes('?') ? '&' : '?'}sid=${encodeURIComponent(sid)}`;
}

function sameDecision(a: BetResult, b: BetResult): boolean {
  return a.outcome === b.outcome && (a.betId ?? '') === (b.betId ?? '') && (a.reason ?? 0) === (b.reason ?? 0);
}

function describe(r: BetResult): string {
  return `${BetOutcome[r.outcome]}${r.betId ? ` ${r.betId}` : ''}${r.reason ? ` reason ${r.reason}` : ''}`;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
