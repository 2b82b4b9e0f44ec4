import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import pino from 'pino';
import { startCoreSim, type CoreSim } from '../../src/core-sim/core-sim.js';
import type { FaultsInput } from '../../src/core-sim/faults.js';
import { RedisBetStore } from '../../src/core-sim/redis-bet-store.js';
import { RedisPriceSource } from '../../src/core-sim/redis-price-source.js';
import type { Config } from '../../src/config/schema.js';
import { startNode, type OddsNode } from '../../src/main.js';
import { loadConfig } from '../../src/config/load.js';
import { BetOutcome, MarketStatus, pb, PriceChangePolicy, RejectReason } from '../../src/protocol/wire.js';
import type { oddsgate } from '../../src/protocol/generated/oddsgate.js';
import { RedisFeedFixture, testLog, update } from '../helpers/feeds.js';
import { closeChecked } from '../helpers/close-checked.js';
import { OddsClient } from '../helpers/odds-client.js';
import { metricValue } from '../helpers/bet-harness.js';
import { waitUntil } from '../helpers/ports.js';
import { TokenFactory } from '../helpers/tokens.js';

type BetResult = oddsgate.v1.BetResult;

/** Bets end to end: real Redis shards, real edge nodes, real reference cores over HTTP. */
describe('bet placement', () => {
  let feed: RedisFeedFixture;
  let tokens: TokenFactory;
  const cores = new Map<string, CoreSim>();
  const nodes: OddsNode[] = [];
  const clients: OddsClient[] = [];
  const NO_FAULTS: FaultsInput = { latency: { minMs: 5, maxMs: 15 }, errorRate: 0, pendingRatio: 0, outage: false };

  beforeAll(async () => {
    tokens = await TokenFactory.create();
    feed = await RedisFeedFixture.create({});
    for (const jurisdiction of ['MT', 'DE']) {
      const core = await startCoreSim({
        jurisdiction,
        port: 0,
        store: new RedisBetStore({ url: feed.servers[0].url, keyPrefix: `${feed.keyPrefix}core:${jurisdiction}:` }),
        prices: new RedisPriceSource({ shards: feed.shardSpecs(), keyPrefix: feed.keyPrefix }),
        faults: NO_FAULTS,
      });
      cores.set(jurisdiction, core);
      // Warm the core's code paths and Redis connections: the first request of a cold process
      // would otherwise spend the 30 ms budget on JIT and connection set-up.
      await fetch(`${core.url}/v1/bets`, { method: 'POST', body: JSON.stringify({ idempotencyKey: 'warm-up-key', playerId: 'warm-up', jurisdiction, eventId: 'ev-warm', marketId: 'm', selectionId: 's', price: 2_000, priceSeq: 0, priceOffset: '', acceptPriceChange: 'none', stake: 1, currency: 'EUR', deadline: Date.now() }) });
    }
  });
  afterEach(async () => {
    await closeChecked(clients);
    await Promise.all(nodes.splice(0).map((n) => n.stop()));
    for (const core of cores.values()) core.setFaults(NO_FAULTS);
  });
  afterAll(async () => {
    await Promise.all([...cores.values()].map((c) => c.stop()));
    await feed.stop();
  });

  async function node(overrides: Partial<Config> = {}, log = testLog): Promise<OddsNode> {
    const config = loadConfig({
      overrides: {
        port: 0,
        host: '127.0.0.1',
        redisShards: feed.shardList(),
        keyPrefix: feed.keyPrefix,
        cores: [...cores].map(([j, c]) => `${j}=${c.url}`),
        betRatePerSec: 10_000,
        betBurst: 10_000,
        // Bursts of bet frames are what these tests send; the frame limits have their own tests.
        frameRatePerSec: 1_000_000,
        frameBurst: 1_000_000,
        // Tests check correctness: a generous budget keeps this shared, noisy process's pauses out of
        // the outcomes. The budget test sets 30 ms; speed is measured in loadtest/ (bench:bets).
        betBudgetMs: 1_000,
        auditHashKey: 'audit-test-key',
        ...tokens.authConfig(),
        ...overrides,
      },
    });
    const started = await startNode(config, log);
    nodes.push(started);
    return started;
  }

  async function player(target: OddsNode, playerId: string, jurisdiction = 'MT', eventId = 'ev-bet'): Promise<OddsClient> {
    const client = await OddsClient.connect(target.port, { protocols: ['oddsgate.v1', `oddsgate.bearer.${await tokens.hs256(playerId, jurisdiction)}`] });
    clients.push(client);
    client.subscribe(eventId);
    await client.waitFor(() => client.events.has(eventId), 'snapshot');
    return client;
  }

  function send(client: OddsClient, key: string, fields: Partial<oddsgate.v1.PlaceBet.$Properties> = {}): void {
    client.sendRaw(
      pb.ClientFrame.encode({
        placeBet: { idempotencyKey: key, eventId: 'ev-bet', marketId: 'winner', selectionId: 'home', price: 2_000, seq: 1, stake: 1_000, currency: 'EUR', ...fields },
      }).finish(),
    );
  }

  const resultsOf = (client: OddsClient, key: string) => client.betResultsByKey.get(key) ?? [];

  async function result(client: OddsClient, key: string, nth = 1, timeoutMs = 10_000): Promise<BetResult> {
    await client.waitFor(() => resultsOf(client, key).length >= nth, `result ${nth} of ${key}`, timeoutMs);
    return resultsOf(client, key)[nth - 1];
  }

  async function place(client: OddsClient, key: string, fields: Partial<oddsgate.v1.PlaceBet.$Properties> = {}): Promise<BetResult & { ms: number }> {
    const before = resultsOf(client, key).length;
    const started = performance.now();
    send(client, key, fields);
    const r = await result(client, key, before + 1);
    return Object.assign(r, { ms: performance.now() - started });
  }

  const created = async (jurisdiction: string) => (await cores.get(jurisdiction)!.stats()).created;

  it('accepts a bet end to end and logs one audit line without the player id', async () => {
    await feed.publish(update('ev-bet', 'winner', 2_000));
    const lines: Array<Record<string, unknown>> = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    });
    const edge = await node({}, pino({ level: 'info' }, sink));
    const client = await player(edge, 'player-accept');
    // A fresh node's first core call pays for JIT and the pool's first connection; this one is not measured.
    await place(client, 'warm-up-bet-1');
    lines.length = 0;
    const r = await place(client, 'accept-key-1');
    expect(r.outcome).toBe(BetOutcome.BET_OUTCOME_ACCEPTED);
    expect(r.betId).toMatch(/^MT-/);
    expect(r.acceptedPrice).toBe(2_000);

    await client.waitFor(() => lines.some((l) => l.audit === 'bet'), 'audit line');
    const audit = lines.filter((l) => l.audit === 'bet');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ key: 'accept-key-1', jurisdiction: 'MT', core: 'MT', outcome: 'BET_OUTCOME_ACCEPTED' });
    expect(typeof audit[0].coreLatencyMs).toBe('number');
    expect(typeof audit[0].edgeLatencyMs).toBe('number');
    expect(audit[0].oddsOffset).toMatch(/^\d+-\d+$/);
    expect(JSON.stringify(lines)).not.toContain('player-accept');
  });

  it('sends one bet for a key sent twice at once and five times in a row, with identical answers', async () => {
    await feed.publish(update('ev-bet', 'winner', 2_000));
    const edge = await node();
    const client = await player(edge, 'player-dup');
    const before = await created('MT');
    send(client, 'dup-key-concurrent');
    send(client, 'dup-key-concurrent');
    const [a, b] = [await result(client, 'dup-key-concurrent', 1), await result(client, 'dup-key-concurrent', 2)];
    expect(a.outcome).toBe(BetOutcome.BET_OUTCOME_ACCEPTED);
    expect(b).toEqual(a);
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await place(client, 'dup-key-serial'));
    for (const answer of answers) expect({ ...answer, ms: 0 }).toEqual({ ...answers[0], ms: 0 });
    expect(await created('MT')).toBe(before + 2);

    // The same key for a different bet is refused.
    expect((await place(client, 'dup-key-serial', { stake: 5_000 })).reason).toBe(RejectReason.REJECT_REASON_IDEMPOTENCY_KEY_REUSED);
    // Another player's identical key is another player's bet, never this one's result.
    const other = await player(edge, 'player-other');
    const theirs = await place(other, 'dup-key-serial');
    expect(theirs.outcome).toBe(BetOutcome.BET_OUTCOME_ACCEPTED);
    expect(theirs.betId).not.toBe(answers[0].betId);
  });

  it('never forwards a bet of a jurisdiction without a core, nor to another jurisdiction', async () => {
    await feed.publish(update('ev-bet', 'winner', 2_000));
    const edge = await node();
    const before = { MT: await created('MT'), DE: await created('DE') };
    const brazilian = await player(edge, 'player-br', 'BR');
    const r = await place(brazilian, 'no-core-key-1');
    expect(r.reason).toBe(RejectReason.REJECT_REASON_NO_CORE_FOR_JURISDICTION);
    const german = await player(edge, 'player-de', 'DE');
    expect((await place(german, 'german-key-1')).betId).toMatch(/^DE-/);
    expect(await created('MT')).toBe(before.MT);
    expect(await created('DE')).toBe(before.DE + 1);
  });

  it('answers "unknown" when the core is slower than the budget, before the core decides; the retry returns the real outcome; 1,000 retries make one bet', async () => {
    await feed.publish(update('ev-bet', 'winner', 2_000));
    const strict = await node({ betBudgetMs: 30 });
    const client = await player(strict, 'player-slow');
    await place(client, 'slow-warm-up-1'); // the node's first core call is not the one measured
    // Far beyond the budget, so the stats read below comes before the decision even on a loaded machine (300 ms did not once).
    cores.get('MT')!.setFaults({ latency: 3_000 });
    const before = await cores.get('MT')!.stats();
    const first = await place(client, 'slow-key-1');
    expect(first.outcome).toBe(BetOutcome.BET_OUTCOME_UNKNOWN);
    // Ordering, not wall time: the player heard UNKNOWN while the core was still deciding.
    expect((await cores.get('MT')!.stats()).accepted, 'the core had not decided when UNKNOWN arrived').toBe(before.accepted);
    expect(first.ms, 'a generous outer bound').toBeLessThan(1_000);

    await waitUntil(async () => (await cores.get('MT')!.stats()).accepted === before.accepted + 1, 10_000, 'the core to decide');
    const retry = await place(client, 'slow-key-1');
    expect(retry.outcome).toBe(BetOutcome.BET_OUTCOME_ACCEPTED);
    expect(await created('MT')).toBe(before.created + 1);

    // A retry storm, from a node with room in its budget: 1,000 resends, in bursts of 50.
    const other = await player(await node(), 'player-slow');
    for (let i = 0; i < 1_000; i++) {
      if (i % 50 === 0) await new Promise((r) => setTimeout(r, 1));
      send(other, 'slow-key-1');
    }
    await result(other, 'slow-key-1', 1_000, 30_000);
    const answers = resultsOf(other, 'slow-key-1');
    expect(answers.filter((r) => r.outcome !== BetOutcome.BET_OUTCOME_ACCEPTED || r.betId !== retry.betId)).toEqual([]);
    expect(await created('MT')).toBe(before.created + 1);
  });

  it('opens the breaker when the core is down: CORE_UNAVAILABLE at once, nothing reaches the core while open, odds keep flowing', async () => {
    await feed.publish(update('ev-bet', 'winner', 2_000));
    const edge = await node({ breakerMinimumCalls: 3, breakerOpenMs: 60_000 });
    const client = await player(edge, 'player-down');
    const watcher = await player(edge, 'player-watch');
    cores.get('MT')!.setFaults({ outage: true });
    for (let i = 0; i < 3; i++) expect((await place(client, `down-key-${i}`)).outcome).toBe(BetOutcome.BET_OUTCOME_UNKNOWN);
    expect(await metricValue(edge.metrics.breakerState, { core: 'MT' }), 'breaker open').toBe(2);

    const requestsBefore = (await cores.get('MT')!.stats()).requests;
    for (let i = 0; i < 50; i++) {
      const r = await place(client, `breaker-key-${i}`);
      expect(r.reason).toBe(RejectReason.REJECT_REASON_CORE_UNAVAILABLE);
      expect(r.ms, 'a generous outer bound: no core call behind it').toBeLessThan(1_000);
    }
    expect((await cores.get('MT')!.stats()).requests, 'nothing was forwarded while open').toBe(requestsBefore);
    expect(await metricValue(edge.metrics.breakerTransitions, { core: 'MT', state: 'open' })).toBe(1);

    const moved = await feed.publish(update('ev-bet', 'winner', 2_050));
    await watcher.waitForSeq('ev-bet', moved.seq);
    await client.waitForSeq('ev-bet', moved.seq);
  });

  it('delivers a pending bet\'s final decision on the same connection, and to a client that moved to another node', async () => {
    await feed.publish(update('ev-bet', 'winner', 2_000));
    const [edgeA, edgeB] = [await node({ pendingPollMs: 50 }), await node({ pendingPollMs: 50 })];
    cores.get('MT')!.setFaults({ pendingRatio: 1, pendingDelayMs: 300 });
    const client = await player(edgeA, 'player-pending');
    const first = await place(client, 'pending-key-1');
    expect(first.outcome).toBe(BetOutcome.BET_OUTCOME_PENDING);
    const final = await result(client, 'pending-key-1', 2);
    expect(final.outcome).toBe(BetOutcome.BET_OUTCOME_ACCEPTED);

    const leaving = await player(edgeA, 'player-pending-2');
    expect((await place(leaving, 'pending-key-2')).outcome).toBe(BetOutcome.BET_OUTCOME_PENDING);
    await leaving.terminate();
    await new Promise((r) => setTimeout(r, 400));
    const back = await player(edgeB, 'player-pending-2');
    const learned = await place(back, 'pending-key-2');
    expect(learned.outcome).toBe(BetOutcome.BET_OUTCOME_ACCEPTED);
    expect(learned.betId).toMatch(/^MT-/);
  });

  it('gives a client that disconnected with a bet in flight its result after reconnecting, from the core\'s record', async () => {
    await feed.publish(update('ev-bet', 'winner', 2_000));
    const edge = await node({ betBudgetMs: 2_000 });
    cores.get('MT')!.setFaults({ latency: 200 });
    const client = await player(edge, 'player-gone');
    const start = await cores.get('MT')!.stats();
    send(client, 'inflight-key-1');
    await waitUntil(async () => (await cores.get('MT')!.stats()).created === start.created + 1, 10_000, 'the bet to reach the core');
    await client.terminate(); // while the core is still deciding it
    await waitUntil(async () => (await cores.get('MT')!.stats()).accepted === start.accepted + 1, 10_000, 'the core to decide');
    const back = await player(edge, 'player-gone');
    const r = await place(back, 'inflight-key-1');
    expect(r.outcome).toBe(BetOutcome.BET_OUTCOME_ACCEPTED);
    // Answered from the core's record, without processing again: no new bet, one more duplicate.
    expect(await cores.get('MT')!.stats()).toMatchObject({ created: start.created + 1, duplicates: start.duplicates + 1 });
  });

  it('past-posting race: of bets sent around a suspension, hundreds provably after it, none of those is accepted', async () => {
    await feed.publish(update('ev-bet', 'winner', 2_000));
    const edge = await node({ betBudgetMs: 2_000 });
    const players = await Promise.all(Array.from({ length: 20 }, (_, i) => player(edge, `racer-${i}`)));
    const run = Date.now();
    const sentAt = new Map<string, number>();
    let n = 0;
    const sendBatch = (count: number) => {
      for (let i = 0; i < count; i++, n++) {
        const key = `race-${n}-${run}`;
        sentAt.set(key, performance.now());
        send(players[n % players.length], key);
      }
    };
    const yieldTurn = () => new Promise((r) => setImmediate(r));
    sendBatch(200); // before: the market is open
    let suspendedAt = Infinity;
    const suspension = feed.publish(update('ev-bet', 'winner', 2_000, MarketStatus.MARKET_STATUS_SUSPENDED)).then(() => {
      suspendedAt = performance.now(); // the suspension is in Redis before this point
    });
    while (suspendedAt === Infinity) {
      sendBatch(20); // during: racing the publish
      await yieldTurn();
    }
    for (let i = 0; i < 6; i++) {
      sendBatch(50); // after: the suspension is in Redis
      await yieldTurn();
    }
    await suspension;
    const keys = [...sentAt.keys()];
    const results = await Promise.all(keys.map((key, i) => result(players[i % players.length], key)));
    const after = results.filter((r) => sentAt.get(r.idempotencyKey)! > suspendedAt);
    expect(after.length, 'bets sent after the suspension was in Redis').toBeGreaterThanOrEqual(300);
    expect(after.filter((r) => r.outcome === BetOutcome.BET_OUTCOME_ACCEPTED)).toEqual([]);
    // Refused as suspended (by the edge or by the core's own check), or UNKNOWN if a loaded machine ran out the budget.
    const stray = after.filter((r) => r.reason !== RejectReason.REJECT_REASON_MARKET_SUSPENDED && r.outcome !== BetOutcome.BET_OUTCOME_UNKNOWN);
    expect(stray, 'neither suspended nor unknown').toEqual([]);
    await feed.publish(update('ev-bet', 'winner', 2_000));
  });

  it('odds race: 10,000 bets in flight while the price moves: none accepted at a price the player did not accept', async () => {
    await feed.publish(update('ev-bet', 'winner', 2_000));
    const edge = await node({ betBudgetMs: 5_000 });
    const players = await Promise.all(Array.from({ length: 50 }, (_, i) => player(edge, `odds-racer-${i}`)));
    const policies = [PriceChangePolicy.PRICE_CHANGE_POLICY_NONE, PriceChangePolicy.PRICE_CHANGE_POLICY_BETTER, PriceChangePolicy.PRICE_CHANGE_POLICY_ANY];
    const asked = new Map<string, PriceChangePolicy>();
    for (let i = 0; i < 10_000; i++) {
      if (i === 3_000) void feed.publish(update('ev-bet', 'winner', 1_800)); // worse for the player
      if (i === 6_000) void feed.publish(update('ev-bet', 'winner', 2_200)); // better
      if (i % 500 === 0) await new Promise((r) => setImmediate(r));
      const key = `odds-race-${i}`;
      const policy = policies[i % 3];
      asked.set(key, policy);
      send(players[i % players.length], key, { acceptPriceChange: policy });
    }
    const results: BetResult[] = [];
    for (let i = 0; i < 10_000; i++) results.push(await result(players[i % players.length], `odds-race-${i}`, 1, 60_000));
    const accepted = results.filter((r) => r.outcome === BetOutcome.BET_OUTCOME_ACCEPTED);
    expect(accepted.length).toBeGreaterThan(0);
    for (const r of accepted) {
      const policy = asked.get(r.idempotencyKey)!;
      if (policy === PriceChangePolicy.PRICE_CHANGE_POLICY_NONE) expect(r.acceptedPrice).toBe(2_000);
      if (policy === PriceChangePolicy.PRICE_CHANGE_POLICY_BETTER) expect(r.acceptedPrice).toBeGreaterThanOrEqual(2_000);
    }
    expect(results.some((r) => r.reason === RejectReason.REJECT_REASON_PRICE_CHANGED)).toBe(true);
  }, 120_000);
});
