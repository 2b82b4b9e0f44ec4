import { OddsClient, type ClientState, type EventView, type OddsClientOptions, type SeqViolation, type StateDetail } from '../../src/client/node.js';
import { waitUntil } from './ports.js';
import { TcpProxy } from './tcp-proxy.js';

/**
 * What an SDK client did, recorded through its public events only: states,
 * violations, errors, and per view every change with the view's seq right
 * after it. `contiguous` checks that the seqs a view went through after its
 * first snapshot never skipped or repeated one (a gap or a REPLACE would).
 */
export class SdkWatch {
  readonly states: Array<{ state: ClientState; detail?: StateDetail }> = [];
  readonly violations: SeqViolation[] = [];
  readonly errors: Error[] = [];
  readonly welcomes: string[] = [];
  readonly changes = new Map<string, Array<{ kind: string; seq: number }>>();

  constructor(readonly client: OddsClient) {
    client.on('state', (state, detail) => this.states.push({ state, detail }));
    client.on('violation', (v) => this.violations.push(v));
    client.on('error', (err) => this.errors.push(err));
    client.on('welcome', (w) => this.welcomes.push(w.nodeId));
  }

  watch(view: EventView): EventView {
    const list: Array<{ kind: string; seq: number }> = [];
    this.changes.set(view.eventId, list);
    view.on('change', (c) => list.push({ kind: c.kind, seq: view.seq }));
    return view;
  }

  /** The seqs after each market change of `eventId`, from the first snapshot on. */
  seqs(eventId: string): number[] {
    return (this.changes.get(eventId) ?? []).filter((c) => c.kind === 'market').map((c) => c.seq);
  }

  /** Snapshots applied to the view (the first, and one per resume). */
  snapshots(eventId: string): Array<{ kind: string; seq: number }> {
    return (this.changes.get(eventId) ?? []).filter((c) => c.kind === 'snapshot');
  }

  /** Whether the view went from its first snapshot's seq to `lastSeq` one update at a time. */
  contiguous(eventId: string, lastSeq: number): boolean {
    const first = this.snapshots(eventId)[0]?.seq;
    const seqs = this.seqs(eventId);
    return first !== undefined && seqs.length === lastSeq - first && seqs.every((s, i) => s === first + i + 1);
  }

  async seqReached(view: EventView, seq: number, timeoutMs = 20_000): Promise<void> {
    await waitUntil(() => view.ready && view.seq >= seq, timeoutMs, `${view.eventId} at seq ${seq} (now ${view.seq}, state ${this.client.state})`);
  }
}

/** An SDK client connected to `port` (quick reconnects for tests), watched from the start. */
export async function connectSdk(port: number, options: Partial<OddsClientOptions> = {}): Promise<SdkWatch> {
  const watch = new SdkWatch(new OddsClient({ url: `ws://127.0.0.1:${port}/v1/ws`, reconnect: { baseMs: 50, maxMs: 500 }, ...options }));
  await watch.client.connect();
  return watch;
}

/** The same through a TCP proxy in front of the node: the network a test resets, black-holes and heals. */
export async function connectSdkThroughProxy(node: { port: number }, options: Partial<OddsClientOptions> = {}): Promise<{ watch: SdkWatch; proxy: TcpProxy }> {
  const proxy = new TcpProxy(node.port);
  await proxy.start();
  return { watch: await connectSdk(proxy.port, options), proxy };
}
