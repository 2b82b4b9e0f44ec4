import { EventInfoFormatError } from '../errors.js';
import { EventPhase } from '../protocol/wire.js';
import { decodeInfoPayload } from './event-info.js';
import type { RawInfo } from './feed-records.js';

/** One event as /v1/events lists it: its id, and what its display data says where it has any. */
export interface EventListing {
  eventId: string;
  /** Last publish (odds or info), Unix epoch ms. */
  lastActivityMs: number;
  name?: string;
  competition?: string;
  startsAtMs?: number;
  /** "pre_match", "live", "break", "ended". */
  phase?: string;
}

/**
 * The events a newcomer can look at: the embedded store's, or the per-shard
 * catalogues the publish scripts keep in Redis. Best effort and bounded: the
 * most recently active first, at most `limit`, ended events left out once
 * they have been quiet for the retention.
 */
export interface EventCatalogue {
  list(): Promise<EventListing[]>;
  stop(): Promise<void>;
}

export const CATALOGUE_LIMITS = {
  /** Most events listed. */
  listed: 200,
  /** An ended event stays listed this long after its last publish. */
  endedRetentionMs: 15 * 60 * 1000,
} as const;

const PHASES: Record<number, string> = {
  [EventPhase.EVENT_PHASE_PRE_MATCH]: 'pre_match',
  [EventPhase.EVENT_PHASE_LIVE]: 'live',
  [EventPhase.EVENT_PHASE_BREAK]: 'break',
  [EventPhase.EVENT_PHASE_ENDED]: 'ended',
};

/** A catalogue record, with what its stored info says when it can be decoded (a listing never fails for display data). */
export function listing(eventId: string, lastActivityMs: number, info: RawInfo | undefined): EventListing {
  const entry: EventListing = { eventId, lastActivityMs };
  if (!info) return entry;
  try {
    const decoded = decodeInfoPayload(info.payload, eventId, info.version);
    return { ...entry, name: decoded.name, competition: decoded.competition || undefined, startsAtMs: Number(decoded.startsAtMs) || undefined, phase: PHASES[decoded.phase] };
  } catch (err) {
    if (!(err instanceof EventInfoFormatError)) throw err;
    return entry; // the id alone: the feed counts and logs bad info when a subscriber opens the event
  }
}

/** Most recently active first, ended events past the retention left out, at most the limit. */
export function selectListed(listings: EventListing[], nowMs: number): EventListing[] {
  return listings
    .filter((e) => e.phase !== 'ended' || nowMs - e.lastActivityMs <= CATALOGUE_LIMITS.endedRetentionMs)
    .sort((a, b) => b.lastActivityMs - a.lastActivityMs || (a.eventId < b.eventId ? -1 : 1))
    .slice(0, CATALOGUE_LIMITS.listed);
}
