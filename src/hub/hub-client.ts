import type { TokenBucket } from '../util/token-bucket.js';

/**
 * What the hub needs from one connected client. The edge implements it over
 * a uWS socket; the hub never sees uWS.
 */
export interface HubClient {
  /** The client's subscriptions by event id, kept by the hub. */
  readonly subscriptions: Map<string, ClientSubscription>;
  /** False once the socket closed: sends and topic changes become no-ops. */
  readonly open: boolean;
  /** Set by the hub while the client is paused for reading too slowly. */
  lagging: boolean;
  /** Kept by the hub: the stream entries this connection's resumes may still read (created at its first stream replay). */
  replayBudget: TokenBucket | undefined;
  send(frame: Uint8Array, kind: SentKind): void;
  /** Starts receiving frames published to the topic. */
  join(topic: string): void;
  leave(topic: string): void;
}

export interface ClientSubscription {
  readonly eventId: string;
  /** 0, or the conflation window after rounding. */
  readonly conflateMs: number;
  readonly topic: string;
  /** Joined to its topic (receiving live frames). */
  active: boolean;
}

/** What a published frame is, for the metrics. */
export type PublishedKind = 'odds' | 'snapshot' | 'feed_status' | 'event_info';

/** What a frame sent to one client is, for the metrics. */
export type SentKind = 'welcome' | 'snapshot' | 'odds' | 'feed_status' | 'event_info' | 'pong' | 'error' | 'bet_result' | 'drain';

/** Fan-out of one frame to every client joined to a topic; uWS does it natively. */
export interface TopicPublisher {
  publish(topic: string, frame: Uint8Array, kind: PublishedKind): void;
}
