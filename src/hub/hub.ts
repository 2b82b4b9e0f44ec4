import type { EventSnapshot, FeedEntry, FeedListener, OddsFeed } from '../feed/odds-feed.js';
import type { Logger } from '../observability/logger.js';
import type { SubscribeRequest } from '../protocol/codec.js';
import { feedStatusFrame, oddsFrame } from '../protocol/codec.js';
import { pb } from '../protocol/wire.js';
import { compareOffsets } from '../protocol/validation.js';
import { Conflater } from './conflater.js';
import { decodeEntry, EventChannel } from './event-channel.js';
import type { ClientSubscription, HubClient, TopicPublisher } from './hub-client.js';

export interface HubOptions {
  resumeBufferSize: number;
  maxResumeEntries: number;
  conflationStepMs: number;
  maxConflateMs: number;
  channelLingerMs: number;
}

interface ChannelSlot {
  channel: EventChannel;
  /** Settles once the feed delivered the opening snapshot (or failed). */
  ready: Promise<void>;
  loaded: boolean;
  subscribers: number;
  conflaters: Map<number, Conflater>;
  linger: NodeJS.Timeout | undefined;
}

/**
 * Subscriptions, last-value caches and fan-out. Each update from the feed is
 * decoded and encoded once, then handed to the TopicPublisher (uWS publishes
 * it to every subscriber in C++): no JavaScript runs per client per update.
 *
 * Gap-free by construction: a client gets its snapshot (or resume replay)
 * and joins the topic in the same synchronous turn, and feed updates are
 * applied in turns of their own, so no update falls between the two.
 */
export class Hub implements FeedListener {
  private readonly slots = new Map<string, ChannelSlot>();

  constructor(
    private readonly feed: OddsFeed,
    private readonly publisher: TopicPublisher,
    private readonly options: HubOptions,
    private readonly log: Logger,
  ) {
    feed.setListener(this);
  }

  /** Rounds a requested window up to the step and caps it; 0 stays 0. */
  conflationWindow(requestedMs: number): number {
    if (requestedMs <= 0) return 0;
    const step = this.options.conflationStepMs;
    return Math.min(Math.ceil(requestedMs / step) * step, this.options.maxConflateMs);
  }

  /**
   * Subscribes a client to one event: snapshot or resume replay, then live.
   * Rejects with UnknownEventError / FeedUnavailableError; the subscription
   * is then not kept.
   */
  async subscribe(client: HubClient, request: SubscribeRequest): Promise<void> {
    const { eventId } = request;
    if (client.subscriptions.has(eventId)) this.unsubscribe(client, eventId);
    const conflateMs = this.conflationWindow(request.conflateMs);
    const sub: ClientSubscription = { eventId, conflateMs, topic: '', active: false };
    client.subscriptions.set(eventId, sub);
    const slot = this.acquire(eventId);
    try {
      // An event already held is served in this turn: no await, no microtask hop per subscriber.
      if (!slot.loaded) await slot.ready;
    } catch (err) {
      if (client.subscriptions.get(eventId) === sub) client.subscriptions.delete(eventId);
      this.release(eventId, slot);
      throw err;
    }
    if (!this.current(client, sub)) return;
    const channel = slot.channel;
    if (conflateMs > 0) {
      const conflater = this.conflaterFor(slot, conflateMs);
      conflater.subscribers++;
      (sub as { topic: string }).topic = conflater.topic;
      if (!client.lagging) conflater.join(client, sub);
      return;
    }
    (sub as { topic: string }).topic = channel.topic;
    if (client.lagging) return; // catchUp() sends the snapshot when the client reads again
    if (request.resume) await this.resume(client, sub, slot, request.resume);
    else this.startPlain(client, sub, channel, channel.replaceFrame(0));
  }

  unsubscribe(client: HubClient, eventId: string): void {
    const sub = client.subscriptions.get(eventId);
    if (!sub) return;
    client.subscriptions.delete(eventId);
    if (sub.active) client.leave(sub.topic);
    const slot = this.slots.get(eventId);
    if (!slot) return;
    if (sub.conflateMs > 0) {
      const conflater = slot.conflaters.get(sub.conflateMs);
      if (conflater && --conflater.subscribers === 0) {
        conflater.stop();
        slot.conflaters.delete(sub.conflateMs);
      }
    }
    this.release(eventId, slot);
  }

