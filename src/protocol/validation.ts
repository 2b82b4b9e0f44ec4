/** Shapes of identifiers on the wire and in Redis keys. */
export const EVENT_ID = /^[A-Za-z0-9_.:-]{1,64}$/;
export const MARKET_ID = /^[A-Za-z0-9_.:-]{1,64}$/;
export const SELECTION_ID = /^[A-Za-z0-9_.:-]{1,64}$/;
export const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,64}$/;
export const CURRENCY = /^[A-Z]{3}$/;
export const EPOCH = /^[A-Za-z0-9]{1,64}$/;
/** A Redis stream id: milliseconds-sequence. */
export const OFFSET = /^\d{1,20}-\d{1,20}$/;

/** Compares two stream offsets (ms-seq); negative when a < b. */
export function compareOffsets(a: string, b: string): number {
  if (a === b) return 0;
  if (a === '') return -1;
  if (b === '') return 1;
  const da = a.indexOf('-');
  const db = b.indexOf('-');
  const ma = BigInt(a.slice(0, da));
  const mb = BigInt(b.slice(0, db));
  if (ma !== mb) return ma < mb ? -1 : 1;
  const sa = BigInt(a.slice(da + 1));
  const sb = BigInt(b.slice(db + 1));
  return sa === sb ? 0 : sa < sb ? -1 : 1;
}
