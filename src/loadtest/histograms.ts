import * as hdr from 'hdr-histogram-js';

/** A latency histogram in microseconds, 1 µs to 2 minutes, 3 significant digits. */
export function latencyHistogram(): hdr.Histogram {
  return hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 120_000_000, numberOfSignificantValueDigits: 3 });
}

/** Adds [µs, count] buckets (the native client's) to each histogram. */
export function recordBuckets(buckets: ReadonlyArray<readonly [number, number]>, ...into: hdr.Histogram[]): void {
  for (const [us, count] of buckets) for (const h of into) h.recordValueWithCount(Math.min(120_000_000, Math.max(1, us)), count);
}

/** Adds single values in µs (the bettor pool's round trips) to each histogram. */
export function recordValues(values: readonly number[], ...into: hdr.Histogram[]): void {
  for (const us of values) for (const h of into) h.recordValue(Math.min(120_000_000, Math.max(1, us)));
}

/** Percentiles in milliseconds (null when nothing was recorded). */
export interface Percentiles {
  count: number;
  p50: number | null;
  p90: number | null;
  p99: number | null;
  p999: number | null;
  max: number | null;
}

export function percentiles(h: hdr.Histogram): Percentiles {
  const at = (q: number) => (h.totalCount > 0 ? Math.round(h.getValueAtPercentile(q)) / 1000 : null);
  return { count: h.totalCount, p50: at(50), p90: at(90), p99: at(99), p999: at(99.9), max: h.totalCount > 0 ? h.maxValue / 1000 : null };
}
