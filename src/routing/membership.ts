/** A node's state in the fleet: only active nodes are on the ring. */
export type NodeState = 'active' | 'draining';

/** What does not change while a node runs. */
export interface NodeIdentity {
  id: string;
  /** Where clients connect: the node's WebSocket URL (ws:// or wss://, path included). */
  url: string;
  /** The node's admin API, for `oddsgate status` and `oddsgate drain` ('' when it has none). */
  adminUrl: string;
  /** Unix ms the node process started. */
  startedAt: number;
}

/** What a node reports on every heartbeat. */
export interface NodeVitals {
  /** Open WebSocket connections (all workers). */
  connections: number;
  /** Digest of the ring this node sees (NodeRing.digest): equal everywhere means the nodes agree. */
  ring: string;
}

/** What a node announces about itself. */
export interface NodeInfo extends NodeIdentity, NodeVitals {
  state: NodeState;
}

/**
 * The fleet as one node sees it. Contract of every implementation:
 *  - members() holds the live nodes (heartbeat within the timeout), this
 *    node included once joined, in no particular order;
 *  - a change (join, leave, state change, a node that stopped
 *    heartbeating) reaches onChange listeners within about a heartbeat on
 *    every node, not minutes later;
 *  - setState('draining') takes this node off everyone's ring at once.
 */
export interface Membership {
  start(): Promise<void>;
  members(): readonly NodeInfo[];
  onChange(listener: (members: readonly NodeInfo[]) => void): void;
  setState(state: NodeState): Promise<void>;
  /** Leaves the fleet (a member) or stops following it (an observer). */
  stop(): Promise<void>;
}

/**
 * One node alone (the embedded default, or no membership Redis): it is the
 * whole fleet.
 */
export class LocalMembership implements Membership {
  private readonly listeners: Array<(members: readonly NodeInfo[]) => void> = [];
  private state: NodeState = 'active';

  constructor(
    private readonly identity: NodeIdentity,
    private readonly vitals: () => NodeVitals,
  ) {}

  async start(): Promise<void> {
    this.emit();
  }

  members(): readonly NodeInfo[] {
    return [{ ...this.identity, ...this.vitals(), state: this.state }];
  }

  onChange(listener: (members: readonly NodeInfo[]) => void): void {
    this.listeners.push(listener);
  }

  async setState(state: NodeState): Promise<void> {
    this.state = state;
    this.emit();
  }

  async stop(): Promise<void> {
    // Nothing to leave: there is no one else.
  }

  private emit(): void {
    const members = this.members();
    for (const listener of this.listeners) listener(members);
  }
}
