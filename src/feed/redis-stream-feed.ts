import { Redis } from 'ioredis';
import { shardLabel, type ShardSpec } from '../config/load.js';
import { FeedFormatError, FeedUnavailableError, UnknownEventError } from '../errors.js';
import type { Logger } from '../observability/logger.js';
import { EventCursor } from './event-cursor.js';
import type { EventSnapshot, FeedEntry, FeedListener, MarketSnapshot, OddsFeed, ShardState } from './odds-feed.js';
import { FeedKeys } from './redis-keys.js';
import { ShardRing } from './shard-ring.js';

export interface RedisFeedOptions {
  shards: ShardSpec[];
  keyPrefix: string;
  xreadBlockMs: number;
  xreadCount: number;
  feedStaleMs: number;
  commandTimeoutMs: number;
  log: Logger;
}

/** The odds feed read from Redis Streams spread over shards by the shared ring. */
export class RedisStreamFeed implements OddsFeed {
  private readonly ring: ShardRing;
  private readonly readers = new Map<string, ShardReader>();
  private listener: FeedListener | undefined;

  constructor(options: RedisFeedOptions) {
    this.ring = new ShardRing(options.shards);
    const keys = new FeedKeys(options.keyPrefix);
    for (const shard of options.shards) {
      this.readers.set(shard.name, new ShardReader(shard, keys, options, () => this.listener!));
    }
  }

  setListener(listener: FeedListener): void {
    this.listener = listener;
  }

  /** Connects every shard; waits for them (up to commandTimeoutMs) so the first clients find them ready. */
  async start(): Promise<void> {
    await Promise.all([...this.readers.values()].map((r) => r.start()));
  }

  open(eventId: string): Promise<void> {
    return this.readerFor(eventId).open(eventId);
  }

  close(eventId: string): void {
    this.readerFor(eventId).close(eventId);
  }

  range(eventId: string, from: string, to: string, count: number): Promise<FeedEntry[]> {
    return this.readerFor(eventId).range(eventId, from, to, count);
  }

  isStale(eventId: string): boolean {
    return this.readerFor(eventId).stale;
  }

  shards(): ShardState[] {
    return [...this.readers.values()].map((r) => r.state());
  }

  async stop(): Promise<void> {
    await Promise.all([...this.readers.values()].map((r) => r.stop()));
  }

  private readerFor(eventId: string): ShardReader {
    return this.readers.get(this.ring.shardFor(eventId).name)!;
  }
}

class WatchdogTimeout extends Error {}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Reads one shard: a command connection for snapshots and ranges, and a
 * dedicated connection that runs one blocking XREAD at a time over the
 * heartbeat stream and the streams of every open event (XREAD, not consumer
 * groups: every node needs every update of its events).
 *
 * Failure handling, which is most of this class:
 *  - ioredis puts no timeout on a blocking read, so every XREAD races a
 *    watchdog; a connection that hangs (black-holed network) is replaced.
 *  - no heartbeat for feedStaleMs marks the shard stale (its events are
 *    reported suspended) until a reply brings a fresh heartbeat and the
 *    backlog is read.
 *  - an entry that does not continue its event's sequence (trimmed while we
 *    were away, new epoch after Redis restarted empty) triggers a resync from
 *    the snapshot; after any reconnect every open event's epoch is checked,
 *    since a restarted Redis may also stay silent.
 */
class ShardReader {
  private readonly cmd: Redis;
  private blocking: Redis;
  private blockingId = -1;
  private readonly cursors = new Map<string, EventCursor>();
  private readonly eventByStream = new Map<string, string>();
  /** Events whose continuity broke: re-read their snapshot before the next XREAD. */
  private readonly resyncs = new Set<string>();
  /** Events whose epoch must be checked (after a reconnect). */
  private readonly verifies = new Set<string>();
  private generation = 0;
  private inFlightGeneration = -1;
  private heartbeatId = '$';
  private lastHeartbeatAt = Date.now();
  private hung = false;
  private running = false;
  stale = false;
  private staleTimer: NodeJS.Timeout | undefined;
  private readonly log: Logger;

