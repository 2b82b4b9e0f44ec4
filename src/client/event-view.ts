import type { oddsgate } from '../protocol/generated/oddsgate.js';
import { MarketStatus, SnapshotMode } from '../protocol/wire.js';
import { Emitter } from './emitter.js';
import { toEventInfoView, type EventInfoView } from './event-info.js';

type OddsUpdate = oddsgate.v1.OddsUpdate;
type Snapshot = oddsgate.v1.Snapshot;

export type MarketStatusName = 'open' | 'suspended' | 'closed';

export interface SelectionView {
  readonly id: string;
  /** From EventInfo, else the id. */
  readonly name: string;
  /** Decimal odds x 1000; 0: no price offered. */
  readonly price: number;
  /** The price before the last change of this selection's price (undefined until it changed). */
  readonly previousPrice: number | undefined;
}

export interface MarketView {
  readonly id: string;
  /** From EventInfo, else the id. */
  readonly name: string;
  /** 'suspended' also while the view is suspended (stale feed). */
  readonly status: MarketStatusName;
  /** The event's seq after this market's last update: what placeBet sends. */
  readonly seq: number;
  readonly selections: readonly SelectionView[];
}

export interface ViewChange {
  kind: 'snapshot' | 'market' | 'info' | 'status';
  marketId?: string;
}

export interface EventView {
  readonly eventId: string;
  readonly info: EventInfoView | undefined;
  /** Sorted by display order (EventInfo), then id. */
  readonly markets: readonly MarketView[];
  market(id: string): MarketView | undefined;
  /** The feed is stale: every market counts as suspended. */
  readonly suspended: boolean;
  readonly seq: number;
  /** A snapshot has been applied. */
  readonly ready: boolean;
  on(event: 'change', listener: (change: ViewChange) => void): () => void;
}

/** A break in the stream invariant: the update was not applied. */
export interface SeqViolation {
  eventId: string;
  expected: number;
  got: number;
}

const STATUS_NAMES: Record<number, MarketStatusName> = {
  [MarketStatus.MARKET_STATUS_OPEN]: 'open',
  [MarketStatus.MARKET_STATUS_SUSPENDED]: 'suspended',
  [MarketStatus.MARKET_STATUS_CLOSED]: 'closed',
};

class MarketState implements MarketView {
  status!: MarketStatusName;
  seq = 0;
  selections: SelectionView[] = [];

  constructor(
    readonly id: string,
    private readonly view: EventViewState,
  ) {}

  get name(): string {
    return this.view.marketName(this.id);
  }

  /** Replaces the market's state with an update's (an update is never a delta). */
  apply(update: OddsUpdate): void {
    this.status = STATUS_NAMES[update.status] ?? 'suspended';
    this.seq = update.seq;
    const old = this.selections;
    const names = this.view.selectionNames(this.id);
    const next: SelectionView[] = new Array(update.selections.length);
    for (let i = 0; i < update.selections.length; i++) {
      const s = update.selections[i];
      const id = s.id ?? '';
      const price = s.price ?? 0;
      // Markets keep their selections in one order, so the same index is almost always the same selection.
      const before = old[i]?.id === id ? old[i] : old.find((o) => o.id === id);
      const previousPrice = before === undefined ? undefined : before.price !== price ? before.price : before.previousPrice;
      next[i] = { id, name: names?.get(id) || id, price, previousPrice };
    }
    this.selections = next;
  }

  /** Names changed (a new EventInfo): the selections take them. */
  rename(): void {
    const names = this.view.selectionNames(this.id);
    this.selections = this.selections.map((s) => ({ ...s, name: names?.get(s.id) || s.id }));
  }
}

interface MarketNames {
  name: string;
  order: number;
  selections: Map<string, string>;
}

/** The statuses a market shows while the view is suspended. */
class SuspendedMarket implements MarketView {
  constructor(private readonly market: MarketState) {}
  get id() {
    return this.market.id;
  }
  get name() {
    return this.market.name;
  }
  get status(): MarketStatusName {
    return this.market.status === 'closed' ? 'closed' : 'suspended';
  }
  get seq() {
    return this.market.seq;
  }
  get selections() {
    return this.market.selections;
  }
}

/**
 * One subscribed event as the client holds it: the markets of the last
 * snapshot with every later update applied, the event's display data, and
 * whether its feed is stale. It also holds the resume point (epoch of the
 * snapshot, offset of the last applied update) and checks the stream
 * invariant before applying an update: seq = previous + 1, or prev_seq =
 * previous on a conflated subscription. A broken chain is not applied; the
 * client resubscribes from the resume point.
 *
 * A REPLACE snapshot swaps the content of this same object (the view a
 * caller holds stays valid); CONTINUE keeps it. Display data (EventInfo) is
 * outside the seq chain and ordered by its own version.
 */
