import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SessionDrainer, type DrainableSession } from '../../src/routing/drain.js';

class FakeSession implements DrainableSession {
  open = true;
  drain: { successor: { id: string; url: string } | null; reconnectAtMs: number; deadlineMs: number; sentAt: number } | undefined;
  closedDrained = false;

  constructor(
    readonly sid: string,
    private readonly onClose: () => void,
  ) {}

  sendDrain(successor: { id: string; url: string } | null, reconnectAtMs: number, deadlineMs: number): void {
    this.drain = { successor, reconnectAtMs, deadlineMs, sentAt: Date.now() };
  }

  closeDrained(): void {
    this.closedDrained = true;
    this.close();
  }

  close(): void {
    if (!this.open) return;
    this.open = false;
    this.onClose();
  }
}

describe('SessionDrainer', () => {
  beforeEach(() => vi.useFakeTimers({ now: 1_700_000_000_000 }));
  afterEach(() => vi.useRealTimers());

  function setup(count: number, successor: (sid: string) => { id: string; url: string } | undefined = (sid) => ({ id: `n-${sid.length % 2}`, url: 'ws://x' })) {
    const sessions: FakeSession[] = [];
    const drainer: SessionDrainer<FakeSession> = new SessionDrainer(
      { startDelayMs: 0, windowMs: 1_000, graceMs: 500, waveMs: 100 },
      { sessions: () => sessions.filter((s) => s.open), successor, now: () => Date.now(), random: Math.random },
    );
    for (let i = 0; i < count; i++) {
      const session: FakeSession = new FakeSession(`sid-${i}`, () => drainer.closed(session));
      sessions.push(session);
    }
    return { sessions, drainer };
  }

  it('sends Drain frames in even waves over the window, each reconnect moment inside its wave', async () => {
    const { sessions, drainer } = setup(1_000);
    const start = Date.now();
    void drainer.start();
    const perWave: number[] = [];
    for (let wave = 0; wave < 10; wave++) {
      perWave.push(sessions.filter((s) => s.drain && s.drain.sentAt === start + wave * 100).length);
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(perWave).toEqual(Array(10).fill(100));
    for (const s of sessions) {
      expect(s.drain!.reconnectAtMs).toBeGreaterThanOrEqual(s.drain!.sentAt);
      expect(s.drain!.reconnectAtMs).toBeLessThan(s.drain!.sentAt + 100);
      expect(s.drain!.deadlineMs).toBe(start + 1_500);
    }
  });

  it('counts clients that leave as moved, closes stragglers with their bets answered at the deadline, then resolves', async () => {
    const { sessions, drainer } = setup(10);
    const done = drainer.start();
    await vi.advanceTimersByTimeAsync(1_000);
    for (const s of sessions.slice(0, 7)) s.close(); // these moved
    expect(drainer.progress()).toMatchObject({ state: 'draining', clients: 10, notified: 10, remaining: 3, moved: 7 });
    await vi.advanceTimersByTimeAsync(500);
    const summary = await done;
    expect(summary).toMatchObject({ state: 'drained', clients: 10, moved: 7, closedAtDeadline: 3, remaining: 0 });
    expect(sessions.filter((s) => s.closedDrained).map((s) => s.sid)).toEqual(['sid-7', 'sid-8', 'sid-9']);
  });

  it('finishes as soon as the last client left, without waiting for the deadline', async () => {
    const { sessions, drainer } = setup(3);
    const done = drainer.start();
    for (const s of sessions) s.close();
    expect(await done).toMatchObject({ state: 'drained', moved: 3, closedAtDeadline: 0 });
  });

  it('names no successor when no other node is active, and a drain with no clients ends at once', async () => {
    const { sessions, drainer } = setup(2, () => undefined);
    void drainer.start();
    await vi.advanceTimersByTimeAsync(100); // one per wave
    expect(sessions.map((s) => s.drain!.successor)).toEqual([null, null]);
    expect(await setup(0).drainer.start()).toMatchObject({ state: 'drained', clients: 0 });
  });

  it('waits startDelayMs before the first Drain frame (a balancer takes the node out first), and the deadline moves with it', async () => {
    const sessions: FakeSession[] = [];
    const drainer: SessionDrainer<FakeSession> = new SessionDrainer(
      { startDelayMs: 3_000, windowMs: 1_000, graceMs: 500, waveMs: 100 },
      { sessions: () => sessions, successor: () => ({ id: 'b', url: 'ws://b' }), now: () => Date.now(), random: Math.random },
    );
    for (let i = 0; i < 20; i++) {
      const session: FakeSession = new FakeSession(`sid-${i}`, () => drainer.closed(session));
      sessions.push(session);
    }
    const start = Date.now();
    const done = drainer.start();
    await vi.advanceTimersByTimeAsync(2_999);
    expect(sessions.filter((s) => s.drain)).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1_001);
    expect(sessions.filter((s) => s.drain)).toHaveLength(20);
    expect(sessions[0].drain!.deadlineMs).toBe(start + 4_500);
    await vi.advanceTimersByTimeAsync(500);
    expect(await done).toMatchObject({ state: 'drained', closedAtDeadline: 20 });
  });

  it('cuts short on demand: every remaining client closed at once', async () => {
    const { sessions, drainer } = setup(500);
    const done = drainer.start();
    await vi.advanceTimersByTimeAsync(100);
    drainer.cutShort();
    expect(await done).toMatchObject({ state: 'drained', closedAtDeadline: 500 });
    expect(sessions.filter((s) => s.drain).length).toBe(100);
  });
});
