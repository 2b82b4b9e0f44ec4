import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OddsClient } from '../../src/client/index.js';
import type { oddsgate } from '../../src/protocol/generated/oddsgate.js';
import { BetOutcome, MarketStatus, pb, SnapshotMode } from '../../src/protocol/wire.js';

/**
 * The client's decisions frame by frame, the network faked by an injected
 * WebSocket constructor (the frames a node would send, and what the client
 * sends back), time by fake timers: where and when it moves, what it
 * resubscribes from, which socket's frames it applies.
 */
class FakeSocket {
  static opened: FakeSocket[] = [];
  binaryType = '';
  readyState = 1;
  readonly sent: oddsgate.v1.ClientFrame[] = [];
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;

  constructor(
    readonly url: string,
    readonly protocols?: string | string[],
  ) {
    FakeSocket.opened.push(this);
  }
  send(bytes: Uint8Array): void {
    this.sent.push(pb.ClientFrame.decode(bytes));
  }
  close(code = 1000, reason = ''): void {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.onclose?.({ code, reason });
  }
  deliver(frame: oddsgate.v1.ServerFrame.$Properties): void {
    const bytes = pb.ServerFrame.encode(frame).finish();
    this.onmessage?.({ data: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) });
  }
  subscribes() {
    return this.sent.filter((f) => f.subscribe).flatMap((f) => f.subscribe!.events!.map((e) => ({ eventId: e.eventId, resume: e.resume ? { epoch: e.resume.epoch, offset: e.resume.offset } : null })));
  }
}

const update = (seq: number, price = 1_500 + seq) => ({ odds: { eventId: 'ev', marketId: 'm', status: MarketStatus.MARKET_STATUS_OPEN, selections: [{ id: 'home', price }], seq, offset: `${1_000 + seq}-0` } });
const welcome = (nodeId: string) => ({ welcome: { sessionId: `s-${nodeId}`, nodeId, sid: 'session-1', authenticated: true } });

