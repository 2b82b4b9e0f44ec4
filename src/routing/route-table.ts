import type { Membership, NodeInfo } from './membership.js';
import { NodeRing } from './node-ring.js';

/** A session key: what the client keeps across reconnects (`sid`), in the URL and in route lookups. */
export const SESSION_KEY = /^[A-Za-z0-9_.:-]{8,64}$/;

/**
 * Which node owns a session, from the ring of active members as this node
 * last saw it. Routing is advice: a node serves every client that reaches
 * it, and tells it its owner (Welcome, /v1/route, Drain frames).
 */
export class RouteTable {
  private ring = new NodeRing<NodeInfo>([]);
  private members: readonly NodeInfo[] = [];
  /** Nodes this process takes off its ring before the fleet hears of it (its own node, draining). */
  private readonly excluded = new Set<string>();

  /** Follows the fleet from now on (the table is empty until then). */
  follow(membership: Membership): void {
    this.update(membership.members());
    membership.onChange((members) => this.update(members));
  }

  /** The owner of `key` among the active nodes; undefined when none is active. */
  owner(key: string): NodeInfo | undefined {
    return this.ring.owner(key);
  }

  get digest(): string {
    return this.ring.digest;
  }

  get nodes(): NodeInfo[] {
    return this.ring.nodes;
  }

  /** Takes a node off this ring now (this node starts draining: its successors must not be itself). */
  exclude(id: string): void {
    this.excluded.add(id);
    this.update(this.members);
  }

  private update(members: readonly NodeInfo[]): void {
    this.members = members;
    this.ring = new NodeRing(members.filter((m) => m.state === 'active' && !this.excluded.has(m.id)));
  }
}
