import { setTimeout as sleep } from 'node:timers/promises';
import type { NodeStatus } from '../admin/node-control.js';
import type { commands } from '../config/commands.js';
import type { FieldValues } from '../config/field.js';
import type { Config } from '../config/schema.js';
import { ConfigError } from '../errors.js';
import { AdminClient, AdminUnreachableError } from './admin-client.js';
import { drainReporter } from './drain-progress.js';

type DrainOptions = FieldValues<(typeof commands)['drain']['options']>;

/**
 * `oddsgate drain <admin-url>`: starts the node's drain (POST /admin/drain)
 * and follows it (GET /admin/status) until the node reports it drained or
 * stops answering (a drained node exits), then prints one summary line.
 * A refused token or an unreachable node: one line, exit 2.
 */
export async function drainCommand(config: Config, o: DrainOptions, adminUrl: string): Promise<void> {
  if (config.adminToken === '') throw new ConfigError('oddsgate drain needs the node\'s admin token: set adminToken (--admin-token or ODDSGATE_ADMIN_TOKEN)');
  const client = new AdminClient(adminUrl, config.adminToken);
  const startedAt = Date.now();
  let status = await client.drain();
  let exited = false;
  const reporter = drainReporter(process.stdout);
  // Right after the request the node may not have counted its clients yet (drain state still 'active').
  const report = (s: NodeStatus) => s.drain.state !== 'active' && reporter.update(s);
  try {
    report(status);
    while (status.state !== 'drained') {
      await sleep(o.pollMs);
      try {
        status = await client.status();
      } catch (err) {
        // A draining node exits once it is empty: a refused connection is the end of the drain.
        if (err instanceof AdminUnreachableError && err.gone) {
          exited = true;
          break;
        }
        throw err;
      }
      report(status);
    }
  } finally {
    reporter.stop();
  }
  process.stdout.write(summary(status, exited, Date.now() - startedAt) + '\n');
}

function summary(s: NodeStatus, exited: boolean, elapsedMs: number): string {
  const d = s.drain;
  const line = `drained ${s.nodeId}: ${d.clients} clients, ${d.moved} moved, ${d.closedAtDeadline} closed at the deadline, in ${(elapsedMs / 1000).toFixed(1)} s`;
  return exited ? `${line} (the node exited; counts from its last status${d.remaining > 0 ? `, when ${d.remaining} were still open` : ''})` : line;
}
