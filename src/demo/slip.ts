import { BetOutcomeUnknownError, BetRejectedError, type EventView, type OddsClient } from '../client/index.js';
import { pickId, type Pick } from './board.js';
import { h } from './dom.js';
import { money, odds, parseStake, rejectReason, returns } from './format.js';

const CURRENCY = 'EUR';
const DEFAULT_STAKE = '10';
/** Wait before placing a bet again with the same key when its outcome is unknown or nothing was decided. */
const RESEND_AFTER_MS = 2_000;

/**
 * Where one selection of the slip stands. Every outcome the node can give
 * has its own state: accepted (bet id, price), a price that moved (the new
 * price, accepted with one click: a new bet at it), pending (an in-play
 * delay) until the final answer, unknown until a resend with the same key
 * learns the outcome, and rejected with the reason.
 */
type SlipState =
  | { kind: 'ready' }
  | { kind: 'placing' }
  | { kind: 'pending' }
  | { kind: 'accepted'; betId: string; price: number; pendingFirst: boolean }
  | { kind: 'price-changed'; newPrice: number }
  | { kind: 'unknown'; attempts: number }
  | { kind: 'retry-later'; reason: string }
  | { kind: 'rejected'; reason: string };

interface SlipItem extends Pick {
  view: EventView;
  stake: string;
  /** The key of the bet in flight or undecided: resent as is until a final answer; a new bet gets a new key. */
  key: string | undefined;
  /** The key of the latest attempt, shown as the bet's reference (data-key) for support and tests. */
  lastKey: string | undefined;
  state: SlipState;
  el: HTMLLIElement;
  /** The state's last rendering, so a price tick does not rebuild the stake input under the player's fingers. */
  rendered: string;
  resendTimer: ReturnType<typeof setTimeout> | undefined;
  /** Stops following the event's view (on removal). */
  unfollow: () => void;
}

/**
 * The bet slip: single bets, one per picked selection. Place sends the price
 * the player picked (acceptPriceChange none); when the board's price has
 * moved since, the slip shows the new price and places only when the player
 * accepts it (one click). The same happens when the node answers
 * PRICE_CHANGED. On desktop it is a column; below 720 px a bottom sheet.
 */
export class Slip {
  private readonly items = new Map<string, SlipItem>();
  private readonly list = h('ol', { class: 'slip-items' });
  private readonly empty = h('p', { class: 'slip-empty' }, 'Tap a price to add it to your slip.');
  private readonly player = h('p', { class: 'slip-player' });
  private readonly count = h('span', { class: 'slip-count' }, '0');
  private readonly toggle: HTMLButtonElement;
  private canBet = false;

  constructor(
    private readonly root: HTMLElement,
    private readonly client: OddsClient,
    private readonly onChange: (picked: ReadonlySet<string>) => void,
  ) {
    this.toggle = h('button', { class: 'slip-toggle', type: 'button', 'aria-expanded': 'false' }, h('span', {}, 'Bet slip'), this.count);
    this.toggle.addEventListener('click', () => this.setOpen(root.dataset.open !== 'true'));
    root.append(this.toggle, h('div', { class: 'slip-body' }, h('h2', { class: 'slip-title' }, 'Bet slip'), this.player, this.list, this.empty));
    this.list.addEventListener('click', (e) => this.onClick(e));
    this.list.addEventListener('input', (e) => {
      const input = e.target as HTMLInputElement;
      const item = this.items.get(input.closest<HTMLElement>('li')?.dataset.pick ?? '');
      if (item) (item.stake = input.value), this.renderReturns(item);
    });
    this.setPlayer(undefined);
  }

  /** Who bets: a demo player, or nobody (read-only: bets need a token). */
  setPlayer(player: { playerId: string; jurisdiction: string } | undefined): void {
    this.canBet = !!player;
    this.player.textContent = player ? `Demo player ${player.playerId} · ${player.jurisdiction}` : 'Read-only: betting needs a token (demo tokens exist only in the embedded mode).';
    this.player.classList.toggle('read-only', !player);
    for (const item of this.items.values()) this.render(item, true);
  }

  add(pick: Pick, view: EventView): void {
    const id = pickId(pick);
    if (this.items.has(id)) return this.setOpen(true);
    const item: SlipItem = { ...pick, view, stake: DEFAULT_STAKE, key: undefined, lastKey: undefined, state: { kind: 'ready' }, el: h('li', { class: 'slip-item', 'data-pick': id }), rendered: '', resendTimer: undefined, unfollow: () => undefined };
    this.items.set(id, item);
    item.unfollow = view.on('change', () => this.render(item));
    this.list.append(item.el);
    this.render(item);
    this.changed();
    if (this.items.size === 1) this.setOpen(true);
  }

