import type { Metrics } from '../observability/metrics.js';
import { CloseCode } from '../protocol/close-codes.js';
import { ErrorCode } from '../protocol/wire.js';
import type { SentKind } from '../hub/hub-client.js';

type Inc = { inc(): void };

/** Kinds of client frames, as the frame handler sees them ('invalid': refused before decoding). */
export type ReceivedKind = 'subscribe' | 'unsubscribe' | 'ping' | 'auth' | 'place_bet' | 'invalid';

const SENT: readonly SentKind[] = ['welcome', 'snapshot', 'odds', 'feed_status', 'event_info', 'pong', 'error', 'bet_result', 'drain'];
const RECEIVED: readonly ReceivedKind[] = ['subscribe', 'unsubscribe', 'ping', 'auth', 'place_bet', 'invalid'];
/** Close codes worth a label of their own; anything a client may invent falls under "other" (bounded cardinality). */
const KNOWN_CLOSES = new Set<number>([1000, 1001, 1005, 1006, ...Object.values(CloseCode)]);
const SLOW = ['paused', 'caught_up', 'closed'] as const;

/** A label child, its series created at 0 so the first real increment shows in rate() and increase(). */
function zeroed(child: Inc & { inc(n?: number): void }): Inc {
  child.inc(0);
  return child;
}

function bind<K extends string>(keys: readonly K[], child: (key: K) => Inc & { inc(n?: number): void }): Record<K, Inc> {
  return Object.fromEntries(keys.map((k) => [k, zeroed(child(k))])) as Record<K, Inc>;
}

/**
 * The edge's counters, their label children bound once: recording a frame
 * or a close allocates nothing (these run per client frame, not per update).
 */
export class EdgeMetrics {
  readonly sent: Record<SentKind, Inc>;
  readonly received: Record<ReceivedKind, Inc>;
  readonly slow: Record<(typeof SLOW)[number], Inc>;
  private readonly errors = new Map<ErrorCode, Inc>();
  private readonly closes = new Map<number, Inc>();

  constructor(private readonly metrics: Pick<Metrics, 'framesSent' | 'framesReceived' | 'slowConsumers' | 'protocolErrors' | 'closes'>) {
    this.sent = bind(SENT, (k) => metrics.framesSent.labels(k));
    this.received = bind(RECEIVED, (k) => metrics.framesReceived.labels(k));
    this.slow = bind(SLOW, (k) => metrics.slowConsumers.labels(k));
    for (const value of Object.values(ErrorCode)) {
      if (typeof value === 'number') this.errors.set(value as ErrorCode, zeroed(metrics.protocolErrors.labels(ErrorCode[value as ErrorCode])));
    }
    for (const code of KNOWN_CLOSES) this.closes.set(code, zeroed(metrics.closes.labels(String(code))));
    this.closes.set(-1, zeroed(metrics.closes.labels('other')));
  }

  error(code: ErrorCode): void {
    this.errors.get(code)?.inc();
  }

  /** A connection closed, by whichever side, with `code`. */
  closed(code: number): void {
    (this.closes.get(code) ?? this.closes.get(-1)!).inc();
  }
}
