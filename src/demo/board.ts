import { clockSeconds, type EventView, type MarketView } from '../client/index.js';
import { h, flash } from './dom.js';
import { kickOff, matchMinute, odds } from './format.js';

/** A selection as the player picked it from the board. */
export interface Pick {
  eventId: string;
  marketId: string;
  selectionId: string;
  price: number;
}

export type BoardFilter = 'all' | 'live' | 'upcoming';

export const pickId = (p: { eventId: string; marketId: string; selectionId: string }) => `${p.eventId}\u0000${p.marketId}\u0000${p.selectionId}`;

/**
 * The odds board: one card per event (names, kick-off or live clock and
 * score), a row per market with a price button per selection. Prices flash
 * green/red as they move; a suspended market (or a whole event whose feed is
 * stale) is locked. DOM is built per event once and per market on a
 * snapshot; a market update only touches its own buttons.
 */
export class Board {
  private readonly cards = new Map<string, EventCard>();
  private filter: BoardFilter = 'all';
  private picked: ReadonlySet<string> = new Set();

  constructor(
    private readonly root: HTMLElement,
    private readonly onPick: (pick: Pick) => void,
    private readonly now: () => number,
  ) {
    root.addEventListener('click', (e) => {
      const button = (e.target as HTMLElement).closest<HTMLButtonElement>('button.sel');
      if (!button || button.disabled) return;
      const { event, market, selection } = button.dataset;
      const view = this.cards.get(event!)?.view;
      const price = view?.market(market!)?.selections.find((s) => s.id === selection)?.price;
      if (price) this.onPick({ eventId: event!, marketId: market!, selectionId: selection!, price });
    });
    // A price's arrow shows while its flash lasts.
    root.addEventListener('animationend', (e) => (e.target as HTMLElement).classList?.remove('up', 'down'));
  }

  add(view: EventView, listedName: string | undefined): void {
    if (this.cards.has(view.eventId)) return;
    const card = new EventCard(view, listedName, this.now, () => this.picked, () => this.order());
    this.cards.set(view.eventId, card);
    this.root.querySelector('.empty')?.remove();
    this.root.append(card.el);
    this.order();
  }

  /** The node refused the event for good (unknown, invalid, too many): the card says so instead of loading forever. */
  unavailable(eventId: string, why: string): void {
    this.cards.get(eventId)?.unavailable(why);
  }

  setFilter(filter: BoardFilter): void {
    this.filter = filter;
    for (const card of this.cards.values()) card.applyFilter(filter);
  }

  /** Marks the selections in the slip. */
  setPicked(ids: ReadonlySet<string>): void {
    this.picked = ids;
    for (const button of this.root.querySelectorAll<HTMLButtonElement>('button.sel')) {
      button.classList.toggle('picked', ids.has(pickId({ eventId: button.dataset.event!, marketId: button.dataset.market!, selectionId: button.dataset.selection! })));
    }
  }

  /** Once a second: running clocks and kick-off countdowns. */
  tick(): void {
    for (const card of this.cards.values()) card.renderState();
  }

  /** Live events first (by kick-off), then the rest by kick-off, then by id. */
  private order(): void {
    const rank = (c: EventCard) => (c.phase === 'live' || c.phase === 'break' ? 0 : c.phase === 'ended' ? 2 : 1);
    const sorted = [...this.cards.values()].sort((a, b) => rank(a) - rank(b) || a.startsAtMs - b.startsAtMs || a.view.eventId.localeCompare(b.view.eventId, undefined, { numeric: true }));
    sorted.forEach((card, i) => {
      if (this.root.children[i] !== card.el) this.root.insertBefore(card.el, this.root.children[i] ?? null);
      card.applyFilter(this.filter);
    });
  }
}

class EventCard {
  readonly el: HTMLElement;
  private readonly meta = h('div', { class: 'event-meta' });
  private readonly title = h('div', { class: 'event-title' });
  private readonly state = h('div', { class: 'event-state' });
  private readonly stale = h('div', { class: 'stale-banner', hidden: true }, 'Feed interrupted · markets suspended');
  private readonly markets = h('div', { class: 'markets' });
  private readonly rows = new Map<string, MarketRow>();
  private infoVersion = -1;

  constructor(
    readonly view: EventView,
    private readonly listedName: string | undefined,
    private readonly now: () => number,
    private readonly picked: () => ReadonlySet<string>,
    private readonly reorder: () => void,
  ) {
    this.el = h('article', { class: 'event', 'data-event': view.eventId }, h('header', { class: 'event-head' }, this.meta, this.state, this.title), this.stale, this.markets);
    this.el.classList.add('loading');
    this.renderInfo();
    view.on('change', (change) => {
      if (change.kind === 'snapshot') this.renderAll();
      else if (change.kind === 'market' && change.marketId) this.renderMarket(change.marketId);
      else if (change.kind === 'info') this.renderAll();
      else this.renderStatus();
    });
    if (view.ready) this.renderAll();
  }

  get phase(): string {
    return this.view.info?.phase ?? 'unspecified';
  }

  get startsAtMs(): number {
    return this.view.info?.startsAtMs || Number.MAX_SAFE_INTEGER;
  }

  unavailable(why: string): void {
    this.el.classList.remove('loading');
    this.el.classList.add('unavailable');
    this.markets.replaceChildren(h('p', { class: 'unavailable-note' }, `Not available: ${why}`));
  }