describe('the client, frame by frame', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000_000 });
    FakeSocket.opened = [];
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  async function connected(): Promise<{ client: OddsClient; socket: FakeSocket; violations: unknown[] }> {
    const client = new OddsClient({ url: 'ws://a.example/v1/ws', WebSocket: FakeSocket, token: 'jwt-1', random: () => 0.5, idleTimeoutMs: 0 });
    const violations: unknown[] = [];
    client.on('violation', (v) => violations.push(v));
    const opened = client.connect();
    await vi.advanceTimersByTimeAsync(0);
    const socket = FakeSocket.opened[0];
    expect(socket.protocols).toEqual(['oddsgate.v1', 'oddsgate.bearer.jwt-1']);
    socket.deliver(welcome('edge-a'));
    await opened;
    return { client, socket, violations };
  }

  it('on a gap: reports it, ignores the old stream, resubscribes from the last good point and holds bets until the snapshot', async () => {
    const { client, socket, violations } = await connected();
    const view = client.subscribe('ev');
    socket.deliver({ snapshot: { eventId: 'ev', mode: SnapshotMode.SNAPSHOT_MODE_REPLACE, epoch: 'e1', seq: 5, offset: '1005-0', markets: [update(5).odds] } });
    socket.deliver(update(6));
    socket.deliver(update(8));
    expect(violations).toEqual([{ eventId: 'ev', expected: 7, got: 8 }]);
    expect(socket.subscribes()).toEqual([
      { eventId: 'ev', resume: null },
      { eventId: 'ev', resume: { epoch: 'e1', offset: '1006-0' } },
    ]);
    socket.deliver(update(9)); // the old stream, before the resubscription's snapshot: not applied, no second violation
    const bet = client.placeBet({ eventId: 'ev', marketId: 'm', selectionId: 'home', stake: 100, currency: 'EUR' });
    expect(socket.sent.filter((f) => f.placeBet)).toHaveLength(0);
    socket.deliver({ snapshot: { eventId: 'ev', mode: SnapshotMode.SNAPSHOT_MODE_CONTINUE, epoch: 'e1', seq: 6, offset: '1006-0' } });
    const sentBets = socket.sent.filter((f) => f.placeBet).map((f) => f.placeBet!);
    expect(sentBets).toMatchObject([{ eventId: 'ev', price: 1_506, seq: 6 }]);
    socket.deliver(update(7));
    expect(view.seq).toBe(7);
    expect(violations).toHaveLength(1);
    socket.deliver({ betResult: { idempotencyKey: sentBets[0].idempotencyKey, outcome: BetOutcome.BET_OUTCOME_ACCEPTED, betId: 'b1', acceptedPrice: 1_506 } });
    await expect(bet).resolves.toMatchObject({ betId: 'b1', acceptedPrice: 1_506 });
    client.close();
  });

  it('on a Drain frame: moves at a jittered moment in the window, make before break, resumes, uses the old socket\'s bet answers, resends open bets', async () => {
    const { client, socket: a } = await connected();
    const states: string[] = [];
    client.on('state', (s) => states.push(s));
    const view = client.subscribe('ev');
    a.deliver({ snapshot: { eventId: 'ev', mode: SnapshotMode.SNAPSHOT_MODE_REPLACE, epoch: 'e1', seq: 5, offset: '1005-0', markets: [update(5).odds] } });
    const first = client.placeBet({ eventId: 'ev', marketId: 'm', selectionId: 'home', stake: 100, currency: 'EUR', idempotencyKey: 'key-first' });
    const second = client.placeBet({ eventId: 'ev', marketId: 'm', selectionId: 'home', stake: 100, currency: 'EUR', idempotencyKey: 'key-second' });
    const now = Date.now();
    a.deliver({ drain: { nodeId: 'edge-b', nodeUrl: 'ws://b.example/v1/ws', reconnectAtMs: now + 1_000, deadlineMs: now + 3_000 } });
    expect(states).toEqual(['draining']);
    // random() 0.5: the moment is reconnect_at + 0.5 x half the window = now + 1,500.
    await vi.advanceTimersByTimeAsync(1_499);
    expect(FakeSocket.opened).toHaveLength(1);
    a.deliver(update(6));
    await vi.advanceTimersByTimeAsync(1);
    expect(FakeSocket.opened).toHaveLength(2);
    const b = FakeSocket.opened[1];
    expect(b.url).toBe('ws://b.example/v1/ws?sid=session-1');
    a.deliver(update(7)); // still current until b's Welcome
    b.deliver(welcome('edge-b'));
    expect(client.nodeId).toBe('edge-b');
    expect(b.subscribes()).toEqual([{ eventId: 'ev', resume: { epoch: 'e1', offset: '1007-0' } }]);
    a.deliver(update(8)); // the old socket's stream is ignored from now on: b replays it
    expect(view.seq).toBe(7);
    a.deliver({ betResult: { idempotencyKey: 'key-first', outcome: BetOutcome.BET_OUTCOME_ACCEPTED, betId: 'b-first', acceptedPrice: 1_505 } });
    await expect(first).resolves.toMatchObject({ betId: 'b-first' });
    expect(b.sent.filter((f) => f.placeBet)).toHaveLength(0); // held until ev is resumed on b
    b.deliver({ snapshot: { eventId: 'ev', mode: SnapshotMode.SNAPSHOT_MODE_CONTINUE, epoch: 'e1', seq: 7, offset: '1007-0' } });
    expect(b.sent.filter((f) => f.placeBet).map((f) => f.placeBet!.idempotencyKey)).toEqual(['key-second']);
    expect(a.readyState).toBe(1); // a bet is still open: the old socket may still answer it
    b.deliver(update(8));
    b.deliver({ betResult: { idempotencyKey: 'key-second', outcome: BetOutcome.BET_OUTCOME_ACCEPTED, betId: 'b-second', acceptedPrice: 1_505 } });
    await expect(second).resolves.toMatchObject({ betId: 'b-second' });
    expect(a.readyState).toBe(3); // nothing left on it: closed
    expect(view.seq).toBe(8);
    expect(states).toEqual(['draining', 'open']);
    client.close();
  });

  it('after a resumable close: backs off with full jitter and resumes; after a terminal one: stops and ends open bets as unknown', async () => {
    const { client, socket: a } = await connected();
    client.subscribe('ev');
    a.deliver({ snapshot: { eventId: 'ev', mode: SnapshotMode.SNAPSHOT_MODE_REPLACE, epoch: 'e1', seq: 5, offset: '1005-0', markets: [update(5).odds] } });
    a.close(4001, 'slow consumer');
    expect(client.state).toBe('reconnecting');
    // First wait: random() 0.5 x min(10,000, 250 x 2^0) = 125 ms.
    await vi.advanceTimersByTimeAsync(124);
    expect(FakeSocket.opened).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    const b = FakeSocket.opened[1];
    expect(b.url).toBe('ws://a.example/v1/ws?sid=session-1');
    b.deliver(welcome('edge-a'));
    expect(b.subscribes()).toEqual([{ eventId: 'ev', resume: { epoch: 'e1', offset: '1005-0' } }]);
    b.deliver({ snapshot: { eventId: 'ev', mode: SnapshotMode.SNAPSHOT_MODE_CONTINUE, epoch: 'e1', seq: 5, offset: '1005-0' } });
    const bet = client.placeBet({ eventId: 'ev', marketId: 'm', selectionId: 'home', stake: 100, currency: 'EUR' });
    const errors: Error[] = [];
    client.on('error', (e) => errors.push(e));
    b.close(4500, 'too many protocol errors');
    await expect(bet).rejects.toMatchObject({ code: 'OG_BET_OUTCOME_UNKNOWN' });
    expect(client.state).toBe('closed');
    expect(errors).toMatchObject([{ code: 'OG_CONNECTION_CLOSED', closeCode: 4500 }]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(FakeSocket.opened).toHaveLength(2);
  });
});
