import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { Metrics } from '../../src/observability/metrics.js';
import { ADMIN_TOKEN, EdgeFleet, type EdgeProcess } from '../helpers/edge-fleet.js';
import { OddsClient } from '../helpers/odds-client.js';
import { freePort, waitUntil } from '../helpers/ports.js';

/**
 * The observability files an SRE installs (deploy/prometheus, deploy/grafana),
 * checked by the tools that read them (Debian's promtool, installed by
 * scripts/ensure-test-packages.mjs) and against a real node: every metric a
 * dashboard query or a rule names must be in the /metrics a running
 * `oddsgate serve` (two workers, summed by the supervisor) answers over HTTP.
 */
const PROM = 'deploy/prometheus';
const CONFIG = join(PROM, 'prometheus.yml');
const RULES = join(PROM, 'oddsgate.rules.yml');
const RULE_TESTS = join(PROM, 'oddsgate.rules.test.yml');
const DASHBOARD = 'deploy/grafana/oddsgate.json';
const RUNBOOK = 'deploy/README.md';

type Obj = Record<string, any>;

const dir = mkdtempSync(join(tmpdir(), 'oddsgate-observability-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function promtool(...args: string[]): { status: number | null; output: string; error?: Error } {
  const r = spawnSync('promtool', args, { encoding: 'utf8' });
  return { status: r.status, output: `${r.stdout ?? ''}${r.stderr ?? ''}`, error: r.error };
}

const rulesFile = parse(readFileSync(RULES, 'utf8')) as { groups: Array<{ name: string; rules: Obj[] }> };
const allRules = rulesFile.groups.flatMap((g) => g.rules);
const alerts = allRules.filter((r) => r.alert);
const recorded = new Map<string, string>(allRules.filter((r) => r.record).map((r) => [r.record as string, r.expr as string]));
const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as Obj;
const panels = (dashboard.panels as Obj[]).flatMap((p) => [p, ...((p.panels as Obj[]) ?? [])]);
const queryPanels = panels.filter((p) => p.type !== 'row');

/** Every PromQL expression the dashboard runs: panel targets and annotation queries. */
const dashboardExprs: Array<{ where: string; expr: string }> = [
  ...queryPanels.flatMap((p) => (p.targets as Obj[]).map((t) => ({ where: `panel "${p.title}" ${t.refId}`, expr: t.expr as string }))),
  ...(dashboard.annotations.list as Obj[]).filter((a) => a.expr).map((a) => ({ where: `annotation "${a.name}"`, expr: a.expr as string })),
];
/** Grafana's variables in an expression, replaced by what Grafana sends Prometheus. */
const grafanaToPromql = (expr: string) => expr.replace(/\$__(rate_interval|interval|range)/g, '1m').replace(/\$\{?(job|node)\}?/g, '.+');

describe('deploy/prometheus', () => {
  const config = parse(readFileSync(CONFIG, 'utf8')) as Obj;
  const job = (config.scrape_configs as Obj[]).find((j) => j.job_name === 'oddsgate')!;

  it('is a valid Prometheus configuration (promtool check config), with the token file it names next to it', () => {
    // As installed: the config, its rules and the admin token file in one directory.
    const installed = mkdtempSync(join(dir, 'etc-prometheus-'));
    copyFileSync(CONFIG, join(installed, 'prometheus.yml'));
    copyFileSync(RULES, join(installed, 'oddsgate.rules.yml'));
    writeFileSync(join(installed, job.authorization.credentials_file), 'the-admin-token\n', { mode: 0o600 });
    const check = promtool('check', 'config', join(installed, 'prometheus.yml'));
    expect(check.error, 'promtool is installed by scripts/ensure-test-packages.mjs (Debian package prometheus)').toBeUndefined();
    expect(check.status, check.output).toBe(0);
    expect(check.output).toMatch(/SUCCESS: \S*prometheus\.yml is valid prometheus config file syntax/);
    expect(check.output).toMatch(/SUCCESS: \d+ rules found/); // it loaded oddsgate.rules.yml too
  });

  it('is refused by promtool check config where the admin token file is missing (the check is real)', () => {
    const check = promtool('check', 'config', CONFIG);
    expect(check.status).not.toBe(0);
    expect(check.output).toMatch(/oddsgate-admin-token.*no such file or directory/);
    expect(promtool('check', 'config', '--syntax-only', CONFIG).status).toBe(0);
  });

  it('scrapes the admin port with the bearer token from a file and labels every series with its node', () => {
    expect(job.metrics_path).toBe('/metrics');
    expect(job.authorization).toEqual({ type: 'Bearer', credentials_file: 'oddsgate-admin-token' });
    for (const t of job.static_configs.flatMap((s: Obj) => s.targets)) expect(t).toMatch(/:9464$/);
    const relabel = job.relabel_configs.find((r: Obj) => r.target_label === 'node');
    // The relabeling's regex on "<node label>;<address>": the host part, only when no node was given.
    const re = new RegExp(`^(?:${relabel.regex})$`);
    expect(re.exec(';10.0.1.11:9464')?.[1]).toBe('10.0.1.11');
    expect(re.exec(';oddsgate-edge-0.oddsgate-edge-headless:9464')?.[1]).toBe('oddsgate-edge-0.oddsgate-edge-headless');
    expect(re.test('edge-a;10.0.1.11:9464')).toBe(false);
    expect(readFileSync(CONFIG, 'utf8')).toMatch(/metricsWithoutToken/);
    // The rules' 1m rate windows need at least 4 scrapes.
    expect(parseDuration(config.global.scrape_interval)).toBeLessThanOrEqual(15);
    expect(config.rule_files).toEqual(['oddsgate.rules.yml']);
  });

  it('has valid rules (promtool check rules)', () => {
    const check = promtool('check', 'rules', RULES);
    expect(check.status, check.output).toBe(0);
    expect(check.output).toMatch(new RegExp(`SUCCESS: ${allRules.length} rules found`));
  });

  it('passes its rule unit tests (promtool test rules)', () => {
    const run = promtool('test', 'rules', RULE_TESTS);
    expect(run.status, run.output).toBe(0);
    expect(run.output).toMatch(/SUCCESS/);
  });

  it('refuses a broken rule file (promtool check rules)', () => {
    const broken = join(dir, 'broken.rules.yml');
    writeFileSync(broken, readFileSync(RULES, 'utf8').replace('(oddsgate_breaker_state) >= 1', '(oddsgate_breaker_state >= 1'));
    const check = promtool('check', 'rules', broken);
    expect(check.status).not.toBe(0);
    expect(check.output).toMatch(/unclosed left parenthesis|parse error/);
    writeFileSync(broken, readFileSync(RULES, 'utf8').replace('(oddsgate_breaker_state) >= 1\n        for: 1m', '(oddsgate_breaker_state) >= 1\n        forr: 1m'));
    const misspelt = promtool('check', 'rules', broken);
    expect(misspelt.status).not.toBe(0);
    expect(misspelt.output).toMatch(/field forr not found/);
  });

  it('fails its unit tests when an alert no longer fires as they expect (promtool test rules is real)', () => {
    // Only the fully open state (2) instead of "not closed" (>= 1): a down core alternating open / half-open is missed.
    const copy = mkdtempSync(join(dir, 'rules-'));
    writeFileSync(join(copy, 'oddsgate.rules.yml'), readFileSync(RULES, 'utf8').replace('(oddsgate_breaker_state) >= 1', '(oddsgate_breaker_state) == 2'));
    copyFileSync(RULE_TESTS, join(copy, 'oddsgate.rules.test.yml'));
    const run = promtool('test', 'rules', join(copy, 'oddsgate.rules.test.yml'));
    expect(run.status).not.toBe(0);
    expect(run.output).toMatch(/alertname: OddsgateBreakerOpen, time: 2m/);
    expect(run.output).not.toMatch(/alertname: Oddsgate(?!BreakerOpen)/);
  });

  it('gives every alert a for, a severity, a summary, a description and a runbook link to its section of deploy/README.md', () => {
    const anchors = new Set(
      readFileSync(RUNBOOK, 'utf8')
        .split('\n')
        .filter((l) => /^#{1,6} /.test(l))
        .map((l) => githubAnchor(l.replace(/^#+ /, ''))),
    );
    expect(alerts.length).toBeGreaterThanOrEqual(11);
    for (const a of alerts) {
      expect(a.for, a.alert).toMatch(/^\d+[smh]$/);
      expect(['critical', 'warning'], a.alert).toContain(a.labels?.severity);
      expect(a.annotations?.summary, a.alert).toBeTruthy();
      expect(a.annotations?.description, a.alert).toBeTruthy();
      const url = a.annotations?.runbook_url as string;
      expect(url, a.alert).toMatch(/\/deploy\/README\.md#[a-z0-9-]+$/);
      expect(anchors, `${a.alert}: ${url} names no heading of ${RUNBOOK}`).toContain(url.split('#')[1]);
    }
  });

  it('covers the alerts the issue asks for', () => {
    const exprOf = (name: string) => alerts.find((a) => a.alert === name)?.expr as string;
    expect(exprOf('OddsgateFanoutLatencyHigh')).toMatch(/oddsgate_fanout_latency_seconds.*> 0\.030/);
    expect(recorded.get('node:oddsgate_fanout_latency_seconds:p99_rate1m')).toMatch(/histogram_quantile\(0\.99, .*oddsgate_fanout_latency_seconds_bucket/);
    expect(exprOf('OddsgateBetLatencyOverBudget')).toMatch(/oddsgate_bet_latency_seconds.*> 0\.030/);
    expect(exprOf('OddsgateBetBudgetViolations')).toMatch(/budget_violations/);
    expect(exprOf('OddsgateBreakerOpen')).toMatch(/oddsgate_breaker_state/);
    expect(exprOf('OddsgateShardStale')).toMatch(/oddsgate_shard_stale/);
    expect(exprOf('OddsgateRedisReadLagHigh')).toMatch(/oddsgate_redis_read_lag_seconds/);
    expect(exprOf('OddsgateEventLoopDelayHigh')).toMatch(/nodejs_eventloop_lag_p99_seconds/);
    expect(exprOf('OddsgateSlowConsumerClosesSpiking')).toMatch(/slow_consumer_closes/);
    expect(exprOf('OddsgateDrainTooLong')).toMatch(/oddsgate_draining/);
    expect(exprOf('OddsgateNodeNotReady')).toMatch(/oddsgate_ready/);
    expect(exprOf('OddsgateNodeDown')).toMatch(/up\{job="oddsgate"\} == 0/);
    expect(exprOf('OddsgateNoTargets')).toMatch(/absent\(up\{job="oddsgate"\}\)/);
    // A drain lasts window + grace (+ 5 s hard deadline); the alert waits longer, with a scrape to spare.
    const drainFor = parseDuration(alerts.find((a) => a.alert === 'OddsgateDrainTooLong')!.for);
    expect(drainFor).toBeGreaterThan((30_000 + 10_000 + 5_000) / 1000 + 15 - 1);
  });

  it('tests every alert firing and every alert quiet (oddsgate.rules.test.yml)', () => {
    const tests = parse(readFileSync(RULE_TESTS, 'utf8')) as { tests: Array<{ alert_rule_test?: Array<{ alertname: string; exp_alerts?: unknown[] }> }> };
    const cases = tests.tests.flatMap((t) => t.alert_rule_test ?? []);
    for (const a of alerts) {
      const mine = cases.filter((c) => c.alertname === a.alert);
      expect(mine.some((c) => (c.exp_alerts ?? []).length > 0), `${a.alert} firing`).toBe(true);
      expect(mine.some((c) => (c.exp_alerts ?? []).length === 0), `${a.alert} quiet`).toBe(true);
    }
    expect(cases.every((c) => alerts.some((a) => a.alert === c.alertname)), 'a test of an alert that does not exist').toBe(true);
  });
});

describe('deploy/grafana/oddsgate.json', () => {
  it('is what deploy/grafana/build-dashboard.mjs writes', () => {
    const r = spawnSync(process.execPath, ['deploy/grafana/build-dashboard.mjs', '--check'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
  });

  it('is a Grafana 10/11 dashboard with a Prometheus data source variable and job and node variables', () => {
    expect(dashboard.schemaVersion).toBeGreaterThanOrEqual(36); // Grafana 9.4+; 10.x writes 37-39, 11.x 39-41
    expect(dashboard.schemaVersion).toBeLessThanOrEqual(41);
    expect(dashboard.uid).toMatch(/^[a-zA-Z0-9_-]{1,40}$/);
    expect(dashboard.title).toBe('oddsgate');
    expect(dashboard.id).toBeNull();
    const vars = new Map((dashboard.templating.list as Obj[]).map((v) => [v.name as string, v]));
    expect(vars.get('datasource')).toMatchObject({ type: 'datasource', query: 'prometheus' });
    expect(vars.get('job')).toMatchObject({ type: 'query', datasource: { type: 'prometheus', uid: '${datasource}' } });
    expect(vars.get('node')).toMatchObject({ type: 'query', includeAll: true, multi: true, definition: 'label_values(oddsgate_ready{job=~"$job"}, node)' });
    expect(vars.get('node')!.query.query).toBe(vars.get('node')!.definition);
  });

  it('lays out every panel on the 24-column grid without overlaps, with unique ids', () => {
    const ids = panels.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    const cells = new Set<string>();
    for (const p of dashboard.panels as Obj[]) {
      const { x, y, w, h } = p.gridPos;
      expect(x >= 0 && w > 0 && h > 0 && x + w <= 24, `${p.title} ${JSON.stringify(p.gridPos)}`).toBe(true);
      for (let i = x; i < x + w; i++) {
        for (let j = y; j < y + h; j++) {
          expect(cells.has(`${i},${j}`), `${p.title} overlaps another panel at ${i},${j}`).toBe(false);
          cells.add(`${i},${j}`);
        }
      }
    }
  });

  it('titles every panel, sets its unit, says what bad looks like, and queries the chosen data source', () => {
    const types = new Set(['row', 'stat', 'timeseries', 'state-timeline']);
    for (const p of panels) {
      expect(types, p.title).toContain(p.type);
      expect(p.title, `panel ${p.id}`).toMatch(/\S/);
    }
    for (const p of queryPanels) {
      expect(p.datasource, p.title).toEqual({ type: 'prometheus', uid: '${datasource}' });
      expect(p.fieldConfig.defaults.unit, p.title).toMatch(/\S/);
      expect(p.description, p.title).toMatch(/\bBad\b/);
      const refIds = (p.targets as Obj[]).map((t) => t.refId);
      expect(refIds.length, p.title).toBeGreaterThan(0);
      expect(new Set(refIds).size, p.title).toBe(refIds.length);
      for (const t of p.targets as Obj[]) {
        expect(t.datasource, p.title).toEqual(p.datasource);
        expect(t.expr, p.title).toMatch(/\S/);
      }
      if (p.type === 'state-timeline') expect(Object.keys(p.fieldConfig.defaults.mappings[0].options).length, p.title).toBeGreaterThanOrEqual(2);
    }
    const titles = new Set(queryPanels.map((p) => p.title as string));
    expect(new Set(queryPanels.map((p) => p.title)).size).toBe(queryPanels.length);
    expect(titles.size).toBeGreaterThanOrEqual(30);
  });

  it('has the panels an SRE reads on match day', () => {
    const byExpr = (re: RegExp) => queryPanels.filter((p) => (p.targets as Obj[]).some((t) => re.test(t.expr)));
    const wanted: Array<[string, RegExp]> = [
      ['connections by state', /sum by \(state\) \(oddsgate_connections\{/],
      ['deliveries/s', /rate\(oddsgate_deliveries_total\{/],
      ['fan-out p50', /histogram_quantile\(0\.5, .*oddsgate_fanout_latency_seconds_bucket/],
      ['fan-out p99', /histogram_quantile\(0\.99, .*oddsgate_fanout_latency_seconds_bucket/],
      ['bet p99', /histogram_quantile\(0\.99, .*oddsgate_bet_latency_seconds_bucket/],
      ['budget violations/s', /rate\(oddsgate_bet_budget_violations_total\{/],
      ['breaker state per core', /by \(node, core\) \(oddsgate_breaker_state\{/],
      ['Redis read lag per shard', /by \(node, shard\) \(oddsgate_redis_read_lag_seconds\{/],
      ['event-loop delay', /nodejs_eventloop_lag_p99_seconds\{/],
      ['event-loop utilisation', /oddsgate_event_loop_utilization\{/],
      ['drains in progress', /oddsgate_draining\{/],
      ['drain remaining', /oddsgate_drain_remaining_connections\{/],
      ['readiness', /oddsgate_ready\{/],
      ['resyncs by cause', /by \(shard, cause\) \(rate\(oddsgate_resyncs_total\{/],
      ['slow-consumer events', /oddsgate_slow_consumer_events_total\{/],
      ['protocol errors by code', /by \(code\) \(rate\(oddsgate_protocol_errors_total\{/],
      ['closes by code', /by \(code\) \(rate\(oddsgate_connections_closed_total\{/],
      ['RSS', /process_resident_memory_bytes\{/],
      ['open fds', /process_open_fds\{/],
    ];
    for (const [what, re] of wanted) expect(byExpr(re).length, what).toBeGreaterThan(0);
    // Bet latency is drawn against the 30 ms budget: a threshold line at 0.03 s.
    for (const p of byExpr(/oddsgate_bet_latency_seconds_bucket/)) {
      expect(p.fieldConfig.defaults.unit).toBe('s');
      expect(p.fieldConfig.defaults.thresholds.steps.map((s: Obj) => s.value)).toContain(0.03);
      if (p.type === 'timeseries') expect(p.fieldConfig.defaults.custom.thresholdsStyle.mode).toMatch(/line/);
    }
  });

  it('runs only PromQL that Prometheus parses (every query as a recording rule through promtool check rules)', () => {
    const asRules = { groups: [{ name: 'dashboard', rules: dashboardExprs.map((e, i) => ({ record: `dashboard:query:${i}`, expr: grafanaToPromql(e.expr) })) }] };
    const file = join(dir, 'dashboard-queries.rules.yml');
    writeFileSync(file, stringify(asRules));
    const check = promtool('check', 'rules', file);
    expect(check.status, check.output).toBe(0);
    expect(check.output).toMatch(new RegExp(`SUCCESS: ${dashboardExprs.length} rules found`));
  });
});

// ------------------------------------------------------------------ metric names in PromQL

const FUNCTIONS = new Set(
  (
    'abs absent absent_over_time acos acosh asin asinh atan atanh avg avg_over_time bottomk ceil changes clamp clamp_max clamp_min cos cosh count count_over_time count_values ' +
    'day_of_month day_of_week day_of_year days_in_month deg delta deriv exp floor group histogram_quantile holt_winters hour idelta increase irate label_join label_replace ' +
    'last_over_time ln log10 log2 max max_over_time min min_over_time minute month pi predict_linear present_over_time quantile quantile_over_time rad rate resets round ' +
    'scalar sgn sin sinh sort sort_desc sqrt stddev stddev_over_time stdvar stdvar_over_time sum sum_over_time tan tanh time timestamp topk vector year'
  ).split(' '),
);
const GROUPING = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right']);
const KEYWORDS = new Set(['and', 'or', 'unless', 'bool', 'offset', 'atan2', 'inf', 'nan']);
/** Functions that take a counter (or a histogram's counters); a gauge there is a mistake, as a counter anywhere else is. */
const COUNTER_FUNCTIONS = new Set(['rate', 'irate', 'increase', 'resets']);

interface MetricRef {
  name: string;
  /** Labels matched in the selector. */
  labels: string[];
  /** The innermost function the selector is an argument of. */
  fn: string | undefined;
}

/** The series names an expression selects, with their matcher labels and the labels it groups or joins on. */
function metricRefs(expr: string): { refs: MetricRef[]; grouping: string[] } {
  const tokens = expr.match(/"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'|`[^`]*`|\[[^\]]*\]|\d+(?:\.\d+)?(?:e[+-]?\d+)?(?:ms|[smhdwy])?|[A-Za-z_:][A-Za-z0-9_:]*|=~|!~|!=|==|>=|<=|\S/gi) ?? [];
  const refs: MetricRef[] = [];
  const grouping: string[] = [];
  const stack: Array<string | undefined> = [];
  let pending: string | undefined;
  const isIdent = (t: string | undefined) => t !== undefined && /^[A-Za-z_:][A-Za-z0-9_:]*$/.test(t);
  const matchers = (from: number, into: string[]): number => {
    let i = from + 1;
    for (; i < tokens.length && tokens[i] !== '}'; i++) if (isIdent(tokens[i]) && /^(=|!=|=~|!~)$/.test(tokens[i + 1])) into.push(tokens[i]);
    return i;
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t === '(') {
      stack.push(pending);
      pending = undefined;
    } else if (t === ')') {
      stack.pop();
    } else if (t === '{') {
      throw new Error(`${expr}: a selector without a metric name`);
    } else if (isIdent(t)) {
      const lower = t.toLowerCase();
      if (GROUPING.has(lower)) {
        if (tokens[i + 1] === '(') {
          for (i += 2; i < tokens.length && tokens[i] !== ')'; i++) if (isIdent(tokens[i])) grouping.push(tokens[i]);
        }
      } else if (KEYWORDS.has(lower)) {
        // operator
      } else if (tokens[i + 1] === '(' || (FUNCTIONS.has(t) && isIdent(tokens[i + 1]) && GROUPING.has(tokens[i + 1]))) {
        if (!FUNCTIONS.has(t)) throw new Error(`${expr}: ${t}() is no PromQL function`);
        pending = t;
      } else {
        const ref: MetricRef = { name: t, labels: [], fn: [...stack].reverse().find((f) => f !== undefined) };
        if (tokens[i + 1] === '{') i = matchers(i + 1, ref.labels);
        refs.push(ref);
      }
    }
  }
  return { refs, grouping };
}

/** Every expression of the dashboard and the rules, with where it is. */
function everyExpression(): Array<{ where: string; expr: string }> {
  const variables = (dashboard.templating.list as Obj[])
    .filter((v) => v.type === 'query')
    .map((v) => {
      const m = /^label_values\((.+),\s*([A-Za-z_]\w*)\)$/.exec(v.definition as string);
      if (!m) throw new Error(`variable ${v.name}: expected label_values(<selector>, <label>)`);
      return { where: `variable $${v.name}`, expr: `count by (${m[2]}) (${m[1]})` };
    });
  return [
    ...dashboardExprs.map((e) => ({ where: `dashboard ${e.where}`, expr: grafanaToPromql(e.expr) })),
    ...variables.map((e) => ({ ...e, expr: grafanaToPromql(e.expr) })),
    ...allRules.map((r) => ({ where: `rule ${r.alert ?? r.record}`, expr: r.expr as string })),
  ];
}

/** The Prometheus text format: `# TYPE name type` lines, and each sample's name and label names. */
function parseExposition(text: string): { types: Map<string, string>; samples: Map<string, Set<string>>; sampleValues: Array<{ name: string; labels: Record<string, string>; value: number }> } {
  const types = new Map<string, string>();
  const samples = new Map<string, Set<string>>();
  const sampleValues: Array<{ name: string; labels: Record<string, string>; value: number }> = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('# HELP ')) continue;
    const type = /^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)$/.exec(line);
    if (type) {
      types.set(type[1], type[2]);
      continue;
    }
    const sample = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)(?: \d+)?$/.exec(line);
    if (!sample) throw new Error(`not a line of the Prometheus text format: ${line}`);
    const labels: Record<string, string> = {};
    for (const m of (sample[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:\\.|[^"\\])*)"/g)) labels[m[1]] = m[2];
    const names = samples.get(sample[1]) ?? new Set<string>();
    for (const l of Object.keys(labels)) names.add(l);
    samples.set(sample[1], names);
    const value = Number(sample[3].replace(/^\+Inf$/, 'Infinity').replace(/^-Inf$/, '-Infinity'));
    if (Number.isNaN(value) && sample[3] !== 'NaN') throw new Error(`not a sample value: ${line}`);
    sampleValues.push({ name: sample[1], labels, value });
  }
  return { types, samples, sampleValues };
}

/** The family a series name belongs to in an exposition, and which part of it the name is. */
function familyOf(name: string, types: Map<string, string>): { family: string; type: string; part: 'whole' | 'bucket' | 'sum' | 'count' } | undefined {
  if (types.has(name)) return { family: name, type: types.get(name)!, part: 'whole' };
  for (const part of ['bucket', 'sum', 'count'] as const) {
    const base = name.slice(0, -(part.length + 1));
    const type = types.get(base);
    if (name.endsWith(`_${part}`) && (type === 'histogram' || (type === 'summary' && part !== 'bucket'))) return { family: base, type, part };
  }
  // OpenMetrics names a counter's family without _total.
  if (name.endsWith('_total') && types.get(name.slice(0, -6)) === 'counter') return { family: name.slice(0, -6), type: 'counter', part: 'whole' };
  return undefined;
}

/** Series Prometheus makes itself for every target (not in any /metrics). */
const SYNTHETIC = new Set(['up']);

/**
 * What is wrong with the metric names and labels of one expression, against an
 * exposition (names, types) and the label names each metric is declared with.
 */
function problems(where: string, expr: string, types: Map<string, string>, labelNames: Map<string, string[]>, targetLabels: string[]): string[] {
  const found: string[] = [];
  const { refs, grouping } = metricRefs(expr);
  const known = new Set([...targetLabels, '__name__']);
  const labelsOf = (name: string): string[] | undefined => {
    if (SYNTHETIC.has(name)) return [];
    if (recorded.has(name)) return metricRefs(recorded.get(name)!).refs.flatMap((r) => [...(labelsOf(r.name) ?? []), ...(r.name.endsWith('_bucket') ? ['le'] : [])]).filter((l) => l !== 'le');
    const family = familyOf(name, types);
    if (!family) return undefined;
    return [...(labelNames.get(family.family) ?? labelNames.get(name) ?? []), ...(family.part === 'bucket' ? ['le'] : [])];
  };
  const inExpr = new Set<string>(known);
  for (const ref of refs) {
    const labels = labelsOf(ref.name);
    if (labels === undefined) {
      found.push(`${where}: ${ref.name} is not in the node's /metrics${ref.name.includes(':') ? ' nor recorded by a rule' : ''}`);
      continue;
    }
    for (const l of labels) inExpr.add(l);
    for (const l of ref.labels) if (!known.has(l) && !labels.includes(l)) found.push(`${where}: ${ref.name} has no label ${l} (it has ${labels.join(', ') || 'none'})`);
    if (SYNTHETIC.has(ref.name) || recorded.has(ref.name)) continue;
    const family = familyOf(ref.name, types)!;
    const counterLike = family.type === 'counter' || family.part !== 'whole';
    if (family.type === 'histogram' && family.part === 'whole') found.push(`${where}: ${ref.name} is a histogram: use ${ref.name}_bucket, _sum or _count`);
    else if (counterLike && !COUNTER_FUNCTIONS.has(ref.fn ?? '')) found.push(`${where}: ${ref.name} is a counter: take its rate() or increase(), not ${ref.fn ?? 'its raw value'}`);
    else if (!counterLike && COUNTER_FUNCTIONS.has(ref.fn ?? '')) found.push(`${where}: ${ref.name} is a ${family.type}: ${ref.fn}() needs a counter`);
  }
  for (const l of grouping) if (!inExpr.has(l)) found.push(`${where}: groups by ${l}, a label none of its metrics has`);
  return found;
}

describe('PromQL metric extraction (the check below is real)', () => {
  const types = new Map([
    ['oddsgate_deliveries_total', 'counter'],
    ['oddsgate_ready', 'gauge'],
    ['oddsgate_fanout_latency_seconds', 'histogram'],
    ['oddsgate_breaker_state', 'gauge'],
  ]);
  const labels = new Map([['oddsgate_breaker_state', ['core']]]);
  const check = (expr: string) => problems('test', expr, types, labels, ['job', 'instance', 'node']);

  it('finds every name, matcher label and grouping label', () => {
    const { refs, grouping } = metricRefs('histogram_quantile(0.99, sum by (node, le) (rate(oddsgate_fanout_latency_seconds_bucket{job=~".+", node=~"a|b"}[1m]))) > 0.03 unless on (node) oddsgate_ready == 1');
    expect(refs).toEqual([
      { name: 'oddsgate_fanout_latency_seconds_bucket', labels: ['job', 'node'], fn: 'rate' },
      { name: 'oddsgate_ready', labels: [], fn: undefined },
    ]);
    expect(grouping).toEqual(['node', 'le', 'node']);
    expect(metricRefs('sum(rate(x_total[5m])) by (core) or vector(0)').refs.map((r) => [r.name, r.fn])).toEqual([['x_total', 'rate']]);
  });

  it('accepts what exists and is used as its type says', () => {
    expect(check('sum by (node) (rate(oddsgate_deliveries_total{node=~".+"}[1m]))')).toEqual([]);
    expect(check('histogram_quantile(0.5, sum by (le) (rate(oddsgate_fanout_latency_seconds_bucket[1m])))')).toEqual([]);
    expect(check('max by (node, core) (oddsgate_breaker_state{core="MT"}) >= 1')).toEqual([]);
    expect(check('up{job="oddsgate"} == 0')).toEqual([]);
  });

  it('refuses a misspelt metric, a wrong label, a counter without rate, a gauge in rate, a bare histogram, an unknown function', () => {
    expect(check('rate(oddsgate_deliverys_total[1m])')).toEqual(['test: oddsgate_deliverys_total is not in the node\'s /metrics']);
    expect(check('oddsgate_breaker_state{jurisdiction="MT"}')).toEqual(['test: oddsgate_breaker_state has no label jurisdiction (it has core)']);
    expect(check('max by (shard) (oddsgate_breaker_state)')).toEqual(['test: groups by shard, a label none of its metrics has']);
    expect(check('sum(oddsgate_deliveries_total)')[0]).toMatch(/is a counter: take its rate/);
    expect(check('rate(oddsgate_ready[1m])')[0]).toMatch(/is a gauge: rate\(\) needs a counter/);
    expect(check('rate(oddsgate_fanout_latency_seconds[1m])')[0]).toMatch(/is a histogram: use/);
    expect(() => check('rated(oddsgate_deliveries_total[1m])')).toThrow(/rated\(\) is no PromQL function/);
    expect(check('node:no_such_rule:rate1m')[0]).toMatch(/nor recorded by a rule/);
  });
});

describe('every metric the dashboard and the rules name is in a real node\'s /metrics', () => {
  let fleet: EdgeFleet;
  let node: EdgeProcess;
  let client: OddsClient | undefined;
  let exposition: ReturnType<typeof parseExposition>;
  let unauthorized: number;

  beforeAll(async () => {
    fleet = await EdgeFleet.create({ jurisdictions: ['MT'] });
    // Two workers: the supervisor sums them, one scrape is the whole node (as Prometheus sees it).
    // Short drains: a worker whose supervisor is killed drains before it exits.
    node = await fleet.startNode('obs-a', { ODDSGATE_WORKERS: '2', ODDSGATE_LOG_LEVEL: 'warn', ODDSGATE_DRAIN_WINDOW_MS: '200', ODDSGATE_DRAIN_GRACE_MS: '500' });
    const [eventId] = await fleet.simulate({ events: 2, markets: 2, rate: 20 });
    client = await OddsClient.connect(node.port);
    client.subscribe(eventId);
    await client.waitFor(() => client!.updateCount > 0, `an odds update of ${eventId}`, 30_000);
    const metricsUrl = `http://127.0.0.1:${node.adminPort}/metrics`;
    unauthorized = (await fetch(metricsUrl)).status;
    const res = await fetch(metricsUrl, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    exposition = parseExposition(await res.text());
  }, 120_000);

  afterAll(async () => {
    await client?.close();
    // SIGINT: the supervisor stops its workers at once and exits (SIGKILL would leave them to drain alone).
    if (node?.running) {
      node.signal('SIGINT');
      await Promise.race([node.exited, new Promise((r) => setTimeout(r, 10_000))]);
    }
    await fleet?.stop();
  });

  /** Label names each metric is declared with: the node's own catalogue (a labelled series appears only after its first sample). */
  let catalogue: Map<string, string[]> | undefined;
  const declaredLabels = () =>
    (catalogue ??= new Map(
      (new Metrics().registry.getMetricsAsArray() as unknown as Array<{ name: string; labelNames?: string[]; aggregator?: string }>)
        // prom-client's cluster aggregation leaves these out of a supervisor's sum (process_start_time_seconds).
        .filter((m) => m.aggregator !== 'omit')
        .map((m) => [m.name, [...(m.labelNames ?? [])]]),
    ));
  const targetLabels = () => {
    const job = (parse(readFileSync(CONFIG, 'utf8')).scrape_configs as Obj[]).find((j) => j.job_name === 'oddsgate')!;
    return ['job', 'instance', 'node', ...job.static_configs.flatMap((s: Obj) => Object.keys(s.labels ?? {}))];
  };

  it('serves /metrics only with the admin token (as prometheus.yml sends it)', () => {
    expect(unauthorized).toBe(401);
  });

  it('declares every metric of the catalogue with a TYPE line, sampled or not yet (summed over two workers)', () => {
    for (const name of declaredLabels().keys()) expect(exposition.types.has(name), name).toBe(true);
    // Every sample belongs to a declared family and carries only declared labels.
    const declared = declaredLabels();
    for (const [name, labels] of exposition.samples) {
      const family = familyOf(name, exposition.types);
      expect(family, name).toBeDefined();
      for (const l of labels) expect([...(declared.get(family!.family) ?? []), 'le', 'quantile'], `${name} label ${l}`).toContain(l);
    }
    // Live state as the node sees it, summed over its workers: the client, its subscription, the shards, the core's breaker.
    const value = (name: string, labels: Record<string, string> = {}) =>
      exposition.sampleValues.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v)).reduce((a, s) => a + s.value, 0);
    expect(value('oddsgate_connections')).toBeGreaterThanOrEqual(1);
    expect(value('oddsgate_subscriptions')).toBeGreaterThanOrEqual(1);
    expect(value('oddsgate_ready')).toBe(1);
    for (const shard of ['shard-0', 'shard-1', 'shard-2']) expect(exposition.sampleValues.some((s) => s.name === 'oddsgate_shard_reachable' && s.labels.shard === shard), shard).toBe(true);
    expect(exposition.sampleValues.some((s) => s.name === 'oddsgate_breaker_state' && s.labels.core === 'MT')).toBe(true);
    expect(value('process_open_fds')).toBeGreaterThan(0);
  });

  it('finds every metric name of the dashboard and the rules in that exposition, each used as its type says, with labels it has', () => {
    const expressions = everyExpression();
    expect(expressions.length).toBeGreaterThan(60);
    const found = expressions.flatMap((e) => problems(e.where, e.expr, exposition.types, declaredLabels(), targetLabels()));
    expect(found).toEqual([]);
    // And the names really were looked at: the ones the issue names, among others.
    const names = new Set(expressions.flatMap((e) => metricRefs(e.expr).refs.map((r) => r.name)));
    for (const n of ['oddsgate_fanout_latency_seconds_bucket', 'oddsgate_bet_latency_seconds_bucket', 'oddsgate_bet_budget_violations_total', 'oddsgate_breaker_state', 'oddsgate_redis_read_lag_seconds', 'nodejs_eventloop_lag_p99_seconds', 'oddsgate_draining', 'oddsgate_drain_remaining_connections', 'oddsgate_ready', 'process_resident_memory_bytes', 'process_open_fds', 'up']) {
      expect(names, n).toContain(n);
    }
  });
});

describe('a real Prometheus with prometheus.yml and the rules, scraping a real node', () => {
  let fleet: EdgeFleet;
  let node: EdgeProcess;
  let prometheus: ChildProcess | undefined;
  let api: string;
  let logs = '';

  beforeAll(async () => {
    fleet = await EdgeFleet.create({ jurisdictions: ['MT'], shards: 1 });
    node = await fleet.startNode('obs-b', { ODDSGATE_LOG_LEVEL: 'warn', ODDSGATE_DRAIN_WINDOW_MS: '200', ODDSGATE_DRAIN_GRACE_MS: '500' });
    // prometheus.yml as installed, but scraping this node, every second (not to wait out 15 s), and no Alertmanager.
    const config = parse(readFileSync(CONFIG, 'utf8')) as Obj;
    config.global = { ...config.global, scrape_interval: '1s', scrape_timeout: '1s', evaluation_interval: '1s' };
    delete config.alerting;
    const job = (config.scrape_configs as Obj[]).find((j) => j.job_name === 'oddsgate')!;
    job.static_configs = [{ targets: [`127.0.0.1:${node.adminPort}`], labels: job.static_configs[0].labels }];
    const etc = mkdtempSync(join(dir, 'prometheus-'));
    writeFileSync(join(etc, 'prometheus.yml'), stringify(config));
    copyFileSync(RULES, join(etc, 'oddsgate.rules.yml'));
    writeFileSync(join(etc, job.authorization.credentials_file), `${ADMIN_TOKEN}\n`, { mode: 0o600 });
    const port = await freePort();
    api = `http://127.0.0.1:${port}/api/v1`;
    prometheus = spawn('prometheus', [`--config.file=${join(etc, 'prometheus.yml')}`, `--storage.tsdb.path=${join(etc, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn'], { stdio: ['ignore', 'pipe', 'pipe'] });
    prometheus.stdout!.on('data', (d) => (logs += d));
    prometheus.stderr!.on('data', (d) => (logs += d));
    await waitUntil(async () => (await query('up{job="oddsgate"} == 1').catch(() => [])).length === 1, 60_000, `Prometheus scraping the node (${logs.slice(-500)})`);
  }, 120_000);

  afterAll(async () => {
    if (prometheus && prometheus.exitCode === null && prometheus.signalCode === null) {
      const exited = new Promise((resolve) => prometheus!.once('exit', resolve));
      prometheus.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (prometheus.exitCode === null && prometheus.signalCode === null) prometheus.kill('SIGKILL');
    }
    if (node?.running) {
      node.signal('SIGINT');
      await Promise.race([node.exited, new Promise((r) => setTimeout(r, 10_000))]);
    }
    await fleet?.stop();
  });

  async function query(promql: string): Promise<Array<{ metric: Record<string, string>; value: [number, string] }>> {
    const res = await fetch(`${api}/query?query=${encodeURIComponent(promql)}`);
    const body = (await res.json()) as { status: string; data: { result: Array<{ metric: Record<string, string>; value: [number, string] }> } };
    if (body.status !== 'success') throw new Error(`query ${promql}: ${JSON.stringify(body)}`);
    return body.data.result;
  }

  it('scrapes the admin port with the token file and labels the series with node and instance', async () => {
    const [up] = await query('up{job="oddsgate"}');
    expect(up.metric).toEqual({ __name__: 'up', job: 'oddsgate', instance: `127.0.0.1:${node.adminPort}`, node: '127.0.0.1', env: 'production' });
    const [ready] = await query('oddsgate_ready{job="oddsgate", node="127.0.0.1"}');
    expect(ready.value[1]).toBe('1');
    // Prometheus parsed the whole exposition: the node's catalogue is there, sampled or not.
    const names = new Set((await query('count by (__name__) ({job="oddsgate"})')).map((r) => r.metric.__name__));
    for (const n of ['oddsgate_connections', 'oddsgate_breaker_state', 'oddsgate_fanout_latency_seconds_bucket', 'nodejs_eventloop_lag_p99_seconds', 'process_open_fds']) expect(names, n).toContain(n);
  });

  it('evaluates every recording rule and alert of oddsgate.rules.yml without an error', async () => {
    type Rule = { name: string; health: string; lastError?: string; lastEvaluation: string };
    const rules = async () => ((await (await fetch(`${api}/rules`)).json()) as { data: { groups: Array<{ rules: Rule[] }> } }).data.groups.flatMap((g) => g.rules);
    await waitUntil(async () => (await rules()).every((r) => !r.lastEvaluation.startsWith('0001-')), 30_000, 'every rule evaluated once');
    const all = await rules();
    expect(all.map((r) => r.name).sort()).toEqual(allRules.map((r) => (r.alert ?? r.record) as string).sort());
    expect(all.filter((r) => r.health !== 'ok').map((r) => `${r.name}: ${r.health} ${r.lastError ?? ''}`)).toEqual([]);
  });
});

function parseDuration(d: string): number {
  const m = /^(\d+)(ms|s|m|h)$/.exec(d);
  if (!m) throw new Error(`not a duration: ${d}`);
  return Number(m[1]) * { ms: 0.001, s: 1, m: 60, h: 3600 }[m[2] as 'ms' | 's' | 'm' | 'h'];
}

/** The anchor GitHub (and most Markdown renderers) give a heading. */
function githubAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}
