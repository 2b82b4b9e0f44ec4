#!/usr/bin/env node
// Writes deploy/grafana/oddsgate.json, the oddsgate Grafana dashboard (Grafana 10/11).
//
//   node deploy/grafana/build-dashboard.mjs          # rewrite oddsgate.json
//   node deploy/grafana/build-dashboard.mjs --check  # exit 1 when oddsgate.json differs
//
// Edit the dashboard here, not in oddsgate.json: CI checks that the JSON is what
// this script writes, and that every metric its queries name exists in a real
// node's /metrics (test/integration/observability-files.test.ts). Thresholds
// match the alerts in deploy/prometheus/oddsgate.rules.yml.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const OUT = join(dirname(fileURLToPath(import.meta.url)), 'oddsgate.json');

const DS = { type: 'prometheus', uid: '${datasource}' };
/** Every selector: the job and the nodes picked at the top of the dashboard. */
const SEL = 'job=~"$job", node=~"$node"';
/** Fleet panels ignore the node picker. */
const FLEET = 'job=~"$job"';
const RI = '$__rate_interval';

const BUDGET_S = 0.03; // betBudgetMs, and the fan-out target
const FANOUT_CRITICAL_S = 0.25;
const LOOP_DELAY_S = 0.04; // 30 ms of real delay on top of the 10 ms sampling interval
const LAG_S = 0.1;

// ------------------------------------------------------------------ panel builders

const steps = (...pairs) => ({ mode: 'absolute', steps: pairs.map(([value, color]) => ({ color, value })) });
const GREEN = steps([null, 'green']);

function target(expr, legendFormat, refId = 'A', extra = {}) {
  return { datasource: DS, editorMode: 'code', expr, legendFormat, range: true, refId, ...extra };
}

function timeseries(title, description, unit, targets, opts = {}) {
  const custom = {
    drawStyle: 'line',
    lineWidth: 1,
    fillOpacity: opts.stack ? 30 : 8,
    gradientMode: 'none',
    showPoints: 'never',
    spanNulls: false,
    axisSoftMin: 0,
    stacking: { mode: opts.stack ? 'normal' : 'none', group: 'A' },
    thresholdsStyle: { mode: opts.thresholds ? 'line+area' : 'off' },
  };
  return {
    type: 'timeseries',
    title,
    description,
    datasource: DS,
    w: opts.w ?? 12,
    h: opts.h ?? 8,
    fieldConfig: {
      defaults: {
        unit,
        min: 0,
        ...(opts.max !== undefined ? { max: opts.max } : {}),
        decimals: opts.decimals,
        color: { mode: 'palette-classic' },
        custom,
        thresholds: opts.thresholds ?? GREEN,
      },
      overrides: opts.overrides ?? [],
    },
    options: {
      legend: { showLegend: true, displayMode: 'table', placement: 'right', calcs: ['lastNotNull', 'max'] },
      tooltip: { mode: 'multi', sort: 'desc' },
    },
    targets,
  };
}

function stat(title, description, unit, expr, thresholds, opts = {}) {
  return {
    type: 'stat',
    title,
    description,
    datasource: DS,
    w: opts.w ?? 4,
    h: opts.h ?? 4,
    fieldConfig: { defaults: { unit, decimals: opts.decimals, color: { mode: 'thresholds' }, thresholds, mappings: opts.mappings ?? [] }, overrides: [] },
    options: {
      reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false },
      colorMode: 'background',
      graphMode: opts.graph === false ? 'none' : 'area',
      justifyMode: 'auto',
      orientation: 'auto',
      textMode: 'value',
      wideLayout: true,
      showPercentChange: false,
    },
    targets: [target(expr, title, 'A', { instant: false })],
  };
}

