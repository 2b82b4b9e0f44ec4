import type { ClientState } from '../client/index.js';
import { h } from './dom.js';

const STATE_TEXT: Record<ClientState, string> = {
  connecting: 'Connecting',
  open: 'Live',
  reconnecting: 'Reconnecting',
  draining: 'Moving node',
  closed: 'Disconnected',
};

/** The status bar: connection state, the node serving the page, the last update's latency (publish to screen). */
export class StatusBar {
  private readonly state = h('span', { class: 'conn', 'data-state': 'connecting' }, STATE_TEXT.connecting);
  private readonly node = h('b', { class: 'node-id' }, '–');
  private readonly latency = h('b', { class: 'latency' }, '–');
  private readonly updates = h('b', { class: 'updates' }, '0');

  constructor(root: HTMLElement) {
    root.append(
      this.state,
      h('span', {}, 'Node ', this.node),
      h('span', { title: 'From the trading system publishing the update to this page' }, 'Latency ', this.latency),
      h('span', { class: 'wide-only' }, 'Updates ', this.updates),
    );
  }

  setState(state: ClientState, nodeId: string | undefined): void {
    this.state.dataset.state = state;
    this.state.textContent = STATE_TEXT[state];
    if (nodeId) this.node.textContent = nodeId;
  }

  setLatency(ms: number, updates: number): void {
    this.latency.textContent = `${Math.max(0, Math.round(ms))} ms`;
    this.updates.textContent = String(updates);
  }
}
