import { FeedFormatError, UnknownEventError } from '../errors.js';
import { OFFSET } from '../protocol/validation.js';
import { decodeEntry, decodeSnapshot, type RawMarket } from './feed-records.js';
import type { EventSnapshot, StreamRecord } from './odds-feed.js';

/**
 * Turns what Redis returns for the key layout of redis-keys.ts into checked
 * feed records. Nothing Redis holds is trusted: whatever the bytes, the
 * result is a decoded record or a FeedFormatError.
 */

/**
 * The fields of a stream entry, not yet checked: e, s, and p (odds) or v and
 * i (display data); a log entry also carries ev (the event), o (the entry's
 * id in the event's stream) and n (the shard's sequence).
 */
interface EntryFields {
  event: Buffer | undefined;
  epoch: string;
  seq: number;
  offset: Buffer | undefined;
  n: number;
  payload: Buffer | undefined;
  info: Buffer | undefined;
  version: number;
}

/** Reused by every call (synchronous, read at once by the caller): no allocation per entry on the read path. */
const scratch: EntryFields = { event: undefined, epoch: '', seq: Number.NaN, offset: undefined, n: Number.NaN, payload: undefined, info: undefined, version: Number.NaN };

function readEntryFields(fields: Buffer[]): EntryFields {
  const out = scratch;
  out.event = undefined;
  out.epoch = '';
  out.seq = Number.NaN;
  out.offset = undefined;
  out.n = Number.NaN;
  out.payload = undefined;
  out.info = undefined;
  out.version = Number.NaN;
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const name = fields[i];
    if (name.length === 2) {
      if (name[0] === 0x65 && name[1] === 0x76) out.event = fields[i + 1]; // ev
      continue;
    }
    if (name.length !== 1) continue;
    switch (name[0]) {
      case 0x65: // e
        out.epoch = fields[i + 1].toString();
        break;
      case 0x73: // s
        out.seq = decimal(fields[i + 1]);
        break;
      case 0x6f: // o
        out.offset = fields[i + 1];
        break;
      case 0x6e: // n
        out.n = decimal(fields[i + 1]);
        break;
      case 0x70: // p
        out.payload = fields[i + 1];
        break;
      case 0x69: // i
        out.info = fields[i + 1];
        break;
      case 0x76: // v
        out.version = decimal(fields[i + 1]);
        break;
    }
  }
  return out;
}

/** A stream entry written by the publish script (fields e, s, p) or the info script (e, s, v, i). */
export function parseStreamEntry(eventId: string, id: Buffer, fields: Buffer[]): StreamRecord {
  return recordOf(eventId, id.toString(), readEntryFields(fields));
}

function recordOf(eventId: string, offset: string, f: EntryFields): StreamRecord {
  if (f.payload) return decodeEntry(eventId, { epoch: f.epoch, seq: f.seq, offset, payload: f.payload });
  if (f.info) return decodeEntry(eventId, { epoch: f.epoch, seq: f.seq, offset, payload: f.info, version: f.version });
  throw new FeedFormatError(`stream entry ${offset} of ${eventId} has no payload field p (nor display data i)`);
}

/**
 * A shard log entry (redis-keys.ts) read as far as the reader needs before
 * deciding whether to decode it: the event it belongs to ('' when it names
 * none) and the shard's sequence n (NaN when missing). `record()` then
 * decodes it as the event's stream entry at offset o (a FeedFormatError
 * when it is not one), and `offset` is o when it is a stream id ('' else):
 * where to step over an entry that cannot be decoded. The answer is the
 * shared scratch: use it before the next entry is read.
 */
export interface LogEntryHead {
  readonly eventId: string;
  readonly n: number;
  readonly offset: string;
  record(): StreamRecord;
}

const logHead = {
  eventId: '',
  n: Number.NaN,
  get offset(): string {
    const offset = scratch.offset?.toString() ?? '';
    return OFFSET.test(offset) ? offset : '';
  },
  record(): StreamRecord {
    return recordOf(this.eventId, scratch.offset?.toString() ?? '', scratch);
  },
};

export function readLogEntry(fields: Buffer[]): LogEntryHead {
  const f = readEntryFields(fields);
  logHead.eventId = f.event?.toString() ?? '';
  logHead.n = f.n;
  return logHead;
}

/** The shard sequence n of a log entry (NaN when it has none): where the log stood at its newest entry. */
export function logEntrySeq(fields: Buffer[]): number {
  return readEntryFields(fields).n;
}

/**
 * Where a stream's newest entry stands, without decoding its payload: the
 * snapshot check needs the position only, and undecodable display data
 * must not make the event's snapshot unusable. `infoVersion` is 0 for an
 * odds entry.
 */
export function parseEntryPosition(id: Buffer, fields: Buffer[]): { epoch: string; seq: number; offset: string; infoVersion: number } {
  const f = readEntryFields(fields);
  return { epoch: f.epoch, seq: f.seq, offset: id.toString(), infoVersion: f.payload || !f.info ? 0 : f.version };
}

/** The event's snapshot hash (HGETALL); UnknownEventError when it does not exist (display data alone is no event yet). */
export function parseSnapshotHash(eventId: string, hash: Record<string, Buffer>): EventSnapshot & { infoVersion: number } {
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
  const infoVersion = hash._iv === undefined ? 0 : decimal(hash._iv);
  const snapshot = decodeSnapshot({
    eventId,
    epoch: hash._epoch.toString(),
    seq: decimal(hash._seq),
    offset: hash._offset?.toString() ?? '',
    markets,
    info: hash._info ? { payload: hash._info, version: infoVersion } : undefined,
  });
  return Object.assign(snapshot, { infoVersion });
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
