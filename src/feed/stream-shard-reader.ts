import type { Redis } from 'ioredis';
import { FeedUnavailableError } from '../errors.js';
import { connectionFor, type ShardClient } from './shard-connection.js';
import { ShardReader, sleep, type XReadReply } from './shard-reader.js';

/**
 * feedReadPath "streams": one blocking XREAD over the heartbeat stream and
 * the stream of every open event, each from its own read offset. Its
 * request grows with the open events (loadtest/read-path/DESIGN.md); kept
 * for one release beside LogShardReader, then removed.
 *
 *  - a new event must not wait out the XREAD under way: CLIENT UNBLOCK
 *    interrupts it (wake), on the node the read waits on (a Cluster's slot
 *    primary), by the blocking connection's CLIENT ID.
 *  - after a reconnect every open event's last delivered entry is looked up
 *    by offset (verifyPositions).
 *  - an event pending resync is left out of the XREAD, so a key of the wrong
 *    type or a broken stream sets aside that event, not the shard.
 */
export class StreamShardReader extends ShardReader {
  private blockingId = -1;
  /** The connection blockingId was taken on: on a Cluster, the slot's primary may change under it (a failover, a migration). */
  private blockingNode: Redis | undefined;
  /** A Cluster shard's slot (its keys' hash tag), learnt once: CLIENT ID and UNBLOCK go to the node serving it. */
  private slot = -1;
  /** Each open event's stream key, built once at open: a read names them all, and builds no key. */
  private readonly streamKeys = new Map<string, string>();
  private readonly eventByStream = new Map<string, string>();
  /** Events whose last delivered entry must be looked up again (after a reconnect). */
  private readonly verifies = new Set<string>();
  private generation = 0;
  private inFlightGeneration = -1;

  async open(eventId: string): Promise<void> {
    const snapshot = await this.openingSnapshot(eventId);
    const key = this.options.keys.stream(eventId);
    this.streamKeys.set(eventId, key);
    this.eventByStream.set(key, eventId);
    this.adopt(eventId, snapshot);
    this.generation++;
    void this.wake();
  }

  override close(eventId: string): void {
    super.close(eventId);
    const key = this.streamKeys.get(eventId);
    if (key !== undefined) this.eventByStream.delete(key);
    this.streamKeys.delete(eventId);
    this.verifies.delete(eventId);
    // The XREAD under way may still name the stream; its entries are ignored (no cursor).
    this.generation++;
  }

  override resync(eventId: string): void {
    if (!this.cursors.has(eventId)) return;
    super.resync(eventId);
    this.generation++;
    void this.wake();
  }

  protected async prepareRead(): Promise<void> {
    await this.verifyPositions();
    await this.resyncDue();
    if (this.slot < 0 && this.shard.cluster) this.slot = Number(await this.cmd.cluster('KEYSLOT', this.options.keys.heartbeat));
    const node = this.onSlotNode(this.blocking);
    if (node !== this.blockingNode) this.blockingId = -1;
    if (this.blockingId < 0) {
      this.blockingId = Number(await this.watch(node.client('ID')));
      this.blockingNode = node;
    }
  }

  protected async read(blockMs: number): Promise<XReadReply | null> {
    const [heartbeat, heartbeatId] = this.heartbeatPosition();
    const keys: string[] = [heartbeat];
    const ids: string[] = [heartbeatId];
    for (const [eventId, cursor] of this.cursors) {
      if (this.resyncs.has(eventId)) continue; // read again from its snapshot's offset once resynced
      keys.push(this.streamKeys.get(eventId)!); // every cursor was adopted by open(), which set its key
      ids.push(cursor.readOffset);
    }
    this.inFlightGeneration = this.generation;
    try {
      return (await this.watch(this.blocking.xreadBuffer('COUNT', this.options.xreadCount, 'BLOCK', blockMs, 'STREAMS', ...keys, ...ids))) as XReadReply | null;
    } finally {
      this.inFlightGeneration = -1;
    }
  }

