import { describe, expect, it } from 'vitest';
import type { Identity } from '../../src/auth/token-verifier.js';
import { FrameHandler, type FrameDependencies } from '../../src/edge/frame-handler.js';
import { Session } from '../../src/edge/session.js';
import { TokenGate } from '../../src/edge/token-gate.js';
import { CloseCode } from '../../src/protocol/close-codes.js';
import { ErrorCode, pb } from '../../src/protocol/wire.js';

/** A verifier whose answer the test gives: the check is "in progress" until then. */
class HeldVerifier {
  private settle: ((identity: Identity | Error) => void) | undefined;
  verify(): Promise<Identity> {
    return new Promise((resolve, reject) => (this.settle = (v) => (v instanceof Error ? reject(v) : resolve(v))));
  }
  answer(v: Identity | Error): Promise<void> {
    this.settle!(v);
    return new Promise((r) => setImmediate(r));
  }
}

/** What the node did, in order: frames sent (by kind), bets placed (with the identity they carried), the close. */
function harness() {
  const events: string[] = [];
  const verifier = new HeldVerifier();
  const counter = { inc() {} };
  const deps: FrameDependencies = {
    hub: { subscribe: async () => void events.push('subscribe'), unsubscribe: () => undefined },
    bets: { place: (_c, identity, bet) => void events.push(`bet ${bet.idempotencyKey} as ${identity?.playerId ?? 'anonymous'}`) },
    tokens: new TokenGate(verifier, 10, { tokenChecks: { inc() {} } } as never),
    sources: { takeUpgrade: () => true } as never,
    log: { info() {}, error() {} } as never,
    received: { subscribe: counter, unsubscribe: counter, ping: counter, auth: counter, place_bet: counter, invalid: counter },
    authenticated: () => void events.push('welcome'),
  };
  const handler = new FrameHandler({ maxFrameBytes: 4_096, maxSubscriptionsPerConnection: 10 }, deps);
  const limits = { subscribeRatePerSec: 100, subscribeBurst: 100, frameRatePerSec: 1_000, frameBurst: 1_000, maxProtocolErrors: 20 };
  const errors: ErrorCode[] = [];
  const recorder = { sent: (kind: string) => void events.push(kind), error: (code: ErrorCode) => void errors.push(code) };
  const session = new Session('s1', 'sid-12345678', '127.0.0.1', limits, 'a.jwt.token', recorder, '', { backedUp() {}, receiving() {} } as never);
  session.ws = { send: () => 1, end: (code: number) => void events.push(`close ${code}`) } as never;
  const frame = (fields: Record<string, unknown>) => {
    const bytes = pb.ClientFrame.encode(fields).finish();
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  };
  return { events, errors, verifier, handler, session, frame };
}

const PLAYER: Identity = { playerId: 'p1', jurisdiction: 'MT', expiresAtMs: Date.now() + 3_600_000 };
const bet = { placeBet: { idempotencyKey: 'k1', eventId: 'ev', marketId: 'm', selectionId: 's', price: 2_000, seq: 1, stake: 500, currency: 'EUR' } };

describe("frames sent while the upgrade's token is checked", () => {
  it('wait for a good token, then run in arrival order as the player\'s, after the Welcome', async () => {
    const { events, verifier, handler, session, frame } = harness();
    handler.verifyConnectToken(session);
    expect(session.connectToken, 'the token is not kept once its check started').toBeUndefined();
    handler.handle(session, frame({ ping: { nonce: 1 } }), true);
    handler.handle(session, frame(bet), true);
    handler.handle(session, frame({ subscribe: { events: [{ eventId: 'ev' }] } }), true);
    expect(events).toEqual([]);
    await verifier.answer(PLAYER);
    expect(events).toEqual(['welcome', 'pong', 'bet k1 as p1', 'subscribe']);
    // From then on frames go straight through.
    handler.handle(session, frame({ ping: { nonce: 2 } }), true);
    expect(events.at(-1)).toBe('pong');
  });

  it('are dropped with the connection on a bad token: Error UNAUTHENTICATED, close 4501, nothing handled', async () => {
    const { events, errors, verifier, handler, session, frame } = harness();
    handler.verifyConnectToken(session);
    handler.handle(session, frame(bet), true);
    await verifier.answer(new Error('signature verification failed'));
    expect(events).toEqual(['error', `close ${CloseCode.UNAUTHENTICATED}`]);
    expect(errors).toEqual([ErrorCode.ERROR_CODE_UNAUTHENTICATED]);
    expect(session.identity).toBeNull();
  });

  it('may number 16 at most: the 17th closes the connection with 4002, and a late good token welcomes nobody', async () => {
    const { events, errors, verifier, handler, session, frame } = harness();
    handler.verifyConnectToken(session);
    for (let i = 0; i < 17; i++) handler.handle(session, frame({ ping: { nonce: i } }), true);
    expect(events).toEqual(['error', `close ${CloseCode.RATE_LIMITED}`]);
    expect(errors).toEqual([ErrorCode.ERROR_CODE_RATE_LIMITED]);
    await verifier.answer(PLAYER);
    expect(events).toEqual(['error', `close ${CloseCode.RATE_LIMITED}`]);
  });
});
