import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { coreBetResponse, type CoreBetRequest, type CoreOutcome } from '../../src/bets/core-contract.js';
import { loadConfig } from '../../src/config/load.js';
import type { BetStore } from '../../src/core-sim/bet-store.js';
import { coreSimOptionsFromFlags } from '../../src/cli/core-sim.js';
import { fingerprint } from '../../src/core-sim/decision.js';
import { startCoreSim, type CoreSim, type CoreSimOptions } from '../../src/core-sim/core-sim.js';
import { InProcessPriceSource } from '../../src/core-sim/in-process-price-source.js';
import { MemoryBetStore } from '../../src/core-sim/memory-bet-store.js';
import type { PriceSource } from '../../src/core-sim/price-source.js';
import { RedisBetStore } from '../../src/core-sim/redis-bet-store.js';
import { RedisPriceSource } from '../../src/core-sim/redis-price-source.js';
import { ConfigError } from '../../src/errors.js';
import { InProcessOddsStore } from '../../src/feed/in-process-store.js';
import type { MarketUpdate } from '../../src/feed/odds-update.js';
import { RedisOddsPublisher } from '../../src/feed/redis-publisher.js';
import { MarketStatus } from '../../src/protocol/wire.js';
import { waitUntil } from '../helpers/ports.js';
import { RedisServer } from '../helpers/redis-server.js';

/**
 * The reference core over real HTTP: its checks, idempotency (sequential,
 * concurrent, across instances and restarts), pending bets and fault
 * injection. Every suite runs against both storage implementations: Redis
 * (records in a real redis-server, prices from the feed's snapshot hashes on
 * two shards) and in-memory (prices from the in-process odds store).
 */

interface Backend {
  publish(update: MarketUpdate): Promise<void>;
  /** A store on the same records as every other store of this suite test (a restarted core finds them). */
  store(): BetStore;
  prices(): PriceSource;
  /** Fresh records and counters for the next test. */
  reset(): void;
  stop(): Promise<void>;
}

class RedisBackend implements Backend {
  private prefix = '';
  private constructor(
    private readonly servers: RedisServer[],
    private readonly publisher: RedisOddsPublisher,
    private readonly feedPrefix: string,
  ) {}

  static async create(): Promise<RedisBackend> {
    const servers = await Promise.all([RedisServer.start(), RedisServer.start()]);
    const feedPrefix = `t${randomBytes(4).toString('hex')}:`;
    const publisher = new RedisOddsPublisher({ shards: shardSpecs(servers), keyPrefix: feedPrefix, streamMaxLen: 1_000, heartbeatMs: 0 });
    await publisher.start();
    return new RedisBackend(servers, publisher, feedPrefix);
  }

  async publish(update: MarketUpdate): Promise<void> {
    await this.publisher.publish(update);
  }

  store(): BetStore {
    return new RedisBetStore({ url: this.servers[0].url, keyPrefix: this.prefix });
  }

  prices(): PriceSource {
    return new RedisPriceSource({ shards: shardSpecs(this.servers), keyPrefix: this.feedPrefix });
  }

  reset(): void {
    this.prefix = `${this.feedPrefix}core:MT:${randomBytes(3).toString('hex')}:`;
  }

  async stop(): Promise<void> {
    await this.publisher.stop();
    await Promise.all(this.servers.map((s) => s.stop()));
  }
}

class MemoryBackend implements Backend {
  private readonly odds = new InProcessOddsStore(1_000);
  private records = new MemoryBetStore();

  async publish(update: MarketUpdate): Promise<void> {
    this.odds.append(update);
  }

  /** The same object every time: close() is a no-op, so a "restarted" core keeps the records. */
  store(): BetStore {
    return this.records;
  }

  prices(): PriceSource {
    return new InProcessPriceSource(this.odds);
  }

  reset(): void {
    this.records = new MemoryBetStore();
  }

  async stop(): Promise<void> {}
}

const shardSpecs = (servers: RedisServer[]) => servers.map((s, i) => ({ name: `shard-${i}`, url: s.url }));

