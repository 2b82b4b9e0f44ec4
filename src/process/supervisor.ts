import { fork, type ChildProcess } from 'node:child_process';
import { AggregatorRegistry, type MetricObjectWithValues, type MetricValue } from 'prom-client';
import { adminEnabled, AdminServer } from '../admin/admin-server.js';
import type { NodeControl, NodeStatus } from '../admin/node-control.js';
import { envName, type Config } from '../config/schema.js';
import { ConfigError } from '../errors.js';
import { createLogger, logStartup } from '../observability/logger.js';
import { adminUrl, createMembership, publicUrl } from '../routing/create-membership.js';
import type { DrainProgress } from '../routing/drain.js';
import { RouteTable } from '../routing/route-table.js';
import { IDLE_PROGRESS, sumProgress, type DrainSummary } from './drain-summary.js';
import { isFromWorker, type ToWorker } from './ipc.js';
import { HARD_DEADLINE_MARGIN_MS } from './node-lifecycle.js';

export const WORKER_ENV = 'ODDSGATE_WORKER_INDEX';

/** A scrape waits this long for each worker's metrics. */
const WORKER_METRICS_TIMEOUT_MS = 2_000;

interface Worker {
  index: number;
  child: ChildProcess;
  connections: number;
  drain: DrainProgress | null;
  summary: DrainSummary | null;
}

/**
 * `serve` with workers > 1: this process is the node in the fleet (its
 * membership, its admin API) and supervises worker processes that share the
 * port (uWS sets SO_REUSEPORT; the kernel spreads connections). A worker that
 * dies is restarted with backoff, except while draining. A drain (SIGTERM,
 * admin API) takes the node off the ring, tells every worker to drain, and
 * ends when all have exited, with one summary line.
 */