/** A state timeline: one lane per series, colored by value mappings. */
function states(title, description, targets, mappings, opts = {}) {
  return {
    type: 'state-timeline',
    title,
    description,
    datasource: DS,
    w: opts.w ?? 12,
    h: opts.h ?? 8,
    fieldConfig: {
      defaults: {
        unit: 'none',
        color: { mode: 'thresholds' },
        thresholds: opts.thresholds ?? GREEN,
        mappings: [{ type: 'value', options: mappings }],
        custom: { fillOpacity: 80, lineWidth: 0 },
      },
      overrides: [],
    },
    options: {
      mergeValues: true,
      showValue: 'never',
      alignValue: 'left',
      rowHeight: 0.85,
      legend: { showLegend: false, displayMode: 'list', placement: 'bottom' },
      tooltip: { mode: 'single', sort: 'none' },
    },
    targets,
  };
}

function row(title) {
  return { type: 'row', title, collapsed: false, panels: [], w: 24, h: 1 };
}

const quantile = (q, metric, by, sel = SEL) => `histogram_quantile(${q}, sum by (${[...by, 'le'].join(', ')}) (rate(${metric}_bucket{${sel}}[${RI}])))`;
const rate = (metric, by, sel = SEL) => `sum by (${by.join(', ')}) (rate(${metric}{${sel}}[${RI}]))`;
const mapping = (entries) => Object.fromEntries(entries.map(([value, text, color], index) => [String(value), { text, color, index }]));

// ------------------------------------------------------------------ the dashboard