  applyFilter(filter: BoardFilter): void {
    const live = this.phase === 'live' || this.phase === 'break';
    this.el.hidden = filter === 'live' ? !live : filter === 'upcoming' ? this.phase !== 'pre_match' : false;
  }

  renderState(): void {
    const info = this.view.info;
    if (!info) return void this.state.replaceChildren();
    const live = info.phase === 'live' || info.phase === 'break';
    this.el.classList.toggle('live', live);
    if (info.phase === 'pre_match' || info.phase === 'unspecified') {
      this.state.replaceChildren(info.startsAtMs ? h('time', { class: 'kickoff', datetime: new Date(info.startsAtMs).toISOString() }, kickOff(info.startsAtMs, this.now())) : '');
      return;
    }
    const clock = info.phase === 'break' ? 'HT' : info.phase === 'ended' ? 'FT' : info.clock ? matchMinute(clockSeconds(info.clock, this.now())) : '';
    this.state.replaceChildren(...(live ? [h('span', { class: 'live-badge' }, 'Live')] : []), h('span', { class: 'clock' }, clock));
  }

  private renderAll(): void {
    this.el.classList.toggle('loading', !this.view.ready);
    this.renderInfo();
    const ids = this.view.markets.map((m) => m.id);
    for (const id of this.rows.keys()) if (!ids.includes(id)) this.rows.delete(id);
    this.markets.replaceChildren(
      ...this.view.markets.map((m) => {
        let row = this.rows.get(m.id);
        if (!row) this.rows.set(m.id, (row = new MarketRow(this.view.eventId)));
        row.render(m, this.view.suspended, this.picked());
        return row.el;
      }),
    );
    this.renderStatus();
  }

  private renderInfo(): void {
    const info = this.view.info;
    const version = info?.version ?? -1;
    if (version === this.infoVersion && this.title.childElementCount > 0) return this.renderState();
    const phaseBefore = this.el.dataset.phase;
    this.infoVersion = version;
    this.meta.textContent = info ? [info.sport && capitalise(info.sport), info.competition].filter(Boolean).join(' · ') : '';
    const showScore = !!info && info.phase !== 'pre_match' && info.phase !== 'unspecified';
    if (info && info.participants.length === 2) {
      this.title.replaceChildren(
        ...info.participants.map((p, i) => h('div', { class: 'team' }, h('span', { class: 'team-name' }, p.name || p.id), h('span', { class: 'team-score' }, showScore ? String(info.score[i] ?? 0) : ''))),
      );
    } else {
      this.title.replaceChildren(h('div', { class: 'team' }, h('span', { class: 'team-name' }, info?.name || this.listedName || this.view.eventId)));
    }
    this.el.dataset.phase = info?.phase ?? 'unspecified';
    this.renderState();
    if (phaseBefore !== this.el.dataset.phase) this.reorder();
  }

  private renderMarket(marketId: string): void {
    const market = this.view.market(marketId);
    const row = this.rows.get(marketId);
    if (!market || !row) return this.renderAll(); // a market new to the board
    row.render(market, this.view.suspended, this.picked());
  }

  private renderStatus(): void {
    this.stale.hidden = !this.view.suspended;
    for (const market of this.view.markets) this.rows.get(market.id)?.render(market, this.view.suspended, this.picked());
  }
}

class MarketRow {
  readonly el: HTMLElement;
  private readonly name = h('h3', { class: 'market-name' });
  private readonly buttons = h('div', { class: 'selections' });
  private readonly lock = h('div', { class: 'lock', hidden: true });
  /** The price each button shows, to tell up from down. */
  private readonly shown = new Map<string, number>();

  constructor(private readonly eventId: string) {
    this.el = h('section', { class: 'market' }, this.name, this.buttons, this.lock);
  }

  render(market: MarketView, eventSuspended: boolean, picked: ReadonlySet<string>): void {
    this.el.dataset.market = market.id;
    this.name.textContent = market.name;
    const locked = market.status !== 'open';
    this.el.classList.toggle('locked', locked);
    this.el.dataset.status = market.status;
    this.lock.hidden = !locked;
    this.lock.textContent = market.status === 'closed' ? 'Closed' : eventSuspended ? 'Feed interrupted' : 'Suspended';
    this.buttons.style.setProperty('--n', String(Math.min(market.selections.length, 3)));
    if (this.buttons.childElementCount !== market.selections.length) this.buttons.replaceChildren(...market.selections.map(() => h('button', { class: 'sel', type: 'button' }, h('span', { class: 'sel-name' }), h('span', { class: 'sel-price' }))));
    market.selections.forEach((s, i) => {
      const button = this.buttons.children[i] as HTMLButtonElement;
      Object.assign(button.dataset, { event: this.eventId, market: market.id, selection: s.id });
      button.disabled = locked || !(s.price > 0);
      button.classList.toggle('picked', picked.has(pickId({ eventId: this.eventId, marketId: market.id, selectionId: s.id })));
      (button.firstChild as HTMLElement).textContent = s.name;
      const price = button.lastChild as HTMLElement;
      price.textContent = odds(s.price);
      const before = this.shown.get(s.id);
      if (before !== undefined && before !== s.price) flash(button, s.price > before ? 'up' : 'down', ['up', 'down']);
      this.shown.set(s.id, s.price);
      button.setAttribute('aria-label', `${market.name}: ${s.name} at ${odds(s.price)}${locked ? ' (suspended)' : ''}`);
    });
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
