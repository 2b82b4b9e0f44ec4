/** What the load test reads from one node's Prometheus text (admin /metrics). */
export interface NodeSample {
  at: number;
  cpuSeconds: number;
  rssBytes: number;
  eventLoopP99Seconds: number;
  budgetViolations: number;
}

/** The value of an unlabelled metric, or the sum of a labelled one's samples (NaN when absent). */
export function metricValue(text: string, name: string): number {
  let sum = Number.NaN;
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const rest = line.slice(name.length);
    if (rest[0] !== ' ' && rest[0] !== '{') continue;
    const value = Number(line.slice(line.lastIndexOf(' ') + 1));
    if (Number.isFinite(value)) sum = (Number.isNaN(sum) ? 0 : sum) + value;
  }
  return sum;
}

export function parseNodeSample(text: string, at: number): NodeSample {
  return {
    at,
    cpuSeconds: metricValue(text, 'process_cpu_seconds_total'),
    rssBytes: metricValue(text, 'process_resident_memory_bytes'),
    eventLoopP99Seconds: metricValue(text, 'nodejs_eventloop_lag_p99_seconds'),
    budgetViolations: metricValue(text, 'oddsgate_bet_budget_violations_total'),
  };
}

/**
 * Scrapes every node's /metrics once a second (a scrape that has not
 * answered in 900 ms is skipped, never queued) and keeps the last two
 * samples per URL: server CPU (% of a core, summed over nodes), RSS (summed),
 * event-loop delay p99 (the worst node) now, and budget violations so far.
 */
export class NodeMetrics {
  private readonly last = new Map<string, { prev?: NodeSample; cur?: NodeSample; busy: boolean }>();

  constructor(
    private urls: () => string[],
    private readonly token: string,
  ) {}

  scrape(): void {
    for (const url of this.urls()) {
      const state = this.last.get(url) ?? { busy: false };
      this.last.set(url, state);
      if (state.busy) continue;
      state.busy = true;
      fetch(url, { headers: this.token ? { authorization: `Bearer ${this.token}` } : {}, signal: AbortSignal.timeout(900) })
        .then(async (res) => {
          if (!res.ok) return;
          const sample = parseNodeSample(await res.text(), performance.now());
          state.prev = state.cur;
          state.cur = sample;
        })
        .catch(() => undefined)
        .finally(() => (state.busy = false));
    }
  }

  /** The nodes' figures now; undefined fields when no node exposes them. */
  current(): { cpuPct?: number; rssMb?: number; eventLoopP99Ms?: number } {
    let cpu = 0;
    let rss = 0;
    let loop = 0;
    let seen = false;
    let cpuSeen = false;
    const live = new Set(this.urls());
    for (const [url, { prev, cur }] of this.last) {
      if (!cur || !live.has(url)) continue;
      seen = true;
      if (Number.isFinite(cur.rssBytes)) rss += cur.rssBytes;
      if (Number.isFinite(cur.eventLoopP99Seconds)) loop = Math.max(loop, cur.eventLoopP99Seconds);
      if (prev && cur.at > prev.at && Number.isFinite(cur.cpuSeconds)) {
        cpu += ((cur.cpuSeconds - prev.cpuSeconds) / ((cur.at - prev.at) / 1000)) * 100;
        cpuSeen = true;
      }
    }
    if (!seen) return {};
    return { cpuPct: cpuSeen ? cpu : undefined, rssMb: rss / 1_048_576, eventLoopP99Ms: loop * 1000 };
  }

  /** Budget violations over every node ever scraped (a drained node's last sample counts). */
  budgetViolations(): number | undefined {
    let sum: number | undefined;
    for (const { cur } of this.last.values()) if (cur && Number.isFinite(cur.budgetViolations)) sum = (sum ?? 0) + cur.budgetViolations;
    return sum;
  }
}
