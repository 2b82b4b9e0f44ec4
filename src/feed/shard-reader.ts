import { ReplyError } from 'ioredis';
import { shardLabel, type ShardSpec } from '../config/load.js';
import { EventInfoFormatError, FeedFormatError, FeedUnavailableError, UnknownEventError } from '../errors.js';
import type { Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import { compareOffsets } from '../protocol/validation.js';
import { EventBatch, type BatchSink } from './event-batch.js';
import { EventCursor } from './event-cursor.js';
import { LogThrottle } from './log-throttle.js';
import { FeedRangeBusyError, type EventSnapshot, type FeedEntry, type FeedListener, type ShardState, type StreamRecord, type StreamReplay } from './odds-feed.js';
import type { FeedKeys } from './redis-keys.js';
import { isHeartbeat, parseEntryPosition, parseSnapshotHash, parseStreamEntry } from './redis-records.js';
import { ResyncQueue, type ResyncCause } from './resync-queue.js';
import { connectShard, onConnectionLost, type ShardClient } from './shard-connection.js';

const FORMAT_ERROR_KINDS = ['entry', 'snapshot', 'heartbeat', 'info', 'log'] as const;
type FormatErrorKind = (typeof FORMAT_ERROR_KINDS)[number];

export interface ShardReaderOptions {
  keys: FeedKeys;
  xreadBlockMs: number;
  xreadCount: number;
  feedStaleMs: number;
  commandTimeoutMs: number;
  /** Most range reads (resume replay) running at once on the shard. */
  maxRangeReads: number;
  log: Logger;
  metrics: Pick<Metrics, 'resyncs' | 'feedFormatErrors' | 'redisReads' | 'redisReadEntries' | 'redisReadLag' | 'redisReadSkipped'>;
}

/** An XREAD's reply: per stream key, its entries (id, fields). */
export type XReadReply = Array<[Buffer, Array<[Buffer, Buffer[]]>]>;

export class WatchdogTimeout extends Error {}

/** Replays that may wait for a free slot, per slot; more are refused at once. */
const REPLAY_WAITERS_PER_SLOT = 4;

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Reads one shard over three connections: a dedicated one that runs one
 * blocking XREAD at a time over the heartbeat stream and what carries the
 * shard's odds (XREAD, not consumer groups: every node needs every update
 * of its events); a command connection for the feed's own snapshots and
 * checks; and one for clients' resume range reads, so that a client's
 * request never queues ahead of the feed's own work, and its failure says
 * nothing about the shard's health.
 *
 * What the blocking read names is the read path (feedReadPath), a subclass:
 * StreamShardReader names every open event's stream, LogShardReader the
 * shard's log. Everything else is here, the same for both.
 *
 * Failure handling, which is most of this class:
 *  - ioredis puts no timeout on a blocking read, so every XREAD races a
 *    watchdog; a connection that hangs (black-holed network) is replaced.
 *  - no heartbeat for feedStaleMs marks the shard stale (its events are
 *    reported suspended) until a read issued after the link came back brings
 *    a fresh heartbeat and the backlog is read (maybeLive). An event still
 *    waiting for its resync is reported live only after its REPLACE snapshot
 *    went out (missed state first).
 *  - an entry that does not continue the delivered history triggers a
 *    resync from the snapshot (EventCursor says which: a gap from trimming,
 *    a new epoch, or a rewrite: the same epoch with sequence numbers we
 *    already delivered at later offsets, after a restore from older data).
 *  - history identity: after any reconnect (a restarted or restored Redis
 *    may stay silent, or replay our seqs with other prices) every open
 *    event's last delivered entry is looked up by offset (positionInDoubt:
 *    the read path says how): it must still be there with the same epoch
 *    and seq, else the event is resynced. Every snapshot is taken together
 *    with its stream's newest entry (MULTI) and must name that entry
 *    exactly, so a snapshot is adopted only with the stream it describes.
 *  - nothing from Redis is trusted: entries, snapshots and heartbeats are
 *    decoded and checked (redis-records.ts). An undecodable entry is stepped
 *    over (counted, logged); if it took a seq the next entry is a gap, so
 *    clients see a REPLACE, never a silent hole. A snapshot is adopted only
 *    whole: an undecodable one leaves cursor and hub untouched, makes the
 *    event unavailable (its subscribers are told stale, new ones refused)
 *    and is retried with backoff until the publisher writes a good one.
 *  - display data (info entries, the snapshot's _info) travels in the same
 *    stream without a seq: an info entry moves the read offset, never the
 *    delivered one (the lookup finds the last odds entry), and is checked
 *    for continuity like an odds entry (EventCursor.classifyInfo). Info that
 *    cannot be decoded is counted (kind "info"), logged and stepped over:
 *    the event keeps its previous info and is never made unavailable.
 */
export abstract class ShardReader {
  protected readonly cmd: ShardClient;
  private readonly replayConn: ShardClient;
  protected blocking: ShardClient;
  protected readonly label: string;
  /** This shard's read metrics, bound once: recording them allocates nothing per read. */
  private readonly readMetrics: { reads: { inc(): void }; entries: { observe(n: number): void }; lag: { set(s: number): void } };
  /** Odds entries and the newest entry's time (ms) in the reply being dispatched. */
  private replyEntries = 0;
  private replyNewestMs = 0;
  protected readonly cursors = new Map<string, EventCursor>();
  protected readonly resyncs = new ResyncQueue();
  /** Events the listener was told are unavailable (their resync keeps failing). */
  private readonly unavailable = new Set<string>();
  private heartbeatId = '$';
  private lastHeartbeatAt = Date.now();
  private hung = false;
  /** While stale: when the first read reply arrived (see maybeLive). */
  private linkBackAt: number | undefined;
  protected running = false;
  private stale = false;
  private staleTimer: NodeJS.Timeout | undefined;
  private replaysInFlight = 0;
  /** Replays waiting for a slot, first come first served (a handful: see REPLAY_WAITERS_PER_SLOT). */
  private readonly replayWaiters: Array<() => void> = [];
  protected readonly log: Logger;
  private readonly formatLogs = new LogThrottle(1_000);
  /** The listener behind deliver()'s guard, for EventBatch. */
  protected readonly sink: BatchSink = {
    entries: (eventId, entries) => this.deliver((l) => l.entries(eventId, entries)),
    info: (eventId, info) => void this.deliver((l) => l.info(eventId, info)),
  };

  constructor(
    protected readonly shard: ShardSpec,
    protected readonly options: ShardReaderOptions,
    private readonly listener: () => FeedListener,
  ) {
    this.label = shardLabel(shard);
    this.log = options.log.child({ shard: this.label });
    const m = options.metrics;
    this.readMetrics = { reads: m.redisReads.labels(this.label), entries: m.redisReadEntries.labels(this.label), lag: m.redisReadLag.labels(this.label) };
    // Series exist from the start at 0, so the first real one shows in rate()/increase() (and alerts on them fire).
    m.redisReads.labels(this.label).inc(0);
    for (const kind of FORMAT_ERROR_KINDS) m.feedFormatErrors.labels(this.label, kind).inc(0);
    this.cmd = this.connectCommands('command');
    this.replayConn = this.connectCommands('replay');
    onConnectionLost(this.cmd, () => this.positionInDoubt());
    this.blocking = this.connectBlocking();
  }

  // ---------------------------------------------------------------- what a read path provides

  /** Starts reading an event: its snapshot to the listener, then its entries. */
  abstract open(eventId: string): Promise<void>;

  /** Whatever must happen before the next read (lookups after a reconnect, resyncs due, ...). */
  protected abstract prepareRead(): Promise<void>;

  /** The blocking read (under the watchdog: watch()), or null when it timed out empty. */
  protected abstract read(blockMs: number): Promise<XReadReply | null>;

  /** Delivers the entries one read returned for a key other than the heartbeat stream; false when they left it behind (it must look again before it is caught up). */
  protected abstract dispatchEntries(key: string, rawEntries: Array<[Buffer, Buffer[]]>): boolean;

  /** Redis refused the read itself (not a transient failure): a key of the wrong type. */
  protected abstract readRefused(err: Error): Promise<void>;

  /** A connection was lost (a restart, a network fault, a failover): what was read is in doubt until looked up again. */
  protected abstract positionInDoubt(): void;

  /** Why the shard cannot be served although connected (undefined: nothing); reported as unreachable, its events stale. */
  protected problem(): string | undefined {
    return undefined;
  }

  /** The blocking connection was lost or replaced. */
  protected blockingLost(): void {
    this.positionInDoubt();
  }

  /** A read came back: whatever made the shard unreadable is over. */
  protected readSucceeded(): void {}

  // ---------------------------------------------------------------- the feed's calls

  async start(): Promise<void> {
    this.running = true;
    this.staleTimer = setInterval(() => this.checkStale(), Math.min(250, Math.max(10, this.options.feedStaleMs / 4)));
    void this.loop();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, this.options.commandTimeoutMs)));
    const connected = Promise.all([this.cmd.connect(), this.replayConn.connect()]).catch((err: Error) =>
      this.log.warn({ err: err.message }, 'shard unreachable at start; retrying'),
    );
    // A shard that is down does not stop the node from starting: /readyz reports it.
    await Promise.race([connected, deadline]);
    clearTimeout(timer);
  }

  async stop(): Promise<void> {
    this.running = false;
    clearInterval(this.staleTimer);
    this.cmd.disconnect();
    this.replayConn.disconnect();
    this.blocking.disconnect();
  }

  state(): ShardState {
    const problem = this.problem();
    const state: ShardState = { name: this.label, reachable: this.cmd.status === 'ready' && !this.hung && problem === undefined, stale: this.stale, openEvents: this.cursors.size };
    if (problem !== undefined) state.problem = problem;
    return state;
  }

  close(eventId: string): void {
    this.cursors.delete(eventId);
    this.resyncs.delete(eventId);
    this.unavailable.delete(eventId);
  }

  /** The listener found the event inconsistent: re-read its snapshot before anything else of it. */
  resync(eventId: string): void {
    if (!this.cursors.has(eventId)) return;
    this.requestResync(eventId, 'listener');
  }

  /**
   * A resume replay's reads, on their own connection; they never touch shard
   * health. At most maxRangeReads replays read at once; a few more wait for
   * a slot (a probe takes one round trip, so waiting is short), and past
   * that a replay is refused (FeedRangeBusyError: the client gets a REPLACE).
   */
  async replay(eventId: string): Promise<StreamReplay> {
    if (this.replaysInFlight < this.options.maxRangeReads) this.replaysInFlight++;
    else if (this.replayWaiters.length < this.options.maxRangeReads * REPLAY_WAITERS_PER_SLOT) await new Promise<void>((resolve) => this.replayWaiters.push(resolve));
    else throw new FeedRangeBusyError(this.label);
    let released = false;
    return {
      range: (from, to, count) => this.range(eventId, from, to, count),
      release: () => {
        if (released) return;
        released = true;
        // Hand the slot to the next waiter, if any.
        const next = this.replayWaiters.shift();
        if (next) next();
        else this.replaysInFlight--;
      },
    };
  }

  /**
   * Odds entries only: a replay carries no display data (the current info
   * follows the CONTINUE snapshot). Info entries still count toward Redis's
   * COUNT, so a read that came back full reads on past its last id (an
   * exclusive range, Redis 6.2+) until `count` odds entries or the end.
   */
  private async range(eventId: string, from: string, to: string, count: number): Promise<FeedEntry[]> {
    const entries: FeedEntry[] = [];
    let start = from;
    for (;;) {
      const want = count - entries.length;
      let reply: Array<[Buffer, Buffer[]]>;
      try {
        reply = (await this.replayConn.xrangeBuffer(this.options.keys.stream(eventId), start, to, 'COUNT', want)) as Array<[Buffer, Buffer[]]>;
      } catch (err) {
        throw this.commandError(`range of ${eventId}`, err);
      }
      for (const [id, fields] of reply) {
        const record = this.parseEntry(eventId, id, fields);
        if (record && 'update' in record) entries.push(record);
      }
      if (reply.length < want || entries.length >= count) return entries;
      start = `(${reply[reply.length - 1][0].toString()}`;
    }
  }

  // ---------------------------------------------------------------- the read loop

  private async loop(): Promise<void> {
    let backoff = 50;
    while (this.running) {
      try {
        await this.prepareRead();
        if (this.heartbeatId === '$') this.heartbeatId = await this.newestHeartbeatId();
        // A resync waiting out its backoff must not wait out a long block as well.
        const blockMs = Math.max(10, Math.min(this.options.xreadBlockMs, this.resyncs.nextDueIn(Date.now())));
        const issuedAt = Date.now();
        const reply = await this.read(blockMs);
        this.hung = false;
        backoff = 50;
        this.readSucceeded();
        const caughtUp = reply ? this.dispatch(reply) : true;
        this.recordRead(reply !== null);
        if (this.stale) this.maybeLive(issuedAt, caughtUp);
      } catch (err) {
        if (!this.running) return;
        if (err instanceof WatchdogTimeout) {
          this.log.warn('shard read hung; replacing its connection');
          this.hung = true;
          this.replaceBlocking();
        } else if (err instanceof ReplyError && !isTransient(err as Error)) {
          await this.readRefused(err as Error);
        } else {
          this.log.debug({ err: (err as Error).message }, 'shard read failed');
        }
        await sleep(backoff);
        backoff = Math.min(backoff * 2, 1_000);
      }
    }
  }

  /** The heartbeat stream's key and id, then the read path's own: what every blocking read names. */
  protected heartbeatPosition(): [key: string, id: string] {
    return [this.options.keys.heartbeat, this.heartbeatId];
  }

  /**
   * One read's metrics: entries it returned, and the lag — now minus the
   * newest entry's time (its stream id's milliseconds): how far behind the
   * publisher this node reads. A read that timed out found nothing new: lag 0.
   */
  private recordRead(returned: boolean): void {
    const m = this.readMetrics;
    m.reads.inc();
    m.entries.observe(this.replyEntries);
    m.lag.set(returned && this.replyEntries > 0 ? Math.max(0, Date.now() - this.replyNewestMs) / 1000 : 0);
    this.replyEntries = 0;
    this.replyNewestMs = 0;
  }

  /** Delivers a reply's entries; true when no key hit the COUNT limit (the backlog is read). */
  private dispatch(reply: XReadReply): boolean {
    let caughtUp = true;
    for (const [keyBuf, rawEntries] of reply) {
      if (rawEntries.length >= this.options.xreadCount) caughtUp = false;
      const key = keyBuf.toString();
      if (key === this.options.keys.heartbeat) this.readHeartbeats(rawEntries);
      else if (!this.dispatchEntries(key, rawEntries)) caughtUp = false;
    }
    return caughtUp;
  }

  /** Counts the entries of a read for the metrics; stream ids are "<ms>-<n>", so the newest is the last one. */
  protected countReplyEntries(count: number, newest: Buffer): void {
    this.replyEntries += count;
    const ms = Number(newest.subarray(0, newest.indexOf(0x2d)).toString());
    if (ms > this.replyNewestMs) this.replyNewestMs = ms;
  }

  /**
   * Where heartbeats are read from: after the newest one in the stream now. A
   * read from '$' on every XREAD would miss each heartbeat appended between
   * two reads (one garbage heartbeat went uncounted under load that way).
   */
  private async newestHeartbeatId(): Promise<string> {
    const newest = (await this.watch(this.blocking.xrevrange(this.options.keys.heartbeat, '+', '-', 'COUNT', 1))) as Array<[string, string[]]>;
    return newest[0]?.[0] ?? '0-0';
  }

  private readHeartbeats(rawEntries: Array<[Buffer, Buffer[]]>): void {
    if (rawEntries.length === 0) return;
    this.heartbeatId = rawEntries[rawEntries.length - 1][0].toString();
    for (const [id, fields] of rawEntries) {
      if (isHeartbeat(fields)) this.lastHeartbeatAt = Date.now();
      else this.formatError('heartbeat', '', new FeedFormatError(`heartbeat ${id.toString()} has no time field t`));
    }
  }

  /**
   * Re-reads the snapshot of every event whose resync is due; the hub adopts
   * it first, only then does the cursor move: both or neither. Called by the
   * read loop between reads, so no read is dispatched meanwhile: the next
   * one goes on from where the last ended, and its entries up to the
   * snapshot classify old.
   */
  protected async resyncDue(): Promise<void> {
    for (const eventId of this.resyncs.due(Date.now())) {
      const cursor = this.cursors.get(eventId);
      if (!cursor) {
        this.resyncs.delete(eventId);
        continue;
      }
      let snapshot: EventSnapshot;
      try {
        snapshot = await this.consistentSnapshot(eventId);
      } catch (err) {
        if (!(err instanceof FeedFormatError || err instanceof UnknownEventError)) throw err; // the shard, not the event: the loop backs off
        this.resyncFailed(eventId, err);
        continue;
      }
      if (this.cursors.get(eventId) !== cursor) continue; // closed (or reopened) while we read
      this.resynced(eventId, cursor, snapshot);
    }
  }

  /** A resync's snapshot to the listener, then the cursor; false when the listener failed (retried with backoff). */
  protected resynced(eventId: string, cursor: EventCursor, snapshot: EventSnapshot): boolean {
    if (snapshot.infoError) this.formatError('info', eventId, snapshot.infoError);
    if (!this.deliver((l) => l.snapshot(eventId, snapshot, 'resync'))) {
      this.resyncs.failed(eventId, Date.now());
      return false;
    }
    cursor.reset(snapshot.epoch, snapshot.seq, snapshot.offset);
    const cause = this.resyncs.delete(eventId) ?? 'gap';
    this.unavailable.delete(eventId);
    this.options.metrics.resyncs.inc({ shard: this.label, cause });
    // Missed state first (the REPLACE just sent), then live again.
    if (!this.stale) this.deliver((l) => l.stale([eventId], false));
    return true;
  }

  private resyncFailed(eventId: string, err: FeedFormatError | UnknownEventError): void {
    const failures = this.resyncs.failed(eventId, Date.now());
    if (err instanceof FeedFormatError) this.formatError('snapshot', eventId, err);
    else if (failures === 1) this.log.warn({ eventId }, 'the store lost the event (no snapshot): unavailable until the publisher writes it again');
    if (this.unavailable.has(eventId)) return;
    this.unavailable.add(eventId);
    this.deliver((l) => l.unavailable(eventId, new FeedUnavailableError(this.label, { cause: err })));
  }

  /** An opening event's snapshot: an undecodable one (counted, logged) makes it unavailable. */
  protected async openingSnapshot(eventId: string): Promise<EventSnapshot> {
    try {
      return await this.consistentSnapshot(eventId);
    } catch (err) {
      if (!(err instanceof FeedFormatError)) throw err;
      this.formatError('snapshot', eventId, err);
      throw new FeedUnavailableError(this.label, { cause: err });
    }
  }

  /** The opening snapshot adopted: a cursor at it, and the listener told (open() resolves only after that). */
  protected adopt(eventId: string, snapshot: EventSnapshot): EventCursor {
    const cursor = new EventCursor(snapshot.epoch, snapshot.seq, snapshot.offset);
    this.cursors.set(eventId, cursor);
    if (snapshot.infoError) this.formatError('info', eventId, snapshot.infoError);
    try {
      this.listener().snapshot(eventId, snapshot, 'open');
    } catch (err) {
      this.close(eventId);
      throw err;
    }
    return cursor;
  }

  /**
   * The snapshot hash (odds and display data) together with the stream's
   * newest entry, in one MULTI: the publish scripts write both atomically,
   * so the snapshot must name that entry exactly (epoch, seq, offset), or,
   * when the newest entry is an info entry, it must be at the snapshot's
   * epoch and seq, after its offset, with the snapshot's info version.
   * Anything else (a stream of the wrong type, entries written around the
   * scripts, a half-restored store) is a FeedFormatError, never a state to
   * adopt. The newest entry's payload is not decoded here: undecodable
   * display data must not make the snapshot unusable.
   */
  private async consistentSnapshot(eventId: string): Promise<EventSnapshot> {
    const keys = this.options.keys;
    let results: Array<[Error | null, unknown]>;
    try {
      results = (await this.cmd.multi().hgetallBuffer(keys.snapshot(eventId)).xrevrangeBuffer(keys.stream(eventId), '+', '-', 'COUNT', 1).exec()) ?? [];
    } catch (err) {
      throw this.commandError(`snapshot of ${eventId}`, err);
    }
    const [[hashErr, hash], [streamErr, newest]] = results as [[Error | null, Record<string, Buffer>], [Error | null, Array<[Buffer, Buffer[]]>]];
    if (hashErr) throw this.commandError(`snapshot of ${eventId}`, hashErr);
    const snapshot = parseSnapshotHash(eventId, hash);
    if (streamErr) throw this.commandError(`stream of ${eventId}`, streamErr);
    const top = newest[0];
    const entry = top ? parseEntryPosition(top[0], top[1]) : undefined;
    const named =
      entry?.epoch === snapshot.epoch &&
      entry.seq === snapshot.seq &&
      (entry.infoVersion === 0 ? entry.offset === snapshot.offset : entry.infoVersion === snapshot.infoVersion && compareOffsets(entry.offset, snapshot.offset) > 0);
    if (!named) {
      throw new FeedFormatError(`snapshot of ${eventId} (${snapshot.epoch}/${snapshot.seq}/${snapshot.offset}) does not name its stream's newest entry`);
    }
    return snapshot;
  }

  // ---------------------------------------------------------------- helpers

  protected requestResync(eventId: string, cause: ResyncCause): void {
    this.resyncs.request(eventId, cause, Date.now());
  }

  /** Hands one event's records to the listener in order (EventBatch); resyncs the event if its history broke. */
  protected deliverRecords(eventId: string, cursor: EventCursor, rawEntries: Array<[Buffer, Buffer[]]>, from = 0): void {
    const batch = new EventBatch(eventId, cursor, this.sink);
    for (let i = from; i < rawEntries.length; i++) {
      const [id, fields] = rawEntries[i];
      const record = this.parseEntry(eventId, id, fields);
      if (record) batch.add(record);
      else batch.skip(id.toString());
    }
    this.finishBatch(batch);
  }

  /** Delivers what the batch holds; resyncs its event if the history broke (or the listener failed). */
  protected finishBatch(batch: EventBatch): void {
    const cause = batch.finish();
    if (!cause) return;
    this.log.info({ eventId: batch.eventId, have: this.cursors.get(batch.eventId)?.seq, cause }, 'stream continuity broke; resyncing from snapshot');
    this.requestResync(batch.eventId, cause);
  }

  /** A stream entry (odds or display data), or null (counted and logged) when it is neither: such an entry is stepped over. */
  protected parseEntry(eventId: string, id: Buffer, fields: Buffer[]): StreamRecord | null {
    try {
      return parseStreamEntry(eventId, id, fields);
    } catch (err) {
      return this.undecodable(eventId, err);
    }
  }

  /** An entry that is not in the oddsgate format: counted and logged, null (step over it); any other error is rethrown. */
  protected undecodable(eventId: string, err: unknown): null {
    if (!(err instanceof FeedFormatError)) throw err;
    this.formatError(err instanceof EventInfoFormatError ? 'info' : 'entry', eventId, err);
    return null;
  }

  /** Whether `found`, read at the cursor's offset, is still the last entry delivered: the same epoch and seq. */
  protected stillDelivered(eventId: string, cursor: EventCursor, found: [Buffer, Buffer[]] | undefined): boolean {
    // The cursor's offset is always an odds entry's (or the snapshot's): display data never moves it.
    if (!found || found[0].toString() !== cursor.offset) return false;
    const entry = this.parseEntry(eventId, found[0], found[1]);
    return entry !== null && 'update' in entry && entry.epoch === cursor.epoch && entry.seq === cursor.seq;
  }

  /** The last entry delivered is gone or changed: resync the event. */
  protected historyLost(eventId: string, cursor: EventCursor): void {
    this.log.warn({ eventId, seq: cursor.seq, offset: cursor.offset }, 'the last delivered entry is gone or changed: the store lost or rewrote history; resyncing');
    this.requestResync(eventId, 'verify');
  }

  protected formatError(kind: FormatErrorKind, eventId: string, err: Error): void {
    this.options.metrics.feedFormatErrors.inc({ shard: this.label, kind });
    const line = this.formatLogs.pass(Date.now());
    if (line) this.log.error({ kind, eventId, err: err.message, suppressed: line.suppressed }, 'Redis returned data that is not in the oddsgate format');
  }

  /** Redis refusing a command (WRONGTYPE...) is bad data; anything else means the shard cannot be reached. */
  private commandError(what: string, err: unknown): Error {
    if (err instanceof ReplyError) return new FeedFormatError(`${what}: ${(err as Error).message}`);
    return new FeedUnavailableError(this.label, { cause: err });
  }

  /** Calls the listener; a listener that throws is logged and reported as false (the caller resyncs or retries). */
  protected deliver(call: (listener: FeedListener) => void): boolean {
    try {
      call(this.listener());
      return true;
    } catch (err) {
      this.log.error({ err }, 'feed listener failed');
      return false;
    }
  }

  /** The results of a pipeline of lookups, or FeedUnavailableError when one failed in transit: it says nothing about the data, try again later. */
  protected async lookups(pipeline: ReturnType<ShardClient['pipeline']>, count: number): Promise<Array<[Error | null, unknown]>> {
    let results: Array<[Error | null, unknown]>;
    try {
      results = (await pipeline.exec()) ?? [];
    } catch (err) {
      throw new FeedUnavailableError(this.label, { cause: err });
    }
    // A command that failed in transit (the connection still coming back, a timeout, a server still
    // loading) says nothing about the history: look again next time rather than take it as lost
    // (that sent clients REPLACE snapshots after a shard came back with all its data:
    // test/integration/shard-down). Redis's own answer about the key (a wrong type) is an answer.
    const failed = count > results.length ? new Error('no reply') : results.map(([err]) => err).find((err) => err && isTransient(err));
    if (failed) throw new FeedUnavailableError(this.label, { cause: failed });
    return results;
  }

  private connectCommands(role: string): ShardClient {
    const conn = connectShard(this.shard, {
      lazyConnect: true,
      commandTimeout: this.options.commandTimeoutMs,
      maxRetriesPerRequest: 1,
      // Fail fast while disconnected: a subscriber gets FEED_UNAVAILABLE (or a REPLACE) now rather than a hang.
      enableOfflineQueue: false,
    });
    conn.on('error', (err) => this.log.debug({ err: err.message, role }, 'shard connection error'));
    return conn;
  }

  private connectBlocking(): ShardClient {
    const conn = connectShard(this.shard, { lazyConnect: false, maxRetriesPerRequest: null, enableOfflineQueue: true });
    conn.on('error', (err) => this.log.debug({ err: err.message }, 'shard blocking connection error'));
    // ioredis resends the read under way on the new connection (perhaps to a promoted replica); what it
    // returns is checked as usual, and the read path looks up what the node delivered.
    onConnectionLost(conn, () => {
      if (conn === this.blocking) this.blockingLost();
    });
    return conn;
  }

  /** Races a command on the blocking connection against the longest time it may take. */
  protected watch<T>(command: Promise<T>): Promise<T> {
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
    old.disconnect();
    this.blockingLost();
  }

  /**
   * Live again only on the reply to a read issued after the link carried
   * data again: a reply that was held up (a black-holed link delivers it
   * late) shows the stream as it was, not the updates missed since, and its
   * heartbeats look fresh on arrival. Two round trips, then, and the second
   * must be caught up (no stream at the COUNT limit) with a fresh heartbeat.
   */
  private maybeLive(issuedAt: number, caughtUp: boolean): void {
    if (this.linkBackAt === undefined) {
      this.linkBackAt = Date.now();
      return;
    }
    if (issuedAt >= this.linkBackAt && caughtUp && Date.now() - this.lastHeartbeatAt <= this.options.feedStaleMs && this.problem() === undefined) this.setStale(false);
  }

  private checkStale(): void {
    if (!this.stale && (Date.now() - this.lastHeartbeatAt > this.options.feedStaleMs || this.problem() !== undefined)) this.setStale(true);
  }

  private setStale(stale: boolean): void {
    this.stale = stale;
    this.linkBackAt = undefined;
    if (stale) this.log.warn({ silentMs: Date.now() - this.lastHeartbeatAt, problem: this.problem() }, 'shard feed stale: reporting its events suspended');
    else this.log.info('shard feed live again');
    // An event waiting for its resync is reported live after its REPLACE (resyncDue), never before.
    const ids = stale ? [...this.cursors.keys()] : [...this.cursors.keys()].filter((id) => !this.resyncs.has(id));
    if (ids.length > 0) this.deliver((l) => l.stale(ids, stale));
  }
}

/** An error that is no answer about the data: the command did not reach Redis, or Redis could not serve it yet. */
function isTransient(err: Error): boolean {
  // MOVED, ASK, CLUSTERDOWN: a Cluster moving a slot or failing over, which ioredis follows a few times before giving up;
  // UNBLOCKED: a read blocked on a primary that became a replica (a failover).
  return !(err instanceof ReplyError) || /^(LOADING|BUSY|TRYAGAIN|MASTERDOWN|MOVED|ASK|CLUSTERDOWN|UNBLOCKED)\b/.test(err.message);
}
