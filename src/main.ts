import { randomBytes } from 'node:crypto';
import { DEMO_JURISDICTION, DemoTokens, demoTokensAllowed } from './auth/demo-tokens.js';
import { TokenVerifier } from './auth/token-verifier.js';
import { AuditLog } from './bets/audit-log.js';
import { BetService, type BetClock } from './bets/bet-service.js';
import { CircuitBreaker, type BreakerState } from './bets/circuit-breaker.js';
import { CoreClient } from './bets/core-client.js';
import { CoreRoute } from './bets/core-route.js';
import type { Config } from './config/schema.js';
import { feedShards, parseCores } from './config/load.js';
import { EdgeServer } from './edge/edge-server.js';
import { UwsFanout } from './edge/uws-fanout.js';
import { startEmbedded } from './embedded.js';
import { assertNativeUws } from './edge/uws-native.js';
import { InProcessFeed } from './feed/in-process-feed.js';
import { InProcessOddsStore } from './feed/in-process-store.js';
import type { OddsFeed } from './feed/odds-feed.js';
import { RedisStreamFeed } from './feed/redis-stream-feed.js';
import type { EventCatalogue } from './feed/event-catalogue.js';
import { InProcessEventCatalogue } from './feed/in-process-catalogue.js';
import { RedisEventCatalogue } from './feed/redis-catalogue.js';
import { FeedKeys } from './feed/redis-keys.js';
import { Hub } from './hub/hub.js';
import type { Logger } from './observability/logger.js';
import { Metrics } from './observability/metrics.js';
import { observeNodeGauges } from './observability/node-gauges.js';
import { createMembership, publicUrl, type MembershipRole } from './routing/create-membership.js';
import type { DrainProgress } from './routing/drain.js';
import type { Membership } from './routing/membership.js';
import { RouteTable } from './routing/route-table.js';

export interface OddsNode {
  port: number;
  hub: Hub;
  edge: EdgeServer;
  feed: OddsFeed;
  metrics: Metrics;
  membership: Membership;
  routes: RouteTable;
  /** Embedded mode only: the in-process store the simulator writes. */
  store: InProcessOddsStore | undefined;
  /** The core URL of each jurisdiction bets go to (the in-process reference cores in embedded mode). */
  cores: ReadonlyMap<string, string>;
  /**
   * Leaves the ring at once, refuses new connections and moves every client
   * to its successor (Drain frames in waves); resolves with the summary when
   * no connection is left. The caller then stops the node.
   */
  drain(): Promise<DrainProgress>;
  /** Leaves the fleet and closes everything (connections with 1001). */
  stop(): Promise<void>;
}

export interface NodeExtras {
  /** Embedded mode: use this store (tests publish into it) instead of a simulated one. */
  store?: InProcessOddsStore;
  /** The bet service's clocks (tests move the wall clock past a token's expiry). */
  betClock?: BetClock;
  /** 'member' (default): this process is the node in the fleet; 'observer': a worker of a supervisor, which is. */
  role?: MembershipRole;
  /** The admin API's URL, announced in the membership ('' : none). */
  adminUrl?: string;
}

/**
 * The composition root: the only place that knows the concrete classes.
 * With redisShards set the node reads Redis; without, it runs the embedded
 * in-process feed with the odds simulator.
 */
