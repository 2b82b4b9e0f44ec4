import { expect } from 'vitest';
import type { MarketUpdate, PublishResult } from '../../src/feed/odds-update.js';
import { update, type ReceivedFrame, type StoredMarket } from './feeds.js';
import type { OddsClient } from './odds-client.js';

/**
 * Odds at a steady rate over events x 3 markets, as a trading system keeps
 * publishing through a failover: each tick sends its share without waiting
 * for the last (a failing publish is counted, never retried). Every publish
 * carries a price of its own (1001, 1002, ...), so a client holding a price
 * the store lost is told apart from one holding the store's.
 */
export function publishAtRate(publish: (u: MarketUpdate) => Promise<PublishResult>, events: string[], perSec: number): { stop(): Promise<void>; sent(): number; failed(): number } {
  const tickMs = 10;
  const perTick = Math.max(1, Math.round((perSec * tickMs) / 1000));
  let n = 0;
  let failed = 0;
  const inFlight = new Set<Promise<unknown>>();
  const timer = setInterval(() => {
    for (let i = 0; i < perTick; i++, n++) {
      const sent = publish(update(events[n % events.length], `m${Math.floor(n / events.length) % 3}`, 1_001 + (n % 900_000))).catch(() => void failed++);
      inFlight.add(sent);
      void sent.finally(() => inFlight.delete(sent));
    }
  }, tickMs);
  return {
    async stop() {
      clearInterval(timer);
      await Promise.all(inFlight);
    },
    sent: () => n,
    failed: () => failed,
  };
}

export type StoredEvent = { seq: number; markets: Map<string, StoredMarket> };

/** Waits until the client is live at the store's last seq of every event, then: each market's seq, offset and price are the store's, and its sequence invariant held throughout. */
export async function expectClientOnStore(client: OddsClient, truth: Map<string, StoredEvent>, what: string): Promise<void> {
  const events = [...truth.keys()];
  await client.waitFor(() => events.every((e) => client.events.get(e)?.seq === truth.get(e)!.seq && !client.events.get(e)!.stale), `${what} at the store's last seq, live`, 20_000);
  for (const e of events) {
    const held = [...client.view(e).markets].map(([m, u]) => [m, Number(u.seq), u.offset, u.selections[0].price]).sort();
    const stored = [...truth.get(e)!.markets].map(([m, s]) => [m, s.seq, s.offset, s.price]).sort();
    expect(held, `${what}, ${e}: markets = the store's`).toEqual(stored);
  }
  expect(client.violations, `${what}: sequence invariant`).toEqual([]);
}

/**
 * No silent switch: an update that belongs to the store's history (its seq
 * at that offset in the stream now) never directly follows a frame of a
 * history the store lost; between them there is a REPLACE.
 */
export function expectNoSilentSwitch(frames: ReceivedFrame[], eventId: string, stream: Map<number, { offset: string }>): void {
  const inStore = (seq: number, offset: string) => stream.get(seq)?.offset === offset;
  let last: { seq: number; offset: string } | undefined;
  for (const f of frames) {
    if (f.eventId !== eventId || (f.kind !== 'update' && f.kind !== 'replace')) continue;
    if (f.kind === 'update' && last && inStore(f.seq, f.offset)) {
      expect(inStore(last.seq, last.offset), `${eventId}: update ${f.seq} of the store's history right after ${last.seq} of a lost one, without a REPLACE`).toBe(true);
    }
    last = { seq: f.seq, offset: f.offset };
  }
}
