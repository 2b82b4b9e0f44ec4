import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { startCoreSim, type CoreSim } from '../../src/core-sim/core-sim.js';
import { MemoryBetStore } from '../../src/core-sim/memory-bet-store.js';
import { RedisPriceSource } from '../../src/core-sim/redis-price-source.js';
import { RedisOddsPublisher } from '../../src/feed/redis-publisher.js';
import { logStartup } from '../../src/observability/logger.js';
import { startNode, type OddsNode } from '../../src/main.js';
import { CloseCode } from '../../src/protocol/close-codes.js';
import { BetOutcome, pb } from '../../src/protocol/wire.js';
import { update } from '../helpers/feeds.js';
import { OddsClient } from '../helpers/odds-client.js';
import { RedisServer } from '../helpers/redis-server.js';
import { HS_SECRET, TokenFactory } from '../helpers/tokens.js';

/**
 * Player identifiers, tokens and secrets never appear in a log line. One
 * node, its core and its Redis log at trace level (every line there is)
 * while players do everything that writes lines about them — upgrade with
 * good and bad tokens, Auth frames, bets accepted, refused and rejected,
 * a token expiring, a drain — and then every line is searched for every
 * secret and every player id used.
 */
describe('logs never carry player ids, tokens or secrets', () => {
  const REDIS_PASSWORD = 'redis-pw-never-logged-7f3a';
  const AUDIT_KEY = 'audit-hmac-key-never-logged-91c2';
  const ADMIN_TOKEN = 'admin-token-never-logged-44d0';
  const players = ['player-alice-60a1', 'player-bob-71b2', 'player-carol-82c3', 'player-dave-93d4'];
  const lines: string[] = [];
  const log = pino({ level: 'trace' }, new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) }));
  const secrets: string[] = [REDIS_PASSWORD, AUDIT_KEY, ADMIN_TOKEN, HS_SECRET];
  let redis: RedisServer;
  let publisher: RedisOddsPublisher;
  let core: CoreSim;
  let node: OddsNode;
  let tokens: TokenFactory;
  const clients: OddsClient[] = [];

  beforeAll(async () => {
    tokens = await TokenFactory.create();
    redis = await RedisServer.start();
    const admin = redis.client();
    await admin.config('SET', 'requirepass', REDIS_PASSWORD);
    admin.disconnect();
    const url = `redis://:${REDIS_PASSWORD}@127.0.0.1:${redis.port}`;
    publisher = new RedisOddsPublisher({ shards: [{ name: 'a', url }], keyPrefix: 'leak:', streamMaxLen: 1_000, heartbeatMs: 200 });
    await publisher.start();
    await publisher.publish(update('ev-leak', 'winner', 2_000));
    core = await startCoreSim({ jurisdiction: 'MT', port: 0, store: new MemoryBetStore(), prices: new RedisPriceSource({ shards: [{ name: 'a', url }], keyPrefix: 'leak:' }), log });
    const config = loadConfig({
      overrides: {
        port: 0,
        host: '127.0.0.1',
        redisShards: `a=${url}`,
        keyPrefix: 'leak:',
        logLevel: 'trace',
        cores: `MT=${core.url}`,
        auditHashKey: AUDIT_KEY,
        adminToken: ADMIN_TOKEN,
        betBudgetMs: 2_000,
        authClockToleranceSec: 0,
        drainWindowMs: 200,
        drainGraceMs: 200,
        ...tokens.authConfig(),
      },
    });
    logStartup(log, config);
    node = await startNode(config, log);
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.terminate()));
    await node?.stop();
    await core?.stop();
    await publisher?.stop();
    await redis?.stop();
  });

  async function connect(token?: string): Promise<OddsClient> {
    const client = await OddsClient.connect(node.port, { protocols: token ? ['oddsgate.v1', `oddsgate.bearer.${token}`] : ['oddsgate.v1'] });
    clients.push(client);
    await client.waitFor(() => client.welcomes.length > 0, 'welcome');
    return client;
  }

  function bet(client: OddsClient, key: string, fields: Record<string, unknown> = {}) {
    client.sendRaw(pb.ClientFrame.encode({ placeBet: { idempotencyKey: key, eventId: 'ev-leak', marketId: 'winner', selectionId: 'home', price: 2_000, seq: 1, stake: 500, currency: 'EUR', ...fields } }).finish());
    return client.waitFor(() => client.betResultsByKey.has(key), `result of ${key}`).then(() => client.betResultsByKey.get(key)![0]);
  }

  it('after upgrades, Auth frames, bets, an expired token and a drain, no line holds a token, a secret or a player id', async () => {
    const issued: string[] = [];
    const token = async (player: string, options: { expiresIn?: number } = {}) => {
      const t = await tokens.hs256(player, 'MT', options);
      issued.push(t);
      return t;
    };
    // A player with a subprotocol token bets: accepted, a moved price (looked up, refused), an invalid frame.
    const alice = await connect(await token(players[0]));
    alice.subscribe('ev-leak');
    await alice.waitFor(() => alice.events.has('ev-leak'), 'snapshot');
    expect((await bet(alice, 'leak-accepted-1')).outcome).toBe(BetOutcome.BET_OUTCOME_ACCEPTED);
    expect((await bet(alice, 'leak-moved-1', { price: 2_500 })).outcome).toBe(BetOutcome.BET_OUTCOME_REJECTED);
    expect((await bet(alice, 'x', {})).outcome).toBe(BetOutcome.BET_OUTCOME_REJECTED);
    // An Auth frame, and a forged one.
    const bob = await connect();
    bob.sendRaw(pb.ClientFrame.encode({ auth: { token: await token(players[1]) } }).finish());
    await bob.waitFor(() => bob.welcomes.length === 2, 'welcome after auth');
    const forged = (await token(players[2])).replace(/\.[^.]+$/, '.AAAA');
    const carol = await connect();
    carol.sendRaw(pb.ClientFrame.encode({ auth: { token: forged } }).finish());
    expect(await carol.closed).toBe(CloseCode.UNAUTHENTICATED);
    const refused = await OddsClient.connect(node.port, { protocols: ['oddsgate.v1', `oddsgate.bearer.${forged}`] });
    expect(await refused.closed).toBe(CloseCode.UNAUTHENTICATED);
    // A token that expires while connected.
    const dave = await connect(await token(players[3], { expiresIn: Math.floor(Date.now() / 1000) + 1 }));
    expect(await dave.closed).toBe(CloseCode.TOKEN_EXPIRED);
    // The node drains: the remaining clients are told and closed.
    await node.drain();

    const text = lines.join('');
    expect(lines.length, 'lines about sessions, bets and refusals were written').toBeGreaterThanOrEqual(10);
    expect(text, 'the audit line of the accepted bet is there (with the key, not the player)').toContain('leak-accepted-1');
    for (const secret of secrets) expect(text.includes(secret), `secret ${secret.slice(0, 12)}... in the logs`).toBe(false);
    for (const player of players) expect(text.includes(player), `player id ${player} in the logs`).toBe(false);
    for (const t of issued) {
      for (const part of t.split('.')) if (part.length > 0) expect(text.includes(part), 'a token part in the logs').toBe(false);
    }
  });
});
