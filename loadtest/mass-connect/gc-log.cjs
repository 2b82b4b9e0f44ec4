// Preloaded into the node by bench:mass-connect --gc-log (NODE_OPTIONS=--require, so into every
// worker too): each garbage collection's kind, wall-clock start (ms) and pause (ms), one line each,
// to $MASS_CONNECT_GC_DIR/<role>-<pid>.log (role: w<index> for a worker, primary otherwise).
// run.mjs lines them up with its seconds (a second's endedAt) after the run.
const { PerformanceObserver, performance, constants } = require('node:perf_hooks');
const { openSync, writeSync } = require('node:fs');
const { join } = require('node:path');

const KINDS = {
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'mark-compact',
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'scavenge',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weak-callbacks',
};
const worker = process.env.ODDSGATE_WORKER_INDEX;
const fd = openSync(join(process.env.MASS_CONNECT_GC_DIR, `${worker === undefined ? 'primary' : `w${worker}`}-${process.pid}.log`), 'a');
new PerformanceObserver((list) => {
  let lines = '';
  for (const e of list.getEntries()) lines += `${KINDS[e.detail.kind] ?? e.detail.kind} ${(performance.timeOrigin + e.startTime).toFixed(1)} ${e.duration.toFixed(2)}\n`;
  writeSync(fd, lines);
}).observe({ entryTypes: ['gc'] });
