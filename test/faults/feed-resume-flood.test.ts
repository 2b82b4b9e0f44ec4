import { afterEach, describe, expect, it } from 'vitest';
import { fields } from '../../src/config/schema.js';
import type { OddsNode } from '../../src/main.js';
import { LatencyProbe, publishMany, publishSteadily, RedisFeedFixture } from '../helpers/feeds.js';
import WebSocket from 'ws';
import { pb } from '../../src/protocol/wire.js';
import { OddsClient } from '../helpers/odds-client.js';

/**
 * Resume replay is work a client asks of Redis and of the node; hostile or
 * broken clients must not be able to spend it without bound. Several
 * anonymous connections resume, within the documented subscribe limits
 * (burst 200, then 20/s), from bogus offsets and from points far behind,
 * while a bystander watches another event on the same shard.
 */
describe('resume flood (redis)', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('5 connections resuming from bogus offsets and huge gaps at the subscribe limits: shard never stale or unready, bystander p99 < 250 ms with zero violations, XRANGE calls <= resumes + budgeted pages', async () => {
    const fixture = await RedisFeedFixture.create({ streamMaxLen: 100_000 }, 1);
    cleanups.push(() => fixture.stop());
    const redis = fixture.servers[0];
    const hotEvents = ['ev-hot-0', 'ev-hot-1', 'ev-hot-2', 'ev-hot-3', 'ev-hot-4'];
    const admin = redis.client();
    cleanups.push(async () => admin.disconnect());
    const points: Array<{ eventId: string; epoch: string; offset: string }> = [];
    for (const eventId of hotEvents) {
      const { epoch } = await publishMany(fixture, eventId, 10_000, 3);
      const key = `${fixture.keyPrefix}{${eventId}}:stream`;
      const [[oldest]] = (await admin.xrange(key, '-', '+', 'COUNT', 1)) as Array<[string, string[]]>;
      const back = ((await admin.xrevrange(key, '+', '-', 'COUNT', 4_000)) as Array<[string, string[]]>).at(-1)![0];
      // Bogus: before the stream, between two entries, far behind; real: 9,999 back (over maxResumeEntries) and 3,999 back.
      for (const offset of ['1-0', `${oldest.split('-')[0]}-999999`, oldest, back, '1000-5']) points.push({ eventId, epoch, offset });
    }
    await publishMany(fixture, 'ev-by', 3);

    // The shipped defaults, with maxResumeEntries lowered so the oldest points (9,999 back) are over it.
    const budget = {
      maxResumeEntries: 5_000,
      resumeEntriesPerSecPerConnection: fields.resumeEntriesPerSecPerConnection.default,
      resumeEntriesBurstPerConnection: fields.resumeEntriesBurstPerConnection.default,
      resumeEntriesPerSecPerNode: fields.resumeEntriesPerSecPerNode.default,
      resumeEntriesBurstPerNode: fields.resumeEntriesBurstPerNode.default,
      resumePageEntries: fields.resumePageEntries.default,
    };
    const node: OddsNode = await fixture.startNode(budget);
    const bystander = await OddsClient.connect(node.port, { keepUpdates: false });
    cleanups.push(() => bystander.terminate());
    bystander.subscribe('ev-by');
    await bystander.waitFor(() => bystander.events.has('ev-by'), 'bystander snapshot');
    const latency = new LatencyProbe(bystander, 'ev-by');
    const steady = publishSteadily(fixture, 'ev-by', 10);
    cleanups.push(() => steady.stop());
    await bystander.waitFor(() => bystander.updateCount >= 20, 'bystander live');
    latency.samples.length = 0;

    let staleSeen = false;
    let unreachableSeen = false;
    const health = setInterval(() => {
      for (const shard of node.feed.shards()) {
        staleSeen ||= shard.stale;
        unreachableSeen ||= !shard.reachable;
      }
    }, 25);
    cleanups.push(async () => clearInterval(health));
    const readyCodes = new Set<number>();
    const readiness = setInterval(() => {
      fetch(`http://127.0.0.1:${node.port}/readyz`).then(
        (res) => readyCodes.add(res.status),
        () => readyCodes.add(0),
      );
    }, 250);
    cleanups.push(async () => clearInterval(readiness));

    const before = await redis.commandStats('xrange');
    // Attackers do not decode what they get: raw sockets that only count bytes, so the test process spends nothing on them.
    const flooders = await Promise.all(Array.from({ length: 5 }, () => rawSocket(node.port)));
    cleanups.push(async () => flooders.forEach((f) => f.terminate()));
    let resumes = 0;
    let floodBytes = 0;
    for (const f of flooders) f.on('message', (data: Buffer) => (floodBytes += data.length));
    const sent = new Map<WebSocket, number>();
    const resume = (socket: WebSocket) => {
      // Each resume names another event than the one before (replays run side by side instead of superseding
      // each other), and each connection goes through every kind of point.
      const n = sent.get(socket) ?? flooders.indexOf(socket);
      sent.set(socket, n + 1);
      resumes++;
      const { eventId, epoch, offset } = points[(n * 6) % points.length];
      socket.send(pb.ClientFrame.encode({ subscribe: { events: [{ eventId, resume: { epoch, offset } }] } }).finish());
    };
    // The documented limits: a burst of 200, then 20 per second.
    for (const f of flooders) for (let i = 0; i < 200; i++) resume(f);
    const floodMs = 6_000;
    const started = Date.now();
    while (Date.now() - started < floodMs) {
      await new Promise((r) => setTimeout(r, 50));
      for (const f of flooders) resume(f);
    }
    await new Promise((r) => setTimeout(r, 1_000)); // let the last resumes finish
    const after = await redis.commandStats('xrange');
    clearInterval(health);
    clearInterval(readiness);
    const bystanderLast = await steady.stop();
    await bystander.waitForSeq('ev-by', bystanderLast!.seq, 10_000);

    const calls = after.calls - before.calls;
    const p99 = latency.percentile(99);
    const served = Object.fromEntries((await node.metrics.resumes.get()).values.map((v) => [v.labels.served, v.value]));
    if (process.env.FAULT_FIGURES) {
      console.info(
        `resume flood: ${resumes} resumes (${Math.round(floodBytes / 1024)} KiB answered), bystander p50 ${latency.percentile(50)} ms p99 ${p99} ms max ${latency.percentile(100)} ms (${latency.samples.length} samples), ` +
          `XRANGE ${calls} calls ${Math.round((after.usec - before.usec) / 1000)} ms in Redis, stale ${staleSeen}, unreachable ${unreachableSeen}, readyz ${[...readyCodes]}, served ${JSON.stringify(served)}`,
      );
    }

    expect(bystander.violations).toEqual([]);
    expect(bystander.closeCode).toBeUndefined();
    expect(bystander.view('ev-by').stale, 'the bystander never saw its event suspended').toBe(false);
    expect(staleSeen, 'the shard was never stale').toBe(false);
    expect(unreachableSeen, 'the shard was never unreachable').toBe(false);
    expect([...readyCodes], 'readiness unaffected').toEqual([200]);
    expect(p99, 'bystander p99 latency (ms)').toBeLessThan(250);
    // One probe per resume that reaches Redis, plus pages of resumePageEntries within the budgets (the tighter of node and connections).
    const seconds = (Date.now() - started) / 1000;
    const nodeEntries = budget.resumeEntriesBurstPerNode + budget.resumeEntriesPerSecPerNode * seconds;
    const connectionEntries = flooders.length * (budget.resumeEntriesBurstPerConnection + budget.resumeEntriesPerSecPerConnection * seconds);
    const budgetedPages = Math.ceil(Math.min(nodeEntries, connectionEntries) / budget.resumePageEntries) + resumes; // + a short last page each
    expect(calls, 'XRANGE calls').toBeLessThanOrEqual(resumes + budgetedPages);
    expect(served.stream, 'resumes inside the budget are still replayed from the stream').toBeGreaterThan(0);
    expect(served.budget, 'resumes over the budget get a REPLACE').toBeGreaterThan(0);
    expect(served.replace, 'bogus points and gaps over maxResumeEntries get a REPLACE').toBeGreaterThan(0);
  });
});

function rawSocket(port: number): Promise<WebSocket> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/v1/ws`, { perMessageDeflate: false });
  ws.on('error', () => undefined); // the flood's answers are not under test
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}
