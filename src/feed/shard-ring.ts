import HashRing from 'hashring';
import type { ShardSpec } from '../config/load.js';

/**
 * Places events on Redis shards by consistent hashing (ketama, via
 * `hashring`). The publisher and every edge node build it from the same
 * shard list, so they agree on every event's shard; adding a shard moves
 * only its share of events.
 */
export class ShardRing {
  private readonly ring: HashRing;
  private readonly byName = new Map<string, ShardSpec>();

  constructor(shards: ShardSpec[]) {
    for (const s of shards) this.byName.set(s.name, s);
    // hashring keys servers by string; names are used as-is (vnodes default).
    this.ring = new HashRing(shards.map((s) => s.name));
  }

  shardFor(eventId: string): ShardSpec {
    return this.byName.get(this.ring.get(eventId))!;
  }
}