  constructor(
    private readonly shard: ShardSpec,
    private readonly keys: FeedKeys,
    private readonly options: RedisFeedOptions,
    private readonly listener: () => FeedListener,
  ) {
    this.log = options.log.child({ shard: shardLabel(shard) });
    this.cmd = new Redis(shard.url, {
      lazyConnect: true,
      commandTimeout: options.commandTimeoutMs,
      maxRetriesPerRequest: 1,
      // Fail fast while disconnected: a subscriber gets FEED_UNAVAILABLE now rather than a hang.
      enableOfflineQueue: false,
    });
    let wasConnected = false;
    this.cmd.on('ready', () => {
      if (wasConnected) for (const id of this.cursors.keys()) this.verifies.add(id);
      wasConnected = true;
    });
    this.cmd.on('error', (err) => this.log.debug({ err: err.message }, 'shard command connection error'));
    this.blocking = this.connectBlocking();
  }

  async start(): Promise<void> {
    this.running = true;
    this.staleTimer = setInterval(() => this.checkStale(), Math.min(250, Math.max(10, this.options.feedStaleMs / 4)));
    void this.loop();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, this.options.commandTimeoutMs)));
    const connected = this.cmd.connect().catch((err: Error) => this.log.warn({ err: err.message }, 'shard unreachable at start; retrying'));
    // A shard that is down does not stop the node from starting: /readyz reports it.
    await Promise.race([connected, deadline]);
    clearTimeout(timer);
  }

  async stop(): Promise<void> {
    this.running = false;
    clearInterval(this.staleTimer);
    this.cmd.disconnect();
    this.blocking.disconnect();
  }

  state(): ShardState {
    return { name: shardLabel(this.shard), reachable: this.cmd.status === 'ready' && !this.hung, stale: this.stale, openEvents: this.cursors.size };
  }

  async open(eventId: string): Promise<void> {
    const snapshot = await this.fetchSnapshot(eventId);
    const key = this.keys.stream(eventId);
    this.cursors.set(eventId, new EventCursor(snapshot.epoch, snapshot.seq, snapshot.offset));
    this.eventByStream.set(key, eventId);
    this.listener().snapshot(eventId, snapshot, 'open');
    this.generation++;
    void this.wake();
  }

  close(eventId: string): void {
    this.cursors.delete(eventId);
    this.eventByStream.delete(this.keys.stream(eventId));
    this.resyncs.delete(eventId);
    this.verifies.delete(eventId);
    // The XREAD under way may still name the stream; its entries are ignored (no cursor).
    this.generation++;
  }

  async range(eventId: string, from: string, to: string, count: number): Promise<FeedEntry[]> {
    let reply: Array<[Buffer, Buffer[]]>;
    try {
      reply = (await this.cmd.xrangeBuffer(this.keys.stream(eventId), from, to, 'COUNT', count)) as Array<[Buffer, Buffer[]]>;
    } catch (err) {
      throw new FeedUnavailableError(shardLabel(this.shard), { cause: err });
    }
    const entries: FeedEntry[] = [];
    for (const [id, fields] of reply) {
      const entry = parseEntry(id, fields);
      if (entry !== null) entries.push(entry);
    }
    return entries;
  }

  /**
   * A new event must not wait out the XREAD under way: CLIENT UNBLOCK it.
   * The XREAD may not have reached the server yet (UNBLOCK answers 0), so
   * retry briefly until the loop has started an XREAD that includes it.
   */
  private async wake(): Promise<void> {
    for (let attempt = 0; attempt < 200 && this.running; attempt++) {
      if (this.inFlightGeneration === -1 || this.inFlightGeneration >= this.generation) return;
      if (this.blockingId < 0) return; // the loop fetches the id first, then reads with the current set
      try {
        const unblocked = await this.cmd.client('UNBLOCK', this.blockingId);
        if (unblocked === 1) return;
      } catch {
        return; // shard unreachable: the loop picks up the new set when it reconnects
      }
      await sleep(2);
    }
  }

  private connectBlocking(): Redis {
    const conn = new Redis(this.shard.url, { lazyConnect: false, maxRetriesPerRequest: null, enableOfflineQueue: true });
    conn.on('error', (err) => this.log.debug({ err: err.message }, 'shard blocking connection error'));
    // Any reconnect gives the connection a new CLIENT ID.
    conn.on('close', () => {
      if (conn === this.blocking) this.blockingId = -1;
    });
    return conn;
  }

  private async loop(): Promise<void> {
    let backoff = 50;
    while (this.running) {
      try {
        await this.checkEpochs();
        await this.resyncPending();
        if (this.blockingId < 0) this.blockingId = Number(await this.watch(this.blocking.client('ID')));
        const keys: string[] = [this.keys.heartbeat];
        const ids: string[] = [this.heartbeatId];
        for (const [eventId, cursor] of this.cursors) {
          keys.push(this.keys.stream(eventId));
          ids.push(cursor.offset || '0-0');
        }
        this.inFlightGeneration = this.generation;
        const reply = (await this.watch(
          this.blocking.xreadBuffer('COUNT', this.options.xreadCount, 'BLOCK', this.options.xreadBlockMs, 'STREAMS', ...keys, ...ids),
        )) as Array<[Buffer, Array<[Buffer, Buffer[]]>]> | null;
        this.inFlightGeneration = -1;
        this.hung = false;
        backoff = 50;
        const caughtUp = reply ? this.dispatch(reply) : true;
        if (caughtUp && this.stale && Date.now() - this.lastHeartbeatAt <= this.options.feedStaleMs) this.setStale(false);
      } catch (err) {
        this.inFlightGeneration = -1;
        if (!this.running) return;
        if (err instanceof WatchdogTimeout) {
          this.log.warn('shard read hung; replacing its connection');
          this.hung = true;
          this.replaceBlocking();
        } else {
          this.log.debug({ err: (err as Error).message }, 'shard read failed');
        }
        await sleep(backoff);
        backoff = Math.min(backoff * 2, 1_000);
      }
    }
  }

  /** Races a command on the blocking connection against the longest time it may take. */
  private watch<T>(command: Promise<T>): Promise<T> {
    const limit = this.options.xreadBlockMs + this.options.feedStaleMs;
    let timer: NodeJS.Timeout;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new WatchdogTimeout()), limit);
    });
    // The losing command is abandoned with its connection; its rejection is expected.
    command.catch(() => undefined);
    return Promise.race([command, timeout]).finally(() => clearTimeout(timer));
  }

  private replaceBlocking(): void {
    const old = this.blocking;
    this.blocking = this.connectBlocking();
    this.blockingId = -1;
    old.disconnect();
    for (const id of this.cursors.keys()) this.verifies.add(id);
  }

  /** Delivers a reply's entries; true when no stream hit the COUNT limit (the backlog is read). */
  private dispatch(reply: Array<[Buffer, Array<[Buffer, Buffer[]]>]>): boolean {
    let caughtUp = true;
    for (const [keyBuf, rawEntries] of reply) {
      if (rawEntries.length >= this.options.xreadCount) caughtUp = false;
      const key = keyBuf.toString();
      if (key === this.keys.heartbeat) {
        if (rawEntries.length > 0) {
          this.heartbeatId = rawEntries[rawEntries.length - 1][0].toString();
          this.lastHeartbeatAt = Date.now();
        }
        continue;
      }
      const eventId = this.eventByStream.get(key);
      const cursor = eventId === undefined ? undefined : this.cursors.get(eventId);
      if (eventId === undefined || cursor === undefined || this.resyncs.has(eventId)) continue;
      const batch: FeedEntry[] = [];
      for (const [id, fields] of rawEntries) {
        const entry = parseEntry(id, fields);
        if (entry === null) {
          // Not written by an oddsgate publisher: not an odds update, so step over it.
          this.log.warn({ eventId, offset: id.toString() }, 'stream entry without the e/s/p fields; skipped');
          cursor.offset = id.toString();
          continue;
        }
        const order = cursor.classify(entry);
        if (order === 'next') {
          cursor.advance(entry);
          batch.push(entry);
        } else if (order === 'gap') {
          this.log.info({ eventId, have: cursor.seq, got: entry.seq }, 'stream continuity broke; resyncing from snapshot');
          this.resyncs.add(eventId);
          break;
        }
      }
      if (batch.length > 0) this.listener().entries(eventId, batch);
    }
    return caughtUp;
  }

  /** After a reconnect: a Redis that restarted empty may stay silent, so compare epochs now. */
  private async checkEpochs(): Promise<void> {
    for (const eventId of [...this.verifies]) {
      const cursor = this.cursors.get(eventId);
      this.verifies.delete(eventId);
      if (!cursor) continue;
      const [epoch, seq] = await this.cmd.hmget(this.keys.snapshot(eventId), '_epoch', '_seq');
      if (epoch !== cursor.epoch || Number(seq) < cursor.seq) this.resyncs.add(eventId);
    }
  }

  private async resyncPending(): Promise<void> {
    for (const eventId of [...this.resyncs]) {
      const cursor = this.cursors.get(eventId);
      if (!cursor) {
        this.resyncs.delete(eventId);
        continue;
      }
      let snapshot: EventSnapshot;
      try {
        snapshot = await this.fetchSnapshot(eventId);
      } catch (err) {
        if (!(err instanceof UnknownEventError)) throw err;
        // The stream is gone (Redis restarted empty, nothing published since): wait for its first entry.
        continue;
      }
      this.resyncs.delete(eventId);
      if (!this.cursors.has(eventId)) continue;
      cursor.reset(snapshot.epoch, snapshot.seq, snapshot.offset);
      this.listener().snapshot(eventId, snapshot, 'resync');
    }
  }

  private async fetchSnapshot(eventId: string): Promise<EventSnapshot> {
    let hash: Record<string, Buffer>;
    try {
      hash = await this.cmd.hgetallBuffer(this.keys.snapshot(eventId));
    } catch (err) {
      throw new FeedUnavailableError(shardLabel(this.shard), { cause: err });
    }
    return parseSnapshot(eventId, hash);
  }

  private checkStale(): void {
    if (!this.stale && Date.now() - this.lastHeartbeatAt > this.options.feedStaleMs) this.setStale(true);
  }

  private setStale(stale: boolean): void {
    this.stale = stale;
    if (stale) this.log.warn({ silentMs: Date.now() - this.lastHeartbeatAt }, 'shard feed stale: reporting its events suspended');
    else this.log.info('shard feed live again');
    if (this.cursors.size > 0) this.listener().stale([...this.cursors.keys()], stale);
  }
}

