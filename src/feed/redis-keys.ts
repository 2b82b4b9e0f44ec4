/**
 * Redis key layout of the odds feed. Both keys of an event carry the event
 * id as a hash tag, so they share a slot on Redis Cluster and the publish
 * script may touch both atomically.
 *
 *  <prefix>{<event>}:stream   stream of updates; fields e (epoch), s (seq), p (payload);
 *                             and of display data: e, s (the seq it follows), v (info
 *                             version), i (EventInfo payload) — no p, takes no seq
 *  <prefix>{<event>}:snap     hash: _epoch, _seq, _offset, m:<market> (payload),
 *                             q:<market> ("<seq> <offset>" of the market's last update),
 *                             _iv (info version), _info (EventInfo payload)
 *  <prefix>heartbeat          per-shard stream of publisher heartbeats; field t (ms)
 *  <prefix>events             per-shard catalogue: sorted set of event ids scored by
 *                             their last publish (ms); the publish scripts write it
 *
 * The catalogue is one key per shard, written by the same scripts as the
 * event's keys: a shard is one Redis primary (not a Cluster, where it would
 * sit in another slot than the event's keys).
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

  get catalogue(): string {
    return `${this.prefix}events`;
  }
}
