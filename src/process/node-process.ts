import { adminEnabled, AdminServer } from '../admin/admin-server.js';
import { NodeStartingError, type NodeControl } from '../admin/node-control.js';
import type { Config } from '../config/schema.js';
import { startNode, type OddsNode } from '../main.js';
import { createLogger, logStartup, type Logger } from '../observability/logger.js';
import { adminUrl } from '../routing/create-membership.js';
import { isToWorker, REPORT_INTERVAL_MS, type FromWorker } from './ipc.js';
import { NodeLifecycle } from './node-lifecycle.js';

/** Longest a stopping process waits for its connections and Redis to close. */
const STOP_TIMEOUT_MS = 5_000;

/**
 * One edge node in this process: on its own (the node in the fleet, with the
 * admin API), or as worker `worker` of a supervisor (which is the node in the
 * fleet and relays drains over IPC).
 *
 * Signals: SIGTERM drains (a second SIGTERM cuts the drain short), then the
 * process exits 0; SIGINT (Ctrl-C at a terminal) stops at once, closing
 * connections with 1001.
 */
export async function runNode(config: Config, worker?: number): Promise<OddsNode> {
  const log = createLogger(config.logLevel, worker === undefined ? { nodeId: config.nodeId } : { nodeId: config.nodeId, worker });
  if (worker === undefined) logStartup(log, config);
  // The admin API comes first so the node can announce its URL; it answers once the node runs.
  let control: NodeControl | undefined;
  const admin = worker === undefined && adminEnabled(config) ? new AdminServer(config, lateControl(() => control), log) : undefined;
  const adminPort = await admin?.listen();
  const node = await startNode(config, log, { role: worker === undefined ? 'member' : 'observer', adminUrl: admin ? adminUrl(config, adminPort!) : '' });
  const lifecycle = new NodeLifecycle(node, config, log);

  const exit = async (summaryForSupervisor?: FromWorker): Promise<void> => {
    // Whatever stop() meets (a hung Redis), the process ends: it must never linger holding the port.
    setTimeout(() => process.exit(0), STOP_TIMEOUT_MS).unref();
    try {
      // A worker whose supervisor is gone has no channel left to report on.
      if (summaryForSupervisor && process.connected) process.send!(summaryForSupervisor);
      await node.stop();
      await admin?.close();
    } catch (err) {
      log.error({ err }, 'stopping the node failed');
    }
    process.exit(0);
  };
  const drain = (reason: string) =>
    lifecycle.start(reason).then(
      (summary) => exit(worker === undefined ? undefined : { type: 'drained', summary }),
      (err: unknown) => {
        log.error({ err }, 'drain failed; stopping');
        return exit();
      },
    );
  // The admin API drains like SIGTERM: to the end, then the process exits.
  control = { status: () => lifecycle.status(), drain: async (reason) => void drain(reason), metrics: () => lifecycle.metrics() };
  let terms = 0;
  process.on('SIGTERM', () => (++terms === 1 ? void drain('SIGTERM') : lifecycle.cutShort('second SIGTERM')));
  process.on('SIGINT', () => {
    log.info('SIGINT: stopping now (SIGTERM drains)');
    void exit();
  });
  if (worker !== undefined) followSupervisor(node, lifecycle, drain, log);
  return node;
}

/** A worker: drains when told, reports its connections and drain progress. */
function followSupervisor(node: OddsNode, lifecycle: NodeLifecycle, drain: (reason: string) => Promise<void>, log: Logger): void {
  process.on('message', (message: unknown) => {
    if (!isToWorker(message)) return log.warn('unknown message from the supervisor; ignored');
    if (message.type === 'drain') void drain('supervisor');
    else if (message.type === 'cut-short') lifecycle.cutShort('supervisor');
    else void node.metrics.json().then((metrics) => process.connected && process.send!({ type: 'metrics', id: message.id, metrics } satisfies FromWorker));
  });
  const report = () => {
    if (process.connected) process.send!({ type: 'vitals', connections: node.edge.connections, drain: node.edge.drainProgress() ?? null } satisfies FromWorker);
  };
  setInterval(report, REPORT_INTERVAL_MS).unref();
  // The supervisor is gone (killed): a worker must not outlive it holding the port.
  process.on('disconnect', () => {
    log.error('supervisor gone; draining');
    void drain('supervisor gone');
  });
}

/** A NodeControl whose node is set after the admin API started listening. */
function lateControl(get: () => NodeControl | undefined): NodeControl {
  const node = () => {
    const c = get();
    if (!c) throw new NodeStartingError();
    return c;
  };
  return { status: () => node().status(), drain: (reason) => node().drain(reason), metrics: () => node().metrics() };
}
