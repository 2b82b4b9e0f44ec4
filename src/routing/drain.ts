/** What draining needs of one connection. */
export interface DrainableSession {
  /** The session key the ring routes by. */
  readonly sid: string;
  readonly open: boolean;
  /** Sends the Drain frame: where to go (null: no successor known; use the configured entry URL), when, and by when. */
  sendDrain(successor: { id: string; url: string } | null, reconnectAtMs: number, deadlineMs: number): void;
  /** Answers every bet still open on the connection (pending ones: UNKNOWN, resend the key elsewhere), then closes it with 4004. */
  closeDrained(): void;
}

export interface DrainOptions {
  /** Drain frames start this long after the drain (readiness is 503 at once): time for a balancer to take the node out. */
  startDelayMs: number;
  /** Drain frames go out over this window, in even waves. */
  windowMs: number;
  /** After the window, clients have this long to move; then stragglers are closed. */
  graceMs: number;
  /** Waves are this far apart; each client's reconnect moment is jittered within its wave. */
  waveMs: number;
}

export interface DrainHooks<S extends DrainableSession> {
  /** The open connections now. */
  sessions(): Iterable<S>;
  /** The session's owner on the ring of active nodes (this node has left it). */
  successor(sid: string): { id: string; url: string } | undefined;
  now(): number;
  random(): number;
}

export interface DrainProgress {
  state: 'active' | 'draining' | 'drained';
  /** Connections when the drain started. */
  clients: number;
  /** Drain frames sent. */
  notified: number;
  /** Connections still open. */
  remaining: number;
  /** Connections that closed on their own before the deadline (moved to their successor). */
  moved: number;
  /** Stragglers closed with 4004 at the deadline. */
  closedAtDeadline: number;
  startedAt: number;
  deadlineAt: number;
}

/**
 * Drains one process's connections without a reconnect storm: every client
 * gets a Drain frame naming its successor on the ring, sent in even waves
 * over the window, each with a jittered reconnect moment inside its wave, so
 * the successors see about clients / window new connections per second.
 * Clients that have not moved when the window plus the grace ends are
 * closed with 4004 (resumable) after their open bets are answered.
 */
export class SessionDrainer<S extends DrainableSession> {
  private queue: S[] = [];
  private tracked: S[] = [];
  /** Tracked connections still open: kept by closed(), so progress never scans every connection. */
  private readonly stillOpen = new Set<S>();
  private progressState: DrainProgress = { state: 'active', clients: 0, notified: 0, remaining: 0, moved: 0, closedAtDeadline: 0, startedAt: 0, deadlineAt: 0 };
  private waveTimer: NodeJS.Timeout | undefined;
  private deadlineTimer: NodeJS.Timeout | undefined;
  private finish: (() => void) | undefined;
  private done: Promise<DrainProgress> | undefined;

  constructor(
    private readonly options: DrainOptions,
    private readonly hooks: DrainHooks<S>,
  ) {}

  /** Starts draining (once; later calls return the same promise), resolving when every connection is gone. */
  start(): Promise<DrainProgress> {
    if (this.done) return this.done;
    const now = this.hooks.now();
    this.tracked = [...this.hooks.sessions()].filter((s) => s.open);
    for (const s of this.tracked) this.stillOpen.add(s);
    this.queue = [...this.tracked];
    const { startDelayMs, windowMs, graceMs, waveMs } = this.options;
    const deadlineAt = now + startDelayMs + windowMs + graceMs;
    this.progressState = { state: 'draining', clients: this.tracked.length, notified: 0, remaining: this.tracked.length, moved: 0, closedAtDeadline: 0, startedAt: now, deadlineAt };
    this.done = new Promise((resolve) => (this.finish = () => resolve(this.progress())));
    const waves = Math.max(1, Math.ceil(windowMs / waveMs));
    if (startDelayMs > 0) this.waveTimer = setTimeout(() => this.wave(waves, now + startDelayMs), startDelayMs);
    else this.wave(waves, now);
    this.deadlineTimer = setTimeout(() => this.closeStragglers(), deadlineAt - now);
    this.checkDone();
    return this.done;
  }

  /** A connection closed (its client moved, or it was closed here). */
  closed(session: S): void {
    if (!this.stillOpen.delete(session)) return;
    if (this.progressState.state === 'draining') this.checkDone();
  }

  /** Ends at once: every connection left is closed now (a second SIGTERM, the hard deadline). */
  cutShort(): void {
    if (this.progressState.state !== 'draining') return;
    this.queue = [];
    this.closeStragglers();
  }

  progress(): DrainProgress {
    const p = this.progressState;
    if (p.state === 'draining') {
      p.remaining = this.stillOpen.size;
      p.moved = p.clients - p.remaining - p.closedAtDeadline;
    }
    return { ...p };
  }

  /**
   * One wave: the clients still queued, spread evenly over the waves left.
   * (A size fixed at the start, ceil(clients / waves), ran ahead of the pace
   * when the count did not divide: 667 clients over 80 waves went at 9 a
   * wave, 8 % above clients / window, and the last waves were empty.)
   *
   * Waves are due every waveMs from the start (fixed rate): a timer that
   * fires a little late does not push back every wave after it (chained
   * timers stretched a 30 s window to 35 s on a busy node in bench:drain). A
   * stall longer than a wave drops the slots it missed, so the drain
   * stretches by the stall rather than sending the missed waves in a burst:
   * the successors' pace is what the drain protects, and the grace absorbs
   * the delay.
   */
  private wave(wavesLeft: number, dueAt: number): void {
    const now = this.hooks.now();
    const deadline = this.progressState.deadlineAt;
    let queued = 0;
    for (const session of this.queue) if (session.open) queued++;
    const size = Math.ceil(queued / Math.max(1, wavesLeft));
    for (let sent = 0; sent < size && this.queue.length > 0; ) {
      const session = this.queue.shift()!;
      if (!session.open) continue;
      session.sendDrain(this.hooks.successor(session.sid) ?? null, Math.floor(now + this.hooks.random() * this.options.waveMs), deadline);
      this.progressState.notified++;
      sent++;
    }
    if (this.queue.length === 0) return;
    const next = dueAt + this.options.waveMs > now ? dueAt + this.options.waveMs : now + this.options.waveMs;
    this.waveTimer = setTimeout(() => this.wave(wavesLeft - 1, next), next - now);
  }

  private closeStragglers(): void {
    clearTimeout(this.waveTimer);
    clearTimeout(this.deadlineTimer);
    const p = this.progressState;
    for (const session of this.tracked) {
      if (!session.open) continue;
      p.closedAtDeadline++;
      session.closeDrained();
    }
    this.checkDone();
  }

  private checkDone(): void {
    if (this.progressState.state !== 'draining' || this.progress().remaining > 0) return;
    clearTimeout(this.waveTimer);
    clearTimeout(this.deadlineTimer);
    this.progressState.state = 'drained';
    this.finish!();
  }
}
