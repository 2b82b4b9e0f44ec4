import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { loadConfig } from '../../src/config/load.js';
import type { Config } from '../../src/config/schema.js';
import { InProcessOddsStore } from '../../src/feed/in-process-store.js';
import type { EventInfoInput } from '../../src/feed/event-info.js';
import type { InfoResult, MarketUpdate, PublishResult } from '../../src/feed/odds-update.js';
import { RedisOddsPublisher } from '../../src/feed/redis-publisher.js';
import { FeedKeys } from '../../src/feed/redis-keys.js';
import { startNode, type OddsNode } from '../../src/main.js';
import { createLogger, type Logger } from '../../src/observability/logger.js';
import pino from 'pino';
import { MarketStatus, pb, SnapshotMode } from '../../src/protocol/wire.js';
import { readPathUnderTest } from './read-path.js';
import { RedisServer } from './redis-server.js';
import type { OddsClient } from './odds-client.js';

export const testLog = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');

/** A logger that keeps every record at `level` or above, for tests that check what was logged and how loudly. */
export function capturingLogger(level = 'warn'): { log: Logger; records: Array<{ level: number; msg: string } & Record<string, unknown>> } {
  const records: Array<{ level: number; msg: string } & Record<string, unknown>> = [];
  const log = pino({ level }, { write: (line: string) => void records.push(JSON.parse(line)) });
  return { log, records };
}

export interface FeedFixtureOptions {
  /** Retention: entries kept per event stream. */
  streamMaxLen?: number;
  /** Redis: the read path of the fixture's nodes (default: the tests' own, read-path.ts). */
  readPath?: Config['feedReadPath'];
}

/**
 * One of the two feeds, with what a streaming test needs: publish, start
 * edge nodes reading it, and make a stream start over under a new epoch.
 * The same suites run against both (`describe.each(feedKinds)`).
 */
export interface FeedFixture {
  readonly kind: FeedKind;
  publish(update: MarketUpdate): Promise<PublishResult>;
  publishInfo(info: EventInfoInput): Promise<InfoResult>;
  startNode(overrides?: Partial<Config>): Promise<OddsNode>;
  /** As a Redis shard restarted empty: the event's stream is gone, the next update starts a new epoch. */
  restartEmpty(eventId: string): Promise<void>;
  stop(): Promise<void>;
}

/** Redis on the tests' read path, Redis on the shard log (while both paths exist), in-process. */
export const feedKinds = ['redis', 'redis-log', 'in-process'] as const;
export type FeedKind = (typeof feedKinds)[number];

export async function createFeed(kind: FeedKind, options: FeedFixtureOptions = {}): Promise<FeedFixture> {
  if (kind === 'in-process') return new InProcessFeedFixture(options);
  return RedisFeedFixture.create(kind === 'redis-log' ? { ...options, readPath: 'log' } : options);
}

function nodeConfig(overrides: Partial<Config>): Config {
  return loadConfig({ overrides: { port: 0, host: '127.0.0.1', logLevel: 'silent', channelLingerMs: 0, ...readPathUnderTest, ...overrides } });
}

export class RedisFeedFixture implements FeedFixture {
  readonly keyPrefix = `t${randomBytes(4).toString('hex')}:`;
  private readonly nodes: OddsNode[] = [];

  private constructor(
    readonly servers: RedisServer[],
    readonly publisher: RedisOddsPublisher,
    private readonly readPath: Config['feedReadPath'] | undefined,
  ) {}

  get kind(): FeedKind {
    return this.readPath === 'log' ? 'redis-log' : 'redis';
  }

  static async create(options: FeedFixtureOptions, shardCount = 3): Promise<RedisFeedFixture> {
    const servers = await Promise.all(Array.from({ length: shardCount }, () => RedisServer.start()));
    const fixture = new RedisFeedFixture(servers, undefined as unknown as RedisOddsPublisher, options.readPath);
    const publisher = new RedisOddsPublisher({
      shards: fixture.shardSpecs(),
      keyPrefix: fixture.keyPrefix,
      streamMaxLen: options.streamMaxLen ?? 10_000,
      heartbeatMs: 100,
    });
    (fixture as { publisher: RedisOddsPublisher }).publisher = publisher;
    await publisher.start();
    return fixture;
  }

  shardSpecs() {
    return this.servers.map((s, i) => ({ name: `shard-${i}`, url: s.url }));
  }

  shardList(): string[] {
    return this.shardSpecs().map((s) => `${s.name}=${s.url}`);
  }

  serverFor(eventId: string): RedisServer {
    return this.servers[Number(this.publisher.shardFor(eventId).slice('shard-'.length))];
  }

  publish(update: MarketUpdate): Promise<PublishResult> {
    return this.publisher.publish(update);
  }

  publishInfo(info: EventInfoInput): Promise<InfoResult> {
    return this.publisher.publishInfo(info);
  }

