import type { Config } from '../config/schema.js';
import { runNode } from '../process/node-process.js';
import { supervise, WORKER_ENV } from '../process/supervisor.js';

/**
 * `oddsgate serve`: one edge node. With workers > 1 this process supervises
 * that many worker processes on the same port (src/process/supervisor.ts);
 * each holds up to the open-files limit of sockets and uses one core.
 */
export async function serve(config: Config): Promise<void> {
  const workerIndex = process.env[WORKER_ENV];
  if (config.workers > 1 && workerIndex === undefined) return supervise(config);
  const node = await runNode(config, workerIndex === undefined ? undefined : Number(workerIndex));
  if (workerIndex === undefined) printWelcome(config, node.port);
}

function printWelcome(config: Config, port: number): void {
  if (config.redisShards.length > 0 || config.redisCluster.length > 0) return;
  const host = config.host === '0.0.0.0' ? 'localhost' : config.host;
  process.stderr.write(`\n  oddsgate embedded demo: open http://${host}:${port}/ to watch live odds (Ctrl-C stops)\n\n`);
}
