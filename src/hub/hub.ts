import type { EventSnapshot, FeedEntry, FeedListener, OddsFeed } from '../feed/odds-feed.js';
import type { Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import type { SubscribeRequest } from '../protocol/codec.js';
import type { EventInfoMessage } from '../protocol/wire.js';
import { feedStatusFrame } from '../protocol/codec.js';
import { Conflater } from './conflater.js';
import { EventChannel } from './event-channel.js';
import type { ClientSubscription, HubClient, TopicPublisher } from './hub-client.js';
import { Resumer, type ResumeOptions } from './resume.js';

export interface HubOptions extends ResumeOptions {
  resumeBufferSize: number;
  /** Age past which the resume ring drops an update (EventChannel). */
  resumeBufferMs: number;
  conflationStepMs: number;
  maxConflateMs: number;
  channelLingerMs: number;
  /** Record fan-out latency per update (off only to measure its cost). */
  fanoutMetrics: boolean;
}

interface ChannelSlot {
  channel: EventChannel;
  /** Settles once the feed delivered the opening snapshot (or failed). */
  ready: Promise<void>;
  loaded: boolean;
  /** The feed passed an entry that does not continue the channel: nothing more is applied until its resync snapshot. */
  awaitingResync: boolean;
  subscribers: number;
  conflaters: Map<number, Conflater>;
  linger: NodeJS.Timeout | undefined;
}

/**
 * Subscriptions, last-value caches and fan-out. Each update from the feed is
 * decoded once (checked, for the bet price check) and its frame spliced once
 * from the published bytes (src/protocol/odds-frame.ts), then handed to the
 * TopicPublisher (uWS publishes it to every subscriber in C++): no
 * JavaScript runs per client per update.
 *
 * Gap-free by construction: a client gets its snapshot (or resume replay)
 * and joins the topic in the same synchronous turn, and feed updates are
 * applied in turns of their own, so no update falls between the two. And in
 * depth: an entry that is not channel.seq + 1 of the channel's epoch is never
 * published as a continuation, whatever the feed passes; the hub asks the
 * feed for a resync and publishes its REPLACE instead.
 */
export class Hub implements FeedListener {
  private readonly slots = new Map<string, ChannelSlot>();
  private readonly resumer: Resumer;

  constructor(
    private readonly feed: OddsFeed,
    private readonly publisher: TopicPublisher,
    private readonly options: HubOptions,
    private readonly metrics: Pick<Metrics, 'resumes' | 'fanoutLatency'>,
    private readonly log: Logger,
  ) {
    feed.setListener(this);
    this.resumer = new Resumer(feed, options, metrics, log);
  }

  /** Rounds a requested window up to the step and caps it; 0 stays 0. */
  conflationWindow(requestedMs: number): number {
    if (requestedMs <= 0) return 0;
    const step = this.options.conflationStepMs;
    return Math.min(Math.ceil(requestedMs / step) * step, this.options.maxConflateMs);
  }

  /**
   * Subscribes a client to one event: snapshot or resume replay, then live.
   * Rejects with UnknownEventError / FeedUnavailableError (also while the
   * feed cannot serve the event: an undecodable snapshot); the subscription
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
      const unavailable = slot.channel.unavailable;
      if (unavailable) throw unavailable;
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
    if (!request.resume) return this.startPlain(client, sub, channel, channel.replaceFrame(0));
    await this.resumer.resume(
      client,
      channel,
      request.resume,
      () => this.current(client, sub) && !client.lagging && this.slots.get(eventId) === slot,
      (first, replay, continued) => this.startPlain(client, sub, channel, first, replay, continued),
    );
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
    slot.awaitingResync = false;
    if (reason === 'resync') this.publishReplace(slot);
  }

  entries(eventId: string, entries: FeedEntry[]): void {
    const slot = this.slots.get(eventId);
    if (!slot?.loaded || slot.awaitingResync) return;
    const channel = slot.channel;
    for (const entry of entries) {
      if (entry.epoch !== channel.epoch || entry.seq !== channel.seq + 1) {
        // The feed checks continuity; should it ever pass anything else, a REPLACE is the honest answer, never a silent hole.
        this.log.error({ eventId, have: channel.seq, got: entry.seq }, 'feed entry does not continue the channel; resyncing the event');
        slot.awaitingResync = true;
        this.feed.resync(eventId);
        return;
      }
      this.publisher.publish(channel.topic, channel.apply(entry), 'odds');
      // Once per update, never per client: publish time to the frame handed to uWS.
      const publishedAt = entry.update.publishedAtMs;
      if (publishedAt > 0 && this.options.fanoutMetrics) this.metrics.fanoutLatency.observe((Date.now() - publishedAt) / 1000);
      for (const conflater of slot.conflaters.values()) conflater.markDirty(entry.update.marketId);
    }
  }

  /**
   * New display data: one EventInfo frame, encoded once, to the event's
   * plain topic and each conflation window's topic (it is not conflated:
   * changes are rare). Paused clients get it in their catch-up REPLACE.
   * Outside the seq chain, so it is applied even while the channel waits
   * for a resync: its REPLACE carries it too.
   */
  info(eventId: string, info: EventInfoMessage): void {
    const slot = this.slots.get(eventId);
    if (!slot?.loaded) return;
    const frame = slot.channel.applyInfo(info);
    if (!frame) return;
    this.publisher.publish(slot.channel.topic, frame, 'event_info');
    for (const conflater of slot.conflaters.values()) this.publisher.publish(conflater.topic, frame, 'event_info');
  }

  stale(eventIds: string[], stale: boolean): void {
    for (const eventId of eventIds) {
      const slot = this.slots.get(eventId);
      if (!slot?.loaded) continue;
      const was = slot.channel.stale;
      slot.channel.feedStale = stale;
      if (slot.channel.stale !== was) this.publishStatus(slot);
    }
  }

  unavailable(eventId: string, reason: Error): void {
    const slot = this.slots.get(eventId);
    if (!slot?.loaded) return;
    const was = slot.channel.stale;
    slot.channel.unavailable = reason;
    if (!was) this.publishStatus(slot);
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

  private startPlain(client: HubClient, sub: ClientSubscription, channel: EventChannel, first: Uint8Array, replay: Uint8Array[] = [], continued = false): void {
    client.send(first, 'snapshot');
    // A CONTINUE carries no info (a REPLACE does): the current one follows it (oddsgate.proto, Snapshot.info).
    const info = continued ? channel.infoFrame : undefined;
    if (info) client.send(info, 'event_info');
    for (const frame of replay) client.send(frame, 'odds');
    if (channel.stale) client.send(feedStatusFrame(channel.eventId, true), 'feed_status');
    client.join(sub.topic);
    sub.active = true;
  }

  /** Every snapshot clears a client's stale flag: if the event is still stale, say so right after it (oddsgate.proto, FeedStatus). */
  private publishReplace(slot: ChannelSlot): void {
    this.publisher.publish(slot.channel.topic, slot.channel.replaceFrame(0), 'snapshot');
    for (const conflater of slot.conflaters.values()) conflater.reset();
    if (slot.channel.stale) this.publishStatus(slot);
  }

  private publishStatus(slot: ChannelSlot): void {
    const frame = feedStatusFrame(slot.channel.eventId, slot.channel.stale);
    this.publisher.publish(slot.channel.topic, frame, 'feed_status');
    for (const conflater of slot.conflaters.values()) conflater.publishStatus(frame, slot.channel.stale);
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
      channel: new EventChannel(eventId, this.options.resumeBufferSize, this.options.resumeBufferMs),
      ready: Promise.resolve(),
      loaded: false,
      awaitingResync: false,
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
