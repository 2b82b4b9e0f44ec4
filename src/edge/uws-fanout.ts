import uWS from 'uWebSockets.js';
import type { PublishedKind, TopicPublisher } from '../hub/hub-client.js';
import type { Metrics } from '../observability/metrics.js';

/**
 * The uWS app and its native topic fan-out: the hub publishes each encoded
 * frame once and uWS copies it to every subscribed socket in C++. Created
 * before the hub (which publishes) and the edge (which serves the app).
 * Counting costs one native call per publish (the topic's subscriber count),
 * nothing per client; the label children are bound once. (This uWS build
 * segfaults on numSubscribers/publish before the app has a WebSocket route:
 * EdgeServer registers /v1/ws before the feed starts, so before any publish.)
 */
export class UwsFanout implements TopicPublisher {
  readonly app: uWS.TemplatedApp = uWS.App();
  private readonly published: Record<PublishedKind, { inc(): void }>;
  private readonly deliveries: { inc(n: number): void };

  constructor(
    metrics: Pick<Metrics, 'framesPublished' | 'deliveries'>,
    private readonly counting = true,
  ) {
    this.published = { odds: metrics.framesPublished.labels('odds'), snapshot: metrics.framesPublished.labels('snapshot'), feed_status: metrics.framesPublished.labels('feed_status'), event_info: metrics.framesPublished.labels('event_info') };
    this.deliveries = metrics.deliveries;
  }

  publish(topic: string, frame: Uint8Array, kind: PublishedKind): void {
    if (this.counting) {
      this.published[kind].inc();
      const subscribers = this.app.numSubscribers(topic);
      if (subscribers > 0) this.deliveries.inc(subscribers);
    }
    this.app.publish(topic, frame, true);
  }
}
