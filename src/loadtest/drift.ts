import type { TimelinePoint } from './result.js';

/** What changed over a long run after its first (warm-up) phase: the soak's figures. */
export interface Drift {
  /** Seconds the comparison covers: from the second phase's start to the end. */
  fromSec: number;
  /** Nodes' RSS at the end against just after warm-up, in %. */
  rssGrowthPct: number | null;
  /** Median per-second fan-out p99 over the last tenth against the first tenth after warm-up, in %. */
  p99DriftPct: number | null;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? null : sorted[Math.floor(sorted.length / 2)];
};

const change = (first: number | null, last: number | null) => (first === null || last === null || first === 0 ? null : ((last - first) / first) * 100);

/** Drift after warm-up (the first phase), or undefined for a one-phase run. */
export function driftAfterWarmUp(timeline: TimelinePoint[], warmUpEndSec: number | undefined): Drift | undefined {
  if (warmUpEndSec === undefined) return undefined;
  const after = timeline.filter((p) => p.t >= warmUpEndSec);
  const tenth = Math.max(1, Math.floor(after.length / 10));
  const rss = after.filter((p) => p.serverRssMb !== null).map((p) => p.serverRssMb!);
  const p99 = (points: TimelinePoint[]) => median(points.map((p) => p.fanoutP99Ms).filter((v): v is number => v !== null));
  return {
    fromSec: warmUpEndSec,
    rssGrowthPct: change(rss[0] ?? null, rss.at(-1) ?? null),
    p99DriftPct: change(p99(after.slice(0, tenth)), p99(after.slice(-tenth))),
  };
}
