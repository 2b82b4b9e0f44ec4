import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry, type MetricObjectWithValues, type MetricValue } from 'prom-client';

/** Seconds buckets that resolve the 1-30 ms range the SLOs live in, with a tail for outliers. */
export const LATENCY_BUCKETS = [0.0005, 0.001, 0.002, 0.003, 0.005, 0.0075, 0.01, 0.015, 0.02, 0.025, 0.03, 0.04, 0.05, 0.075, 0.1, 0.25, 0.5, 1, 2.5];
const ENTRIES_PER_READ_BUCKETS = [0, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];

/**
 * The node's Prometheus metrics (prom-client), one registry per node so
 * several nodes in one process (tests) do not mix their counts. Names follow
 * Prometheus conventions: `oddsgate_` prefix, base units (seconds, bytes),
 * `_total` counters. Process metrics (RSS, heap, GC pauses, event-loop
 * delay, open fds) are prom-client's defaults under their standard names.
 *
 * Components take only the metrics they record, as a `Pick<Metrics, ...>`,
 * never the whole object. Label values come from small fixed sets (outcomes,
 * reasons, shard names, jurisdictions): never a player, session or event id.
 * On the fan-out path a metric is recorded once per update, never per client.
 *
 * With workers, the supervisor sums the workers' registries (gauges whose
 * sum means nothing take `max`): one scrape sees the whole node.
 */
export class Metrics {
  readonly registry = new Registry();
  /** Gauges read from live state (connections, shards, readiness) are set by these just before a scrape. */
  private readonly scrapeHooks: Array<() => void> = [];

  // ---------------------------------------------------------------- connections and frames
  /** Open connections by state: anonymous, authenticated, lagging (paused as slow), draining (sent a Drain frame). Set at scrape. */
  readonly connections = this.gauge('oddsgate_connections', 'Open WebSocket connections, by state (anonymous, authenticated, lagging, draining).', ['state']);
  readonly subscriptions = this.gauge('oddsgate_subscriptions', 'Event subscriptions held by connections.', []);
  readonly eventsOpen = this.gauge('oddsgate_events_open', 'Events this node reads from the feed.', []);
  /** Frames clients sent, by kind (subscribe, unsubscribe, ping, auth, place_bet, invalid). */
  readonly framesReceived = this.counter('oddsgate_frames_received_total', 'Frames received from clients, by kind.', ['kind']);
  /** Frames sent to one client, by kind (welcome, snapshot, odds, feed_status, pong, error, bet_result, drain). */
  readonly framesSent = this.counter('oddsgate_frames_sent_total', 'Frames sent to one client, by kind.', ['kind']);
  /** Frames handed to a topic once for all its subscribers, by kind (odds, snapshot, feed_status). */
  readonly framesPublished = this.counter('oddsgate_frames_published_total', 'Frames published to a topic (once for all subscribers), by kind.', ['kind']);
  /** Copies of published frames handed to sockets by the topic fan-out. */
  readonly deliveries = this.counter('oddsgate_deliveries_total', 'Published frames handed to subscribed sockets (one per subscriber).', []);
  /** Publish time (published_at_ms) to the moment the update's frame was handed to uWS. */
  readonly fanoutLatency = this.histogram('oddsgate_fanout_latency_seconds', 'Odds update latency from its publish time to the node handing it to uWS for fan-out.', [], LATENCY_BUCKETS);
  readonly slowConsumers = this.counter('oddsgate_slow_consumer_events_total', 'Slow-consumer handling, by event (paused, caught_up, closed).', ['event']);
  /** Upgrades refused at the handshake, by reason (origin, version, headers, too_many_connections, draining, auth, ...). */
  readonly upgradesRefused = this.counter('oddsgate_upgrades_refused_total', 'WebSocket upgrades refused at the handshake, by reason.', ['reason']);
  /** Token signature checks (upgrades with a token, Auth frames), by result: ok, refused, busy (over maxPendingTokenChecks). */
  readonly tokenChecks = this.counter('oddsgate_token_checks_total', 'Token signature checks, by result.', ['result']);
  readonly protocolErrors = this.counter('oddsgate_protocol_errors_total', 'Error frames sent to clients, by error code.', ['code']);
  readonly closes = this.counter('oddsgate_connections_closed_total', 'Connections closed by the node, by close code.', ['code']);

  // ---------------------------------------------------------------- feed and hub
  /** Now minus the time of the newest entry a read returned (its stream id), per shard. */
  readonly redisReadLag = this.gauge('oddsgate_redis_read_lag_seconds', 'Age of the newest entry the last read of a shard returned.', ['shard'], 'max');
  readonly redisReads = this.counter('oddsgate_redis_reads_total', 'Blocking reads of a shard that returned (entries or timeout).', ['shard']);
  readonly redisReadEntries = this.histogram('oddsgate_redis_read_entries', 'Odds entries one read of a shard returned.', ['shard'], ENTRIES_PER_READ_BUCKETS);
  /** feedReadPath log: entries of a shard's log for events not open on this node, stepped over without decoding (what reading everything costs). */
  readonly redisReadSkipped = this.counter('oddsgate_redis_read_skipped_entries_total', 'Entries a read of a shard\'s log returned for events not open on this node (stepped over undecoded).', ['shard']);
  /** 1 while a shard's feed is stale (no heartbeat within feedStaleMs), set at scrape. */
  readonly shardStale = this.gauge('oddsgate_shard_stale', 'Whether a shard\'s feed is stale (1) or live (0).', ['shard'], 'max');
  readonly shardReachable = this.gauge('oddsgate_shard_reachable', 'Whether the node can reach a shard (1) or not (0).', ['shard'], 'min');
  /** REPLACE snapshots sent because the feed's continuity broke, by shard and cause. */
  readonly resyncs = this.counter('oddsgate_resyncs_total', 'Events resynced from a snapshot (REPLACE to clients), by shard and cause.', ['shard', 'cause']);
  /** Snapshots or entries Redis returned that oddsgate cannot decode. */
  readonly feedFormatErrors = this.counter('oddsgate_feed_format_errors_total', 'Snapshots or stream entries that could not be decoded, by shard and kind.', ['shard', 'kind']);
  /** Resume requests by how they were served: ring, stream, replace, budget (refused replay: REPLACE instead). */
  readonly resumes = this.counter('oddsgate_resumes_total', 'Resume requests by how they were served.', ['served']);

