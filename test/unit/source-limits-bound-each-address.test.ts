import { describe, expect, it } from 'vitest';
import { SourceLimits } from '../../src/edge/source-limits.js';

function limits(options: Partial<ConstructorParameters<typeof SourceLimits>[0]> = {}) {
  let now = 1_000;
  const clock = { advance: (ms: number) => (now += ms) };
  const l = new SourceLimits({ maxConnectionsPerSource: 3, upgradeRatePerSource: 10, upgradeBurstPerSource: 5, trustedProxies: [], ...options }, () => now);
  return { l, clock };
}

describe('SourceLimits', () => {
  it('refuses a source at maxConnectionsPerSource open connections, and admits it again when one closes', () => {
    const { l } = limits();
    for (let i = 0; i < 3; i++) {
      expect(l.admit('10.0.0.1')).toBe('ok');
      l.opened('10.0.0.1');
    }
    expect(l.admit('10.0.0.1')).toBe('too_many_connections');
    expect(l.admit('10.0.0.2'), 'another address is not affected').toBe('ok');
    l.closed('10.0.0.1');
    expect(l.admit('10.0.0.1')).toBe('ok');
  });

  it('bounds upgrades per second per source: a burst, then the sustained rate (injected clock)', () => {
    const { l, clock } = limits({ maxConnectionsPerSource: 0 });
    const admitted = Array.from({ length: 8 }, () => l.admit('10.0.0.1')).filter((v) => v === 'ok').length;
    expect(admitted).toBe(5);
    expect(l.admit('10.0.0.1')).toBe('too_many_upgrades');
    clock.advance(100); // 1 token at 10/s
    expect(l.admit('10.0.0.1')).toBe('ok');
    expect(l.admit('10.0.0.1')).toBe('too_many_upgrades');
  });

  it('charges Auth-frame signature checks to the same upgrade budget', () => {
    const { l } = limits({ maxConnectionsPerSource: 0 });
    for (let i = 0; i < 5; i++) expect(l.takeUpgrade('10.0.0.1')).toBe(true);
    expect(l.takeUpgrade('10.0.0.1')).toBe(false);
    expect(l.admit('10.0.0.1')).toBe('too_many_upgrades');
  });

  it('counts the client behind a trusted proxy by the last X-Forwarded-For hop; an untrusted peer by itself', () => {
    const { l } = limits({ trustedProxies: ['10.1.1.1'] });
    expect(l.sourceOf('10.1.1.1', '203.0.113.9, 198.51.100.7')).toBe('198.51.100.7');
    expect(l.sourceOf('10.1.1.1', '')).toBe('10.1.1.1');
    expect(l.sourceOf('192.0.2.5', '198.51.100.7'), 'a client cannot pick its own source').toBe('192.0.2.5');
  });

  it('forgets idle sources once their budget refilled, never one with open connections', () => {
    const { l, clock } = limits();
    l.admit('10.0.0.1');
    l.opened('10.0.0.1');
    l.admit('10.0.0.2');
    clock.advance(10_000);
    l.sweep();
    expect(l.size).toBe(1);
    l.closed('10.0.0.1');
    l.sweep();
    expect(l.size).toBe(0);
  });
});