interface Answer {
  status: number;
  body: { outcome?: CoreOutcome; betId?: string; acceptedPrice?: number; reason?: string; currentPrice?: number; coreLatencyMs?: number; error?: string };
}

/** Every 200 answer of the bet routes must be what the edge accepts: the contract's own schema. */
function checkContract(path: string, answer: Answer): Answer {
  if (path.startsWith('/v1/bets') && answer.status === 200) {
    const parsed = coreBetResponse.safeParse(answer.body);
    expect(parsed.success, `${path} answered off the contract: ${JSON.stringify(answer.body)}`).toBe(true);
  }
  return answer;
}

async function post(core: CoreSim, body: unknown, path = '/v1/bets'): Promise<Answer> {
  const res = await fetch(core.url + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return checkContract(path, { status: res.status, body: (await res.json()) as Answer['body'] });
}

async function get(core: CoreSim, path: string): Promise<Answer> {
  const res = await fetch(core.url + path);
  return checkContract(path, { status: res.status, body: (await res.json()) as Answer['body'] });
}

/**
 * A processingDelay the test controls: it records every latency the core asks
 * for and holds each decision until released, so races are set up by order,
 * not by sleeping and hoping.
 */
class HeldDelay {
  readonly asked: number[] = [];
  private readonly held: Array<() => void> = [];
  readonly delay = (ms: number): Promise<void> => {
    this.asked.push(ms);
    return new Promise((resolve) => this.held.push(resolve));
  };

  waitForDecisions(n: number): Promise<void> {
    return waitUntil(() => this.asked.length >= n, 10_000, `${n} decisions held`);
  }

  release(): void {
    for (const resolve of this.held.splice(0)) resolve();
  }
}

const lookup = (core: CoreSim, r: CoreBetRequest) => get(core, `/v1/bets/${encodeURIComponent(r.playerId)}/${encodeURIComponent(r.idempotencyKey)}`);

let eventSeq = 0;
const newEvent = () => `ev-${process.pid}-${++eventSeq}`;

function market(eventId: string, price: number, status = MarketStatus.MARKET_STATUS_OPEN): MarketUpdate {
  return { eventId, marketId: 'winner', status, selections: [{ id: 'home', price }, { id: 'away', price: 3_100 }] };
}

function betOn(eventId: string, fields: Partial<CoreBetRequest> = {}): CoreBetRequest {
  return {
    idempotencyKey: `key-${randomBytes(6).toString('hex')}`,
    playerId: `player:${randomBytes(3).toString('hex')}`,
    jurisdiction: 'MT',
    edgeNodeId: 'edge-1',
    eventId,
    marketId: 'winner',
    selectionId: 'home',
    price: 2_000,
    priceSeq: 1,
    priceOffset: '1-0',
    acceptPriceChange: 'none',
    stake: 500,
    currency: 'EUR',
    deadline: Date.now() + 2_000,
    ...fields,
  };
}

/** Runs `n` tasks with at most `limit` in flight. */
async function bounded<T>(n: number, limit: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(n);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < n) {
        const i = next++;
        results[i] = await task(i);
      }
    }),
  );
  return results;
}