const sections = [
  row('Fleet at a glance'),
  stat('Nodes down', 'Targets Prometheus cannot scrape (up == 0). Bad: anything above 0 for more than a restart (OddsgateNodeDown).', 'none', `count(up{${FLEET}} == 0) or vector(0)`, steps([null, 'green'], [1, 'red']), { graph: false }),
  stat('Nodes ready', 'Nodes answering /readyz with 200 (in the balancer). Bad: fewer than the fleet outside a rolling deploy (OddsgateNodeNotReady).', 'none', `sum(oddsgate_ready{${FLEET}})`, steps([null, 'red'], [1, 'green']), { graph: false }),
  stat('Connections', 'Open player WebSockets on the whole fleet. Bad: a sudden drop (nodes lost, clients refused) or a climb past what the nodes are sized for.', 'short', `sum(oddsgate_connections{${FLEET}})`, GREEN),
  stat('Deliveries / s', 'Odds frames handed to player sockets per second, fleet-wide. Bad: falling to 0 while players are connected and the match is on (the feed stopped).', 'cps', `sum(rate(oddsgate_deliveries_total{${FLEET}}[${RI}]))`, GREEN),
  stat('Fan-out p99 (fleet)', 'Publish time to the frame handed to uWS, p99 over the fleet. Bad: above 30 ms (OddsgateFanoutLatencyHigh), red above 250 ms: players see old prices.', 's', quantile(0.99, 'oddsgate_fanout_latency_seconds', [], FLEET), steps([null, 'green'], [BUDGET_S, 'orange'], [FANOUT_CRITICAL_S, 'red'])),
  stat('Bet p99 (fleet)', 'PlaceBet arrival to the answer leaving the node, p99 over the fleet, against the 30 ms budget. Bad: at or above 30 ms (OddsgateBetLatencyOverBudget).', 's', quantile(0.99, 'oddsgate_bet_latency_seconds', [], FLEET), steps([null, 'green'], [BUDGET_S, 'red'])),
  stat('Budget violations / s', 'Bets answered "unknown, retry with the same key" because the core did not answer within the budget. Bad: anything steady above 0 (OddsgateBetBudgetViolations).', 'cps', `sum(rate(oddsgate_bet_budget_violations_total{${FLEET}}[${RI}])) or vector(0)`, steps([null, 'green'], [0.01, 'orange'], [1, 'red'])),
  stat('Breakers not closed', 'Node × core pairs whose circuit breaker is open or half-open: players of that jurisdiction cannot bet there. Bad: anything above 0 (OddsgateBreakerOpen).', 'none', `count(oddsgate_breaker_state{${FLEET}} >= 1) or vector(0)`, steps([null, 'green'], [1, 'red']), { graph: false }),
  stat('Stale shards', 'Redis shards some node sees stale (no heartbeat within feedStaleMs): their events\' markets are suspended. Bad: anything above 0 (OddsgateShardStale).', 'none', `count(max by (shard) (oddsgate_shard_stale{${FLEET}}) == 1) or vector(0)`, steps([null, 'green'], [1, 'red']), { graph: false }),
  stat('Nodes draining', 'Nodes moving their players to others (drain or rolling deploy). Bad: one that stays above 0 for more than a minute (OddsgateDrainTooLong).', 'none', `sum(oddsgate_draining{${FLEET}}) or vector(0)`, steps([null, 'green'], [1, 'orange']), { graph: false }),
  stat('Worst event-loop delay p99', 'The highest event-loop delay p99 of any node (idle reads ~10 ms: the sampling interval). Bad: above 40 ms (OddsgateEventLoopDelayHigh): frames and bets queue.', 's', `max(nodejs_eventloop_lag_p99_seconds{${FLEET}})`, steps([null, 'green'], [LOOP_DELAY_S, 'red'])),
  stat('Slow-consumer closes / s', 'Connections closed 4001 (still behind after slowClientTimeoutMs), fleet-wide. Bad: a climb above a few per second (OddsgateSlowConsumerClosesSpiking, 1/s per node).', 'cps', `sum(rate(oddsgate_slow_consumer_events_total{${FLEET}, event="closed"}[${RI}])) or vector(0)`, steps([null, 'green'], [1, 'orange'])),

  row('Latency and budgets'),
  timeseries('Fan-out latency p50 / p99 per node', 'Odds update publish time to the frame handed to uWS, p50 and p99 per node; the red area is above the 30 ms target. Bad: p99 in the red for minutes (OddsgateFanoutLatencyHigh), above 250 ms (OddsgateFanoutLatencyCritical). A constant offset on one node is clock skew with the publisher.', 's', [target(quantile(0.99, 'oddsgate_fanout_latency_seconds', ['node']), '{{node}} p99', 'A'), target(quantile(0.5, 'oddsgate_fanout_latency_seconds', ['node']), '{{node}} p50', 'B')], { thresholds: steps([null, 'transparent'], [BUDGET_S, 'red']) }),
  timeseries('Bet latency p99 per node vs the 30 ms budget', 'PlaceBet arrival to its answer leaving the node, p99 per node and jurisdiction; the red area is past the budget (bets there were answered late or UNKNOWN). Bad: p99 in the red (OddsgateBetLatencyOverBudget).', 's', [target(quantile(0.99, 'oddsgate_bet_latency_seconds', ['node', 'jurisdiction']), '{{node}} {{jurisdiction}}')], { thresholds: steps([null, 'transparent'], [BUDGET_S, 'red']) }),
  timeseries('Budget violations / s by jurisdiction', 'Bets answered UNKNOWN because the core had not answered within the budget. Bad: a steady rate above 1% of bets (OddsgateBetBudgetViolations): that jurisdiction\'s core is slow.', 'cps', [target(rate('oddsgate_bet_budget_violations_total', ['jurisdiction']), '{{jurisdiction}}')]),
  states('Circuit breaker per core', 'Breaker of each jurisdiction\'s core on each node: closed, half-open (probing), open (bets refused CORE_UNAVAILABLE at once). Bad: any lane out of green for a minute (OddsgateBreakerOpen); all nodes at once: the core; one node: its network path.', [target(`max by (node, core) (oddsgate_breaker_state{${SEL}})`, '{{node}} {{core}}')], mapping([[0, 'closed', 'green'], [1, 'half-open', 'orange'], [2, 'open', 'red']])),

  row('Connections and traffic'),
  timeseries('Connections by state', 'Open WebSockets on the selected nodes by state: anonymous, authenticated, lagging (paused as slow consumers), draining (sent a Drain frame). Bad: lagging growing (network or bandwidth), or draining that does not fall to 0 during a drain.', 'short', [target(`sum by (state) (oddsgate_connections{${SEL}})`, '{{state}}')], { stack: true }),
  timeseries('Connections per node', 'Open WebSockets per node. Bad: one node far above the others (routing skew, a balancer without ?sid= hashing) or near the per-worker open-files limit.', 'short', [target(`sum by (node) (oddsgate_connections{${SEL}})`, '{{node}}')]),
  timeseries('Deliveries / s per node', 'Published odds frames handed to sockets per second (one per subscriber). Bad: a node at 0 while it has subscribers and odds move (its feed stopped), or far above the others.', 'cps', [target(rate('oddsgate_deliveries_total', ['node']), '{{node}}')]),
  timeseries('Subscriptions and events per node', 'Event subscriptions held by connections, and events the node reads from the feed. Bad: subscriptions climbing while connections do not (a client resubscribing in a loop).', 'short', [target(`sum by (node) (oddsgate_subscriptions{${SEL}})`, '{{node}} subscriptions', 'A'), target(`sum by (node) (oddsgate_events_open{${SEL}})`, '{{node}} events', 'B')]),
  timeseries('Frames received / s by kind', 'Client frames by kind (subscribe, ping, auth, place_bet, invalid). Bad: invalid climbing (a broken or hostile client), subscribe storms after a deploy.', 'cps', [target(rate('oddsgate_frames_received_total', ['kind']), '{{kind}}')], { stack: true }),
  timeseries('Frames sent / s by kind', 'Frames sent to single clients (welcome, snapshot, odds, error, bet_result, drain...). Bad: snapshots or errors climbing while odds do not (resync loops, refused clients).', 'cps', [target(rate('oddsgate_frames_sent_total', ['kind']), '{{kind}}'), target(rate('oddsgate_frames_published_total', ['kind']), 'published {{kind}}', 'B')], { stack: false }),
  timeseries('Upgrades refused / s by reason', 'WebSocket handshakes the node refused: draining (503), per-source limits (429), tokens (401), headers, origin. Bad: auth or limits refusals rising (a client fleet misconfigured, or an attack); draining outside a drain.', 'cps', [target(rate('oddsgate_upgrades_refused_total', ['reason']), '{{reason}}')], { stack: true }),
  timeseries('Token checks / s by result', 'Token signature checks (upgrades with a token, Auth frames): ok, refused, busy (over maxPendingTokenChecks). Bad: refused or busy rising.', 'cps', [target(rate('oddsgate_token_checks_total', ['result']), '{{result}}')], { stack: true }),

  row('Odds feed (Redis shards)'),
  timeseries('Redis read lag per shard', 'Age of the newest entry each shard read returned (0 when a read found nothing new). Bad: above 100 ms for minutes (OddsgateRedisReadLagHigh): the node or the shard cannot keep up.', 's', [target(`max by (node, shard) (oddsgate_redis_read_lag_seconds{${SEL}})`, '{{node}} {{shard}}')], { thresholds: steps([null, 'transparent'], [LAG_S, 'red']) }),
  states('Shard feed state', 'Per node and shard: live, stale (no heartbeat within feedStaleMs: its events are suspended) or unreachable. Bad: any red lane (OddsgateShardStale).', [target(`max by (node, shard) (oddsgate_shard_stale{${SEL}}) + 2 * max by (node, shard) (1 - oddsgate_shard_reachable{${SEL}})`, '{{node}} {{shard}}')], mapping([[0, 'live', 'green'], [1, 'stale', 'orange'], [2, 'unreachable', 'red'], [3, 'stale, unreachable', 'red']])),
  timeseries('Redis reads / s per shard', 'Blocking reads of each shard that returned (with entries, or at the end of the block). Bad: 0 for a shard while the node has its events open (its reader is stuck; the shard goes stale).', 'cps', [target(rate('oddsgate_redis_reads_total', ['node', 'shard']), '{{node}} {{shard}}')]),
  timeseries('Odds entries per read p99 per shard', 'Entries one read of a shard returned, p99. Bad: climbing toward xreadCount: the node reads behind the publisher (read lag follows).', 'short', [target(quantile(0.99, 'oddsgate_redis_read_entries', ['node', 'shard']), '{{node}} {{shard}}')]),
  timeseries('Resyncs / s by cause', 'Events resynced from a snapshot (clients get a REPLACE): gap, trimmed, epoch, rewritten history... Bad: a steady rate (a shard restarting, trimming too short, a publisher rewriting history).', 'cps', [target(rate('oddsgate_resyncs_total', ['shard', 'cause']), '{{shard}} {{cause}}')], { stack: true }),
  timeseries('Resumes / s by how served', 'Client resumes served from the ring (memory), the stream (Redis), replaced by a snapshot, or refused by the replay budget. Bad: replace or budget dominating after a reconnect wave (clients away longer than retention, or budgets too low).', 'cps', [target(rate('oddsgate_resumes_total', ['served']), '{{served}}')], { stack: true }),
  timeseries('Feed format errors / s', 'Stream entries or snapshots that are not oddsgate data, per shard and kind. Bad: anything above 0 (OddsgateFeedFormatErrors): something else writes to the shard.', 'cps', [target(rate('oddsgate_feed_format_errors_total', ['shard', 'kind']), '{{shard}} {{kind}}')], { w: 24, h: 6 }),

  row('Bets and cores'),
  timeseries('Core latency p99 per core', 'Core calls as the edge sees them (network included), p99 per jurisdiction\'s core. Bad: approaching the budget: the core leaves the edge no time, budget violations follow.', 's', [target(quantile(0.99, 'oddsgate_core_latency_seconds', ['core']), '{{core}} p99', 'A'), target(quantile(0.5, 'oddsgate_core_latency_seconds', ['core']), '{{core}} p50', 'B')], { thresholds: steps([null, 'transparent'], [BUDGET_S, 'red']) }),
  timeseries('Bet decisions / s by outcome', 'Answers to bets by outcome (accepted, rejected, pending, unknown) and jurisdiction. Bad: rejected or unknown rising relative to accepted; a jurisdiction falling to 0 while others bet.', 'cps', [target(rate('oddsgate_bet_decisions_total', ['outcome', 'jurisdiction']), '{{jurisdiction}} {{outcome}}')], { stack: true }),
  timeseries('Bet frames refused and core answers invalid / s', 'PlaceBet frames refused before becoming bets (not authenticated, invalid, rate limited), and core answers that broke the contract. Bad: invalid core answers at all (a core deploy broke the contract); refusals climbing (a client bug).', 'cps', [target(rate('oddsgate_bet_frames_refused_total', ['reason']), 'refused {{reason}}', 'A'), target(rate('oddsgate_core_answers_invalid_total', ['core', 'problem']), 'core {{core}} {{problem}}', 'B')]),
  timeseries('Pending bets and breaker transitions', 'Pending bets (in-play delay) the node follows, and breaker transitions per minute. Bad: pending piling up (the core never decides), transitions flapping.', 'short', [target(`sum by (node) (oddsgate_bets_pending{${SEL}})`, '{{node}} pending', 'A'), target(`sum by (core, state) (increase(oddsgate_breaker_transitions_total{${SEL}}[1m]))`, '{{core}} to {{state}} / min', 'B')]),

  row('Clients'),
  timeseries('Slow-consumer events / s', 'Sockets paused for a full send buffer, caught up (sent a REPLACE), or closed 4001 (still behind after slowClientTimeoutMs). Bad: closed climbing (OddsgateSlowConsumerClosesSpiking); paused without caught_up.', 'cps', [target(rate('oddsgate_slow_consumer_events_total', ['node', 'event']), '{{node}} {{event}}')], { w: 8 }),
  timeseries('Protocol errors / s by code', 'Error frames sent to clients, by code (MALFORMED_FRAME, RATE_LIMITED, FEED_UNAVAILABLE...). Bad: FEED_UNAVAILABLE (a shard is down), INTERNAL (a node fault), a surge of client errors after a client release.', 'cps', [target(rate('oddsgate_protocol_errors_total', ['code']), '{{code}}')], { stack: true, w: 8 }),
  timeseries('Connections closed / s by code', 'Closes by code: 1001 shutdown, 1006 dropped, 4001 slow, 4002 rate limited, 4003 token expired, 4004 drained before moving, 4500 bad frames, 4501 refused token. Bad: 4004 waves (clients ignore Drain frames), 4500/4501 (client bugs), 1006 bursts (network).', 'cps', [target(rate('oddsgate_connections_closed_total', ['code']), '{{code}}')], { stack: true, w: 8 }),

  row('Node health'),
  timeseries('Event-loop delay p99 and max', 'Event-loop delay since the previous scrape (sampled every 10 ms: idle reads ~10 ms). Every frame, fan-out and bet waits behind it. Bad: p99 above 40 ms (OddsgateEventLoopDelayHigh).', 's', [target(`max by (node) (nodejs_eventloop_lag_p99_seconds{${SEL}})`, '{{node}} p99', 'A'), target(`max by (node) (nodejs_eventloop_lag_max_seconds{${SEL}})`, '{{node}} max', 'B')], { thresholds: steps([null, 'transparent'], [LOOP_DELAY_S, 'red']) }),
  timeseries('Event-loop utilisation', 'Share of time the busiest event loop of the node was working since the previous scrape. Bad: above 90% for minutes (OddsgateEventLoopSaturated): no headroom for the next spike.', 'percentunit', [target(`max by (node) (oddsgate_event_loop_utilization{${SEL}})`, '{{node}}')], { max: 1, thresholds: steps([null, 'transparent'], [0.9, 'red']) }),
  timeseries('GC time per second by kind', 'Seconds spent in garbage collection per second, by kind. Bad: major (mark-compact) GC above a few percent, or single pauses long enough to show in event-loop delay.', 'percentunit', [target(`sum by (node, kind) (rate(nodejs_gc_duration_seconds_sum{${SEL}}[${RI}]))`, '{{node}} {{kind}}')]),
  timeseries('Memory: RSS and heap used', 'Resident memory and V8 heap in use per node (summed over its workers). Bad: growing without bound between matches (a leak), RSS near the container or host limit.', 'bytes', [target(`sum by (node) (process_resident_memory_bytes{${SEL}})`, '{{node}} RSS', 'A'), target(`sum by (node) (nodejs_heap_size_used_bytes{${SEL}})`, '{{node}} heap used', 'B')]),
  timeseries('Open file descriptors', 'Open descriptors (one per socket) and the limit, per node. With workers the node reports the sum of its workers, each of which has its own limit. Bad: open approaching the limit: new connections fail.', 'short', [target(`sum by (node) (process_open_fds{${SEL}})`, '{{node}} open', 'A'), target(`sum by (node) (process_max_fds{${SEL}})`, '{{node}} limit', 'B')], { overrides: [{ matcher: { id: 'byRegexp', options: '.* limit' }, properties: [{ id: 'custom.lineStyle', value: { fill: 'dash', dash: [10, 10] } }, { id: 'custom.fillOpacity', value: 0 }] }] }),
  timeseries('CPU per node', 'CPU seconds per second used by the node (all its workers; 1 = one core). Bad: at the number of workers: the node is saturated.', 'short', [target(`sum by (node) (rate(process_cpu_seconds_total{${SEL}}[${RI}]))`, '{{node}}')]),

  row('Drain, readiness and membership'),
  states('Scrape and readiness', 'Per node: up and ready (in the balancer), not ready (503 from /readyz: draining or no shard reachable), or down (Prometheus cannot scrape it). Bad: down for more than a restart (OddsgateNodeDown), not ready without a drain (OddsgateNodeNotReady).', [target(`max by (node) (up{${SEL}}) * (1 + max by (node) (oddsgate_ready{${SEL}})) or max by (node) (up{${SEL}})`, '{{node}}')], mapping([[0, 'down', 'red'], [1, 'not ready', 'orange'], [2, 'ready', 'green']])),
  states('Draining', 'Nodes draining: they left the ring and send their clients to successors over drainWindowMs, then exit. Bad: a lane orange for more than drainWindowMs + drainGraceMs (OddsgateDrainTooLong).', [target(`max by (node) (oddsgate_draining{${SEL}})`, '{{node}}')], mapping([[0, 'serving', 'green'], [1, 'draining', 'orange']])),
  timeseries('Connections still on draining nodes', 'Connections a draining node still holds. Good: falling steadily over the drain window, to 0 by its end. Bad: flat (clients ignore Drain frames: expect 4004 closes at the deadline).', 'short', [target(`sum by (node) (oddsgate_drain_remaining_connections{${SEL}})`, '{{node}}')]),
  timeseries('Ring size as each node sees it', 'Active nodes on the consistent-hash ring, as each node sees it. Bad: nodes disagreeing for more than a heartbeat (membership Redis trouble), or fewer than the nodes up.', 'short', [target(`max by (node) (oddsgate_ring_nodes{${SEL}})`, '{{node}}')], { decimals: 0 }),
];