  async startNode(overrides: Partial<Config> = {}, log: Logger = testLog): Promise<OddsNode> {
    const readPath = this.readPath ? { feedReadPath: this.readPath } : {};
    const node = await startNode(nodeConfig({ redisShards: this.shardList(), keyPrefix: this.keyPrefix, feedStaleMs: 1_000, ...readPath, ...overrides }), log);
    this.nodes.push(node);
    return node;
  }

  async restartEmpty(eventId: string): Promise<void> {
    await this.serverFor(eventId).restartEmpty();
  }

  async stop(): Promise<void> {
    await Promise.all(this.nodes.map((n) => n.stop()));
    await this.publisher.stop();
    await Promise.all(this.servers.map((s) => s.stop()));
  }
}

export class InProcessFeedFixture implements FeedFixture {
  readonly kind = 'in-process';
  readonly store: InProcessOddsStore;
  private readonly nodes: OddsNode[] = [];

  constructor(options: FeedFixtureOptions) {
    this.store = new InProcessOddsStore(options.streamMaxLen ?? 10_000);
  }

  publish(update: MarketUpdate): Promise<PublishResult> {
    return this.store.publish(update);
  }

  publishInfo(info: EventInfoInput): Promise<InfoResult> {
    return this.store.publishInfo(info);
  }

  async startNode(overrides: Partial<Config> = {}): Promise<OddsNode> {
    const node = await startNode(nodeConfig({ redisShards: [], ...overrides }), testLog, { store: this.store });
    this.nodes.push(node);
    return node;
  }

  async restartEmpty(): Promise<void> {
    this.store.reset();
  }

  async stop(): Promise<void> {
    await Promise.all(this.nodes.map((n) => n.stop()));
  }
}

/** A two-way market update; `price` goes to "home", its mirror to "away". */
export function update(eventId: string, marketId: string, price: number, status: MarketStatus = MarketStatus.MARKET_STATUS_OPEN): MarketUpdate {
  return { eventId, marketId, status, selections: [{ id: 'home', price }, { id: 'away', price: 4_000 - Math.min(price, 2_990) }] };
}

/** A ~1 KB market update (60 selections; `price` on the first): a few thousand of them outgrow a stalled socket's kernel buffers. */
export function bigUpdate(eventId: string, marketId: string, price: number): MarketUpdate {
  return {
    eventId,
    marketId,
    status: MarketStatus.MARKET_STATUS_OPEN,
    selections: Array.from({ length: 60 }, (_, i) => ({ id: `selection-${i}`, price: i === 0 ? price : 1_500 + i })),
  };
}

/** Publishes n updates spread over `markets` markets of one event, prices 1500, 1501, ...; returns the last result. */
export async function publishMany(feed: FeedFixture, eventId: string, n: number, markets = 3, firstPrice = 1_500): Promise<PublishResult> {
  let last: PublishResult | undefined;
  const pending: Array<Promise<PublishResult>> = [];
  for (let i = 0; i < n; i++) {
    pending.push(feed.publish(update(eventId, `m${i % markets}`, firstPrice + i)));
    if (pending.length >= 500) last = (await Promise.all(pending.splice(0)))[499];
  }
  if (pending.length > 0) last = (await Promise.all(pending)).at(-1);
  return last!;
}

/**
 * Publish-to-receive latency of the updates one client gets for one event
 * (publishedAtMs is stamped when the update is published; publisher, node
 * and client share this process's clock).
 */
export class LatencyProbe {
  readonly samples: number[] = [];

  constructor(client: OddsClient, eventId: string) {
    // Registered after OddsClient's own handler, so lastFrame is the frame just received.
    client.ws.on('message', () => {
      const u = client.lastFrame?.odds;
      if (u?.eventId === eventId && u.publishedAtMs) this.samples.push(Date.now() - Number(u.publishedAtMs));
    });
  }

  percentile(p: number): number {
    if (this.samples.length === 0) return Number.NaN;
    const sorted = [...this.samples].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
  }
}