export async function supervise(config: Config): Promise<void> {
  if (config.port === 0) throw new ConfigError(`invalid setting port (${envName('port')}): workers > 1 need a fixed port, got 0`);
  const log = createLogger(config.logLevel, { nodeId: config.nodeId, role: 'supervisor' });
  logStartup(log, config);
  const workers = new Map<number, Worker>();
  let draining: { startedAt: number; done: Promise<void> } | undefined;
  let allExited: () => void = () => undefined;

  const routes = new RouteTable();
  const send = (message: ToWorker) => {
    for (const w of workers.values()) if (w.child.connected) w.child.send(message);
  };
  /** The last word of the workers that exited while draining: a status after the last exit still counts their clients. */
  const exitedProgress: DrainProgress[] = [];
  const progress = (): DrainProgress => sumProgress([...exitedProgress, ...[...workers.values()].map((w) => w.drain ?? IDLE_PROGRESS)]);
  const connections = () => [...workers.values()].reduce((n, w) => n + w.connections, 0);

  const control: NodeControl = {
    async status(): Promise<NodeStatus> {
      const drain = progress();
      return {
        nodeId: config.nodeId,
        state: draining ? (workers.size === 0 ? 'drained' : 'draining') : 'active',
        connections: connections(),
        workers: workers.size,
        drain,
        ring: { digest: routes.digest, nodes: routes.nodes.map(({ id, url, state, connections: c, ring }) => ({ id, url, state, connections: c, ring })) },
      };
    },
    async drain(reason: string): Promise<void> {
      startDrain(reason);
    },
    async metrics(): Promise<string> {
      return AggregatorRegistry.aggregate(await workerMetrics()).metrics();
    },
  };

  /** Every worker's metrics as JSON, asked over IPC; a worker that does not answer in time is left out. */
  let metricsRequest = 0;
  const metricsWaiters = new Map<number, (metrics: MetricObjectWithValues<MetricValue<string>>[]) => void>();
  const workerMetrics = () =>
    Promise.all(
      [...workers.values()].map(
        (w) =>
          new Promise<MetricObjectWithValues<MetricValue<string>>[]>((resolve) => {
            const id = ++metricsRequest;
            const timer = setTimeout(() => {
              metricsWaiters.delete(id);
              resolve([]);
            }, WORKER_METRICS_TIMEOUT_MS);
            metricsWaiters.set(id, (metrics) => {
              clearTimeout(timer);
              metricsWaiters.delete(id);
              resolve(metrics);
            });
            if (w.child.connected) w.child.send({ type: 'metrics', id } satisfies ToWorker);
          }),
      ),
    );
  const admin = adminEnabled(config) ? new AdminServer(config, control, log) : undefined;
  const adminPort = await admin?.listen();
  const membership = createMembership(
    config,
    'member',
    { id: config.nodeId, url: publicUrl(config, config.port), adminUrl: admin ? adminUrl(config, adminPort!) : '', startedAt: Date.now() },
    () => ({ connections: connections(), ring: routes.digest }),
    log,
  );
  routes.follow(membership);
  await membership.start();

  const spawn = (index: number, restarts: number) => {
    const child = fork(process.argv[1], process.argv.slice(2), { env: { ...process.env, [WORKER_ENV]: String(index) } });
    const worker: Worker = { index, child, connections: 0, drain: null, summary: null };
    workers.set(index, worker);
    child.on('message', (message: unknown) => {
      if (!isFromWorker(message)) return;
      if (message.type === 'vitals') {
        worker.connections = message.connections;
        worker.drain = message.drain;
      } else if (message.type === 'drained') worker.summary = message.summary;
      else metricsWaiters.get(message.id)?.(message.metrics);
    });
    child.on('exit', (code, signal) => {
      workers.delete(index);
      if (draining) {
        finished.push(worker.summary);
        exitedProgress.push(finalProgress(worker.drain, worker.summary));
        if (workers.size === 0) allExited();
        return;
      }
      const delay = Math.min(100 * 2 ** restarts, 10_000);
      log.error({ worker: index, code, signal, restartInMs: delay }, 'worker exited; restarting');
      setTimeout(() => spawn(index, restarts + 1), delay);
    });
  };
  const finished: Array<DrainSummary | null> = [];

  const startDrain = (reason: string) => {
    if (draining) return;
    log.warn({ reason, workers: workers.size, connections: connections() }, 'draining: leaving the ring, telling every worker to move its clients');
    const startedAt = Date.now();
    const exited = new Promise<void>((resolve) => (allExited = resolve));
    draining = { startedAt, done: exited };
    void membership.setState('draining');
    send({ type: 'drain' });
    // Every worker ends by itself; this only bounds a worker that hangs.
    setTimeout(() => send({ type: 'cut-short' }), config.drainStartDelayMs + config.drainWindowMs + config.drainGraceMs + HARD_DEADLINE_MARGIN_MS).unref();
    void exited.then(async () => {
      const parts = finished.filter((s): s is DrainSummary => s !== null);
      const summary: DrainSummary = {
        clients: parts.reduce((n, s) => n + s.clients, 0),
        moved: parts.reduce((n, s) => n + s.moved, 0),
        closedAtDeadline: parts.reduce((n, s) => n + s.closedAtDeadline, 0),
        betsCompleted: parts.reduce((n, s) => n + s.betsCompleted, 0),
        durationMs: Date.now() - startedAt,
        cutShort: parts.some((s) => s.cutShort) || parts.length < finished.length,
      };
      log.info({ ...summary, workers: finished.length }, 'drain finished');
      await membership.stop();
      await admin?.close();
      process.exit(0);
    });
  };

  for (let i = 0; i < config.workers; i++) spawn(i, 0);
  let terms = 0;
  process.on('SIGTERM', () => (++terms === 1 ? startDrain('SIGTERM') : send({ type: 'cut-short' })));
  process.on('SIGINT', () => {
    log.info('SIGINT: stopping workers now (SIGTERM drains)');
    for (const w of workers.values()) w.child.kill('SIGINT');
    void membership.stop().then(() => process.exit(0));
  });
  log.info({ workers: config.workers, port: config.port }, 'supervising workers');
}

/** A worker's drain as it ended: its summary's counts where it sent one, nothing left open. */
function finalProgress(last: DrainProgress | null, summary: DrainSummary | null): DrainProgress {
  const ended = { ...(last ?? IDLE_PROGRESS), state: 'drained' as const, remaining: 0 };
  if (!summary) return ended;
  return { ...ended, clients: summary.clients, moved: summary.moved, closedAtDeadline: summary.closedAtDeadline };
}