describe.each(['redis', 'memory'] as const)('core-sim with the %s store', (kind) => {
  let backend: Backend;
  const cores: CoreSim[] = [];

  async function start(options: Partial<CoreSimOptions> = {}): Promise<CoreSim> {
    const core = await startCoreSim({ jurisdiction: 'MT', port: 0, store: backend.store(), prices: backend.prices(), ...options });
    cores.push(core);
    return core;
  }

  async function stop(core: CoreSim): Promise<void> {
    cores.splice(cores.indexOf(core), 1);
    await core.stop();
  }

  beforeAll(async () => {
    backend = kind === 'redis' ? await RedisBackend.create() : new MemoryBackend();
  });
  afterAll(async () => {
    await backend.stop();
  });
  beforeEach(() => backend.reset());
  afterEach(async () => {
    await Promise.all(cores.splice(0).map((c) => c.stop()));
  });

  describe('decisions', () => {
    let core: CoreSim;
    let eventId: string;
    beforeEach(async () => {
      core = await start();
      eventId = newEvent();
      await backend.publish(market(eventId, 2_000));
    });

    it('accepts a bet at the current price with a betId', async () => {
      const { status, body } = await post(core, betOn(eventId));
      expect(status).toBe(200);
      expect(body).toMatchObject({ outcome: 'accepted', acceptedPrice: 2_000 });
      expect(body.betId).toMatch(/^MT-/);
      expect(typeof body.coreLatencyMs).toBe('number');
      expect(await core.stats()).toMatchObject({ requests: 1, created: 1, accepted: 1, rejected: 0, duplicates: 0 });
    });

    it('price moved: none → price_changed with currentPrice; better → accepted only when better; any → accepted at current', async () => {
      await backend.publish(market(eventId, 2_100));
      expect((await post(core, betOn(eventId, { acceptPriceChange: 'none' }))).body).toEqual({ outcome: 'rejected', reason: 'price_changed', currentPrice: 2_100, coreLatencyMs: expect.any(Number) });
      expect((await post(core, betOn(eventId, { acceptPriceChange: 'better' }))).body).toMatchObject({ outcome: 'accepted', acceptedPrice: 2_100 });
      expect((await post(core, betOn(eventId, { acceptPriceChange: 'any' }))).body).toMatchObject({ outcome: 'accepted', acceptedPrice: 2_100 });

      await backend.publish(market(eventId, 1_900));
      expect((await post(core, betOn(eventId, { acceptPriceChange: 'better' }))).body).toMatchObject({ outcome: 'rejected', reason: 'price_changed', currentPrice: 1_900 });
      expect((await post(core, betOn(eventId, { acceptPriceChange: 'any' }))).body).toMatchObject({ outcome: 'accepted', acceptedPrice: 1_900 });
      expect((await post(core, betOn(eventId, { acceptPriceChange: 'none', price: 1_900 }))).body).toMatchObject({ outcome: 'accepted', acceptedPrice: 1_900 });
    });

    it('suspended → market_suspended, closed → market_closed, unknown market and selection', async () => {
      await backend.publish(market(eventId, 2_000, MarketStatus.MARKET_STATUS_SUSPENDED));
      expect((await post(core, betOn(eventId))).body).toMatchObject({ outcome: 'rejected', reason: 'market_suspended' });
      await backend.publish(market(eventId, 2_000, MarketStatus.MARKET_STATUS_CLOSED));
      expect((await post(core, betOn(eventId))).body).toMatchObject({ outcome: 'rejected', reason: 'market_closed' });
      expect((await post(core, betOn(eventId, { marketId: 'nope' }))).body).toMatchObject({ outcome: 'rejected', reason: 'unknown_market' });
      expect((await post(core, betOn(newEvent()))).body).toMatchObject({ outcome: 'rejected', reason: 'unknown_market' });
      await backend.publish(market(eventId, 2_000));
      expect((await post(core, betOn(eventId, { selectionId: 'draw' }))).body).toMatchObject({ outcome: 'rejected', reason: 'unknown_selection' });
    });

    it('sees a suspension published during its processing time (checks after the injected latency)', async () => {
      const held = new HeldDelay();
      await stop(core);
      core = await start({ faults: { latency: 150 }, processingDelay: held.delay });
      const answer = post(core, betOn(eventId));
      await held.waitForDecisions(1); // the bet is claimed and in its processing time
      await backend.publish(market(eventId, 2_000, MarketStatus.MARKET_STATUS_SUSPENDED));
      held.release();
      expect((await answer).body).toMatchObject({ outcome: 'rejected', reason: 'market_suspended' });
    });

    it('rejects another jurisdiction and keeps no record of it', async () => {
      const wrong = betOn(eventId, { jurisdiction: 'DE' });
      expect(await post(core, wrong)).toEqual({ status: 200, body: { outcome: 'rejected', reason: 'wrong_jurisdiction' } });
      expect((await lookup(core, wrong)).status).toBe(404);
      expect(await core.stats()).toMatchObject({ created: 0, rejected: 1 });
    });

    it('stake: above the limit → stake_limit; zero, fractional or malformed body → 400 invalid_request', async () => {
      await stop(core);
      core = await start({ maxStake: 1_000 });
      expect((await post(core, betOn(eventId, { stake: 1_001 }))).body).toMatchObject({ outcome: 'rejected', reason: 'stake_limit' });
      expect((await post(core, betOn(eventId, { stake: 1_000 }))).body).toMatchObject({ outcome: 'accepted' });
      const invalid = { status: 400, body: { outcome: 'rejected', reason: 'invalid_request' } };
      expect(await post(core, betOn(eventId, { stake: 0 }))).toEqual(invalid);
      expect(await post(core, betOn(eventId, { stake: 2.5 }))).toEqual(invalid);
      expect(await post(core, { ...betOn(eventId), acceptPriceChange: 'whatever' })).toEqual(invalid);
      expect(await post(core, '{"not json')).toEqual(invalid);
      expect(await post(core, '[]')).toEqual(invalid);
      expect(await core.stats()).toMatchObject({ requests: 7, created: 2, invalid: 5 });
    });

    it('GET of an unknown bet → 404; health and stats answer', async () => {
      expect((await get(core, '/v1/bets/nobody/key-unknown-1')).status).toBe(404);
      expect((await get(core, '/healthz')).status).toBe(200);
      expect((await get(core, '/v1/stats')).body).toMatchObject({ requests: 0, lookups: 1 });
    });
  });

  describe('idempotency', () => {
    let eventId: string;
    beforeEach(async () => {
      eventId = newEvent();
      await backend.publish(market(eventId, 2_000));
    });

    it('the same key 5 times in a row: identical responses, one bet', async () => {
      const core = await start();
      const bet = betOn(eventId);
      const answers: Answer[] = [];
      for (let i = 0; i < 5; i++) answers.push(await post(core, { ...bet, edgeNodeId: `edge-${i}`, priceSeq: i, deadline: Date.now() + 2_000 }));
      expect(answers[0].body.outcome).toBe('accepted');
      for (const a of answers) expect(a).toEqual(answers[0]);
      expect((await lookup(core, bet)).body).toEqual(answers[0].body);
      expect(await core.stats()).toMatchObject({ requests: 5, created: 1, duplicates: 4, accepted: 1 });
    });

    it('a rejection is as final as an acceptance: a repeat after the price came back is still rejected', async () => {
      const core = await start();
      await backend.publish(market(eventId, 2_200));
      const bet = betOn(eventId);
      const first = await post(core, bet);
      expect(first.body).toMatchObject({ outcome: 'rejected', reason: 'price_changed' });
      await backend.publish(market(eventId, 2_000));
      expect(await post(core, bet)).toEqual(first);
    });

    it('the same key 20 times concurrently: one bet, identical responses', async () => {
      const core = await start({ faults: { latency: 50 } });
      const bet = betOn(eventId);
      const answers = await Promise.all(Array.from({ length: 20 }, () => post(core, bet)));
      expect(answers[0].body).toMatchObject({ outcome: 'accepted' });
      for (const a of answers) expect(a).toEqual(answers[0]);
      expect(await core.stats()).toMatchObject({ requests: 20, created: 1, duplicates: 19, accepted: 1 });
    });

    it('concurrent repeats through two instances on one store wait for the first and answer the same', async () => {
      const held = new HeldDelay();
      const a = await start({ faults: { latency: 150 }, processingDelay: held.delay });
      const b = await start();
      const bet = betOn(eventId);
      const first = post(a, bet);
      await held.waitForDecisions(1); // instance a holds the claim, undecided
      const repeats = Promise.all(Array.from({ length: 5 }, () => post(b, bet)));
      await waitUntil(async () => (await b.stats()).duplicates === 5, 10_000, 'the 5 repeats to reach instance b');
      held.release();
      const original = await first;
      expect(original.body).toMatchObject({ outcome: 'accepted' });
      for (const r of await repeats) expect(r).toEqual(original);
      expect(await b.stats()).toMatchObject({ created: 1, duplicates: 5, accepted: 1 });
    });

    it('the same key with a different stake → idempotency_key_reused, the original stands', async () => {
      const core = await start();
      const bet = betOn(eventId);
      const original = await post(core, bet);
      expect(await post(core, { ...bet, stake: bet.stake + 1 })).toEqual({ status: 200, body: { outcome: 'rejected', reason: 'idempotency_key_reused' } });
      expect(await post(core, { ...bet, price: 2_100 })).toEqual({ status: 200, body: { outcome: 'rejected', reason: 'idempotency_key_reused' } });
      expect(await post(core, bet)).toEqual(original);
      expect((await lookup(core, bet)).body).toEqual(original.body);
      expect(await core.stats()).toMatchObject({ created: 1, accepted: 1, duplicates: 3 });
    });

    it('1,000 retries of one key (50 at a time) make exactly one bet', async () => {
      const core = await start({ faults: { latency: { minMs: 0, maxMs: 5 } } });
      const bet = betOn(eventId);
      const answers = await bounded(1_000, 50, (i) => post(core, { ...bet, edgeNodeId: `edge-${i % 7}` }));
      const ids = new Set(answers.map((a) => a.body.betId));
      expect(answers.every((a) => a.status === 200 && a.body.outcome === 'accepted')).toBe(true);
      expect(ids.size).toBe(1);
      expect(await core.stats()).toMatchObject({ requests: 1_000, created: 1, duplicates: 999, accepted: 1 });
    });

    it('a processing record whose claimer died is taken over after its lease', async () => {
      const core = await start();
      const bet = betOn(eventId);
      // What a core that crashed mid-decision leaves behind: a claim whose lease has run out.
      const store = backend.store();
      expect(await store.claim(bet.playerId, bet.idempotencyKey, { fp: fingerprint(bet), state: 'processing', leaseUntil: Date.now() - 1 })).toBeNull();
      await store.close();
      const answer = await post(core, bet);
      expect(answer.body).toMatchObject({ outcome: 'accepted' });
      expect(await post(core, bet)).toEqual(answer);
      expect(await core.stats()).toMatchObject({ created: 1, takeovers: 1, accepted: 1 });
    });
  });

  describe('pending', () => {
    let eventId: string;
    beforeEach(async () => {
      eventId = newEvent();
      await backend.publish(market(eventId, 2_000));
    });

    it('pending, then final via GET and via a repeated POST, with the same betId everywhere', async () => {
      const core = await start({ faults: { pendingRatio: 1, pendingDelayMs: 200 } });
      const bet = betOn(eventId);
      const first = await post(core, bet);
      expect(first.body).toMatchObject({ outcome: 'pending' });
      expect(await post(core, bet)).toEqual(first);
      expect((await lookup(core, bet)).body).toEqual(first.body);
      await new Promise((r) => setTimeout(r, 250));
      const final = await lookup(core, bet);
      expect(final.body).toMatchObject({ outcome: 'accepted', acceptedPrice: 2_000 });
      expect((await post(core, bet)).body).toEqual(final.body);

      const other = betOn(eventId);
      expect((await post(core, other)).body.outcome).toBe('pending');
      await new Promise((r) => setTimeout(r, 250));
      const viaPost = await post(core, other);
      expect(viaPost.body).toMatchObject({ outcome: 'accepted' });
      expect((await lookup(core, other)).body).toEqual(viaPost.body);
      expect(await core.stats()).toMatchObject({ created: 2, pending: 2, accepted: 2 });
    });

    it('a new instance on the same store finalizes a pending bet the first one took', async () => {
      const first = await start({ faults: { pendingRatio: 1, pendingDelayMs: 200 } });
      const byGet = betOn(eventId);
      const byPost = betOn(eventId);
      expect((await post(first, byGet)).body.outcome).toBe('pending');
      expect((await post(first, byPost)).body.outcome).toBe('pending');
      await stop(first);

      const second = await start();
      expect((await lookup(second, byGet)).body.outcome).toBe('pending');
      await new Promise((r) => setTimeout(r, 250));
      const final = await lookup(second, byGet);
      expect(final.body).toMatchObject({ outcome: 'accepted', acceptedPrice: 2_000 });
      expect(final.body.betId).toMatch(/^MT-/);
      expect((await post(second, byGet)).body).toEqual(final.body);
      const viaPost = await post(second, byPost);
      expect(viaPost.body).toMatchObject({ outcome: 'accepted' });
      expect(viaPost.body.betId).not.toBe(final.body.betId);
      expect(await second.stats()).toMatchObject({ created: 2, pending: 2, accepted: 2 });
    });

    it('pendingDeclineRatio 1: the pending bet ends declined', async () => {
      const core = await start({ faults: { pendingRatio: 1, pendingDelayMs: 50, pendingDeclineRatio: 1 } });
      const bet = betOn(eventId);
      expect((await post(core, bet)).body.outcome).toBe('pending');
      await new Promise((r) => setTimeout(r, 80));
      expect((await lookup(core, bet)).body).toMatchObject({ outcome: 'rejected', reason: 'declined' });
    });
  });

  describe('fault injection', () => {
    let core: CoreSim;
    let eventId: string;
    beforeEach(async () => {
      core = await start();
      eventId = newEvent();
      await backend.publish(market(eventId, 2_000));
    });

    it('injected latency (fixed and uniform) is the processing time each new bet waits, and shows in coreLatencyMs', async () => {
      const asked: number[] = [];
      await stop(core);
      core = await start({ processingDelay: async (ms) => void asked.push(ms) });
      core.setFaults({ latency: { fixedMs: 120 } });
      const fixed = await post(core, betOn(eventId));
      expect(asked).toEqual([120]);
      expect(typeof fixed.body.coreLatencyMs).toBe('number');
      expect((await post(core, { latency: { minMs: 60, maxMs: 80 } }, '/admin/faults')).body).toMatchObject({ latency: { minMs: 60, maxMs: 80 } });
      const uniform = await Promise.all(Array.from({ length: 5 }, () => post(core, betOn(eventId))));
      expect(uniform.every((a) => a.body.outcome === 'accepted')).toBe(true);
      expect(asked).toHaveLength(6);
      for (const ms of asked.slice(1)) expect(ms >= 60 && ms <= 80, `latency ${ms} in [60, 80]`).toBe(true);
      core.setFaults({ latency: 0 });
      await post(core, betOn(eventId));
      expect(asked, 'no latency: no wait').toHaveLength(6);
    });

    it('errorRate 1 → every bet gets 500 and no bet is made; 0 → healthy again', async () => {
      expect((await post(core, { errorRate: 1 }, '/admin/faults')).status).toBe(200);
      const bet = betOn(eventId);
      for (let i = 0; i < 3; i++) expect((await post(core, bet)).status).toBe(500);
      core.setFaults({ errorRate: 0 });
      expect((await post(core, bet)).body.outcome).toBe('accepted');
      expect(await core.stats()).toMatchObject({ requests: 4, errors: 3, created: 1 });
    });

    it('outage {durationMs} → 503 on bets and /healthz, then healthy by itself; outage true/false', async () => {
      // Long enough that a paused test process still sees the outage; the wait is at least as long.
      await post(core, { outage: { durationMs: 1_000 } }, '/admin/faults');
      expect((await post(core, betOn(eventId))).status).toBe(503);
      expect((await get(core, '/healthz')).status).toBe(503);
      await new Promise((r) => setTimeout(r, 1_050));
      expect((await get(core, '/healthz')).status).toBe(200);
      expect((await post(core, betOn(eventId))).body.outcome).toBe('accepted');

      core.setFaults({ outage: true });
      expect((await post(core, betOn(eventId))).status).toBe(503);
      expect(core.getFaults().outage).toBe(true);
      core.setFaults({ outage: false });
      expect((await post(core, betOn(eventId))).status).toBe(200);
      expect(await core.stats()).toMatchObject({ unavailable: 2, accepted: 2 });
    });

    it('refuses bad fault settings with a message naming the field', async () => {
      const bad = await post(core, { errorRate: 2 }, '/admin/faults');
      expect(bad.status).toBe(400);
      expect(bad.body.error).toMatch(/errorRate/);
      expect((await post(core, { latency: { minMs: 50, maxMs: 10 } }, '/admin/faults')).status).toBe(400);
      expect((await post(core, { surprise: 1 }, '/admin/faults')).status).toBe(400);
      expect(() => core.setFaults({ pendingRatio: -1 })).toThrow(/pendingRatio/);
    });
  });
});