/** Publishes one update every `intervalMs` to an event until stopped; stop() resolves with the last result. */
export function publishSteadily(feed: Pick<FeedFixture, 'publish'>, eventId: string, intervalMs: number, markets = 3): { stop(): Promise<PublishResult | undefined>; last(): PublishResult | undefined } {
  let last: PublishResult | undefined;
  let running = true;
  const loop = (async () => {
    for (let i = 0; running; i++) {
      last = await feed.publish(update(eventId, `m${i % markets}`, 1_500 + (i % 1_000)));
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  })();
  return {
    last: () => last,
    async stop() {
      running = false;
      await loop;
      return last;
    },
  };
}

/** One frame as a client received it, reduced to what history checks need. */
export interface ReceivedFrame {
  kind: 'replace' | 'continue' | 'update' | 'stale' | 'live' | 'error';
  eventId: string;
  seq: number;
  offset: string;
  /** update: its market and home price; replace: every market's position and home price. */
  markets: Array<{ marketId: string; seq: number; offset: string; price: number }>;
}

/** Every frame a client receives, in order, from now on (registered after OddsClient's own handler). */
export function recordFrames(client: OddsClient): ReceivedFrame[] {
  const frames: ReceivedFrame[] = [];
  const market = (u: { marketId?: string | null; seq?: number | null; offset?: string | null; selections?: Array<{ price?: number | null }> | null }) => ({
    marketId: u.marketId ?? '',
    seq: Number(u.seq ?? 0),
    offset: u.offset ?? '',
    price: u.selections?.[0]?.price ?? 0,
  });
  client.ws.on('message', () => {
    const f = client.lastFrame;
    if (f?.snapshot) {
      const s = f.snapshot;
      const kind = s.mode === SnapshotMode.SNAPSHOT_MODE_CONTINUE ? 'continue' : 'replace';
      frames.push({ kind, eventId: s.eventId ?? '', seq: Number(s.seq), offset: s.offset ?? '', markets: (s.markets ?? []).map(market) });
    } else if (f?.odds) {
      frames.push({ kind: 'update', eventId: f.odds.eventId ?? '', seq: Number(f.odds.seq), offset: f.odds.offset ?? '', markets: [market(f.odds)] });
    } else if (f?.feedStatus) {
      frames.push({ kind: f.feedStatus.stale ? 'stale' : 'live', eventId: f.feedStatus.eventId ?? '', seq: 0, offset: '', markets: [] });
    } else if (f?.error) {
      frames.push({ kind: 'error', eventId: f.error.eventId ?? '', seq: 0, offset: '', markets: [] });
    }
  });
  return frames;
}

/** A market as the store holds it (decoded here, independently of the feed under test). */
export interface StoredMarket {
  seq: number;
  offset: string;
  price: number;
}

/** The event's snapshot hash as Redis holds it now: position and every market. */
export async function storedSnapshot(redis: Pick<Redis, 'hgetallBuffer'>, keys: string | FeedKeys, eventId: string): Promise<{ epoch: string; seq: number; offset: string; markets: Map<string, StoredMarket> }> {
  const hash = await redis.hgetallBuffer((typeof keys === 'string' ? new FeedKeys(keys) : keys).snapshot(eventId));
  const markets = new Map<string, StoredMarket>();
  for (const [field, value] of Object.entries(hash)) {
    if (!field.startsWith('m:')) continue;
    const [seq, offset] = hash[`q:${field.slice(2)}`].toString().split(' ');
    markets.set(field.slice(2), { seq: Number(seq), offset, price: pb.OddsUpdate.decode(value).selections[0].price ?? 0 });
  }
  return { epoch: hash._epoch?.toString() ?? '', seq: Number(hash._seq?.toString() ?? 0), offset: hash._offset?.toString() ?? '', markets };
}

/** The event's stream as Redis holds it now, by seq. */
export async function storedStream(redis: Pick<Redis, 'xrangeBuffer'>, keys: string | FeedKeys, eventId: string): Promise<Map<number, StoredMarket & { marketId: string; epoch: string }>> {
  const entries = (await redis.xrangeBuffer((typeof keys === 'string' ? new FeedKeys(keys) : keys).stream(eventId), '-', '+')) as Array<[Buffer, Buffer[]]>;
  const bySeq = new Map<number, StoredMarket & { marketId: string; epoch: string }>();
  for (const [id, fields] of entries) {
    const f = new Map<string, Buffer>();
    for (let i = 0; i + 1 < fields.length; i += 2) f.set(fields[i].toString(), fields[i + 1]);
    const u = pb.OddsUpdate.decode(f.get('p')!);
    bySeq.set(Number(f.get('s')!.toString()), { seq: Number(f.get('s')!.toString()), offset: id.toString(), price: u.selections[0].price ?? 0, marketId: u.marketId, epoch: f.get('e')!.toString() });
  }
  return bySeq;
}

/** Appends ARGV[2..] as an entry of the stream KEYS[1] and, with ev (ARGV[1]), o and the next n, of the shard log KEYS[2] (logseq KEYS[3]): in one step, as the publish scripts do. */
const STRAY_ENTRY_SCRIPT = `
local id = redis.call('XADD', KEYS[1], '*', unpack(ARGV, 2))
local n = redis.call('INCR', KEYS[3])
redis.call('XADD', KEYS[2], '*', 'ev', ARGV[1], 'o', id, 'n', n, unpack(ARGV, 2))
return id
`;

/**
 * Writes `fields` straight into an event's stream and, as the publish
 * scripts would, into its shard's log (a faulty writer that goes the
 * publisher's way, or a bad restore): seen by nodes on either read path.
 * Returns the entry's id in the event's stream.
 */
export async function writeStrayEntry(redis: Pick<Redis, 'eval'>, keys: string | FeedKeys, eventId: string, fields: Array<string | Buffer>): Promise<string> {
  const k = typeof keys === 'string' ? new FeedKeys(keys) : keys;
  return (await redis.eval(STRAY_ENTRY_SCRIPT, 3, k.stream(eventId), k.log, k.logSeq, eventId, ...fields)) as string;
}
