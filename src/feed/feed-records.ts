import { EventInfoFormatError, FeedFormatError } from '../errors.js';
import { compareOffsets, EPOCH, OFFSET } from '../protocol/validation.js';
import { decodeInfoPayload } from './event-info.js';
import type { EventSnapshot, FeedInfoEntry, StreamRecord } from './odds-feed.js';
import { decodeUpdatePayload } from './odds-update.js';

/** A stream entry as a store holds it: position and the published payload, not yet trusted. */
export interface RawEntry {
  epoch: string;
  seq: number;
  offset: string;
  payload: Uint8Array;
}

/** One market of a stored snapshot: its last payload and that update's position. */
export interface RawMarket {
  marketId: string;
  payload: Uint8Array;
  seq: number;
  offset: string;
}

/** Display data as a store holds it: the payload and the version the store gave it. */
export interface RawInfo {
  payload: Uint8Array;
  version: number;
}

/** An info entry of a stream: at the event's seq when it was written (it takes none). */
export interface RawInfoEntry extends RawInfo {
  epoch: string;
  seq: number;
  offset: string;
}

/** What a stream holds: odds entries and, between them, info entries. */
export type RawRecord = RawEntry | RawInfoEntry;

export interface RawSnapshot {
  eventId: string;
  epoch: string;
  seq: number;
  offset: string;
  markets: RawMarket[];
  info: RawInfo | undefined;
}

/** Checks a stored entry's position and decodes its payload; a FeedFormatError (EventInfoFormatError for an info entry) for anything else. */
export function decodeEntry(eventId: string, raw: RawRecord): StreamRecord {
  if ('version' in raw) return decodeInfoEntry(eventId, raw);
  checkPosition(`entry of ${eventId}`, raw.epoch, raw.seq, raw.offset);
  const { update, payload } = decodeUpdatePayload(raw.payload, eventId, raw.seq, raw.offset);
  return { epoch: raw.epoch, seq: raw.seq, offset: raw.offset, update, payload };
}

function decodeInfoEntry(eventId: string, raw: RawInfoEntry): FeedInfoEntry {
  try {
    checkPosition(`info entry of ${eventId}`, raw.epoch, raw.seq, raw.offset);
  } catch (err) {
    throw new EventInfoFormatError((err as Error).message);
  }
  return { epoch: raw.epoch, seq: raw.seq, offset: raw.offset, info: decodeInfoPayload(raw.payload, eventId, raw.version) };
}

/**
 * Decodes and checks a whole snapshot before anyone adopts it: position,
 * every market's payload and position (none after the snapshot's own). One
 * bad market makes the whole snapshot a FeedFormatError: a partial snapshot
 * is not a state the store ever held. The display data is not part of that
 * whole: info that cannot be decoded leaves the snapshot without it
 * (infoError says why) and the event served.
 */
export function decodeSnapshot(raw: RawSnapshot): EventSnapshot {
  const what = `snapshot of ${raw.eventId}`;
  checkPosition(what, raw.epoch, raw.seq, raw.offset);
  const markets = raw.markets.map((m) => {
    checkPosition(`${what}, market ${m.marketId}`, raw.epoch, m.seq, m.offset);
    if (m.seq > raw.seq || compareOffsets(m.offset, raw.offset) > 0) throw new FeedFormatError(`${what}: market ${m.marketId} is ahead of the snapshot`);
    const checked = decodeUpdatePayload(m.payload, raw.eventId, m.seq, m.offset);
    if (checked.update.marketId !== m.marketId) throw new FeedFormatError(`${what}: market ${m.marketId} holds the update of market ${checked.update.marketId}`);
    return checked;
  });
  const snapshot: EventSnapshot = { eventId: raw.eventId, epoch: raw.epoch, seq: raw.seq, offset: raw.offset, markets, info: undefined };
  if (raw.info) {
    try {
      snapshot.info = decodeInfoPayload(raw.info.payload, raw.eventId, raw.info.version);
    } catch (err) {
      if (!(err instanceof EventInfoFormatError)) throw err;
      snapshot.infoError = err;
    }
  }
  return snapshot;
}

function checkPosition(what: string, epoch: string, seq: number, offset: string): void {
  if (!EPOCH.test(epoch)) throw new FeedFormatError(`${what}: epoch ${JSON.stringify(epoch)} is not 1-64 letters or digits`);
  if (!Number.isSafeInteger(seq) || seq < 1) throw new FeedFormatError(`${what}: seq ${seq} is not a positive integer`);
  if (!OFFSET.test(offset)) throw new FeedFormatError(`${what}: offset ${JSON.stringify(offset)} is not a stream id`);
}
