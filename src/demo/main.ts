import './styles.css';
import { OddsClient, type ClientState } from '../client/index.js';
import { Board, type BoardFilter } from './board.js';
import { DemoTokenSource } from './demo-token.js';
import { boardEvents } from './event-list.js';
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
  client.on('error', (err) => console.warn('oddsgate:', err.message));

  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-filter]')) {
    button.addEventListener('click', () => {
      for (const other of document.querySelectorAll('[data-filter]')) other.setAttribute('aria-pressed', String(other === button));
      board.setFilter(button.dataset.filter as BoardFilter);
    });
  }

  const events = await boardEvents(location, async (url) => (await fetch(url)).json());
  if (events.length === 0) $('board').querySelector('.empty')!.textContent = 'No events on this node yet.';
  for (const event of events) board.add(client.subscribe(event.id), event.name);
  setInterval(() => board.tick(), 1_000);
  await client.connect();
}

main().catch((err: Error) => {
  $('board').querySelector('.empty')?.replaceChildren(`The page could not start: ${err.message}`);
  console.error(err);
});
