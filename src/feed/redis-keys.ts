/**
 * Redis key layout of the odds feed. Both keys of an event carry the event
 * id as a hash tag, so they share a slot on Redis Cluster and the publish
 * script may touch both atomically.
 *
 *  <prefix>{<event>}:stream   stream of updates; fields e (epoch), s (seq), p (payload)
 *  <prefix>{<event>}:snap     hash: _epoch, _seq, _offset, m:<market> (payload),
 *                             q:<market> ("<seq> <offset>" of the market's last update)
 *  <prefix>heartbeat          per-shard stream of publisher heartbeats; field t (ms)
 */
export class FeedKeys {
  constructor(readonly prefix: string) {}

  stream(eventId: string): string {
    return `${this.prefix}{${eventId}}:stream`;
  }

  snapshot(eventId: string): string {
    return `${this.prefix}{${eventId}}:snap`;
  }

  get heartbeat(): string {
    return `${this.prefix}heartbeat`;
  }
}
