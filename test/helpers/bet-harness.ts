import { Writable } from 'node:stream';
import pino, { type Logger } from 'pino';
import { expect } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { startCoreSim, type CoreSim } from '../../src/core-sim/core-sim.js';
import type { FaultsInput } from '../../src/core-sim/faults.js';
import { RedisBetStore } from '../../src/core-sim/redis-bet-store.js';
import { RedisPriceSource } from '../../src/core-sim/redis-price-source.js';
import type { Config } from '../../src/config/schema.js';
import { startNode, type NodeExtras, type OddsNode } from '../../src/main.js';
import type { oddsgate } from '../../src/protocol/generated/oddsgate.js';
import { pb } from '../../src/protocol/wire.js';
import { RedisFeedFixture, testLog, update } from './feeds.js';
import { closeChecked } from './close-checked.js';
import { OddsClient } from './odds-client.js';
import { TokenFactory } from './tokens.js';

export type BetResult = oddsgate.v1.BetResult;
export type PlaceBetFields = Partial<oddsgate.v1.PlaceBet.$Properties>;

/**
 * What the bet tests share: real Redis shards (RedisFeedFixture), real edge
 * nodes (startNode) pointed at whatever cores the test runs, real signed
 * tokens, and protocol clients that check the sequence invariant.
 */
export class BetHarness {
  readonly nodes: OddsNode[] = [];
  readonly clients: OddsClient[] = [];
  private readonly cores: CoreSim[] = [];
  /** Stopped by closeAll, so a test that fails early leaves no publishing loop behind. */
  readonly bystanders: Bystander[] = [];

  private constructor(
    readonly feed: RedisFeedFixture,
    readonly tokens: TokenFactory,
  ) {}

  static async create(): Promise<BetHarness> {
    return new BetHarness(await RedisFeedFixture.create({}), await TokenFactory.create());
  }

  /** A node on the harness's shards; `cores` maps jurisdictions to URLs. */
  async node(cores: Record<string, string>, overrides: Partial<Config> = {}, log: Logger = testLog, extras: NodeExtras = {}): Promise<OddsNode> {
    const config = loadConfig({
      overrides: {
        port: 0,
        host: '127.0.0.1',
        redisShards: this.feed.shardList(),
        keyPrefix: this.feed.keyPrefix,
        cores: Object.entries(cores).map(([j, url]) => `${j}=${url}`),
        // Correctness, not speed: a generous budget keeps a busy machine's pauses out of the outcomes.
        betBudgetMs: 1_000,
        auditHashKey: 'audit-test-key',
        // These tests send bursts of frames and bets on purpose; the limits have their own tests.
        frameRatePerSec: 1_000_000,
        frameBurst: 1_000_000,
        betRatePerSec: 10_000,
        betBurst: 10_000,
        ...this.tokens.authConfig(),
        ...overrides,
      },
    });
    const node = await startNode(config, log, extras);
    this.nodes.push(node);
    return node;
  }

  /** An authenticated player subscribed to `eventId` (snapshot received). */
  async player(node: OddsNode, playerId: string, jurisdiction = 'MT', eventId = 'ev-bet', token?: string): Promise<OddsClient> {
    const bearer = token ?? (await this.tokens.hs256(playerId, jurisdiction));
    const client = await OddsClient.connect(node.port, { protocols: ['oddsgate.v1', `oddsgate.bearer.${bearer}`], keepUpdates: false });
    this.clients.push(client);
    client.subscribe(eventId);
    await client.waitFor(() => client.events.has(eventId), `snapshot of ${eventId} for ${playerId} on port ${node.port} (errors: ${JSON.stringify(client.errors)}, close ${client.closeCode})`);
    return client;
  }

  async anonymous(node: OddsNode): Promise<OddsClient> {
    const client = await OddsClient.connect(node.port, { keepUpdates: false });
    this.clients.push(client);
    return client;
  }

  /** Every client kept the sequence invariant; then all are closed and the nodes stopped. */
  async closeAll(): Promise<void> {
    await Promise.all(this.bystanders.splice(0).map((b) => b.stop()));
    await closeChecked(this.clients);
    await Promise.all(this.nodes.splice(0).map((n) => n.stop()));
  }

  /** A reference core of `jurisdiction` on the harness's shards (records in the first one), stopped by stop(). */
  async core(jurisdiction: string, faults: FaultsInput): Promise<CoreSim> {
    const core = await startCoreSim({
      jurisdiction,
      port: 0,
      store: new RedisBetStore({ url: this.feed.servers[0].url, keyPrefix: `${this.feed.keyPrefix}core:${jurisdiction}:` }),
      prices: new RedisPriceSource({ shards: this.feed.shardSpecs(), keyPrefix: this.feed.keyPrefix }),
      faults,
    });
    this.cores.push(core);
    return core;
  }

