// npm run bench:metrics-cost — what recording the fan-out path's metrics costs per update.
//
// Runs the exact calls the node makes once per odds update when fanoutMetrics is on
// (UwsFanout.publish: frames published counter + uWS numSubscribers + deliveries counter;
// Hub.entries: Date.now() + fan-out latency histogram), on the real prom-client objects of
// a node's Metrics and a real uWS app, against the same loop without them. Prints ns per
// update and bytes allocated per update (heap growth with a young generation large enough
// that no GC runs during a measured pass: run with --max-semi-space-size=256).
import v8 from 'node:v8';
import uWS from 'uWebSockets.js';
import { Metrics } from '../../dist/src/observability/metrics.js';

const UPDATES = 1_000_000;
const PASSES = 7;
const metrics = new Metrics();
const app = uWS.App();
// numSubscribers/publish crash (segfault) on an app that has no WebSocket route; the node always has one.
app.ws('/v1/ws', {});
const published = metrics.framesPublished.labels('odds');
const deliveries = metrics.deliveries;
const frame = new Uint8Array(60);
const topics = Array.from({ length: 200 }, (_, i) => `o/event-${i}`);
let sink = 0;

function withMetrics(n) {
  for (let i = 0; i < n; i++) {
    const topic = topics[i % 200];
    published.inc();
    const subscribers = app.numSubscribers(topic);
    if (subscribers > 0) deliveries.inc(subscribers);
    app.publish(topic, frame, true);
    metrics.fanoutLatency.observe((Date.now() - 1_700_000_000_000) / 1e12);
  }
}

function without(n) {
  for (let i = 0; i < n; i++) {
    const topic = topics[i % 200];
    app.publish(topic, frame, true);
    sink++;
  }
}

function measure(fn) {
  fn(10_000); // warm up (JIT)
  const times = [];
  const bytes = [];
  for (let p = 0; p < PASSES; p++) {
    const heapBefore = v8.getHeapStatistics().used_heap_size;
    const t0 = process.hrtime.bigint();
    fn(UPDATES);
    const t1 = process.hrtime.bigint();
    bytes.push(Math.max(0, v8.getHeapStatistics().used_heap_size - heapBefore) / UPDATES);
    times.push(Number(t1 - t0) / UPDATES);
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { ns: median(times), bytes: median(bytes) };
}

// uWS publishes only from a running app (its loop), as in the node.
await new Promise((resolve) => app.listen('127.0.0.1', 0, resolve));
const on = measure(withMetrics);
const off = measure(without);
console.log(`per update (median of ${PASSES} passes of ${UPDATES.toLocaleString()}):`);
console.log(`  with metrics     ${on.ns.toFixed(1)} ns, ${on.bytes.toFixed(2)} bytes allocated`);
console.log(`  without metrics  ${off.ns.toFixed(1)} ns, ${off.bytes.toFixed(2)} bytes allocated`);
console.log(`  metrics cost     ${(on.ns - off.ns).toFixed(1)} ns per update (${(on.bytes - off.bytes).toFixed(2)} bytes), nothing per client`);
if (sink < 0) console.log(sink);
process.exit(0);
