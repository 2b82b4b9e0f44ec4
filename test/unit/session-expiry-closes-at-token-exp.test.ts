import { describe, expect, it } from 'vitest';
import { SessionExpiry } from '../../src/edge/session-expiry.js';

class FakeSession {
  open = true;
  expired = 0;
  expire(): void {
    this.expired++;
    this.open = false;
  }
}

describe('SessionExpiry', () => {
  it('expires a session at the first tick at or after its expiry, never before', () => {
    let now = 1_700_000_000_000;
    const expiry = new SessionExpiry<FakeSession>(() => now);
    const s = new FakeSession();
    expiry.track(s, now + 2_500);
    now += 2_499;
    expect(expiry.tick()).toBe(0);
    now += 1; // exactly at expiry: still inside its second bucket
    expiry.tick();
    now += 500;
    expect(expiry.tick()).toBe(1);
    expect(s.expired).toBe(1);
    expect(expiry.size).toBe(0);
  });

  it('forgets untracked (closed) sessions and skips ones already closed', () => {
    let now = 0;
    const expiry = new SessionExpiry<FakeSession>(() => now);
    const a = new FakeSession();
    const b = new FakeSession();
    expiry.track(a, 1_000);
    expiry.track(b, 1_000);
    expiry.untrack(a);
    b.open = false;
    now = 5_000;
    expect(expiry.tick()).toBe(0);
    expect(a.expired + b.expired).toBe(0);
    expect(expiry.size).toBe(0);
  });

  it('re-tracking moves a session to its new expiry', () => {
    let now = 0;
    const expiry = new SessionExpiry<FakeSession>(() => now);
    const s = new FakeSession();
    expiry.track(s, 1_000);
    expiry.track(s, 60_000);
    now = 2_000;
    expect(expiry.tick()).toBe(0);
    now = 60_000;
    expect(expiry.tick()).toBe(1);
  });
});
