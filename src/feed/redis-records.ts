import { FeedFormatError, UnknownEventError } from '../errors.js';
import { decodeEntry, decodeSnapshot, type RawMarket } from './feed-records.js';
import type { EventSnapshot, FeedEntry } from './odds-feed.js';

/**
 * Turns what Redis returns for the key layout of redis-keys.ts into checked
 * feed records. Nothing Redis holds is trusted: whatever the bytes, the
 * result is a decoded record or a FeedFormatError.
 */

/** A stream entry written by the publish script (fields e, s, p). */
export function parseStreamEntry(eventId: string, id: Buffer, fields: Buffer[]): FeedEntry {
  let epoch = '';
  let seq = Number.NaN;
  let payload: Buffer | undefined;
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const name = fields[i];
    if (name.length !== 1) continue;
    switch (name[0]) {
      case 0x65: // e
        epoch = fields[i + 1].toString();
        break;
      case 0x73: // s
        seq = decimal(fields[i + 1]);
        break;
      case 0x70: // p
        payload = fields[i + 1];
        break;
    }
  }
  const offset = id.toString();
  if (!payload) throw new FeedFormatError(`stream entry ${offset} of ${eventId} has no payload field p`);
  return decodeEntry(eventId, { epoch, seq, offset, payload });
}

/** The event's snapshot hash (HGETALL); UnknownEventError when it does not exist. */
export function parseSnapshotHash(eventId: string, hash: Record<string, Buffer>): EventSnapshot {
  if (hash._epoch === undefined) throw new UnknownEventError(eventId);
  const markets: RawMarket[] = [];
  for (const field of Object.keys(hash)) {
    if (!field.startsWith('m:')) continue;
    const marketId = field.slice(2);
    const position = hash['q:' + marketId]?.toString() ?? '';
    const space = position.indexOf(' ');
    if (space < 0) throw new FeedFormatError(`snapshot of ${eventId} lacks the position of market ${marketId}`);
    markets.push({ marketId, payload: hash[field], seq: decimal(position.slice(0, space)), offset: position.slice(space + 1) });
  }
  return decodeSnapshot({
    eventId,
    epoch: hash._epoch.toString(),
    seq: decimal(hash._seq),
    offset: hash._offset?.toString() ?? '',
    markets,
  });
}

/** A publisher heartbeat carries its time in field t; anything else is not a sign of life. */
export function isHeartbeat(fields: Buffer[]): boolean {
  for (let i = 0; i + 1 < fields.length; i += 2) {
    if (fields[i].length === 1 && fields[i][0] === 0x74 /* t */) return Number.isSafeInteger(decimal(fields[i + 1]));
  }
  return false;
}

/** Digits only ('' , '1e3', ' 7', '0x1F' are not numbers here); NaN otherwise. */
function decimal(value: Buffer | string | undefined): number {
  const text = value?.toString() ?? '';
  return /^\d{1,16}$/.test(text) ? Number(text) : Number.NaN;
}