  private setOpen(open: boolean): void {
    this.root.dataset.open = String(open);
    this.toggle.setAttribute('aria-expanded', String(open));
  }

  private changed(): void {
    this.count.textContent = String(this.items.size);
    this.empty.hidden = this.items.size > 0;
    this.onChange(new Set(this.items.keys()));
  }

  private onClick(e: Event): void {
    const button = (e.target as HTMLElement).closest<HTMLButtonElement>('button[data-action]');
    const item = this.items.get(button?.closest<HTMLElement>('li')?.dataset.pick ?? '');
    if (!button || !item || button.disabled) return;
    const action = button.dataset.action;
    if (action === 'remove') {
      clearTimeout(item.resendTimer);
      item.unfollow();
      item.el.remove();
      this.items.delete(item.el.dataset.pick!);
      this.changed();
    } else if (action === 'place') {
      void this.place(item, false);
    } else if (action === 'accept') {
      const newPrice = item.state.kind === 'price-changed' ? item.state.newPrice : this.livePrice(item);
      if (newPrice) item.price = newPrice;
      void this.place(item, false);
    }
  }

  /** Places the item's bet: a new key for a new bet, the same key to learn an undecided one's outcome. */
  private async place(item: SlipItem, resend: boolean): Promise<void> {
    const stake = parseStake(item.stake);
    if (!stake || !this.canBet) return;
    clearTimeout(item.resendTimer);
    if (!resend) item.key = crypto.randomUUID();
    item.lastKey = item.key;
    const attempts = item.state.kind === 'unknown' ? item.state.attempts : 0;
    this.setState(item, resend && item.state.kind === 'unknown' ? item.state : { kind: 'placing' });
    let pendingFirst = false;
    try {
      const bet = await this.client.placeBet(
        { eventId: item.eventId, marketId: item.marketId, selectionId: item.selectionId, price: item.price, stake, currency: CURRENCY, acceptPriceChange: 'none', idempotencyKey: item.key },
        { onPending: () => ((pendingFirst = true), this.setState(item, { kind: 'pending' })) },
      );
      item.key = undefined;
      this.setState(item, { kind: 'accepted', betId: bet.betId, price: bet.acceptedPrice, pendingFirst });
    } catch (err) {
      if (err instanceof BetRejectedError && err.retryLater) {
        // Nothing was decided (CORE_UNAVAILABLE, RATE_LIMITED): the same key later, an earlier attempt may still stand.
        this.setState(item, { kind: 'retry-later', reason: rejectReason(err.reason) });
        item.resendTimer = setTimeout(() => void this.place(item, true), RESEND_AFTER_MS);
      } else if (err instanceof BetRejectedError) {
        item.key = undefined;
        this.setState(item, err.reason === 'PRICE_CHANGED' && err.currentPrice ? { kind: 'price-changed', newPrice: err.currentPrice } : { kind: 'rejected', reason: rejectReason(err.reason) });
      } else {
        // BetOutcomeUnknownError, or the connection went away first: the bet may stand. Resend the same key until it is decided.
        this.setState(item, { kind: 'unknown', attempts: attempts + 1 });
        item.resendTimer = setTimeout(() => void this.place(item, true), RESEND_AFTER_MS);
        if (!(err instanceof BetOutcomeUnknownError)) console.warn('bet outcome unknown:', err);
      }
    }
  }

  private setState(item: SlipItem, state: SlipState): void {
    item.state = state;
    this.render(item, true);
  }

  private livePrice(item: SlipItem): number | undefined {
    return item.view.market(item.marketId)?.selections.find((s) => s.id === item.selectionId)?.price;
  }