  // ---------------------------------------------------------------- bets
  /** Bet decisions (edge or core) by outcome, reject reason ('' when none) and jurisdiction. */
  readonly betDecisions = this.counter('oddsgate_bet_decisions_total', 'Bet decisions sent to players, by outcome, reject reason and jurisdiction.', ['outcome', 'reason', 'jurisdiction']);
  /** PlaceBet frames refused before they became a bet decision (no audit line): not authenticated, invalid, rate limited. */
  readonly betFramesRefused = this.counter('oddsgate_bet_frames_refused_total', 'PlaceBet frames refused before becoming a bet decision, by reason.', ['reason']);
  /** A bet frame's arrival to its first answer leaving the node. */
  readonly betLatency = this.histogram('oddsgate_bet_latency_seconds', 'Bet latency from the PlaceBet frame\'s arrival to its answer leaving the node.', ['jurisdiction'], LATENCY_BUCKETS);
  /** A core call as the node sees it (network included), answered or failed. */
  readonly coreLatency = this.histogram('oddsgate_core_latency_seconds', 'Core call latency as the edge sees it, by core.', ['core'], LATENCY_BUCKETS);
  /** Bets answered UNKNOWN because the budget ran out before the core answered. */
  readonly budgetViolations = this.counter('oddsgate_bet_budget_violations_total', 'Bets whose budget (betBudgetMs) ran out before the core answered, by jurisdiction.', ['jurisdiction']);
  readonly betsPending = this.gauge('oddsgate_bets_pending', 'Pending bets (in-play delay) this node follows for connected players.', []);
  /** Core answers that broke the contract (bad JSON, wrong field types, oversized body), by core and problem. */
  readonly coreAnswersInvalid = this.counter('oddsgate_core_answers_invalid_total', 'Core answers that broke the HTTP contract, by core and problem.', ['core', 'problem']);
  /** 0 closed, 1 half-open, 2 open. */
  readonly breakerState = this.gauge('oddsgate_breaker_state', 'Circuit breaker state per core: 0 closed, 1 half-open, 2 open.', ['core'], 'max');
  readonly breakerTransitions = this.counter('oddsgate_breaker_transitions_total', 'Circuit breaker transitions per core, by new state.', ['core', 'state']);

  // ---------------------------------------------------------------- node
  /** 1 while /readyz answers 200. Set at scrape. */
  readonly ready = this.gauge('oddsgate_ready', 'Whether the node is ready to serve (1) or not (0): draining, or no shard reachable.', [], 'min');
  /** 1 from the moment a drain starts. */
  readonly draining = this.gauge('oddsgate_draining', 'Whether the node is draining (1) or not (0).', [], 'max');
  readonly drainRemaining = this.gauge('oddsgate_drain_remaining_connections', 'Connections a draining node still holds.', []);
  /** Active nodes on the ring as this node sees it. */
  readonly ringNodes = this.gauge('oddsgate_ring_nodes', 'Active edge nodes on the ring as this node sees it.', [], 'max');
  /** Share of time the event loop was busy since the previous scrape (0-1). */
  readonly eventLoopUtilization = this.gauge('oddsgate_event_loop_utilization', 'Share of time the event loop was busy since the previous scrape.', [], 'max');

  constructor() {
    // RSS, heap, GC pauses, event-loop delay (monitorEventLoopDelay), open fds: standard names.
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 10 });
  }

  /** Runs `hook` before every scrape: it sets the gauges that mirror live state. */
  beforeScrape(hook: () => void): void {
    this.scrapeHooks.push(hook);
  }

  /** The Prometheus text exposition of this node (one process). */
  async text(): Promise<string> {
    for (const hook of this.scrapeHooks) hook();
    return this.registry.metrics();
  }

  /** The same as JSON, for a supervisor to sum over its workers. */
  async json(): Promise<MetricObjectWithValues<MetricValue<string>>[]> {
    for (const hook of this.scrapeHooks) hook();
    return this.registry.getMetricsAsJSON();
  }

  private counter<L extends string>(name: string, help: string, labelNames: readonly L[]): Counter<L> {
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }

  private gauge<L extends string>(name: string, help: string, labelNames: readonly L[], aggregator: 'sum' | 'max' | 'min' = 'sum'): Gauge<L> {
    return new Gauge({ name, help, labelNames, registers: [this.registry], aggregator });
  }

  private histogram<L extends string>(name: string, help: string, labelNames: readonly L[], buckets: number[]): Histogram<L> {
    return new Histogram({ name, help, labelNames, buckets, registers: [this.registry] });
  }
}
