import { randomBytes } from 'node:crypto';
import { FeedFormatError, InvalidUpdateError } from '../errors.js';
import { MarketStatus, pb, type OddsUpdateMessage } from '../protocol/wire.js';
import { EVENT_ID, MARKET_ID, SELECTION_ID } from '../protocol/validation.js';
import type { EventInfoInput } from './event-info.js';
import type { CheckedUpdate } from './odds-feed.js';

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

export interface InfoResult {
  /** The event's info version this info got (increases per change). */
  version: number;
}

/** Anything that accepts odds updates and display data: the Redis publisher, the in-process store. */
export interface OddsPublisher {
  publish(update: MarketUpdate): Promise<PublishResult>;
  /**
   * Publishes an event's display data (complete, it replaces the previous
   * one) under the next per-event version, in order with the odds: nodes
   * tailing the event hand it to their clients between the same updates.
   * Takes no seq. Rejects with InvalidEventInfoError when it is invalid.
   */
  publishInfo(info: EventInfoInput): Promise<InfoResult>;
}

const MAX_PRICE = 2 ** 31 - 1;

/** The fields an update is checked on, whether it is about to be published or was read back from a store. */
interface UpdateFields {
  eventId?: string | null;
  marketId?: string | null;
  status?: number | null;
  selections?: Array<{ id?: string | null; price?: number | null }> | null;
}

/** What is wrong with an update, or null: the one check shared by publishing and reading back. */
function updateProblem(update: UpdateFields): string | null {
  if (!EVENT_ID.test(update.eventId ?? '')) return `eventId ${JSON.stringify(update.eventId)} is not 1-64 characters of [A-Za-z0-9_.:-]`;
  if (!MARKET_ID.test(update.marketId ?? '')) return `marketId ${JSON.stringify(update.marketId)} is not 1-64 characters of [A-Za-z0-9_.:-]`;
  const status = update.status ?? 0;
  if (!(status in pb.MarketStatus) || status === MarketStatus.MARKET_STATUS_UNSPECIFIED) return `status ${status} is not OPEN, SUSPENDED or CLOSED`;
  const selections = update.selections ?? [];
  if (selections.length === 0 || selections.length > 256) return 'a market needs 1 to 256 selections';
  for (const s of selections) {
    if (!SELECTION_ID.test(s.id ?? '')) return `selection id ${JSON.stringify(s.id)} is not 1-64 characters of [A-Za-z0-9_.:-]`;
    const price = s.price ?? 0;
    if (!Number.isInteger(price) || price < 0 || price > MAX_PRICE) return `price ${price} of selection ${s.id} is not an integer (decimal odds x 1000) from 0 to ${MAX_PRICE}`;
  }
  return null;
}

/** Checks an update and encodes it as the stream payload (an OddsUpdate without seq/offset). */
export function encodeUpdatePayload(update: MarketUpdate): Uint8Array {
  const problem = updateProblem(update);
  if (problem) throw new InvalidUpdateError(problem);
  return pb.OddsUpdate.encode({
    eventId: update.eventId,
    marketId: update.marketId,
    status: update.status,
    selections: update.selections,
    publishedAtMs: update.publishedAtMs ?? Date.now(),
  }).finish();
}

/**
 * Decodes a payload read back from a store (a stream entry or a snapshot
 * market) and checks it as a publisher would have; stamps the position on
 * the decoded update (the last-value cache: bet checks). Anything else,
 * whatever the bytes, is a FeedFormatError.
 *
 * The hub builds frames from the returned payload by appending seq and
 * offset (and prev_seq) to its bytes (src/protocol/odds-frame.ts), so those
 * bytes must not carry fields of their own that only the node stamps: no
 * publisher writes them, and one that does gets its payload re-encoded
 * without them, here, once per read. (A field present with its zero value
 * decodes as absent and stays: the appended field wins over it.)
 */
export function decodeUpdatePayload(payload: Uint8Array, eventId: string, seq: number, offset: string): CheckedUpdate {
  let update: OddsUpdateMessage;
  try {
    update = pb.OddsUpdate.decode(payload);
  } catch (err) {
    throw new FeedFormatError(`undecodable odds payload of ${eventId} at ${offset}: ${(err as Error).message}`);
  }
  const problem = update.eventId === eventId ? updateProblem(update) : `payload of event ${JSON.stringify(update.eventId)} in the stream of ${eventId}`;
  if (problem) throw new FeedFormatError(`invalid odds payload of ${eventId} at ${offset}: ${problem}`);
  const carriesStamp = Object.hasOwn(update, 'seq') || Object.hasOwn(update, 'offset') || Object.hasOwn(update, 'prevSeq');
  update.seq = 0;
  update.offset = '';
  update.prevSeq = 0; // a store holds plain updates; prev_seq belongs to conflated subscriptions only
  const spliceable = carriesStamp ? pb.OddsUpdate.encode(update).finish() : payload;
  update.seq = seq;
  update.offset = offset;
  return { update, payload: spliceable };
}

/** A fresh stream epoch: 16 hex characters, new whenever an event's stream is (re)created. */
export function newEpoch(): string {
  return randomBytes(8).toString('hex');
}