  /** The socket closed: forget its subscriptions. */
  dropClient(client: HubClient): void {
    for (const eventId of [...client.subscriptions.keys()]) this.unsubscribe(client, eventId);
  }

  /** The client reads too slowly: stop its live frames so its buffer stops growing. */
  pause(client: HubClient): void {
    client.lagging = true;
    for (const sub of client.subscriptions.values()) {
      if (sub.active) client.leave(sub.topic);
      sub.active = false;
    }
  }

  /**
   * The paused client drained its buffer: bring each subscription to the
   * latest state with a REPLACE snapshot and rejoin live. Intermediate prices
   * are skipped; the latest price of every market is not.
   */
  catchUp(client: HubClient): void {
    client.lagging = false;
    for (const sub of client.subscriptions.values()) {
      const slot = this.slots.get(sub.eventId);
      if (!slot?.loaded || sub.topic === '') continue; // still opening: subscribe() finishes it
      if (sub.conflateMs > 0) slot.conflaters.get(sub.conflateMs)?.join(client, sub);
      else this.startPlain(client, sub, slot.channel, slot.channel.replaceFrame(0));
    }
  }

  // ---------------------------------------------------------------- FeedListener

  snapshot(eventId: string, snapshot: EventSnapshot, reason: 'open' | 'resync'): void {
    const slot = this.slots.get(eventId);
    if (!slot) return;
    slot.channel.load(snapshot);
    slot.loaded = true;
    if (reason === 'resync') this.publishReplace(slot);
  }

  entries(eventId: string, entries: FeedEntry[]): void {
    const slot = this.slots.get(eventId);
    if (!slot?.loaded) return;
    const channel = slot.channel;
    let broken = false;
    for (const entry of entries) {
      let message;
      try {
        message = decodeEntry(entry.payload, entry.seq, entry.offset);
      } catch (err) {
        // Cannot show this update; keep the count honest with a REPLACE snapshot after the batch.
        this.log.error({ eventId, offset: entry.offset, err: (err as Error).message }, 'undecodable odds payload');
        channel.skip(entry);
        broken = true;
        continue;
      }
      this.publisher.publish(channel.topic, channel.apply(message));
      for (const conflater of slot.conflaters.values()) conflater.markDirty(message.marketId);
    }
    if (broken) this.publishReplace(slot);
  }

  stale(eventIds: string[], stale: boolean): void {
    for (const eventId of eventIds) {
      const slot = this.slots.get(eventId);
      if (!slot?.loaded || slot.channel.stale === stale) continue;
      slot.channel.stale = stale;
      const frame = feedStatusFrame(eventId, stale);
      this.publisher.publish(slot.channel.topic, frame);
      for (const conflater of slot.conflaters.values()) this.publisher.publish(conflater.topic, frame);
    }
  }

  /** The channel's state as a bet check (later) or a test sees it. */
  channel(eventId: string): EventChannel | undefined {
    const slot = this.slots.get(eventId);
    return slot?.loaded ? slot.channel : undefined;
  }

  stats(): { channels: number; subscriptions: number } {
    let subscriptions = 0;
    for (const slot of this.slots.values()) subscriptions += slot.subscribers;
    return { channels: this.slots.size, subscriptions };
  }

  // ---------------------------------------------------------------- internals

  private async resume(client: HubClient, sub: ClientSubscription, slot: ChannelSlot, point: { epoch: string; offset: string }): Promise<void> {
    const channel = slot.channel;
    const replace = () => this.startPlain(client, sub, channel, channel.replaceFrame(0));
    if (point.epoch !== channel.epoch || compareOffsets(point.offset, channel.offset) > 0) return replace();
    const recent = channel.historyAfterOffset(point.offset);
    if (recent) return this.startPlain(client, sub, channel, channel.continueFrame(recent.seq, point.offset), recent.frames);
    if (point.offset === channel.offset) return this.startPlain(client, sub, channel, channel.continueFrame(channel.seq, point.offset));

    // Older than the ring: read the gap from the stream, then the ring covers the rest.
    const epoch = channel.epoch;
    let entries: FeedEntry[];
    try {
      entries = await this.feed.range(sub.eventId, point.offset, channel.offset, this.options.maxResumeEntries + 1);
    } catch (err) {
      this.log.warn({ eventId: sub.eventId, err: (err as Error).message }, 'resume range read failed; sending a snapshot');
      entries = [];
    }
    if (!this.current(client, sub) || client.lagging) return;
    const frames = this.replayable(entries, point.offset, epoch, channel);
    if (!frames) return replace();
    this.startPlain(client, sub, channel, channel.continueFrame(entries[0].seq, point.offset), frames);
  }

