import type { NodeInfo } from '../routing/membership.js';
import { NodeRing } from '../routing/node-ring.js';

export interface FleetView {
  /** Live nodes, by id. */
  nodes: NodeInfo[];
  /** The digest of the ring of the active nodes: what every node should see. */
  ring: string;
  /** Nodes that see another ring (a change not yet seen everywhere, or a split). */
  disagreeing: string[];
  /** There are live nodes and every one sees `ring`. */
  agree: boolean;
}

/** Whether the fleet agrees on the ring: every live node (draining ones too) reports the digest of the active nodes' ring. */
export function fleetView(members: readonly NodeInfo[]): FleetView {
  const nodes = [...members].sort((a, b) => a.id.localeCompare(b.id));
  const ring = new NodeRing(nodes.filter((n) => n.state === 'active')).digest;
  const disagreeing = nodes.filter((n) => n.ring !== ring).map((n) => n.id);
  return { nodes, ring, disagreeing, agree: nodes.length > 0 && disagreeing.length === 0 };
}
