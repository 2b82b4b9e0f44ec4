import { performance, type EventLoopUtilization } from 'node:perf_hooks';
import type { Metrics } from './metrics.js';

/** The live state the scrape-time gauges mirror. */
export interface NodeGaugeSources {
  connections(): { anonymous: number; authenticated: number; lagging: number; draining: number };
  hub(): { channels: number; subscriptions: number };
  shards(): Array<{ name: string; reachable: boolean; stale: boolean }>;
  ready(): boolean;
  drain(): { state: string; remaining: number } | undefined;
  ringNodes(): number;
  betsPending(): number;
}

/** Sets the gauges that mirror live state just before every scrape (nothing runs between scrapes). */
export function observeNodeGauges(metrics: Metrics, sources: NodeGaugeSources): void {
  let elu: EventLoopUtilization = performance.eventLoopUtilization();
  metrics.beforeScrape(() => {
    for (const [state, count] of Object.entries(sources.connections())) metrics.connections.set({ state }, count);
    const hub = sources.hub();
    metrics.subscriptions.set(hub.subscriptions);
    metrics.eventsOpen.set(hub.channels);
    for (const shard of sources.shards()) {
      metrics.shardStale.set({ shard: shard.name }, shard.stale ? 1 : 0);
      metrics.shardReachable.set({ shard: shard.name }, shard.reachable ? 1 : 0);
    }
    metrics.ready.set(sources.ready() ? 1 : 0);
    const drain = sources.drain();
    metrics.draining.set(drain && drain.state !== 'active' ? 1 : 0);
    metrics.drainRemaining.set(drain?.state === 'draining' ? drain.remaining : 0);
    metrics.ringNodes.set(sources.ringNodes());
    metrics.betsPending.set(sources.betsPending());
    const now = performance.eventLoopUtilization();
    metrics.eventLoopUtilization.set(performance.eventLoopUtilization(now, elu).utilization);
    elu = now;
  });
}