  /** The frames that take a client from entries[0] to the channel's present, or null if any is missing. */
  private replayable(entries: FeedEntry[], offset: string, epoch: string, channel: EventChannel): Uint8Array[] | null {
    // entries[0] must be the resume point itself: if it was trimmed, XRANGE starts later, silently.
    if (entries.length === 0 || entries[0].offset !== offset || entries.length > this.options.maxResumeEntries) return null;
    if (channel.epoch !== epoch) return null;
    const frames: Uint8Array[] = [];
    for (let i = 1; i < entries.length; i++) {
      const e = entries[i];
      if (e.epoch !== epoch || e.seq !== entries[i - 1].seq + 1) return null;
      try {
        frames.push(oddsFrame(pb.OddsUpdate.encode(decodeEntry(e.payload, e.seq, e.offset)).finish()));
      } catch {
        return null; // an undecodable entry: a snapshot is the honest answer
      }
    }
    const tail = channel.historyAfterSeq(entries[entries.length - 1].seq);
    if (!tail) return null;
    for (const f of tail) frames.push(f);
    return frames;
  }

  private startPlain(client: HubClient, sub: ClientSubscription, channel: EventChannel, first: Uint8Array, replay: Uint8Array[] = []): void {
    client.send(first);
    for (const frame of replay) client.send(frame);
    if (channel.stale) client.send(feedStatusFrame(channel.eventId, true));
    client.join(sub.topic);
    sub.active = true;
  }

  private publishReplace(slot: ChannelSlot): void {
    this.publisher.publish(slot.channel.topic, slot.channel.replaceFrame(0));
    for (const conflater of slot.conflaters.values()) conflater.reset();
  }

  /** The subscription is still the client's and the client still connected. */
  private current(client: HubClient, sub: ClientSubscription): boolean {
    return client.open && client.subscriptions.get(sub.eventId) === sub;
  }

  private conflaterFor(slot: ChannelSlot, windowMs: number): Conflater {
    let conflater = slot.conflaters.get(windowMs);
    if (!conflater) {
      conflater = new Conflater(slot.channel, windowMs, this.publisher);
      slot.conflaters.set(windowMs, conflater);
    }
    return conflater;
  }

  private acquire(eventId: string): ChannelSlot {
    let slot = this.slots.get(eventId);
    if (slot) {
      clearTimeout(slot.linger);
      slot.linger = undefined;
      slot.subscribers++;
      return slot;
    }
    const created: ChannelSlot = {
      channel: new EventChannel(eventId, this.options.resumeBufferSize),
      ready: Promise.resolve(),
      loaded: false,
      subscribers: 1,
      conflaters: new Map(),
      linger: undefined,
    };
    // In the map before open(): the feed may deliver the opening snapshot synchronously.
    this.slots.set(eventId, created);
    created.ready = this.feed.open(eventId).catch((err) => {
      if (this.slots.get(eventId) === created) this.slots.delete(eventId);
      throw err;
    });
    // Every waiter handles the rejection; this guard only keeps an abandoned one from being reported.
    created.ready.catch(() => undefined);
    return created;
  }

  private release(eventId: string, slot: ChannelSlot): void {
    if (--slot.subscribers > 0 || this.slots.get(eventId) !== slot) return;
    const close = () => {
      if (slot.subscribers > 0 || this.slots.get(eventId) !== slot) return;
      for (const conflater of slot.conflaters.values()) conflater.stop();
      this.slots.delete(eventId);
      // An open still under way finishes first; a newer slot for the event keeps the feed reading.
      slot.ready.then(
        () => this.slots.has(eventId) || this.feed.close(eventId),
        () => undefined,
      );
    };
    if (this.options.channelLingerMs === 0) close();
    else slot.linger = setTimeout(close, this.options.channelLingerMs);
  }
}
