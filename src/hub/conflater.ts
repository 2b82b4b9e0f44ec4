import { feedStatusFrame } from '../protocol/codec.js';
import { chainedOddsFrame } from '../protocol/odds-frame.js';
import type { EventChannel } from './event-channel.js';
import type { ClientSubscription, HubClient, TopicPublisher } from './hub-client.js';

/**
 * Conflation of one event for one window length (Betfair's conflateMs): the
 * subscribers of the window share a topic and receive, once per window, the
 * latest state of each market that changed, in sequence order. One timer
 * runs per conflater while something is dirty, never one per client.
 *
 * Chain invariant: each frame carries prev_seq = seq of the frame before it
 * on this topic. New subscribers join only at a window boundary (or when
 * nothing is pending), with a REPLACE snapshot at the current seq, so their
 * first frame's prev_seq is that snapshot's seq.
 */
export class Conflater {
  readonly topic: string;
  subscribers = 0;
  private readonly dirty = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private chainSeq: number;
  private joiners: Array<{ client: HubClient; sub: ClientSubscription }> = [];
  /** A "live again" status held back until the window under way has gone out (missed state first). */
  private liveStatus: Uint8Array | undefined;

  constructor(
    private readonly channel: EventChannel,
    readonly windowMs: number,
    private readonly publisher: TopicPublisher,
  ) {
    this.topic = `${channel.topic}/${windowMs}`;
    this.chainSeq = channel.seq;
  }

  markDirty(marketId: string): void {
    this.dirty.add(marketId);
    this.timer ??= setTimeout(() => this.flush(), this.windowMs);
  }

  /**
   * A FeedStatus frame for the window's topic. "Stale" goes out at once;
   * "live again" waits for the window under way, if any: the missed state
   * it carries (the updates read when the feed came back) comes first.
   */
  publishStatus(frame: Uint8Array, stale: boolean): void {
    this.liveStatus = undefined;
    if (!stale && this.timer !== undefined) this.liveStatus = frame;
    else this.publisher.publish(this.topic, frame, 'feed_status');
  }

  /** Starts a subscriber now if nothing is pending, else at the next window boundary. */
  join(client: HubClient, sub: ClientSubscription): void {
    if (this.dirty.size === 0 && this.chainSeq === this.channel.seq) this.start(client, sub, this.channel.replaceFrame(this.windowMs));
    else this.joiners.push({ client, sub });
  }

  /** The channel was reloaded from a snapshot: everyone gets it, the chain restarts there. */
  reset(): void {
    this.dirty.clear();
    clearTimeout(this.timer);
    this.timer = undefined;
    this.chainSeq = this.channel.seq;
    this.publisher.publish(this.topic, this.channel.replaceFrame(this.windowMs), 'snapshot');
    this.publishHeldStatus();
    this.startJoiners();
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.joiners = [];
    this.liveStatus = undefined;
  }

  private flush(): void {
    this.timer = undefined;
    const states = [];
    for (const id of this.dirty) {
      const state = this.channel.markets.get(id);
      if (state) states.push(state);
    }
    this.dirty.clear();
    states.sort((a, b) => a.seq - b.seq);
    for (const state of states) {
      // Spliced once per market per window from its last value's bytes, shared by every subscriber of the window.
      const frame = chainedOddsFrame(state.bytes, this.chainSeq);
      this.chainSeq = state.seq;
      this.publisher.publish(this.topic, frame, 'odds');
    }
    this.publishHeldStatus();
    this.startJoiners();
  }

  private publishHeldStatus(): void {
    if (this.liveStatus === undefined) return;
    this.publisher.publish(this.topic, this.liveStatus, 'feed_status');
    this.liveStatus = undefined;
  }

  private startJoiners(): void {
    if (this.joiners.length === 0) return;
    const frame = this.channel.replaceFrame(this.windowMs);
    for (const { client, sub } of this.joiners) this.start(client, sub, frame);
    this.joiners = [];
  }

  private start(client: HubClient, sub: ClientSubscription, snapshot: Uint8Array): void {
    if (!client.open || client.lagging || client.subscriptions.get(sub.eventId) !== sub) return;
    client.send(snapshot, 'snapshot');
    if (this.channel.stale) client.send(feedStatusFrame(this.channel.eventId, true), 'feed_status');
    client.join(this.topic);
    sub.active = true;
  }
}
