#!/usr/bin/env node
// node loadtest/bets/core-cluster.mjs <workers> <oddsgate core-sim flags...>
//
// Several reference-core processes for one jurisdiction behind one port: a
// node:cluster primary forks `oddsgate core-sim` workers, which share the
// listening socket (the primary hands out connections round robin) and one
// Redis store (idempotency records and counters: the flags' --core-redis).
// One core-sim process decides a few hundred bets/s; bench:bets needs
// several per jurisdiction to offer the edge 5,000/s. Run it in its own
// process group: a signal to the group reaches every worker (the bench
// stops the group with SIGSTOP to fake a hung core, SIGCONT to recover it).
import cluster from 'node:cluster';

const [workers, ...flags] = process.argv.slice(2);
const count = Number(workers);
if (!Number.isInteger(count) || count < 1) {
  console.error('usage: core-cluster.mjs <workers> <core-sim flags...>');
  process.exit(2);
}
cluster.setupPrimary({ exec: 'dist/src/cli/oddsgate.js', args: ['core-sim', ...flags] });
let stopping = false;
for (let i = 0; i < count; i++) cluster.fork();
cluster.on('exit', (worker, code, signal) => {
  if (stopping) return;
  console.error(`core-cluster: worker ${worker.process.pid} exited (${signal ?? code}); stopping the cluster`);
  process.exit(1);
});
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.kill('SIGKILL');
    process.exit(0);
  });
}
