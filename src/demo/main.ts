import './styles.css';
import { OddsClient, ServerError, type ClientState } from '../client/index.js';
import { Board, type BoardFilter } from './board.js';
import { DemoTokenSource } from './demo-token.js';
import { boardEvents, chosenEvents, MAX_BOARD_EVENTS } from './event-list.js';
import { Slip } from './slip.js';
import { StatusBar } from './status-bar.js';

/**
 * What the page exposes for people and tests poking at it from the console:
 * the SDK's sequence violations (there must be none) and what the status bar
 * shows.
 */
interface DemoProbe {
  violations: number;
  updates: number;
  state: ClientState;
  nodeId: string | undefined;
  playerId: string | undefined;
}
declare global {
  interface Window {
    oddsgateDemo: DemoProbe;
  }
}

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
/** How often the node's event list is read again: events the trading system starts later join the board. */
const EVENT_LIST_REFRESH_MS = 30_000;

async function main(): Promise<void> {
  const probe: DemoProbe = (window.oddsgateDemo = { violations: 0, updates: 0, state: 'connecting', nodeId: undefined, playerId: undefined });
  const tokens = new DemoTokenSource();
  const client = new OddsClient({ url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/v1/ws`, token: tokens.provide });
  const status = new StatusBar($('status'));
  const slip = new Slip($('slip'), client, (picked) => board.setPicked(picked));
  const board = new Board($('board'), (pick) => slip.add(pick, client.subscribe(pick.eventId)), Date.now);

  tokens.onChange((player) => {
    probe.playerId = player?.playerId;
    slip.setPlayer(player);
  });
  client.on('state', (state, detail) => {
    probe.state = state;
    probe.nodeId = client.nodeId ?? detail?.nodeId;
    status.setState(state, probe.nodeId);
  });
  client.on('welcome', (w) => {
    probe.nodeId = w.nodeId;
    status.setState(client.state, w.nodeId);
  });
  client.on('latency', (ms) => status.setLatency(ms, ++probe.updates));
  client.on('violation', (v) => {
    probe.violations++;
    console.error('sequence violation (the SDK resubscribes):', v);
  });
  /** Subscribe errors the SDK retries by itself (README "Error codes"): the card keeps loading meanwhile. */
  const retried = new Set(['FEED_UNAVAILABLE', 'INTERNAL', 'RATE_LIMITED']);
  client.on('error', (err) => {
    console.warn('oddsgate:', err.message);
    if (err instanceof ServerError && err.eventId && !retried.has(err.errorCode)) board.unavailable(err.eventId, err.errorCode.toLowerCase().replace(/_/g, ' '));
  });

  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-filter]')) {
    button.addEventListener('click', () => {
      for (const other of document.querySelectorAll('[data-filter]')) other.setAttribute('aria-pressed', String(other === button));
      board.setFilter(button.dataset.filter as BoardFilter);
    });
  }

  const fetchJson = async (url: string) => (await fetch(url)).json();
  const shown = new Set<string>();
  const addEvents = async () => {
    for (const event of await boardEvents(location, fetchJson)) {
      if (shown.has(event.id) || shown.size >= MAX_BOARD_EVENTS) continue;
      shown.add(event.id);
      board.add(client.subscribe(event.id), event.name);
    }
    if (shown.size === 0) $('board').querySelector('.empty')!.textContent = 'No events on this node yet.';
  };
  await addEvents();
  if (!chosenEvents(location)) setInterval(() => addEvents().catch((err: Error) => console.warn('event list:', err.message)), EVENT_LIST_REFRESH_MS);
  setInterval(() => board.tick(), 1_000);
  await client.connect();
}

main().catch((err: Error) => {
  $('board').querySelector('.empty')?.replaceChildren(`The page could not start: ${err.message}`);
  console.error(err);
});