  async stop(): Promise<void> {
    await this.closeAll();
    await Promise.all(this.cores.splice(0).map((c) => c.stop()));
    await this.feed.stop();
  }
}

export function sendBet(client: OddsClient, key: string, fields: PlaceBetFields = {}): void {
  client.sendRaw(
    pb.ClientFrame.encode({
      placeBet: { idempotencyKey: key, eventId: 'ev-bet', marketId: 'winner', selectionId: 'home', price: 2_000, seq: 1, stake: 1_000, currency: 'EUR', ...fields },
    }).finish(),
  );
}

export const resultsOf = (client: OddsClient, key: string): BetResult[] => client.betResultsByKey.get(key) ?? [];

/** The nth BetResult for `key` (1-based), waiting for it. */
export async function betResult(client: OddsClient, key: string, nth = 1, timeoutMs = 10_000): Promise<BetResult> {
  await client.waitFor(() => resultsOf(client, key).length >= nth, `result ${nth} of ${key}`, timeoutMs);
  return resultsOf(client, key)[nth - 1];
}

/** Sends one PlaceBet and waits for its (next) answer. */
export async function placeBet(client: OddsClient, key: string, fields: PlaceBetFields = {}, timeoutMs = 10_000): Promise<BetResult> {
  const before = resultsOf(client, key).length;
  sendBet(client, key, fields);
  return betResult(client, key, before + 1, timeoutMs);
}

/** The sum of a prom-client counter's (or gauge's) values whose labels include `labels`. */
export async function metricValue(
  metric: { get(): Promise<{ values: Array<{ labels: Record<string, string | number | undefined>; value: number }> }> },
  labels: Record<string, string> = {},
): Promise<number> {
  const { values } = await metric.get();
  return values.filter((v) => Object.entries(labels).every(([k, x]) => v.labels[k] === x)).reduce((sum, v) => sum + v.value, 0);
}

/** A pino logger whose JSON lines land in `lines` (parsed) and `text` (raw). */
export function capturingLogger(level = 'info'): { log: Logger; lines: Array<Record<string, unknown>>; text: () => string } {
  const raw: string[] = [];
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) {
        raw.push(line);
        lines.push(JSON.parse(line));
      }
      done();
    },
  });
  return { log: pino({ level }, sink), lines, text: () => raw.join('\n') };
}

/**
 * An anonymous client watching one event while something else happens on
 * the node: odds are published every `everyMs`; each update's
 * publish-to-receive latency is recorded (publisher, node and client share
 * this process's clock). `finish` stops publishing, checks that the last
 * update arrives and that the sequence invariant held, and returns the
 * latencies' p99.
 */
export class Bystander {
  readonly latencies: number[] = [];
  private running = true;
  private loop: Promise<void> = Promise.resolve();

  private constructor(
    readonly client: OddsClient,
    private readonly feed: RedisFeedFixture,
    readonly eventId: string,
  ) {
    client.ws.on('message', () => {
      // Registered after OddsClient's own handler: lastFrame is the frame just received.
      const u = client.lastFrame?.odds;
      if (u?.eventId === eventId && u.publishedAtMs) this.latencies.push(Date.now() - Number(u.publishedAtMs));
    });
  }

  static async start(harness: BetHarness, node: OddsNode, eventId = 'ev-bystander', everyMs = 20): Promise<Bystander> {
    await harness.feed.publish(update(eventId, 'm0', 1_500));
    const client = await harness.anonymous(node);
    client.subscribe(eventId);
    await client.waitFor(() => client.events.has(eventId), 'bystander snapshot');
    const bystander = new Bystander(client, harness.feed, eventId);
    harness.bystanders.push(bystander);
    bystander.loop = (async () => {
      for (let i = 0; bystander.running; i++) {
        await harness.feed.publish(update(eventId, `m${i % 3}`, 1_500 + (i % 1_000)));
        await new Promise((r) => setTimeout(r, everyMs));
      }
    })();
    return bystander;
  }

  /** Stops publishing (teardown of a test that failed before finish). */
  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  /** Stops publishing; the last update must arrive within `withinMs`; returns p99 latency (ms). */
  async finish(withinMs = 5_000): Promise<number> {
    await this.stop();
    const last = await this.feed.publish(update(this.eventId, 'm0', 1_999));
    await this.client.waitForSeq(this.eventId, last.seq, withinMs);
    expect(this.client.violations).toEqual([]);
    expect(this.latencies.length, 'the bystander received live updates').toBeGreaterThan(0);
    return percentile(this.latencies, 99);
  }
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