/** An entry as the publish script writes it, or null for anything else. */
function parseEntry(id: Buffer, fields: Buffer[]): FeedEntry | null {
  let epoch = '';
  let seq = 0;
  let payload: Buffer | undefined;
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const name = fields[i];
    if (name.length !== 1) continue;
    switch (name[0]) {
      case 0x65: // e
        epoch = fields[i + 1].toString();
        break;
      case 0x73: // s
        seq = Number(fields[i + 1].toString());
        break;
      case 0x70: // p
        payload = fields[i + 1];
        break;
    }
  }
  if (!epoch || !Number.isSafeInteger(seq) || seq < 1 || !payload) return null;
  return { epoch, seq, offset: id.toString(), payload };
}

function parseSnapshot(eventId: string, hash: Record<string, Buffer>): EventSnapshot {
  if (hash._epoch === undefined) throw new UnknownEventError(eventId);
  const markets: MarketSnapshot[] = [];
  for (const field of Object.keys(hash)) {
    if (!field.startsWith('m:')) continue;
    const position = hash['q:' + field.slice(2)]?.toString() ?? '';
    const space = position.indexOf(' ');
    if (space < 0) throw new FeedFormatError(`snapshot of ${eventId} lacks the position of market ${field.slice(2)}`);
    markets.push({ payload: hash[field], seq: Number(position.slice(0, space)), offset: position.slice(space + 1) });
  }
  return {
    eventId,
    epoch: hash._epoch.toString(),
    seq: Number(hash._seq?.toString() ?? 0),
    offset: hash._offset?.toString() ?? '',
    markets,
  };
}
