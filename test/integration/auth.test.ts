import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCoreSim, type CoreSim } from '../../src/core-sim/core-sim.js';
import { MemoryBetStore } from '../../src/core-sim/memory-bet-store.js';
import { RedisPriceSource } from '../../src/core-sim/redis-price-source.js';
import type { OddsNode } from '../../src/main.js';
import { BetOutcome, ErrorCode, pb, PriceChangePolicy, RejectReason } from '../../src/protocol/wire.js';
import { RedisFeedFixture, update } from '../helpers/feeds.js';
import { OddsClient } from '../helpers/odds-client.js';
import { TokenFactory } from '../helpers/tokens.js';

/** Tokens on connect and the checks a bet passes at the edge before any network hop. */
describe('authentication and edge bet checks', () => {
  let feed: RedisFeedFixture;
  let core: CoreSim;
  let node: OddsNode;
  let strictNode: OddsNode;
  let tokens: TokenFactory;
  const clients: OddsClient[] = [];

  beforeAll(async () => {
    tokens = await TokenFactory.create();
    feed = await RedisFeedFixture.create({});
    await feed.publish(update('ev-a', 'winner', 2_000));
    await feed.publish(update('ev-cold', 'winner', 2_000));
    // A real MT core: the edge asks it whether it holds a key it refuses, and must never forward such a bet.
    core = await startCoreSim({ jurisdiction: 'MT', port: 0, store: new MemoryBetStore(), prices: new RedisPriceSource({ shards: feed.shardSpecs(), keyPrefix: feed.keyPrefix }) });
    // Correctness, not speed: a generous budget keeps a busy machine's pauses out of the outcomes.
    node = await feed.startNode({ ...tokens.authConfig(), cores: [`MT=${core.url}`], betRatePerSec: 1, betBurst: 6, betBudgetMs: 2_000 });
    strictNode = await feed.startNode({ ...tokens.authConfig(), allowAnonymous: false });
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.terminate()));
    await core?.stop();
    await feed.stop();
  });

  async function connect(target: OddsNode, token?: string): Promise<OddsClient> {
    const client = await OddsClient.connect(target.port, { protocols: token ? ['oddsgate.v1', `oddsgate.bearer.${token}`] : ['oddsgate.v1'] });
    clients.push(client);
    await client.waitFor(() => client.welcomes.length > 0, 'welcome');
    return client;
  }

  function bet(client: OddsClient, key: string, fields: Partial<Parameters<typeof pb.PlaceBet.create>[0]> = {}) {
    client.sendRaw(
      pb.ClientFrame.encode({
        placeBet: { idempotencyKey: key, eventId: 'ev-a', marketId: 'winner', selectionId: 'home', price: 2_000, seq: 1, stake: 500, currency: 'EUR', ...fields },
      }).finish(),
    );
    return client.waitFor(() => client.betResults.some((r) => r.idempotencyKey === key), `result of ${key}`).then(() => client.betResults.find((r) => r.idempotencyKey === key)!);
  }

  async function subscribed(client: OddsClient) {
    client.subscribe('ev-a');
    await client.waitFor(() => client.events.has('ev-a'), 'snapshot');
  }

  it('welcomes a player with a valid HS256 or RS256 token, naming the jurisdiction', async () => {
    const players = [
      { token: await tokens.hs256('alice', 'MT'), jurisdiction: 'MT' },
      { token: await tokens.rs256('bob', 'DE'), jurisdiction: 'DE' },
    ];
    for (const { token, jurisdiction } of players) {
      const client = await connect(node, token);
      expect(client.welcomes[0]).toMatchObject({ authenticated: true, jurisdiction, betBudgetMs: 2_000 });
      expect(client.ws.protocol).toBe('oddsgate.v1');
    }
  });

  it.each([
    ['forged (wrong secret)', async (t: TokenFactory) => (await t.hs256('mallory', 'MT')).replace(/\.[^.]+$/, '.' + Buffer.from('forged-signature-bytes-here-xx').toString('base64url'))],
    ['expired', (t: TokenFactory) => t.hs256('mallory', 'MT', { expiresIn: Math.floor(Date.now() / 1000) - 60 })],
    ['without exp', (t: TokenFactory) => t.hs256('mallory', 'MT', { expiresIn: null })],
    ['alg none', async (t: TokenFactory) => t.none('mallory', 'MT')],
    ['HS256 signed with the RS256 public key', (t: TokenFactory) => t.confused('mallory', 'MT')],
  ])('refuses a %s token at the upgrade and in an Auth frame: Error UNAUTHENTICATED, close 4501, never a Welcome', async (_name, make) => {
    const token = await make(tokens);
    const refused = await OddsClient.connect(node.port, { protocols: ['oddsgate.v1', `oddsgate.bearer.${token}`] });
    clients.push(refused);
    expect(await refused.closed).toBe(4501);
    expect(refused.errors.map((e) => e.code)).toEqual([ErrorCode.ERROR_CODE_UNAUTHENTICATED]);
    expect(refused.welcomes).toEqual([]);

    const client = await connect(node);
    client.sendRaw(pb.ClientFrame.encode({ auth: { token } }).finish());
    expect(await client.closed).toBe(4501);
    expect(client.errors[0].code).toBe(ErrorCode.ERROR_CODE_UNAUTHENTICATED);
  });

  it('handles frames a player sends before its Welcome as the player\'s, after the Welcome', async () => {
    // The token is checked once the socket is open, so these may reach the node first: they wait for the check.
    const client = await OddsClient.connect(node.port, { protocols: ['oddsgate.v1', `oddsgate.bearer.${await tokens.hs256('early', 'MT')}`] });
    clients.push(client);
    // Listened to after 'open': a Welcome that came in the same read as the 101 is only in client.welcomes.
    let welcomesBeforeTheResult = -1;
    client.addFrameListener((frame) => {
      if (frame.kind === 'betResult') welcomesBeforeTheResult = client.welcomes.length;
    });
    client.sendRaw(pb.ClientFrame.encode({ placeBet: { idempotencyKey: 'early-bet-1', eventId: 'ev-cold', marketId: 'winner', selectionId: 'home', price: 2_000, seq: 1, stake: 500, currency: 'EUR' } }).finish());
    await client.waitFor(() => client.betResults.length > 0, 'the early bet\'s result');
    expect(welcomesBeforeTheResult).toBe(1);
    expect(client.welcomes[0]).toMatchObject({ authenticated: true, jurisdiction: 'MT' });
    // An anonymous bet would be NOT_AUTHENTICATED; the player's fails only on the event nobody here watches.
    expect(client.betResults[0]).toMatchObject({ idempotencyKey: 'early-bet-1', reason: RejectReason.REJECT_REASON_EVENT_NOT_SUBSCRIBED });
  });

  it('authenticates with an Auth frame for clients that cannot set the subprotocol', async () => {
    const client = await connect(node);
    expect(client.welcomes[0].authenticated).toBe(false);
    client.sendRaw(pb.ClientFrame.encode({ auth: { token: await tokens.hs256('carol', 'BR') } }).finish());
    await client.waitFor(() => client.welcomes.length === 2, 'second welcome');
    expect(client.welcomes[1]).toMatchObject({ authenticated: true, jurisdiction: 'BR' });
  });

  it('lets anonymous clients read odds but never bet, and refuses them where anonymous access is off', async () => {
    const anonymous = await connect(node);
    await subscribed(anonymous);
    expect((await bet(anonymous, 'anon-bet-1')).reason).toBe(RejectReason.REJECT_REASON_NOT_AUTHENTICATED);
    await expect(OddsClient.connect(strictNode.port)).rejects.toThrow(/HTTP 401/);
    const player = await connect(strictNode, await tokens.hs256('dave', 'MT'));
    await subscribed(player);
  });

  it('rejects at the edge and never forwards: moved price (with the current one), suspended market, unknown selection, bad fields; the core is only asked whether it holds the key', async () => {
    const client = await connect(node, await tokens.hs256('erin', 'MT'));
    const before = await core.stats();
    // Nobody on the node watches ev-cold: the node holds no price for it.
    expect((await bet(client, 'not-subscribed-1', { eventId: 'ev-cold' })).reason).toBe(RejectReason.REJECT_REASON_EVENT_NOT_SUBSCRIBED);
    await subscribed(client);

    const moved = await bet(client, 'moved-price-1', { price: 2_100 });
    expect(moved).toMatchObject({ outcome: BetOutcome.BET_OUTCOME_REJECTED, reason: RejectReason.REJECT_REASON_PRICE_CHANGED, currentPrice: 2_000 });
    expect((await bet(client, 'unknown-sel-1', { selectionId: 'nobody' })).reason).toBe(RejectReason.REJECT_REASON_UNKNOWN_SELECTION);
    expect((await bet(client, 'zero-stake-1', { stake: 0 })).reason).toBe(RejectReason.REJECT_REASON_INVALID_BET);
    expect((await bet(client, 'short')).reason).toBe(RejectReason.REJECT_REASON_INVALID_BET);

    const suspended = await feed.publish(update('ev-a', 'winner', 2_000, 2));
    await client.waitForSeq('ev-a', suspended.seq);
    expect((await bet(client, 'suspended-1')).reason).toBe(RejectReason.REJECT_REASON_MARKET_SUSPENDED);
    const reopened = await feed.publish(update('ev-a', 'winner', 2_000));
    await client.waitForSeq('ev-a', reopened.seq);

    const after = await core.stats();
    expect(after.requests - before.requests, 'no refused bet was forwarded').toBe(0);
    // Each well-formed refused key was looked up once (the core may hold it from another node); malformed ones never.
    expect(after.lookups - before.lookups).toBe(4);
    // A better price than asked passes the edge with BETTER and goes on to the core, which decides.
    const better = await bet(client, 'better-price-1', { price: 1_900, acceptPriceChange: PriceChangePolicy.PRICE_CHANGE_POLICY_BETTER });
    expect(better).toMatchObject({ outcome: BetOutcome.BET_OUTCOME_ACCEPTED, acceptedPrice: 2_000 });
    expect((await core.stats()).created - after.created).toBe(1);
  });

  it('limits new bets per player: the excess is refused without being forwarded', async () => {
    const client = await connect(node, await tokens.hs256('frank', 'MT'));
    await subscribed(client);
    const before = await core.stats();
    const results = await Promise.all(Array.from({ length: 9 }, (_, i) => bet(client, `rate-limit-${i}`)));
    const limited = results.filter((r) => r.reason === RejectReason.REJECT_REASON_RATE_LIMITED).length;
    // A burst of 6, refilled at 1 per second: 3 refused (2 if a second passed meanwhile).
    expect(limited).toBeGreaterThanOrEqual(2);
    expect(limited).toBeLessThanOrEqual(3);
    expect(results.filter((r) => r.outcome === BetOutcome.BET_OUTCOME_ACCEPTED)).toHaveLength(9 - limited);
    expect((await core.stats()).created - before.created).toBe(9 - limited);
  });
});
