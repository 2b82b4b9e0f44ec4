import { Counter, Gauge, Registry } from 'prom-client';

/**
 * The node's Prometheus metrics (prom-client), one registry per node so
 * several nodes in one process (tests) do not mix their counts. Names follow
 * Prometheus conventions: `oddsgate_` prefix, base units, `_total` counters.
 *
 * Components take only the metrics they record, as a `Pick<Metrics, ...>`,
 * never the whole object. Label values come from small fixed sets (outcomes,
 * reasons, shard names, jurisdictions): never a player, session or event id.
 */
export class Metrics {
  readonly registry = new Registry();

  // ---------------------------------------------------------------- bets
  /** Bet decisions (edge or core) by outcome, reject reason ('' when none) and jurisdiction. */
  readonly betDecisions = this.counter('oddsgate_bet_decisions_total', 'Bet decisions sent to players, by outcome, reject reason and jurisdiction.', ['outcome', 'reason', 'jurisdiction']);
  /** PlaceBet frames refused before they became a bet decision (no audit line): not authenticated, invalid, rate limited. */
  readonly betFramesRefused = this.counter('oddsgate_bet_frames_refused_total', 'PlaceBet frames refused before becoming a bet decision, by reason.', ['reason']);
  /** Core answers that broke the contract (bad JSON, wrong field types, oversized body), by core and problem. */
  readonly coreAnswersInvalid = this.counter('oddsgate_core_answers_invalid_total', 'Core answers that broke the HTTP contract, by core and problem.', ['core', 'problem']);
  /** 0 closed, 1 half-open, 2 open. */
  readonly breakerState = this.gauge('oddsgate_breaker_state', 'Circuit breaker state per core: 0 closed, 1 half-open, 2 open.', ['core']);
  readonly breakerTransitions = this.counter('oddsgate_breaker_transitions_total', 'Circuit breaker transitions per core, by new state.', ['core', 'state']);

  // ---------------------------------------------------------------- feed and hub
  /** REPLACE snapshots sent because the feed's continuity broke, by shard and cause. */
  readonly resyncs = this.counter('oddsgate_resyncs_total', 'Events resynced from a snapshot (REPLACE to clients), by shard and cause.', ['shard', 'cause']);
  /** Snapshots or entries Redis returned that oddsgate cannot decode. */
  readonly feedFormatErrors = this.counter('oddsgate_feed_format_errors_total', 'Snapshots or stream entries that could not be decoded, by shard and kind.', ['shard', 'kind']);
  /** Resume requests by how they were served: ring, stream, replace, budget (refused replay: REPLACE instead). */
  readonly resumes = this.counter('oddsgate_resumes_total', 'Resume requests by how they were served.', ['served']);

  // ---------------------------------------------------------------- edge
  /** Upgrades refused at the handshake, by reason (origin, version, headers, per_source, timeout, auth, draining). */
  readonly upgradesRefused = this.counter('oddsgate_upgrades_refused_total', 'WebSocket upgrades refused at the handshake, by reason.', ['reason']);
  /** Token signature checks (upgrades with a token, Auth frames), by result: ok, refused, busy (over maxPendingTokenChecks). */
  readonly tokenChecks = this.counter('oddsgate_token_checks_total', 'Token signature checks, by result.', ['result']);
  readonly protocolErrors = this.counter('oddsgate_protocol_errors_total', 'Error frames sent to clients, by error code.', ['code']);
  readonly closes = this.counter('oddsgate_connections_closed_total', 'Connections closed by the node, by close code.', ['code']);

  private counter<L extends string>(name: string, help: string, labelNames: readonly L[]): Counter<L> {
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }

  private gauge<L extends string>(name: string, help: string, labelNames: readonly L[]): Gauge<L> {
    return new Gauge({ name, help, labelNames, registers: [this.registry] });
  }
}
