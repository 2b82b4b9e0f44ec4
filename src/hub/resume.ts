import { LogThrottle } from '../feed/log-throttle.js';
import { FeedRangeBusyError, type FeedEntry, type OddsFeed, type StreamReplay } from '../feed/odds-feed.js';
import type { Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import { compareOffsets } from '../protocol/validation.js';
import type { EventChannel } from './event-channel.js';
import type { HubClient } from './hub-client.js';
import { TokenBucket } from '../util/token-bucket.js';

export interface ResumeOptions {
  maxResumeEntries: number;
  resumePageEntries: number;
  resumeEntriesPerSecPerConnection: number;
  resumeEntriesBurstPerConnection: number;
  resumeEntriesPerSecPerNode: number;
  resumeEntriesBurstPerNode: number;
  /** How long a resume point ahead of this node's channel waits for the node's reader to get there (EventChannel.reach). */
  resumeAheadWaitMs: number;
}

/** How a resume was served: from memory, from the stream, with a REPLACE (point unusable), or with a REPLACE because the replay was over budget. */
export type ResumeServed = 'ring' | 'stream' | 'replace' | 'budget';

/** Sends a subscription's first frame and its replay, and joins it live, in one synchronous turn; `continued`: the first frame is a CONTINUE snapshot (the current EventInfo follows it). */
export type StartSubscription = (first: Uint8Array, replay: Uint8Array[], continued: boolean) => void;

/**
 * Serves resume points. A REPLACE snapshot is always a correct answer, so
 * whenever replaying is not provably exact or not affordable, that is the
 * answer. Replay is work a client asks of Redis and of this node, so it is
 * bounded:
 *  - checked before Redis: another epoch, or an offset inside the span of
 *    the in-memory ring that is none of its entries, get a REPLACE at once;
 *    an offset ahead of the channel waits (resumeAheadWaitMs) for this node's
 *    reader to get there, then REPLACE if it does not; a point in the ring
 *    is served from memory;
 *  - older points are probed first with a 1-entry read of the exact resume
 *    entry: absent (trimmed, bogus, or of a history the store no longer
 *    holds after a restore) or of another epoch: REPLACE; its seq gives the
 *    gap, and a gap over maxResumeEntries gets a REPLACE without reading it;
 *  - cost-based budgets, in stream entries: the probe costs 1 and the replay
 *    its gap, charged to the connection and to the node (token buckets of entries); the
 *    feed caps concurrent range reads per shard (FeedRangeBusyError). Over
 *    any of them: REPLACE, counted as resumes{served="budget"};
 *  - the gap is read in pages of resumePageEntries, each checked for
 *    continuity (same epoch, seq + 1), until it meets the ring exactly
 *    (EventChannel.historyAfter): the replay and the live topic join in the
 *    same synchronous turn, so nothing falls between them.
 * A failed read is logged (throttled) and answered with a REPLACE; it says
 * nothing about the shard's health.
 */
export class Resumer {
  private readonly nodeBudget: TokenBucket;
  private readonly failureLogs = new LogThrottle(10_000);

  constructor(
    private readonly feed: Pick<OddsFeed, 'replay'>,
    private readonly options: ResumeOptions,
    private readonly metrics: Pick<Metrics, 'resumes'>,
    private readonly log: Logger,
  ) {
    this.nodeBudget = new TokenBucket(options.resumeEntriesPerSecPerNode, options.resumeEntriesBurstPerNode);
  }

  /** `wanted` tells, after each await, whether the client still wants this subscription served now. */
  async resume(client: HubClient, channel: EventChannel, point: { epoch: string; offset: string }, wanted: () => boolean, start: StartSubscription): Promise<void> {
    const served = (how: ResumeServed) => this.metrics.resumes.inc({ served: how });
    const replace = (how: 'replace' | 'budget') => {
      served(how);
      start(channel.replaceFrame(0), [], false);
    };
    if (point.epoch !== channel.epoch) return replace('replace');
    if (compareOffsets(point.offset, channel.offset) > 0) {
      // Further than this node has read, in the same epoch: the client was served by a node whose
      // reader was ahead of ours (it moved here from a draining node). A REPLACE now would send it
      // back in time (seen: 378 of 2,000 clients moved by a drain); wait for our reader instead. A
      // point no reader reaches (bogus) gets its REPLACE after the wait.
      const reached = await channel.reach(point.offset, this.options.resumeAheadWaitMs);
      if (!wanted()) return;
      if (!reached || point.epoch !== channel.epoch) return replace('replace');
    }
    const recent = channel.historyAfterOffset(point.offset);
    if (recent) {
      served('ring');
      return start(channel.continueFrame(recent.seq, point.offset), recent.frames, true);
    }
    if (channel.spans(point.offset)) return replace('replace');

    const budgets = [(client.replayBudget ??= new TokenBucket(this.options.resumeEntriesPerSecPerConnection, this.options.resumeEntriesBurstPerConnection)), this.nodeBudget];
    if (!TokenBucket.takeFromAll(1, budgets)) return replace('budget');
    // Open while waiting for a slot too: the replays of one reconnect storm share their frames.
    channel.replayFrames.openReplay();
    try {
      let replay: StreamReplay;
      try {
        replay = await this.feed.replay(channel.eventId);
      } catch (err) {
        if (!(err instanceof FeedRangeBusyError)) throw err;
        if (wanted()) replace('budget');
        return;
      }
      try {
        if (!wanted()) return; // gone while waiting for a slot: read nothing
        await this.fromStream(replay, channel, point, budgets, wanted, (how, first, frames) => {
          served(how);
          start(first, frames, how === 'ring' || how === 'stream');
        });
      } finally {
        replay.release();
      }
    } finally {
      channel.replayFrames.closeReplay();
    }
  }

  /**
   * Probes the resume entry, then reads the gap page by page until it meets
   * the channel's ring. Starts the subscription (`serve`) right after its
   * last look at the channel, in the same synchronous turn: an await in
   * between would let an update be published that neither the replay nor
   * the subscription carries.
   */
  private async fromStream(
    replay: StreamReplay,
    channel: EventChannel,
    point: { epoch: string; offset: string },
    budgets: TokenBucket[],
    wanted: () => boolean,
    serve: (how: ResumeServed, first: Uint8Array, frames: Uint8Array[]) => void,
  ): Promise<void> {
    const replace = (how: 'replace' | 'budget') => serve(how, channel.replaceFrame(0), []);
    const epoch = channel.epoch;
    const probe = await this.read(replay, channel.eventId, point.offset, point.offset, 1);
    if (!wanted()) return;
    const from = probe?.[0];
    if (!from || from.offset !== point.offset || from.epoch !== epoch || channel.epoch !== epoch) return replace('replace');
    const gap = channel.seq - from.seq;
    // A point behind ours in offset but not in seq is of another history: nothing to replay from it.
    if (gap <= 0 || gap > this.options.maxResumeEntries) return replace('replace');
    const ringTail = channel.historyAfter(from.seq, from.offset);
    if (ringTail) return serve('ring', channel.continueFrame(from.seq, point.offset), ringTail);
    if (!TokenBucket.takeFromAll(gap, budgets)) return replace('budget');

    const frames: Uint8Array[] = [];
    let last: FeedEntry = from;
    for (;;) {
      // Inclusive of `last`, so every page proves it continues the one before.
      const page = await this.read(replay, channel.eventId, last.offset, channel.offset, this.options.resumePageEntries + 1);
      if (!wanted()) return;
      if (!page || page[0]?.offset !== last.offset || page[0].seq !== last.seq || channel.epoch !== epoch) return replace('replace');
      for (let i = 1; i < page.length; i++) {
        const e = page[i];
        if (e.epoch !== epoch || e.seq !== last.seq + 1) return replace('replace');
        frames.push(channel.replayFrames.frameOf(e));
        last = e;
      }
      const tail = channel.historyAfter(last.seq, last.offset);
      if (tail) {
        for (const frame of tail) frames.push(frame);
        return serve('stream', channel.continueFrame(from.seq, point.offset), frames);
      }
      // No progress, or the channel ran further ahead during the read than a replay may cover.
      if (page.length === 1 || frames.length > this.options.maxResumeEntries) return replace('replace');
    }
  }

  /** A range read, or null when it failed (logged, throttled: a flood of bad requests must not flood the log). */
  private async read(replay: StreamReplay, eventId: string, from: string, to: string, count: number): Promise<FeedEntry[] | null> {
    try {
      return await replay.range(from, to, count);
    } catch (err) {
      const line = this.failureLogs.pass(Date.now());
      if (line) this.log.warn({ eventId, err: (err as Error).message, suppressed: line.suppressed }, 'resume range read failed; sending a snapshot instead');
      return null;
    }
  }
}
