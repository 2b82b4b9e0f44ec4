import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublishResult } from '../../src/feed/odds-update.js';
import { ErrorCode } from '../../src/protocol/wire.js';
import { EdgeFleet } from '../helpers/edge-fleet.js';
import { recordFrames, update, type ReceivedFrame } from '../helpers/feeds.js';
import { OddsClient } from '../helpers/odds-client.js';
import { waitUntil } from '../helpers/ports.js';

const IDS = ['edge-a', 'edge-b', 'edge-c'];
const FEED_STALE_MS = 2_000;

/** Publishes to one event every `everyMs` until stopped; can be paused (waits for the publish in flight). A failed publish (its shard is down) is retried later. */
function publishLoop(fleet: EdgeFleet, eventId: string, everyMs: number) {
  let running = true;
  let paused = false;
  let last: PublishResult | undefined;
  let inFlight: Promise<unknown> = Promise.resolve();
  const loop = (async () => {
    for (let i = 0; running; i++) {
      if (!paused) {
        const publish = fleet.publisher.publish(update(eventId, `m${i % 3}`, 1_500 + (i % 1_000)));
        inFlight = publish.catch(() => undefined);
        try {
          last = await publish;
        } catch {
          // Its shard is down: publish again later.
        }
      }
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    eventId,
    last: () => last,
    async pause() {
      paused = true;
      await inFlight;
    },
    resume() {
      paused = false;
    },
    async stop() {
      running = false;
      await loop;
    },
  };
}

/**
 * One of three Redis shards down under a fleet of three `serve` nodes:
 * every node stays ready (/readyz 200, its JSON naming the shard
 * unreachable), that shard's events go stale to their clients and cannot be
 * newly subscribed (FEED_UNAVAILABLE), the other shards' events stream on;
 * when the shard comes back (restarted from its RDB file, so with the data it
 * had), every client continues exactly where it was: no REPLACE, no gap.
 */
describe('a shard down under a fleet', () => {
  let fleet: EdgeFleet;
  const clients: OddsClient[] = [];
  let loops: Array<ReturnType<typeof publishLoop>> = [];

  beforeAll(async () => {
    fleet = await EdgeFleet.create({ persistent: true, env: { ODDSGATE_FEED_STALE_MS: String(FEED_STALE_MS) } });
    await Promise.all(IDS.map((id) => fleet.startNode(id)));
    await fleet.waitForRing(IDS);
  });
  afterAll(async () => {
    await Promise.all(loops.map((l) => l.stop()));
    await Promise.all(clients.map((c) => c.terminate()));
    await fleet?.stop();
  });

  it('keeps every node ready, marks only that shard\'s events stale, and continues them gap-free when it returns', async () => {
    // Two events on each shard; the victim is not shard-0 (membership lives there: that is another test's story).
    const byShard = new Map<string, string[]>();
    for (let i = 0; byShard.size < 3 || [...byShard.values()].some((e) => e.length < 3); i++) {
      const eventId = `ev-${i}`;
      const shard = fleet.publisher.shardFor(eventId);
      const list = byShard.get(shard) ?? [];
      if (list.length < 3) byShard.set(shard, [...list, eventId]);
    }
    const victim = 'shard-2';
    // The third event of the victim is written once and watched by nobody until the shard is down.
    const [unwatched] = byShard.get(victim)!.splice(2, 1);
    for (const [shard, list] of byShard) if (shard !== victim) list.splice(2, 1);
    await fleet.publisher.publish(update(unwatched, 'm0', 1_500));
    const victimEvents = byShard.get(victim)!;
    const otherEvents = [...byShard].filter(([shard]) => shard !== victim).flatMap(([, events]) => events);
    const events = [...victimEvents, ...otherEvents];
    for (const eventId of events) await fleet.publisher.publish(update(eventId, 'm0', 1_500));
    loops = events.map((eventId) => publishLoop(fleet, eventId, 50));

    // A client per event per node, each one's frames recorded.
    const watchers: Array<{ node: string; eventId: string; client: OddsClient; frames: ReceivedFrame[] }> = [];
    for (const node of IDS) {
      for (const eventId of events) {
        const client = await OddsClient.connectUrl(`${fleet.node(node).wsUrl}?sid=${node}-${eventId}-watcher`, { keepUpdates: false });
        clients.push(client);
        const frames = recordFrames(client);
        client.subscribe(eventId);
        await client.waitFor(() => client.events.has(eventId), `snapshot of ${eventId} on ${node}`);
        watchers.push({ node, eventId, client, frames });
      }
    }
    const seqs = () => watchers.map((w) => w.client.view(w.eventId).seq);
    const at = seqs();
    await waitUntil(() => seqs().every((s, i) => s >= at[i] + 5), 20_000, 'updates on every event');

    // The victim's events stop being written, it saves its data, and dies.
    await Promise.all(loops.filter((l) => victimEvents.includes(l.eventId)).map((l) => l.pause()));
    const saved = await fleet.redis[2].snapshot();
    const lastBefore = new Map(victimEvents.map((e) => [e, loops.find((l) => l.eventId === e)!.last()!.seq]));
    await fleet.redis[2].stop();
    for (const l of loops) if (victimEvents.includes(l.eventId)) l.resume(); // the trading system keeps trying

    // Every node stays ready and names the dead shard.
    await waitUntil(
      async () => {
        const ready = await Promise.all(IDS.map((id) => fleet.node(id).readyz()));
        return ready.every((r) => r.status === 200 && r.body?.ready === true && r.body.shards.find((s) => s.name === victim)?.reachable === false);
      },
      FEED_STALE_MS + 15_000,
      `every node ready, reporting ${victim} unreachable`,
    );
    for (const id of IDS) {
      const r = await fleet.node(id).readyz();
      expect(r.status, `${id} /readyz`).toBe(200);
      expect(r.body!.shards.map((s) => [s.name, s.reachable]).sort()).toEqual([['shard-0', true], ['shard-1', true], ['shard-2', false]]);
    }
    // Its events go stale to their clients, on every node.
    for (const w of watchers.filter((w) => victimEvents.includes(w.eventId))) {
      await w.client.waitFor(() => w.client.view(w.eventId).stale, `${w.eventId} stale on ${w.node}`, FEED_STALE_MS + 15_000);
    }
    // The others stream on meanwhile.
    const others = watchers.filter((w) => otherEvents.includes(w.eventId));
    const othersAt = others.map((w) => w.client.view(w.eventId).seq);
    await waitUntil(() => others.every((w, i) => w.client.view(w.eventId).seq >= othersAt[i] + 10), 20_000, 'the other shards\' events streaming while one shard is down');
    for (const w of others) expect(w.client.view(w.eventId).stale, `${w.eventId} on ${w.node}`).toBe(false);
    // A new subscription to a dead shard's event the node does not hold is refused for now (FEED_UNAVAILABLE:
    // retry with backoff); one it holds is served its last state, marked stale; a live shard's event as usual.
    const late = await OddsClient.connectUrl(`${fleet.node('edge-b').wsUrl}?sid=late-subscriber`);
    clients.push(late);
    late.subscribe(unwatched, victimEvents[0], otherEvents[0]);
    await late.waitFor(() => late.errors.length > 0 && late.events.has(otherEvents[0]) && late.events.get(victimEvents[0])?.stale === true, 'a refusal, a stale snapshot and a live one');
    expect(late.errors.map((e) => [e.eventId, e.code])).toEqual([[unwatched, ErrorCode.ERROR_CODE_FEED_UNAVAILABLE]]);
    expect(late.view(otherEvents[0]).stale).toBe(false);

    // The shard comes back with the data it saved; the publisher writes to it again.
    await fleet.redis[2].restartFrom(saved);
    for (const w of watchers.filter((w) => victimEvents.includes(w.eventId))) {
      await w.client.waitFor(() => !w.client.view(w.eventId).stale && w.client.view(w.eventId).seq > lastBefore.get(w.eventId)! + 3, `${w.eventId} live again on ${w.node}`, 30_000);
    }

    // Everything published reaches everyone, and every client continued where it was.
    await Promise.all(loops.map((l) => l.stop()));
    loops = [];
    const last = await fleet.eventSeqs(events);
    for (const w of watchers) await w.client.waitForSeq(w.eventId, last[w.eventId], 20_000);
    for (const w of watchers) {
      expect(w.client.violations, `${w.eventId} on ${w.node}`).toEqual([]);
      const view = w.client.view(w.eventId);
      const around = w.frames.findIndex((f, i) => i > 0 && f.kind === 'replace');
      const context = JSON.stringify(w.frames.slice(Math.max(0, around - 4), around + 3).map((f) => `${f.kind} ${f.seq}`));
      expect([view.replaces, view.snapshots], `${w.eventId} (${fleet.publisher.shardFor(w.eventId)}) on ${w.node}: only the first snapshot, never a REPLACE; ${context}, last before the outage ${lastBefore.get(w.eventId)}; ${w.node} warned: ${JSON.stringify(fleet.node(w.node).logs.filter((l) => Number(l.level) >= 40).map((l) => l.msg))}`).toEqual([1, 1]);
      expect(view.stale).toBe(false);
    }
    for (const w of watchers.filter((w) => victimEvents.includes(w.eventId))) {
      // Stale, then live again; the update after the outage is the one after the last before it.
      const kinds = w.frames.map((f) => f.kind);
      const staleAt = kinds.indexOf('stale');
      expect(staleAt, `${w.eventId} on ${w.node} went stale`).toBeGreaterThan(-1);
      expect(kinds.indexOf('live', staleAt), `${w.eventId} on ${w.node} went live again`).toBeGreaterThan(staleAt);
      const firstAfter = w.frames.slice(staleAt).find((f) => f.kind === 'update');
      expect(firstAfter?.seq, `${w.eventId} on ${w.node}: first update after the outage`).toBe(lastBefore.get(w.eventId)! + 1);
    }
  });
});