export class EventViewState implements EventView {
  info: EventInfoView | undefined;
  suspended = false;
  seq = 0;
  ready = false;
  epoch = '';
  offset = '';
  private readonly byId = new Map<string, MarketState>();
  private sorted: MarketView[] | undefined;
  private readonly changes: Emitter<{ change: (change: ViewChange) => void }>;
  /** Market names, display order and selection names by market id, from EventInfo. */
  private names = new Map<string, MarketNames>();

  constructor(
    readonly eventId: string,
    onListenerError: (err: unknown) => void,
  ) {
    this.changes = new Emitter(onListenerError);
  }

  get markets(): readonly MarketView[] {
    if (!this.sorted) {
      const markets = [...this.byId.values()].sort((a, b) => this.orderOf(a.id) - this.orderOf(b.id) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      this.sorted = this.suspended ? markets.map((m) => new SuspendedMarket(m)) : markets;
    }
    return this.sorted;
  }

  market(id: string): MarketView | undefined {
    const m = this.byId.get(id);
    return m && this.suspended ? new SuspendedMarket(m) : m;
  }

  on(event: 'change', listener: (change: ViewChange) => void): () => void {
    return this.changes.on(event, listener);
  }

  /** The point to resume from, once a snapshot gave an epoch. */
  resumePoint(): { epoch: string; offset: string } | undefined {
    return this.ready && this.epoch && this.offset ? { epoch: this.epoch, offset: this.offset } : undefined;
  }

  /** Applies a snapshot; returns a violation when a CONTINUE does not echo the position this view holds. */
  applySnapshot(snapshot: Snapshot): SeqViolation | undefined {
    if (snapshot.mode === SnapshotMode.SNAPSHOT_MODE_CONTINUE) {
      if (!this.ready || snapshot.seq !== this.seq) return { eventId: this.eventId, expected: this.seq, got: snapshot.seq };
    } else {
      this.byId.clear();
      for (const update of snapshot.markets as OddsUpdate[]) this.marketState(update.marketId).apply(update);
      if (snapshot.info) this.applyInfo(snapshot.info as oddsgate.v1.EventInfo, false);
    }
    this.epoch = snapshot.epoch;
    this.seq = snapshot.seq;
    this.offset = snapshot.offset;
    this.ready = true;
    this.suspended = false; // every snapshot clears the stale flag (a FeedStatus{stale} follows if it still is)
    this.sorted = undefined;
    this.changes.emit('change', { kind: 'snapshot' });
    return undefined;
  }

  /** Applies one update if it continues the chain; otherwise returns the violation and leaves the view as it was. */
  applyUpdate(update: OddsUpdate): SeqViolation | undefined {
    // Conflated updates carry prev_seq (the seq of the frame before); plain ones follow seq - 1.
    if (update.prevSeq) {
      if (!this.ready || update.prevSeq !== this.seq) return { eventId: this.eventId, expected: this.seq, got: update.prevSeq };
    } else if (!this.ready || update.seq !== this.seq + 1) {
      return { eventId: this.eventId, expected: this.seq + 1, got: update.seq };
    }
    const marketId = update.marketId ?? '';
    const known = this.byId.has(marketId);
    this.marketState(marketId).apply(update);
    if (!known) this.sorted = undefined;
    this.seq = update.seq;
    this.offset = update.offset;
    if (this.changes.has('change')) this.changes.emit('change', { kind: 'market', marketId });
    return undefined;
  }

  /** Applies display data unless its version is not above the one held. */
  applyInfo(info: oddsgate.v1.EventInfo, announce = true): void {
    if (this.info && info.version <= this.info.version) return;
    this.info = toEventInfoView(info);
    this.names = new Map(
      info.markets.map((m) => [m.marketId ?? '', { name: m.name ?? '', order: m.displayOrder ?? 0, selections: new Map((m.selections ?? []).map((s) => [s.id ?? '', s.name ?? ''])) }]),
    );
    for (const m of this.byId.values()) m.rename();
    this.sorted = undefined;
    if (announce) this.changes.emit('change', { kind: 'info' });
  }

  setSuspended(stale: boolean): void {
    if (this.suspended === stale) return;
    this.suspended = stale;
    this.sorted = undefined;
    this.changes.emit('change', { kind: 'status' });
  }

  marketName(marketId: string): string {
    return this.names.get(marketId)?.name || marketId;
  }

  /** The selection names of one market (undefined: none published). */
  selectionNames(marketId: string): ReadonlyMap<string, string> | undefined {
    return this.names.get(marketId)?.selections;
  }

  private orderOf(marketId: string): number {
    return this.names.get(marketId)?.order ?? Number.MAX_SAFE_INTEGER;
  }

  private marketState(marketId: string): MarketState {
    let m = this.byId.get(marketId);
    if (!m) this.byId.set(marketId, (m = new MarketState(marketId, this)));
    return m;
  }
}
