import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EdgeFleet } from '../helpers/edge-fleet.js';
import { update } from '../helpers/feeds.js';
import { Haproxy } from '../helpers/haproxy.js';
import { MovingClient } from '../helpers/moving-client.js';
import { OddsClient } from '../helpers/odds-client.js';
import { freePort } from '../helpers/ports.js';

const IDS = ['edge-a', 'edge-b', 'edge-c'] as const;
const EVENT = 'ev-balanced';

/** Connects through the balancer with this sid, reads Welcome, closes: the node HAProxy chose. */
async function landing(url: string, sid: string): Promise<string> {
  const client = await OddsClient.connectUrl(`${url}?sid=${sid}`, { keepUpdates: false });
  try {
    await client.waitFor(() => client.welcomes.length > 0, 'welcome');
    return client.welcomes[0].nodeId;
  } finally {
    await client.close();
  }
}

/**
 * Real HAProxy running deploy/haproxy/haproxy.cfg (the shipped file; only
 * its OG_* environment differs from production) in front of three `serve`
 * nodes: it keeps each session on one node by its sid and spreads sessions
 * over all three; a draining node gets no new session once HAProxy's health
 * check saw its /readyz 503, and its clients, sent back to the balancer by
 * their Drain frames, come back through it to the other nodes.
 */
describe('HAProxy in front of three nodes', () => {
  let fleet: EdgeFleet;
  let haproxy: Haproxy;
  let running = true;
  let publishing: Promise<void> = Promise.resolve();
  const owners = new Map<string, string>();
  const movers: MovingClient[] = [];

  beforeAll(async () => {
    const port = await freePort();
    fleet = await EdgeFleet.create({
      env: {
        ODDSGATE_BALANCER_URL: `ws://127.0.0.1:${port}/v1/ws`,
        ODDSGATE_TRUSTED_PROXIES: '127.0.0.1',
        ODDSGATE_DRAIN_WINDOW_MS: '3000',
        ODDSGATE_DRAIN_WAVE_MS: '100',
        ODDSGATE_DRAIN_GRACE_MS: '20000',
      },
    });
    await Promise.all(IDS.map((id) => fleet.startNode(id)));
    haproxy = await Haproxy.start(port, IDS.map((id) => `127.0.0.1:${fleet.node(id).port}`) as [string, string, string]);
    for (const id of IDS) await haproxy.waitForStatus(id, 'UP');
    await fleet.publisher.publish(update(EVENT, 'm0', 1_500));
    publishing = (async () => {
      for (let i = 0; running; i++) {
        await fleet.publisher.publish(update(EVENT, `m${i % 3}`, 1_500 + (i % 1_000)));
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
  });
  afterAll(async () => {
    running = false;
    await publishing;
    for (const m of movers) m.terminate();
    await haproxy?.stop();
    await fleet?.stop();
  });

  it('lands a session on the same node at every reconnect, and spreads sessions over all three', async () => {
    for (let i = 0; i < 60; i++) {
      const sid = `balanced-${i}`;
      const nodes = new Set<string>();
      for (let k = 0; k < 3; k++) nodes.add(await landing(haproxy.wsUrl, sid));
      expect([...nodes], `${sid} across three reconnects`).toHaveLength(1);
      owners.set(sid, [...nodes][0]);
    }
    const perNode = IDS.map((id) => [...owners.values()].filter((n) => n === id).length);
    expect(perNode.every((n) => n >= 5), `sessions per node ${perNode}`).toBe(true);
  });

  it('sends no new session to a draining node once its health check failed; its clients come back through the balancer to the others', async () => {
    expect(owners.size, 'the first test ran').toBe(60);
    for (const sid of owners.keys()) {
      const mover = await MovingClient.connect({ sid, url: haproxy.wsUrl, route: async () => haproxy.wsUrl, keepUpdates: false });
      movers.push(mover);
      mover.subscribe(EVENT);
      await mover.client.waitFor(() => mover.client.events.has(EVENT), `snapshot for ${sid}`);
    }
    // The balancer keeps every session where it placed it before.
    for (const m of movers) expect(m.nodeId, m.sid).toBe(owners.get(m.sid));
    const victim = IDS.map((id) => ({ id, held: movers.filter((m) => m.nodeId === id).length })).sort((a, b) => b.held - a.held)[0];

    const node = fleet.node(victim.id);
    node.signal('SIGTERM');
    // HAProxy's own check (2 failures of /readyz, 500 ms apart while changing state) marks it down.
    await haproxy.waitForStatus(victim.id, 'DOWN');
    // From then on its sessions land elsewhere, and so does every new one.
    const sticky = [...owners].filter(([, n]) => n === victim.id).map(([sid]) => sid);
    for (const sid of sticky) expect(await landing(haproxy.wsUrl, sid), `${sid}, whose node drains`).not.toBe(victim.id);
    for (let i = 0; i < 30; i++) expect(await landing(haproxy.wsUrl, `fresh-session-${i}`)).not.toBe(victim.id);

    expect(await node.exited).toEqual({ code: 0, signal: null });
    expect(node.summary()).toMatchObject({ clients: victim.held, moved: victim.held, closedAtDeadline: 0 });

    running = false;
    await publishing;
    const last = (await fleet.eventSeqs([EVENT]))[EVENT];
    for (const m of movers) await m.client.waitForSeq(EVENT, last, 20_000);
    const bounced: string[] = [];
    for (const m of movers) {
      expect(m.violations, m.sid).toEqual([]);
      expect(m.client.view(EVENT).replaces, `${m.sid}: resumed with a CONTINUE`).toBe(1);
      if (owners.get(m.sid) !== victim.id) {
        expect(m.moves, `${m.sid} was not on the drained node`).toEqual([]);
        continue;
      }
      // Sent back to the balancer, not to a node, and served by another node through it.
      expect(m.client.drains.map((d) => d.nodeUrl), m.sid).toEqual([haproxy.wsUrl]);
      expect(m.moves, m.sid).toHaveLength(1);
      expect(m.moves[0].reason).toBe('drain');
      expect(m.nodeId, m.sid).not.toBe(victim.id);
      expect(IDS as readonly string[]).toContain(m.nodeId);
      if (m.moves[0].attempts > 1) bounced.push(m.sid);
    }
    // Clients whose reconnect moment came before HAProxy had marked the node down were routed to it
    // and refused (503, Retry-After), then came back through the balancer again: counted, not asserted.
    console.info(`haproxy: ${victim.held} clients moved off ${victim.id}; ${bounced.length} were refused once by the draining node before HAProxy marked it down`);
  });
});
