import { FeedFormatError, FeedUnavailableError } from '../errors.js';
import type { ShardSpec } from '../config/load.js';
import { EventBatch } from './event-batch.js';
import type { EventCursor } from './event-cursor.js';
import type { EventSnapshot, FeedListener, StreamRecord } from './odds-feed.js';
import { OpeningBuffer } from './opening-buffer.js';
import { logEntrySeq, readLogEntry, type LogEntryHead } from './redis-records.js';
import { ShardReader, WatchdogTimeout, type ShardReaderOptions, type XReadReply } from './shard-reader.js';

/** Snapshots an open may take before it gives up (each retaken because the log moved on too fast, or lost its position). */
const OPEN_ATTEMPTS = 5;
/** While the shard's log is empty: how often the catalogue is looked at for publishes that wrote no log (an old publisher). */
const PUBLISHER_CHECK_MS = 1_000;

/** One event's catch-up read: where its next page starts, and whether it is the first (which must start at the delivered entry). */
interface CatchUpPage {
  eventId: string;
  cursor: EventCursor;
  from: string;
  first: boolean;
}

/**
 * feedReadPath "log" (loadtest/read-path/DESIGN.md): one blocking XREAD of
 * two keys, the heartbeat stream and the shard's log (redis-keys.ts), from
 * one position per shard, whatever is open. Every entry of the shard comes
 * by; one of an event not open here is stepped over without decoding its
 * payload (counted: oddsgate_redis_read_skipped_entries_total), the others
 * go through their event's cursor as on the streams path, in log order,
 * batched per event within a reply.
 *
 *  - the position: the log's newest id, taken when the loop has none (at
 *    start, after a reconnect, a failed read or a break in n). Until it has
 *    one, an open waits (what was written before the first position would
 *    be skipped unseen).
 *  - shard continuity, on n (+1 per log entry): a jump ahead means the log
 *    lost entries under the node (trimmed past it while it was stopped or
 *    away); n at or below the last one, a rewritten log (a restore, a
 *    promoted replica). Then, and after every reconnect, the position is
 *    taken again at the newest id of the server serving the shard now (a
 *    promoted replica's ids may be below the one held) and every open
 *    event is caught up from its own stream (XRANGE from its delivered
 *    offset, which must still hold the delivered entry). What follows the
 *    new position comes through the log, what came before through the
 *    catch-up; an entry seen both ways classifies old the second time.
 *  - opening an event needs no CLIENT UNBLOCK: the log is read all the
 *    time. The event is marked opening before its snapshot's MULTI is sent
 *    and what the log brings for it meanwhile is held (OpeningBuffer), then
 *    run through the new cursor. A read dispatched before the mark ran
 *    before the MULTI, so nothing written after the snapshot is missed. If
 *    the position was lost meanwhile, or too much came, the snapshot is
 *    taken again.
 *  - a resync runs in the read loop between two reads: nothing is read
 *    while its snapshot is, and the next read classifies what it covers as
 *    old. While it waits out its backoff, the event's entries are dropped.
 *  - a per-event key of the wrong type fails only that event's snapshot or
 *    catch-up (it resyncs, or is made unavailable). A log (or heartbeat) key
 *    of the wrong type fails every read: one error line, the shard reported
 *    unreachable (state().problem) and its events stale until it reads
 *    again, never a silent empty feed. So is a publisher that writes no log
 *    (older than the node): the log stays empty while the catalogue shows
 *    new publishes.
 */
export class LogShardReader extends ShardReader {
  /** Where the log is read on from; undefined while the loop holds no position (it anchors one first). */
  private logId: string | undefined;
  /** n of the last log entry read; undefined when the log was empty (or the entry had none) at the anchor. */
  private lastN: number | undefined;
  /** +1 whenever the position is dropped: an open whose snapshot spans a change takes it again. */
  private anchorGeneration = 0;
  /** The anchorGeneration whose catch-up is done: a catch-up is due while it differs. */
  private caughtUpGeneration = 0;
  private readonly positionWaiters = new Set<() => void>();
  private readonly opening = new Map<string, OpeningBuffer>();
  private readonly skipped: { inc(n: number): void };
  /** Why Redis refuses to read the log (a key of the wrong type); undefined while it reads. */
  private refused: string | undefined;
  /** While the log was empty at the anchor and has shown no entry since: the catalogue's newest score seen, and when to look again. */
  private emptyLog: { catalogueTop: number | undefined; checkAt: number } | undefined;
  private oldPublisher = false;