  private render(item: SlipItem, force = false): void {
    const market = item.view.market(item.marketId);
    const selection = market?.selections.find((s) => s.id === item.selectionId);
    const live = selection?.price;
    const open = market?.status === 'open';
    const state = item.state;
    // A live price that moved away from the picked one is a price change the player must accept first.
    const shownState: SlipState = state.kind === 'ready' && live && live !== item.price ? { kind: 'price-changed', newPrice: live } : state;
    const key = JSON.stringify([shownState, open, item.price, this.canBet, market?.name, selection?.name, item.view.info?.version]);
    if (!force && key === item.rendered) return;
    item.rendered = key;
    const info = item.view.info;
    const eventName = info?.name || item.eventId;
    item.el.dataset.state = shownState.kind;
    item.el.dataset.key = item.lastKey ?? '';
    const editable = shownState.kind === 'ready' || shownState.kind === 'price-changed' || shownState.kind === 'rejected';
    const stakeInput = h('input', { class: 'stake', type: 'text', inputmode: 'decimal', value: item.stake, 'aria-label': 'Stake in euros', disabled: !editable || undefined });
    const line = h(
      'div',
      { class: 'slip-line' },
      h('div', { class: 'slip-pick' }, h('strong', { class: 'slip-selection' }, selection?.name ?? item.selectionId), h('span', { class: 'slip-market' }, market?.name ?? item.marketId), h('span', { class: 'slip-event' }, eventName)),
      h('span', { class: 'slip-price' }, odds(item.price)),
      h('button', { class: 'slip-remove', type: 'button', 'data-action': 'remove', 'aria-label': 'Remove from slip' }, '×'),
    );
    const stake = parseStake(item.stake);
    // Once accepted the stake is history: shown as text, no field.
    const stakeRow =
      shownState.kind === 'accepted' && stake
        ? h('div', { class: 'slip-stake settled' }, `Stake ${money(stake, CURRENCY)}`, h('span', {}, `Returns ${money(returns(stake, shownState.price), CURRENCY)}`))
        : h('div', { class: 'slip-stake' }, h('label', {}, '€ ', stakeInput), h('span', { class: 'slip-returns' }));
    const typing = document.activeElement instanceof HTMLInputElement && item.el.contains(document.activeElement);
    item.el.replaceChildren(line, stakeRow, this.outcome(item, shownState, !!open));
    this.renderReturns(item);
    if (typing && !stakeInput.disabled) stakeInput.focus(); // a price tick must not take the stake field away mid-typing
  }

  private renderReturns(item: SlipItem): void {
    const stake = parseStake(item.stake);
    const out = item.el.querySelector('.slip-returns');
    if (out) out.textContent = stake ? `Returns ${money(returns(stake, item.price), CURRENCY)}` : 'Enter a stake';
    const place = item.el.querySelector<HTMLButtonElement>('button[data-action="place"], button[data-action="accept"]');
    if (place) place.disabled = !stake || place.dataset.locked === 'true';
  }

  /** The item's outcome line and its one action. */
  private outcome(item: SlipItem, state: SlipState, open: boolean): HTMLElement {
    const box = h('div', { class: `slip-outcome ${state.kind}`, role: 'status' });
    const action = (kind: 'place' | 'accept', label: string) => {
      const locked = !open || !this.canBet;
      const button = h('button', { class: 'slip-action', type: 'button', 'data-action': kind, 'data-locked': String(locked) }, locked ? (this.canBet ? 'Market suspended' : label) : label);
      button.disabled = locked;
      return button;
    };
    switch (state.kind) {
      case 'ready':
        box.append(action('place', `Place bet at ${odds(item.price)}`));
        break;
      case 'placing':
        box.append(h('span', { class: 'spinner', 'aria-hidden': 'true' }), 'Placing…');
        break;
      case 'pending':
        box.append(h('span', { class: 'spinner', 'aria-hidden': 'true' }), 'Pending: awaiting in-play acceptance…');
        break;
      case 'accepted':
        box.append(h('span', {}, h('span', { class: 'tick', 'aria-hidden': 'true' }, '✓ '), `${state.pendingFirst ? 'Accepted after review' : 'Bet placed'} at ${odds(state.price)} · `, h('span', { class: 'bet-id' }, state.betId)));
        break;
      case 'price-changed':
        box.append(h('span', { class: 'changed' }, `Odds changed: ${odds(item.price)} → `, h('strong', { class: 'new-price' }, odds(state.newPrice))), action('accept', `Accept ${odds(state.newPrice)} & place`));
        break;
      case 'unknown':
        box.append(h('span', { class: 'spinner', 'aria-hidden': 'true' }), `Outcome unknown: checking (attempt ${state.attempts + 1})…`);
        break;
      case 'retry-later':
        box.append(h('span', { class: 'spinner', 'aria-hidden': 'true' }), `${state.reason}: trying again…`);
        break;
      case 'rejected':
        box.append(h('span', { class: 'reason' }, `Not placed: ${state.reason}`), action('place', `Try again at ${odds(item.price)}`));
        break;
    }
    return box;
  }
}
