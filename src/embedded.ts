import { DEMO_JURISDICTION, demoTokensAllowed } from './auth/demo-tokens.js';
import type { Config } from './config/schema.js';
import { startCoreSim, type CoreSim } from './core-sim/core-sim.js';
import { InProcessPriceSource } from './core-sim/in-process-price-source.js';
import { MemoryBetStore } from './core-sim/memory-bet-store.js';
import { InProcessOddsStore } from './feed/in-process-store.js';
import { OddsSimulator } from './feed/odds-simulator.js';
import type { Logger } from './observability/logger.js';

/** What the embedded default runs besides the node: the odds, and a core per jurisdiction. */
export interface Embedded {
  store: InProcessOddsStore;
  /** Reference cores by jurisdiction, when none are configured. */
  cores: Map<string, string>;
  /** Starts publishing simulated odds (after the node listens). */
  start(): void;
  stop(): Promise<void>;
}

/**
 * The embedded default (no redisShards): an in-process odds store written by
 * the simulator (or the store a test passes in, then no simulator), and one
 * in-memory reference core per simJurisdictions unless `cores` is set.
 */
export async function startEmbedded(config: Config, log: Logger, given?: InProcessOddsStore): Promise<Embedded> {
  const store = given ?? new InProcessOddsStore(config.streamMaxLen);
  let simulator: OddsSimulator | undefined;
  if (!given) {
    simulator = new OddsSimulator(store, {
      events: config.simEvents,
      marketsPerEvent: config.simMarketsPerEvent,
      ratePerSec: config.simRatePerSec,
      onError: (err) => log.error({ err }, 'simulator publish failed'),
    });
    await simulator.seed();
  }
  const coreSims: CoreSim[] = [];
  if (config.cores.length === 0) {
    // Demo players (POST /v1/demo-token) bet in DEMO_JURISDICTION: it gets a core too.
    const jurisdictions = new Set([...config.simJurisdictions, ...(demoTokensAllowed(config) ? [DEMO_JURISDICTION] : [])]);
    for (const jurisdiction of jurisdictions) {
      coreSims.push(await startCoreSim({ jurisdiction, port: 0, store: new MemoryBetStore(), prices: new InProcessPriceSource(store), faults: { latency: { minMs: 2, maxMs: 8 } }, log }));
    }
  }
  return {
    store,
    cores: new Map(coreSims.map((c) => [c.jurisdiction, c.url])),
    start() {
      if (simulator && config.simRatePerSec > 0) simulator.start();
    },
    async stop() {
      simulator?.stop();
      await Promise.all(coreSims.map((c) => c.stop()));
    },
  };
}