describe('core-sim CLI flags', () => {
  const config = loadConfig({ overrides: { redisShards: 'a=redis://127.0.0.1:7001,b=redis://127.0.0.1:7002', keyPrefix: 'og:' } });

  it('maps flags to options with the feed shards for prices and the first shard for records', () => {
    const o = coreSimOptionsFromFlags(config, { jurisdiction: 'MT', corePort: '9001', latencyMinMs: '5', latencyMaxMs: '15', errorRate: '0', pendingRatio: '0.5', pendingDelayMs: '3000' });
    expect(o).toMatchObject({
      jurisdiction: 'MT',
      port: 9001,
      host: '127.0.0.1',
      storeUrl: 'redis://127.0.0.1:7001',
      storeKeyPrefix: 'og:core:MT:',
      feedKeyPrefix: 'og:',
      faults: { latency: { minMs: 5, maxMs: 15 }, errorRate: 0, pendingRatio: 0.5, pendingDelayMs: 3_000 },
    });
    expect(o.shards.map((s) => s.name)).toEqual(['a', 'b']);
    expect(coreSimOptionsFromFlags(config, { jurisdiction: 'DE', coreRedis: 'redis://core:6380', latencyMs: '7' })).toMatchObject({ storeUrl: 'redis://core:6380', faults: { latency: { fixedMs: 7 } } });
  });

  it.each([
    [{}, /--jurisdiction expects a code like MT/],
    [{ jurisdiction: 'malta' }, /--jurisdiction expects/],
    [{ jurisdiction: 'MT', corePort: '70000' }, /--core-port expects an integer from 0 to 65535, got "70000"/],
    [{ jurisdiction: 'MT', errorRate: '1.5' }, /--error-rate expects a number from 0 to 1/],
    [{ jurisdiction: 'MT', pendingRatio: 'x' }, /--pending-ratio expects a number/],
    [{ jurisdiction: 'MT', latencyMinMs: '20', latencyMaxMs: '10' }, /--latency-min-ms \(20\) must not exceed --latency-max-ms \(10\)/],
    [{ jurisdiction: 'MT', latencyMs: '5', latencyMaxMs: '10' }, /exclude each other/],
    [{ jurisdiction: 'MT', coreRedis: 'localhost:6379' }, /--core-redis expects redis:\/\/host:port/],
    [{ jurisdiction: 'MT', latencyMaxMS: '5' }, /unknown flag --latency-max-m-s/],
    [{ jurisdiction: 'MT', corePort: true }, /--core-port expects a value/],
  ] as Array<[Record<string, string | true>, RegExp]>)('one-line ConfigError for %j', (flags, message) => {
    let error: unknown;
    try {
      coreSimOptionsFromFlags(config, flags);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  });

  it('needs the feed shards to read prices', () => {
    expect(() => coreSimOptionsFromFlags(loadConfig({ overrides: { redisShards: [] } }), { jurisdiction: 'MT' })).toThrow(/redisShards/);
  });
});