  constructor(shard: ShardSpec, options: ShardReaderOptions, listener: () => FeedListener) {
    super(shard, options, listener);
    this.skipped = options.metrics.redisReadSkipped.labels(this.label);
    this.skipped.inc(0);
  }

  async open(eventId: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      await this.positionHeld();
      const generation = this.anchorGeneration;
      const held = new OpeningBuffer(this.options.xreadCount);
      this.opening.set(eventId, held);
      let snapshot: EventSnapshot;
      try {
        snapshot = await this.openingSnapshot(eventId);
      } finally {
        if (this.opening.get(eventId) === held) this.opening.delete(eventId);
      }
      if (!held.overflowed && generation === this.anchorGeneration) {
        const batch = new EventBatch(eventId, this.adopt(eventId, snapshot), this.sink);
        held.replay(batch);
        this.finishBatch(batch);
        return;
      }
      if (attempt === OPEN_ATTEMPTS) {
        throw new FeedUnavailableError(this.label, { cause: new Error(`the shard log moved on too far (or its position was lost) while the snapshot of ${eventId} was read, ${OPEN_ATTEMPTS} times`) });
      }
    }
  }

  protected async prepareRead(): Promise<void> {
    if (this.logId === undefined) await this.anchor();
    if (this.caughtUpGeneration !== this.anchorGeneration) await this.catchUp();
    await this.resyncDue();
    await this.checkPublisher();
  }

  protected async read(blockMs: number): Promise<XReadReply | null> {
    const [heartbeat, heartbeatId] = this.heartbeatPosition();
    const from = this.logId;
    if (from === undefined) throw new FeedUnavailableError(this.label, { cause: new Error('the log position was lost before the read') }); // the next turn anchors it
    try {
      return (await this.watch(
        this.blocking.xreadBuffer('COUNT', this.options.xreadCount, 'BLOCK', blockMs, 'STREAMS', heartbeat, this.options.keys.log, heartbeatId, from),
      )) as XReadReply | null;
    } catch (err) {
      // Whatever failed the read (a dropped connection, a failover, a refusal), where it would go on is in doubt.
      // The watchdog replaces the connection, which says so itself.
      if (!(err instanceof WatchdogTimeout)) this.positionInDoubt();
      throw err;
    }
  }

  protected dispatchEntries(_key: string, rawEntries: Array<[Buffer, Buffer[]]>): boolean {
    // A position dropped while the read was under way (a reconnect): the new anchor and the catch-up cover these.
    if (this.logId === undefined) return false;
    if (rawEntries.length === 0) return true;
    this.logSeen();
    const batches = new Map<string, EventBatch>();
    let read = 0;
    let delivered = 0;
    let skipped = 0;
    for (; read < rawEntries.length; read++) {
      const [id, fields] = rawEntries[read];
      const head = readLogEntry(fields);
      if (!this.continuesLog(id, head.n)) break;
      this.lastN = head.n;
      const cursor = this.cursors.get(head.eventId);
      if (cursor !== undefined) {
        delivered++;
        if (this.resyncs.has(head.eventId)) continue; // its snapshot will cover it
        let batch = batches.get(head.eventId);
        if (!batch) batches.set(head.eventId, (batch = new EventBatch(head.eventId, cursor, this.sink)));
        const record = this.decode(head);
        if (record) batch.add(record);
        else batch.skip(head.offset);
        continue;
      }
      const held = this.opening.get(head.eventId);
      if (held !== undefined) {
        delivered++;
        held.add(this.decode(head) ?? head.offset);
      } else if (head.eventId === '') {
        this.formatError('entry', '', new FeedFormatError(`shard log entry ${id.toString()} names no event (field ev)`));
      } else {
        skipped++;
      }
    }
    if (read > 0) {
      const last = rawEntries[read - 1][0];
      if (this.logId !== undefined) this.logId = last.toString();
      this.countReplyEntries(delivered, last);
    }
    if (skipped > 0) this.skipped.inc(skipped);
    for (const batch of batches.values()) this.finishBatch(batch);
    // A break in n dropped the position: not caught up until the catch-up has run (missed state before "live").
    return this.logId !== undefined;
  }

  protected async readRefused(err: Error): Promise<void> {
    if (this.refused !== undefined) return; // said once per episode: the loop retries every second
    this.refused = `Redis refuses to read the shard log: ${err.message}`;
    this.options.metrics.feedFormatErrors.inc({ shard: this.label, kind: 'log' });
    this.log.error(
      { err: err.message, log: this.options.keys.log, heartbeat: this.options.keys.heartbeat },
      'Redis refuses to read the shard log (a key of the wrong type): the shard is unreachable and its events stale until the log and heartbeat keys are streams again',
    );
  }

  protected override readSucceeded(): void {
    if (this.refused === undefined) return;
    this.refused = undefined;
    this.log.info('the shard log reads again');
  }

  protected override problem(): string | undefined {
    if (this.refused !== undefined) return this.refused;
    return this.oldPublisher ? 'the shard log stays empty while events are published: a publisher older than this node (feedReadPath log needs the publisher to write the log)' : undefined;
  }

  /** The position is dropped: the loop anchors a new one and catches up every open event before it reads again. */
  protected positionInDoubt(): void {
    this.logId = undefined;
    this.anchorGeneration++;
  }

  // ---------------------------------------------------------------- position and continuity

  /** Resolves once the loop holds a position in the log (at once, mostly); FeedUnavailableError after commandTimeoutMs without one. */
  private positionHeld(): Promise<void> {
    if (this.logId !== undefined) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const held = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.positionWaiters.delete(held);
        reject(new FeedUnavailableError(this.label, { cause: new Error('no position in the shard log yet') }));
      }, this.options.commandTimeoutMs);
      this.positionWaiters.add(held);
    });
  }

  /** The position: the newest entry of the log on the server serving the shard now ('0-0' for an empty log). */
  private async anchor(): Promise<void> {
    const generation = this.anchorGeneration;
    const newest = (await this.watch(this.blocking.xrevrangeBuffer(this.options.keys.log, '+', '-', 'COUNT', 1))) as Array<[Buffer, Buffer[]]>;
    if (generation !== this.anchorGeneration) throw new FeedUnavailableError(this.label, { cause: new Error('the connection was lost while the log position was read') });
    const top = newest[0];
    const n = top ? logEntrySeq(top[1]) : Number.NaN;
    this.logId = top ? top[0].toString() : '0-0';
    this.lastN = Number.isSafeInteger(n) ? n : undefined;
    this.emptyLog = top ? undefined : { catalogueTop: undefined, checkAt: Date.now() };
    for (const held of this.positionWaiters) held();
    this.positionWaiters.clear();
  }

  /** Whether a log entry continues the last one (n + 1); if not, it says why and drops the position. */
  private continuesLog(id: Buffer, n: number): boolean {
    if (Number.isSafeInteger(n) && (this.lastN === undefined || n === this.lastN + 1)) return true;
    if (!Number.isSafeInteger(n)) {
      this.formatError('log', '', new FeedFormatError(`shard log entry ${id.toString()} has no sequence number n`));
    } else if (n > this.lastN!) {
      this.log.warn({ have: this.lastN, got: n }, 'the shard log lost entries under this node (trimmed past it, or a store that lost writes): catching up every open event from its stream');
    } else {
      this.log.warn({ have: this.lastN, got: n }, 'the shard log was rewritten (a store restored from older data, or a promoted replica): catching up every open event from its stream');
    }
    this.positionInDoubt();
    return false;
  }

  /**
   * Every open event from its own stream, from its delivered offset: one
   * pipeline of XRANGE per round, a round per page while some come back
   * full. The first entry must be the delivered one (same epoch and seq),
   * else the event resyncs; the rest go through its cursor as any read.
   */
  private async catchUp(): Promise<void> {
    const generation = this.anchorGeneration;
    let pages: CatchUpPage[] = [];
    for (const [eventId, cursor] of this.cursors) if (!this.resyncs.has(eventId)) pages.push({ eventId, cursor, from: cursor.offset, first: true });
    while (pages.length > 0) {
      const pipeline = this.cmd.pipeline();
      for (const page of pages) pipeline.xrangeBuffer(this.options.keys.stream(page.eventId), page.from, '+', 'COUNT', this.options.xreadCount);
      const results = await this.lookups(pipeline, pages.length);
      pages = pages.filter((page, i) => this.caughtUpPage(page, results[i]));
    }
    if (generation === this.anchorGeneration) this.caughtUpGeneration = generation;
  }

  /** Delivers one event's catch-up page; true when it came back full (its next page starts after its last entry). */
  private caughtUpPage(page: CatchUpPage, [err, reply]: [Error | null, unknown]): boolean {
    const { eventId, cursor } = page;
    if (this.cursors.get(eventId) !== cursor || this.resyncs.has(eventId)) return false; // closed, or resyncing meanwhile
    // Redis's answer about the key (a wrong type) leaves no delivered entry to find: the resync reports the event unavailable.
    const entries = err ? [] : (reply as Array<[Buffer, Buffer[]]>);
    if (page.first && !this.stillDelivered(eventId, cursor, entries[0])) {
      this.historyLost(eventId, cursor);
      return false;
    }
    this.deliverRecords(eventId, cursor, entries, page.first ? 1 : 0);
    if (entries.length < this.options.xreadCount || this.resyncs.has(eventId)) return false;
    page.from = `(${entries[entries.length - 1][0].toString()}`;
    page.first = false;
    return true;
  }

  /** A log entry of an open (or opening) event, decoded; null (counted, logged) when it is not in the oddsgate format. */
  private decode(head: LogEntryHead): StreamRecord | null {
    try {
      return head.record();
    } catch (err) {
      return this.undecodable(head.eventId, err);
    }
  }

  // ---------------------------------------------------------------- an old publisher

  /** The log has entries: whatever the publisher check thought, it writes the log. */
  private logSeen(): void {
    this.emptyLog = undefined;
    if (!this.oldPublisher) return;
    this.oldPublisher = false;
    this.log.info('the shard log has entries: the publisher writes it');
  }

  /**
   * While the log is empty, once a second: a catalogue score above the one
   * seen before is a publish since, and a log still empty then (one MULTI:
   * no new publisher's first entry can fall between) means the publisher
   * writes no log. No clocks compared: a publish is a score that rose.
   */
  private async checkPublisher(): Promise<void> {
    const watch = this.emptyLog;
    if (!watch || Date.now() < watch.checkAt) return;
    watch.checkAt = Date.now() + PUBLISHER_CHECK_MS;
    const keys = this.options.keys;
    const results = (await this.cmd.multi().xlen(keys.log).zrevrange(keys.catalogue, 0, 0, 'WITHSCORES').exec()) ?? [];
    const [[lengthErr, length], [topErr, top]] = results as [[Error | null, number], [Error | null, string[]]];
    if (lengthErr) throw lengthErr; // a log of the wrong type: the read loop reports it
    if (topErr || length > 0) return; // entries: the next read brings them
    const newest = Number(top[1] ?? 0);
    if (watch.catalogueTop !== undefined && newest > watch.catalogueTop && !this.oldPublisher) {
      this.oldPublisher = true;
      this.log.error({ log: keys.log, catalogue: keys.catalogue }, 'events are published on this shard but its log stays empty: the publisher is older than this node (feedReadPath log); the shard is reported unreachable and its events stale');
    }
    watch.catalogueTop = newest;
  }
}