  protected dispatchEntries(key: string, rawEntries: Array<[Buffer, Buffer[]]>): boolean {
    if (rawEntries.length > 0) this.countReplyEntries(rawEntries.length, rawEntries[rawEntries.length - 1][0]);
    const eventId = this.eventByStream.get(key);
    const cursor = eventId === undefined ? undefined : this.cursors.get(eventId);
    if (eventId !== undefined && cursor !== undefined && !this.resyncs.has(eventId)) this.deliverRecords(eventId, cursor, rawEntries);
    return true;
  }

  protected async readRefused(err: Error): Promise<void> {
    this.log.error({ err: err.message }, 'Redis refused the shard read; setting aside streams of the wrong type');
    await this.setAsideBrokenStreams();
  }

  /**
   * Any lost connection (a restart, a network fault, a Sentinel failover: the
   * promoted replica may lack acknowledged writes) puts every open event's
   * history in doubt until verifyPositions has looked it up again.
   */
  protected positionInDoubt(): void {
    for (const id of this.cursors.keys()) this.verifies.add(id);
  }

  /** Any reconnect gives the blocking connection a new CLIENT ID. */
  protected override blockingLost(): void {
    this.blockingId = -1;
    this.positionInDoubt();
  }

  /** After a reconnect: is the last entry we delivered still there, with its epoch and seq? One pipelined round trip. */
  private async verifyPositions(): Promise<void> {
    const checks = [...this.verifies].filter((id) => this.cursors.has(id) && !this.resyncs.has(id));
    if (checks.length === 0) return this.verifies.clear();
    const pipeline = this.cmd.pipeline();
    for (const id of checks) {
      const cursor = this.cursors.get(id)!;
      pipeline.xrangeBuffer(this.options.keys.stream(id), cursor.offset, cursor.offset, 'COUNT', 1);
    }
    const results = await this.lookups(pipeline, checks.length); // verifies stay queued for the next attempt
    checks.forEach((eventId, i) => {
      this.verifies.delete(eventId);
      const cursor = this.cursors.get(eventId);
      if (!cursor) return;
      const [err, reply] = results[i];
      if (!this.stillDelivered(eventId, cursor, err ? undefined : (reply as Array<[Buffer, Buffer[]]>)[0])) this.historyLost(eventId, cursor);
    });
  }

  /** Events whose stream key Redis refuses (WRONGTYPE) are set aside for a resync, which reports them unavailable. */
  private async setAsideBrokenStreams(): Promise<void> {
    const ids = [...this.cursors.keys()].filter((id) => !this.resyncs.has(id));
    const pipeline = this.cmd.pipeline();
    for (const id of ids) pipeline.type(this.options.keys.stream(id));
    let results: Array<[Error | null, unknown]>;
    try {
      results = (await pipeline.exec()) ?? [];
    } catch (err) {
      this.log.debug({ err: (err as Error).message }, 'cannot check stream types now; the next read failure tries again');
      return;
    }
    ids.forEach((eventId, i) => {
      const type = results[i]?.[1];
      if (type !== 'stream' && type !== 'none') this.requestResync(eventId, 'format');
    });
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
        const unblocked = await this.onSlotNode(this.cmd).client('UNBLOCK', this.blockingId);
        if (unblocked === 1) return;
      } catch {
        return; // shard unreachable: the loop picks up the new set when it reconnects
      }
      await sleep(2);
    }
  }

  /**
   * The connection of `client` to the node serving this shard: the client
   * itself, or on a Cluster its connection to the slot's primary (a
   * blocking read waits there, so its CLIENT ID and UNBLOCK must go there).
   */
  private onSlotNode(client: ShardClient): Redis {
    const node = connectionFor(client, this.slot);
    if (!node) throw new FeedUnavailableError(this.label, { cause: new Error(`no connection to the primary of slot ${this.slot}`) });
    return node;
  }
}