function layout(items) {
  const panels = [];
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  let id = 1;
  for (const { w, h, ...panel } of items) {
    if (panel.type === 'row' || x + w > 24) {
      y += rowHeight;
      x = 0;
      rowHeight = 0;
    }
    panels.push({ id: id++, ...panel, gridPos: { h, w, x, y } });
    x += w;
    rowHeight = Math.max(rowHeight, h);
    if (panel.type === 'row') {
      y += h;
      x = 0;
      rowHeight = 0;
    }
  }
  return panels;
}

const variable = (name, label, query, extra) => ({
  name,
  label,
  type: 'query',
  datasource: DS,
  definition: query,
  query: { qryType: 1, query, refId: 'PrometheusVariableQueryEditor-VariableQuery' },
  refresh: 2,
  sort: 1,
  regex: '',
  hide: 0,
  current: {},
  options: [],
  ...extra,
});

const dashboard = {
  __inputs: [],
  __requires: [
    { type: 'grafana', id: 'grafana', name: 'Grafana', version: '10.0.0' },
    { type: 'datasource', id: 'prometheus', name: 'Prometheus', version: '1.0.0' },
    { type: 'panel', id: 'stat', name: 'Stat', version: '' },
    { type: 'panel', id: 'timeseries', name: 'Time series', version: '' },
    { type: 'panel', id: 'state-timeline', name: 'State timeline', version: '' },
  ],
  annotations: {
    list: [
      {
        builtIn: 1,
        datasource: { type: 'grafana', uid: '-- Grafana --' },
        enable: true,
        hide: true,
        iconColor: 'rgba(0, 211, 255, 1)',
        name: 'Annotations & Alerts',
        type: 'dashboard',
      },
      {
        datasource: DS,
        enable: true,
        expr: `changes(oddsgate_draining{${FLEET}}[1m]) > 0`,
        iconColor: 'orange',
        name: 'Drains',
        step: '30s',
        titleFormat: 'drain {{node}}',
        useValueForTime: false,
      },
    ],
  },
  description: 'oddsgate edge nodes on match day: fleet at a glance, then traffic, odds fan-out, bets and cores, clients, node health, drains. Thresholds match deploy/prometheus/oddsgate.rules.yml; the runbook is deploy/README.md.',
  editable: true,
  fiscalYearStartMonth: 0,
  graphTooltip: 1,
  id: null,
  links: [],
  liveNow: false,
  panels: layout(sections),
  refresh: '10s',
  schemaVersion: 39,
  tags: ['oddsgate'],
  templating: {
    list: [
      { name: 'datasource', label: 'Data source', type: 'datasource', query: 'prometheus', current: {}, hide: 0, includeAll: false, multi: false, options: [], refresh: 1, regex: '' },
      variable('job', 'Job', 'label_values(oddsgate_ready, job)', { includeAll: false, multi: false }),
      variable('node', 'Node', 'label_values(oddsgate_ready{job=~"$job"}, node)', { includeAll: true, multi: true, allValue: '.*' }),
    ],
  },
  time: { from: 'now-3h', to: 'now' },
  timepicker: {},
  timezone: '',
  title: 'oddsgate',
  uid: 'oddsgate-edge',
  version: 1,
  weekStart: '',
};

const json = `${JSON.stringify(dashboard, null, 2)}\n`;
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(OUT, 'utf8');
  } catch {
    // missing: differs
  }
  if (current !== json) {
    process.stderr.write(`${OUT} is not what deploy/grafana/build-dashboard.mjs writes: run it and commit the result\n`);
    process.exit(1);
  }
} else {
  writeFileSync(OUT, json);
}
