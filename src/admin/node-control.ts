import { OddsgateError } from '../errors.js';
import type { DrainProgress } from '../routing/drain.js';
import type { NodeInfo } from '../routing/membership.js';

/** What the admin API shows of a node. */
export interface NodeStatus {
  nodeId: string;
  state: 'active' | 'draining' | 'drained';
  connections: number;
  workers: number;
  /** Drain progress summed over the node's workers (state 'active' with zeros before a drain). */
  drain: DrainProgress;
  /** The ring as this node sees it. */
  ring: { digest: string; nodes: Array<Pick<NodeInfo, 'id' | 'url' | 'state' | 'connections' | 'ring'>> };
}

/**
 * The node as the admin API drives it: one process, or a supervisor of
 * worker processes (which fans drain out and sums status and metrics up
 * over IPC).
 */
export interface NodeControl {
  status(): Promise<NodeStatus>;
  /** Starts draining (idempotent); resolves once the drain started, not when it ends. */
  drain(reason: string): Promise<void>;
  /** The node's metrics in the Prometheus text format (all workers summed). */
  metrics(): Promise<string>;
}

/** The admin API answered before the node finished starting: 503, retry shortly. */
export class NodeStartingError extends OddsgateError {
  constructor() {
    super('OG_NODE_STARTING', 'the node is still starting; retry shortly');
  }
}
