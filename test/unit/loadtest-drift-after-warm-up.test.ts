import { describe, expect, it } from 'vitest';
import { driftAfterWarmUp } from '../../src/loadtest/drift.js';
import type { TimelinePoint } from '../../src/loadtest/result.js';

const point = (t: number, rss: number | null, p99: number | null): TimelinePoint => ({
  t,
  phase: t < 10 ? 'warm-up' : 'steady',
  clients: 100,
  connecting: 0,
  deliveriesPerSec: 0,
  publishedPerSec: 0,
  betsPerSec: 0,
  reconnectsPerSec: 0,
  fanoutP50Ms: null,
  fanoutP99Ms: p99,
  betP50Ms: null,
  betP99Ms: null,
  errors: 0,
  serverCpuPct: null,
  serverRssMb: rss,
  eventLoopP99Ms: null,
  driverCpuPct: 0,
});

describe('drift after warm-up (the soak figures)', () => {
  it('compares RSS at the end with just after warm-up, and the median per-second p99 of the last tenth with the first', () => {
    // Warm-up: RSS climbs 100 -> 190 and p99 is high; both are left out.
    const warmUp = Array.from({ length: 10 }, (_, i) => point(i, 100 + i * 10, 500));
    // Steady: RSS 200 -> 209 (+4.5%), p99 10 ms in the first tenth, 12 ms in the last (+20%), one outlier second ignored by the median.
    const steady = Array.from({ length: 100 }, (_, i) => point(10 + i, 200 + Math.floor(i / 11), i < 10 ? (i === 3 ? 90 : 10) : i >= 90 ? 12 : 11));
    const drift = driftAfterWarmUp([...warmUp, ...steady], 10)!;
    expect(drift.fromSec).toBe(10);
    expect(drift.rssGrowthPct).toBeCloseTo(4.5, 5);
    expect(drift.p99DriftPct).toBeCloseTo(20, 5);
  });

  it('is absent for a one-phase run and null where nothing was measured', () => {
    expect(driftAfterWarmUp([point(0, 1, 1)], undefined)).toBeUndefined();
    expect(driftAfterWarmUp([point(10, null, null), point(11, null, null)], 10)).toEqual({ fromSec: 10, rssGrowthPct: null, p99DriftPct: null });
  });
});
