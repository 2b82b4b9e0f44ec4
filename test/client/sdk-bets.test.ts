import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CoreSim } from '../../src/core-sim/core-sim.js';
import { BetOutcomeUnknownError, BetRejectedError, OddsClient, type OddsClientOptions } from '../../src/client/node.js';
import type { OddsNode } from '../../src/main.js';
import { BetHarness, metricValue } from '../helpers/bet-harness.js';
import { update } from '../helpers/feeds.js';
import { waitUntil } from '../helpers/ports.js';
import { connectSdk, connectSdkThroughProxy, type SdkWatch } from '../helpers/sdk-watch.js';
import type { TcpProxy } from '../helpers/tcp-proxy.js';

/**
 * placeBet against real nodes and the reference core on real Redis: every
 * outcome path, proved with the core's records (one bet per key, however
 * often the SDK resent it), never with wall time.
 */
describe('the client SDK places bets', () => {
  let harness: BetHarness;
  let core: CoreSim;
  const clients: OddsClient[] = [];
  const proxies: TcpProxy[] = [];
  let player = 0;

  beforeAll(async () => {
    harness = await BetHarness.create();
    core = await harness.core('MT', { latency: { minMs: 1, maxMs: 3 } });
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.close();
    for (const p of proxies.splice(0)) await p.stop();
    await harness.closeAll();
    core.setFaults({ latency: { minMs: 1, maxMs: 3 }, pendingRatio: 0 });
  });
  afterAll(async () => {
    await harness?.stop();
  });

  /**
   * A player's SDK client (through a TCP proxy when asked), subscribed to
   * ev-bet with its view ready. Its token provider mints a token per
   * connection: the first one living `firstTokenLifetime` (default 1 h).
   */
  async function sdkPlayer(node: OddsNode, options: Partial<OddsClientOptions> & { proxy?: boolean; firstTokenLifetime?: string } = {}) {
    const { proxy: viaProxy, firstTokenLifetime = '1h', ...clientOptions } = options;
    const playerId = `sdk-player-${++player}`;
    let minted = 0;
    const token = () => harness.tokens.hs256(playerId, 'MT', { expiresIn: minted++ === 0 ? firstTokenLifetime : '1h' });
    let proxy: TcpProxy | undefined;
    let watch: SdkWatch;
    if (viaProxy) {
      ({ watch, proxy } = await connectSdkThroughProxy(node, { token, ...clientOptions }));
      proxies.push(proxy);
    } else {
      watch = await connectSdk(node.port, { token, ...clientOptions });
    }
    const client = watch.client;
    clients.push(client);
    const view = watch.watch(client.subscribe('ev-bet'));
    await waitUntil(() => view.ready, 10_000, 'the ev-bet view');
    return { client, watch, view, proxy, tokensMinted: () => minted };
  }

  it('resolves ACCEPTED at the view price and seq; PRICE_CHANGED rejects with the current price', async () => {
    await harness.feed.publish(update('ev-bet', 'winner', 2_000));
    const { client, view, watch } = await sdkPlayer(await harness.node({ MT: core.url }));
    const before = await core.stats();
    const accepted = await client.placeBet({ eventId: 'ev-bet', marketId: 'winner', selectionId: 'home', stake: 500, currency: 'EUR' });
    expect(accepted).toMatchObject({ outcome: 'accepted', acceptedPrice: 2_000 });
    expect(accepted.idempotencyKey).toMatch(/^[A-Za-z0-9_.:-]{8,64}$/);

    const rejected = await client.placeBet({ eventId: 'ev-bet', marketId: 'winner', selectionId: 'home', price: 2_500, stake: 500, currency: 'EUR' }).catch((e: unknown) => e);
    expect(rejected).toBeInstanceOf(BetRejectedError);
    expect(rejected).toMatchObject({ reason: 'PRICE_CHANGED', currentPrice: 2_000, retryLater: false });
    expect(await core.stats()).toMatchObject({ created: before.created + 1 });
    expect(view.market('winner')?.seq).toBe(view.seq);
    expect(watch.violations).toEqual([]);
  });

  it('UNKNOWN: resends the same key until the core answers; the core holds one bet', async () => {
    await harness.feed.publish(update('ev-bet', 'winner', 2_000));
    // The node's budget ends long before the core decides: the first answer is UNKNOWN.
    const node = await harness.node({ MT: core.url }, { betBudgetMs: 100 });
    const { client } = await sdkPlayer(node, { bets: { unknownRetries: 20, retryBaseMs: 200, retryMaxMs: 1_000 } });
    core.setFaults({ latency: { fixedMs: 600 } });
    const before = await core.stats();
    const bet = await client.placeBet({ eventId: 'ev-bet', marketId: 'winner', selectionId: 'home', stake: 700, currency: 'EUR', idempotencyKey: `sdk-unknown-${process.pid}` });
    expect(bet).toMatchObject({ outcome: 'accepted', idempotencyKey: `sdk-unknown-${process.pid}` });
    expect((await core.stats()).created - before.created).toBe(1);
    // The node answered UNKNOWN at least once, then the same key's decision (a resend may share the node's
    // call still in flight, or reach the core as a duplicate: either way one bet).
    expect(await metricValue(node.metrics.betDecisions, { outcome: 'unknown' })).toBeGreaterThanOrEqual(1);
    expect(await metricValue(node.metrics.betDecisions, { outcome: 'accepted' })).toBe(1);
  });

  it('UNKNOWN past unknownRetries: BetOutcomeUnknownError; placing the same key again later learns the one bet', async () => {
    await harness.feed.publish(update('ev-bet', 'winner', 2_000));
    const node = await harness.node({ MT: core.url }, { betBudgetMs: 100 });
    const { client } = await sdkPlayer(node, { bets: { unknownRetries: 0 } });
    core.setFaults({ latency: { fixedMs: 600 } });
    const before = await core.stats();
    const fields = { eventId: 'ev-bet', marketId: 'winner', selectionId: 'home', stake: 300, currency: 'EUR' } as const;
    const err = await client.placeBet(fields).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BetOutcomeUnknownError);
    core.setFaults({ latency: { minMs: 1, maxMs: 3 } });
    const key = (err as BetOutcomeUnknownError).idempotencyKey;
    await waitUntil(async () => (await core.stats()).accepted > before.accepted, 10_000, 'the core deciding the first attempt');
    const again = await client.placeBet({ ...fields, price: 2_000, idempotencyKey: key });
    expect(again).toMatchObject({ outcome: 'accepted', idempotencyKey: key });
    expect((await core.stats()).created - before.created).toBe(1);
  });

  it('PENDING: onPending once, then the final decision', async () => {
    await harness.feed.publish(update('ev-bet', 'winner', 2_000));
    const { client } = await sdkPlayer(await harness.node({ MT: core.url }, { pendingPollMs: 50 }));
    core.setFaults({ pendingRatio: 1, pendingDelayMs: 300 });
    let pendings = 0;
    const bet = await client.placeBet({ eventId: 'ev-bet', marketId: 'winner', selectionId: 'home', stake: 400, currency: 'EUR' }, { onPending: () => pendings++ });
    expect(bet.outcome).toBe('accepted');
    expect(pendings).toBe(1);
  });

  it('PENDING across a dropped socket: the SDK reconnects, resends the same key, and learns the decision; one bet', async () => {
    await harness.feed.publish(update('ev-bet', 'winner', 2_000));
    const node = await harness.node({ MT: core.url }, { pendingPollMs: 50 });
    const { client, proxy, watch } = await sdkPlayer(node, { proxy: true });
    core.setFaults({ pendingRatio: 1, pendingDelayMs: 1_500 });
    const before = await core.stats();
    let pendings = 0;
    const placed = client.placeBet({ eventId: 'ev-bet', marketId: 'winner', selectionId: 'away', stake: 900, currency: 'EUR' }, { onPending: () => {
      pendings++;
      proxy!.reset(); // the connection drops while the core holds the bet
    } });
    const bet = await placed;
    expect(bet.outcome).toBe('accepted');
    expect(pendings).toBe(1);
    expect(proxy!.accepted).toBe(2);
    expect(watch.states.map((s) => s.state)).toEqual(['connecting', 'open', 'reconnecting', 'open']);
    expect((await core.stats()).created - before.created).toBe(1);
    expect(await metricValue(node.metrics.framesReceived, { kind: 'place_bet' }), 'the bet, and its resend on the new connection').toBe(2);
  });

  it('4003: the token expires, the provider is asked again, the view resumes without a gap and bets still work', async () => {
    await harness.feed.publish(update('ev-bet', 'winner', 2_000));
    const node = await harness.node({ MT: core.url }, { authClockToleranceSec: 0 });
    // The first token lives 2 s; the node closes with 4003 when it ends (no refresh ahead of exp: lead 0).
    const { client, watch, view, tokensMinted } = await sdkPlayer(node, { firstTokenLifetime: '2s', tokenRefreshLeadMs: 0 });
    await waitUntil(() => watch.states.some((s) => s.detail?.code === 4003), 15_000, 'close 4003');
    await waitUntil(() => client.state === 'open', 10_000, 'reopened');
    const last = await harness.feed.publish(update('ev-bet', 'winner', 2_050));
    await watch.seqReached(view, last.seq);
    expect(tokensMinted()).toBe(2);
    expect(watch.violations).toEqual([]);
    expect(watch.contiguous('ev-bet', last.seq)).toBe(true);
    expect(await client.placeBet({ eventId: 'ev-bet', marketId: 'winner', selectionId: 'home', stake: 100, currency: 'EUR' })).toMatchObject({ outcome: 'accepted', acceptedPrice: 2_050 });
  });

  it('before exp: moves to a connection with a fresh token (make before break), no 4003, no gap', async () => {
    await harness.feed.publish(update('ev-bet', 'winner', 2_000));
    const node = await harness.node({ MT: core.url }, { authClockToleranceSec: 0 });
    const { watch, view, tokensMinted } = await sdkPlayer(node, { firstTokenLifetime: '4s' });
    await waitUntil(() => watch.welcomes.length === 2, 15_000, 'the second Welcome');
    const last = await harness.feed.publish(update('ev-bet', 'winner', 2_070));
    await watch.seqReached(view, last.seq);
    expect(tokensMinted()).toBe(2);
    expect(watch.states.map((s) => s.state)).toEqual(['connecting', 'open', 'open']);
    expect(watch.violations).toEqual([]);
    expect(watch.contiguous('ev-bet', last.seq)).toBe(true);
  });

  it('4501: a refused Auth frame makes the provider give another token once; refused twice, the client stops', async () => {
    const node = await harness.node({ MT: core.url });
    const good = await harness.tokens.hs256('sdk-4501', 'MT');
    const tokens = [harness.tokens.none('sdk-4501', 'MT'), good];
    let asked = 0;
    const client = new OddsClient({ url: `ws://127.0.0.1:${node.port}/v1/ws`, auth: 'frame', token: () => tokens[asked++], reconnect: { baseMs: 50, maxMs: 500 } });
    clients.push(client);
    const welcomes: boolean[] = [];
    client.on('welcome', (w) => welcomes.push(w.authenticated));
    await client.connect();
    expect(asked).toBe(2);
    expect(welcomes).toEqual([true]);

    let refusals = 0;
    const refused = new OddsClient({ url: `ws://127.0.0.1:${node.port}/v1/ws`, auth: 'frame', token: () => (refusals++, harness.tokens.none('sdk-4501', 'MT')), reconnect: { baseMs: 50, maxMs: 500 } });
    clients.push(refused);
    const err = await refused.connect().catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'OG_CONNECTION_CLOSED', closeCode: 4501 });
    expect(refusals).toBe(2);
    expect(refused.state).toBe('closed');
  });
});
