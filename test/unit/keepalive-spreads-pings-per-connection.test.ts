import { describe, expect, it } from 'vitest';
import { Keepalive, uwsIdleTimeoutSec, type KeptAlive } from '../../src/edge/keepalive.js';

/** A client on an injected clock: records the pings it gets and when it was dropped. */
class Client implements KeptAlive {
  heardAtMs = 0;
  readonly pings: number[] = [];
  closedAtMs: number | undefined;

  constructor(
    private readonly clock: { ms: number },
    private readonly keepalive: Keepalive<Client>,
    /** Answers pings with a pong (the client's WebSocket stack does, unless it is dead). */
    private readonly answers: boolean,
  ) {}

  ping(): void {
    this.pings.push(this.clock.ms);
    if (this.answers) this.keepalive.heard(this);
  }

  closeSilent(): void {
    this.closedAtMs = this.clock.ms;
    this.keepalive.untrack(this); // as EdgeServer's close handler does, inside the tick
  }
}

function setup(idleTimeoutSec: number) {
  const clock = { ms: 1_000_000 };
  const keepalive = new Keepalive<Client>(idleTimeoutSec, () => clock.ms);
  const open = (answers: boolean) => {
    const client = new Client(clock, keepalive, answers);
    keepalive.track(client);
    return client;
  };
  /** Runs the clock forward in tickMs steps, ticking as the edge's timer does. */
  const run = (ms: number, each?: () => void) => {
    for (const end = clock.ms + ms; clock.ms < end; ) {
      clock.ms += keepalive.tickMs;
      each?.();
      keepalive.tick();
    }
  };
  return { clock, keepalive, open, run };
}

describe('Keepalive', () => {
  it('spreads the pings of 50,000 connections opened in the same millisecond over the whole interval, and keeps them spread', () => {
    const { clock, open, run } = setup(120);
    const start = clock.ms;
    const clients = Array.from({ length: 50_000 }, () => open(true));
    run(600_000);

    // Visits every 60 s at each connection's own phase; a client silent for 30 s is pinged. So from the
    // second minute on, every second holds the pings of 1/60 of the clients: no second more than twice that.
    const perSecond = new Map<number, number>();
    for (const c of clients) {
      for (const at of c.pings) {
        const second = Math.floor((at - start) / 1000);
        perSecond.set(second, (perSecond.get(second) ?? 0) + 1);
      }
    }
    const fair = 50_000 / 60;
    for (let second = 60; second < 600; second++) {
      const count = perSecond.get(second) ?? 0;
      expect(count, `pings in second ${second}`).toBeGreaterThanOrEqual(fair / 2);
      expect(count, `pings in second ${second}`).toBeLessThanOrEqual(2 * fair);
    }
    for (const count of perSecond.values()) expect(count).toBeLessThanOrEqual(2 * fair);
    // Clients that answer stay, pinged once per visit.
    for (const c of clients) {
      expect(c.closedAtMs).toBeUndefined();
      expect(c.pings.length).toBeGreaterThanOrEqual(9);
      expect(c.pings.length).toBeLessThanOrEqual(10);
    }
  });

  it('closes a client that never answers once it has been silent for the idle timeout (at most half of it later), after one or two pings', () => {
    const { clock, open, run } = setup(20);
    const start = clock.ms;
    const dead = Array.from({ length: 1_000 }, () => open(false));
    run(60_000);
    for (const c of dead) {
      expect(c.closedAtMs).toBeDefined();
      const silentMs = c.closedAtMs! - start;
      expect(silentMs).toBeGreaterThanOrEqual(20_000);
      expect(silentMs).toBeLessThanOrEqual(30_000);
      expect(c.pings.length).toBeGreaterThanOrEqual(1);
      expect(c.pings.length).toBeLessThanOrEqual(2);
      expect(c.pings[0] - start, 'first ping once silent for a quarter of the timeout').toBeGreaterThanOrEqual(5_000);
      expect(c.closedAtMs! - c.pings.at(-1)!, 'the last ping a whole visit before the close').toBeGreaterThanOrEqual(10_000);
    }
  });

  it('never pings a client that speaks more often than a quarter of the idle timeout, and never closes it', () => {
    const { keepalive, open, run } = setup(20);
    const chatty = Array.from({ length: 100 }, () => open(false));
    let sinceSpoke = 0;
    run(120_000, () => {
      sinceSpoke += keepalive.tickMs;
      if (sinceSpoke < 4_000) return;
      sinceSpoke = 0;
      for (const c of chatty) keepalive.heard(c);
    });
    for (const c of chatty) {
      expect(c.pings).toEqual([]);
      expect(c.closedAtMs).toBeUndefined();
    }
  });

  it('visits each connection once after the loop stalled for many intervals, not once per missed turn', () => {
    const { clock, keepalive, open } = setup(20);
    const clients = Array.from({ length: 1_000 }, () => open(true));
    clock.ms += 10 * 60_000;
    expect(keepalive.tick()).toBe(1_000);
    expect(keepalive.tick(), 'nothing else is due in the same moment').toBe(0);
    for (const c of clients) expect(c.closedAtMs, 'silent through the stall: closed').toBeDefined();
    expect(keepalive.size).toBe(0);
  });

  it('leaves uWS an idle timeout past every close of its own (for the close frame\'s grace), within what uWS accepts', () => {
    expect(uwsIdleTimeoutSec(0), 'keepalive off: uWS off').toBe(0);
    expect(uwsIdleTimeoutSec(2)).toBe(32);
    expect(uwsIdleTimeoutSec(120)).toBe(240);
    expect(uwsIdleTimeoutSec(480)).toBe(960);
    expect(uwsIdleTimeoutSec(481), 'over uWS\'s 960 s: off').toBe(0);
    for (let idle = 1; idle <= 480; idle++) expect(uwsIdleTimeoutSec(idle)).toBeGreaterThan(1.5 * idle);
  });
});
