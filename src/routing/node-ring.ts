import HashRing from 'hashring';

/**
 * The ring of active edge nodes: which node owns a session key. Every node
 * builds it from the same member list (ids sorted, the same library), so
 * they all agree; adding or removing one node of N moves about 1/N of the
 * keys and no others (consistent hashing, ketama via `hashring`).
 */
export class NodeRing<N extends { id: string }> {
  private readonly ring: HashRing | undefined;
  private readonly byId = new Map<string, N>();
  /** A short digest of the member ids: equal on two nodes means they see the same ring. */
  readonly digest: string;

  constructor(nodes: readonly N[]) {
    const ids = nodes.map((n) => n.id).sort();
    for (const n of nodes) this.byId.set(n.id, n);
    this.ring = ids.length > 0 ? new HashRing(ids) : undefined;
    this.digest = ringDigest(ids);
  }

  get size(): number {
    return this.byId.size;
  }

  get nodes(): N[] {
    return [...this.byId.values()];
  }

  /** The node owning `key`, or undefined on an empty ring. */
  owner(key: string): N | undefined {
    return this.ring ? this.byId.get(this.ring.get(key)) : undefined;
  }
}

/** FNV-1a over the sorted ids, as 8 hex digits: cheap, stable across processes. */
function ringDigest(sortedIds: readonly string[]): string {
  let hash = 0x811c9dc5;
  for (const ch of sortedIds.join('\n')) {
    hash ^= ch.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}