export async function startNode(config: Config, log: Logger, extras: NodeExtras = {}): Promise<OddsNode> {
  assertNativeUws();
  const metrics = new Metrics();
  const shards = feedShards(config);
  const embedded = shards.length === 0 ? await startEmbedded(config, log, extras.store) : undefined;
  const feed: OddsFeed = embedded
    ? new InProcessFeed(embedded.store, { log, metrics })
    : new RedisStreamFeed({
        shards,
        keyPrefix: config.keyPrefix,
        readPath: config.feedReadPath,
        xreadBlockMs: config.xreadBlockMs,
        xreadCount: config.xreadCount,
        feedStaleMs: config.feedStaleMs,
        commandTimeoutMs: config.redisCommandTimeoutMs,
        maxRangeReadsPerShard: config.maxRangeReadsPerShard,
        log,
        metrics,
      });
  const catalogue: EventCatalogue = embedded
    ? new InProcessEventCatalogue(embedded.store)
    : new RedisEventCatalogue({ shards, keys: new FeedKeys(config.keyPrefix), commandTimeoutMs: config.redisCommandTimeoutMs, cacheMs: 1_000, log });
  const fanout = new UwsFanout(metrics, config.fanoutMetrics);
  const hub = new Hub(feed, fanout, config, metrics, log);
  // Embedded mode without real keys: the node mints demo tokens (POST /v1/demo-token) with a secret of its own.
  const demoTokens = demoTokensAllowed(config) ? new DemoTokens(config) : undefined;
  const auth = await TokenVerifier.create({
    hs256Secret: demoTokens?.secret ?? config.authHs256Secret,
    publicKeyFile: config.authPublicKeyFile,
    publicKeyAlg: config.authPublicKeyAlg,
    jwksFile: config.authJwksFile,
    issuer: config.authIssuer,
    audience: config.authAudience,
    clockToleranceSec: config.authClockToleranceSec,
    jurisdictionClaim: config.authJurisdictionClaim,
  });
  if (demoTokens) log.info({ jurisdiction: DEMO_JURISDICTION }, 'embedded mode: demo tokens for demo players at POST /v1/demo-token (never with redisShards, cores or a real token key)');
  else if (!auth.enabled) log.warn('no token key configured (authHs256Secret, authPublicKeyFile, authJwksFile): nobody can bet');
  const cores = config.cores.length > 0 ? parseCores(config.cores) : (embedded?.cores ?? new Map<string, string>());
  const bets = new BetService(config, coreRoutes(cores, config, log, metrics), (eventId) => hub.channel(eventId), auditLog(config, log), log, metrics, extras.betClock);
  const routes = new RouteTable();
  const edge = new EdgeServer(fanout.app, config, { hub, shards: () => feed.shards(), bets, routes, auth, log, metrics, listEvents: () => catalogue.list(), demoTokens });
  await feed.start();
  const port = await edge.listen();
  const role = extras.role ?? 'member';
  const identity = { id: config.nodeId, url: publicUrl(config, port), adminUrl: extras.adminUrl ?? '', startedAt: Date.now() };
  const membership = createMembership(config, role, identity, () => ({ connections: edge.connections, ring: routes.digest }), log);
  routes.follow(membership);
  await membership.start();
  observeNodeGauges(metrics, {
    connections: () => edge.connectionStates(),
    hub: () => hub.stats(),
    shards: () => feed.shards(),
    ready: () => edge.ready(),
    drain: () => edge.drainProgress(),
    ringNodes: () => routes.nodes.length,
    betsPending: () => bets.pendingBets(),
  });
  embedded?.start();
  log.info({ port, feed: embedded ? 'in-process' : `redis x${shards.length}`, readPath: embedded ? undefined : config.feedReadPath }, 'oddsgate edge node listening');

  return {
    port,
    hub,
    edge,
    feed,
    metrics,
    membership,
    routes,
    store: embedded?.store,
    cores,
    async drain() {
      // Off this process's ring first (successors must not be itself), then off everyone's.
      routes.exclude(config.nodeId);
      if (role === 'member') await membership.setState('draining');
      return edge.drain();
    },
    async stop() {
      edge.close();
      await Promise.all([membership.stop(), feed.stop(), bets.close(), embedded?.stop(), catalogue.stop()]);
    },
  };
}

const BREAKER_GAUGE: Record<BreakerState, number> = { closed: 0, 'half-open': 1, open: 2 };

function coreRoutes(cores: Map<string, string>, config: Config, log: Logger, metrics: Metrics): Map<string, CoreRoute> {
  const routes = new Map<string, CoreRoute>();
  for (const [jurisdiction, url] of cores) {
    const breaker = new CircuitBreaker(
      {
        windowMs: config.breakerWindowMs,
        minimumCalls: config.breakerMinimumCalls,
        failureRatePct: config.breakerFailureRatePct,
        slowCallMs: config.breakerSlowCallMs,
        slowCallRatePct: config.breakerSlowCallRatePct,
        openMs: config.breakerOpenMs,
        halfOpenProbes: config.breakerHalfOpenProbes,
      },
      (state) => {
        metrics.breakerState.set({ core: jurisdiction }, BREAKER_GAUGE[state]);
        metrics.breakerTransitions.inc({ core: jurisdiction, state });
        log.warn({ core: jurisdiction, state }, 'core circuit breaker changed state');
      },
    );
    metrics.breakerState.set({ core: jurisdiction }, BREAKER_GAUGE.closed);
    const client = new CoreClient({ jurisdiction, url, connections: config.coreConnections, maxAnswerBytes: config.coreAnswerMaxBytes });
    routes.set(jurisdiction, new CoreRoute(client, breaker, { metrics, log, abandonAfterMs: config.coreAbandonAfterMs }));
  }
  return routes;
}

function auditLog(config: Config, log: Logger): AuditLog {
  if (config.auditHashKey) return new AuditLog(log, config.auditHashKey);
  log.warn('auditHashKey is not set: audit player hashes use a random key and differ between nodes and restarts');
  return new AuditLog(log, randomBytes(32).toString('hex'));
}
