import type { NodeStatus } from '../admin/node-control.js';
import type { Config } from '../config/schema.js';
import type { OddsNode } from '../main.js';
import type { Logger } from '../observability/logger.js';
import { IDLE_PROGRESS, type DrainSummary } from './drain-summary.js';

/** After window + grace, the drain gets this long for the last closes before it is cut short. */
export const HARD_DEADLINE_MARGIN_MS = 5_000;

/**
 * One node process's drain: started once (SIGTERM, the admin API, the
 * supervisor), cut short by a second signal or the hard deadline, ending in
 * one summary line. The caller stops the node and exits afterwards.
 */
export class NodeLifecycle {
  private drained: Promise<DrainSummary> | undefined;
  private cut = false;

  constructor(
    private readonly node: OddsNode,
    private readonly config: Config,
    private readonly log: Logger,
    private readonly workers = 1,
  ) {}

  /** Starts the drain (once; later calls return the same summary). */
  start(reason: string): Promise<DrainSummary> {
    if (this.drained) return this.drained;
    this.log.warn({ reason, connections: this.node.edge.connections, windowMs: this.config.drainWindowMs, graceMs: this.config.drainGraceMs }, 'draining: leaving the ring, moving clients to their successors');
    const hardDeadline = setTimeout(() => this.cutShort('hard deadline'), this.config.drainStartDelayMs + this.config.drainWindowMs + this.config.drainGraceMs + HARD_DEADLINE_MARGIN_MS);
    hardDeadline.unref();
    this.drained = (async () => {
      const startedAt = Date.now();
      const betsBefore = await this.betDecisions();
      const progress = await this.node.drain();
      clearTimeout(hardDeadline);
      const summary: DrainSummary = {
        clients: progress.clients,
        moved: progress.moved,
        closedAtDeadline: progress.closedAtDeadline,
        betsCompleted: (await this.betDecisions()) - betsBefore,
        durationMs: Date.now() - startedAt,
        cutShort: this.cut,
      };
      this.log.info(summary, 'drain finished');
      return summary;
    })();
    return this.drained;
  }

  /** Ends the drain at once: every connection left is closed with 4004. */
  cutShort(reason: string): void {
    if (!this.drained || this.cut) return;
    this.cut = true;
    this.log.warn({ reason }, 'drain cut short: closing every remaining connection');
    this.node.edge.cutDrainShort();
  }

  async status(): Promise<NodeStatus> {
    const drain = this.node.edge.drainProgress() ?? IDLE_PROGRESS;
    return {
      nodeId: this.config.nodeId,
      state: drain.state,
      connections: this.node.edge.connections,
      workers: this.workers,
      drain,
      ring: { digest: this.node.routes.digest, nodes: this.node.routes.nodes.map(({ id, url, state, connections, ring }) => ({ id, url, state, connections, ring })) },
    };
  }

  metrics(): Promise<string> {
    return this.node.metrics.text();
  }

  private async betDecisions(): Promise<number> {
    const { values } = await this.node.metrics.betDecisions.get();
    return values.reduce((sum, v) => sum + v.value, 0);
  }
}
