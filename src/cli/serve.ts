import { fork, type ChildProcess } from 'node:child_process';
import { ConfigError } from '../errors.js';
import { envName, type Config } from '../config/schema.js';
import { startNode } from '../main.js';
import { createLogger } from '../observability/logger.js';

const WORKER_ENV = 'ODDSGATE_WORKER_INDEX';

/**
 * `oddsgate serve`: one edge node. With workers > 1 this process supervises
 * that many worker processes listening on the same port (uWS sets
 * SO_REUSEPORT, so the kernel spreads connections); each worker holds up to
 * the open-files limit of sockets and uses one core.
 */
export async function serve(config: Config): Promise<void> {
  const workerIndex = process.env[WORKER_ENV];
  if (config.workers > 1 && workerIndex === undefined) return supervise(config);
  const nodeId = workerIndex === undefined ? config.nodeId : `${config.nodeId}.w${workerIndex}`;
  const log = createLogger(config.logLevel, { nodeId });
  const node = await startNode({ ...config, nodeId }, log);
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    await node.stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  if (workerIndex === undefined) printWelcome(config, node.port);
}

function supervise(config: Config): void {
  if (config.port === 0) throw new ConfigError(`invalid setting port (${envName('port')}): workers > 1 need a fixed port, got 0`);
  const log = createLogger(config.logLevel, { nodeId: config.nodeId, role: 'supervisor' });
  const children = new Set<ChildProcess>();
  let stopping = false;
  const spawn = (index: number, restarts: number) => {
    const child = fork(process.argv[1], process.argv.slice(2), { env: { ...process.env, [WORKER_ENV]: String(index) } });
    children.add(child);
    child.on('exit', (code, signal) => {
      children.delete(child);
      if (stopping) {
        if (children.size === 0) process.exit(0);
        return;
      }
      const delay = Math.min(100 * 2 ** restarts, 10_000);
      log.error({ worker: index, code, signal, restartInMs: delay }, 'worker exited; restarting');
      setTimeout(() => spawn(index, restarts + 1), delay);
    });
  };
  for (let i = 0; i < config.workers; i++) spawn(i, 0);
  const stop = () => {
    stopping = true;
    for (const child of children) child.kill('SIGTERM');
    if (children.size === 0) process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  log.info({ workers: config.workers, port: config.port }, 'supervising workers');
}

function printWelcome(config: Config, port: number): void {
  if (config.redisShards.length > 0) return;
  const host = config.host === '0.0.0.0' ? 'localhost' : config.host;
  process.stderr.write(`\n  oddsgate embedded demo: open http://${host}:${port}/ to watch live odds (Ctrl-C stops)\n\n`);
}
