import { randomBytes } from 'node:crypto';
import { InvalidUpdateError } from '../errors.js';
import { MarketStatus, pb } from '../protocol/wire.js';
import { EVENT_ID, MARKET_ID, SELECTION_ID } from '../protocol/validation.js';

/** What the trading system publishes: the complete state of one market. */
export interface MarketUpdate {
  eventId: string;
  marketId: string;
  status: MarketStatus;
  /** Prices are decimal odds x 1000, integers. */
  selections: Array<{ id: string; price: number }>;
  /** Defaults to now. */
  publishedAtMs?: number;
}

export interface PublishResult {
  epoch: string;
  seq: number;
  offset: string;
}

/** Anything that accepts odds updates: the Redis publisher, the in-process store. */
export interface OddsPublisher {
  publish(update: MarketUpdate): Promise<PublishResult>;
}

const MAX_PRICE = 2 ** 31 - 1;

/** Checks an update and encodes it as the stream payload (an OddsUpdate without seq/offset). */
export function encodeUpdatePayload(update: MarketUpdate): Uint8Array {
  if (!EVENT_ID.test(update.eventId)) throw new InvalidUpdateError(`eventId ${JSON.stringify(update.eventId)} is not 1-64 characters of [A-Za-z0-9_.:-]`);
  if (!MARKET_ID.test(update.marketId)) throw new InvalidUpdateError(`marketId ${JSON.stringify(update.marketId)} is not 1-64 characters of [A-Za-z0-9_.:-]`);
  if (!(update.status in pb.MarketStatus) || update.status === MarketStatus.MARKET_STATUS_UNSPECIFIED) {
    throw new InvalidUpdateError(`status ${update.status} is not OPEN, SUSPENDED or CLOSED`);
  }
  if (update.selections.length === 0 || update.selections.length > 256) throw new InvalidUpdateError('a market needs 1 to 256 selections');
  for (const s of update.selections) {
    if (!SELECTION_ID.test(s.id)) throw new InvalidUpdateError(`selection id ${JSON.stringify(s.id)} is not 1-64 characters of [A-Za-z0-9_.:-]`);
    if (!Number.isInteger(s.price) || s.price < 0 || s.price > MAX_PRICE) {
      throw new InvalidUpdateError(`price ${s.price} of selection ${s.id} is not an integer (decimal odds x 1000) from 0 to ${MAX_PRICE}`);
    }
  }
  return pb.OddsUpdate.encode({
    eventId: update.eventId,
    marketId: update.marketId,
    status: update.status,
    selections: update.selections,
    publishedAtMs: update.publishedAtMs ?? Date.now(),
  }).finish();
}

/** A fresh stream epoch: 16 hex characters, new whenever an event's stream is (re)created. */
export function newEpoch(): string {
  return randomBytes(8).toString('hex');
}
