import { expect } from 'vitest';
import type { OddsClient } from './odds-client.js';

/**
 * After a test: every client kept the stream invariant (no silent gap);
 * then all are closed and the list emptied. (Apart from odds-client.ts,
 * which the client-fleet processes load outside vitest.)
 */
export async function closeChecked(clients: OddsClient[]): Promise<void> {
  for (const c of clients) expect(c.violations, 'stream invariant violations').toEqual([]);
  await Promise.all(clients.splice(0).map((c) => c.terminate()));
}
