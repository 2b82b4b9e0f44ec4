import { EventInfoFormatError, InvalidEventInfoError } from '../errors.js';
import { EventPhase, pb, type EventInfoMessage } from '../protocol/wire.js';
import { EVENT_ID, MARKET_ID, SELECTION_ID } from '../protocol/validation.js';

/**
 * What the trading system publishes beside the odds: an event's display data
 * (oddsgate.proto, EventInfo). Each one is complete; the store gives it the
 * next per-event version. Display data is outside the seq chain: it never
 * takes a sequence number and never makes an event unavailable.
 */
export interface EventInfoInput {
  eventId: string;
  /** "Arsenal v Chelsea". */
  name: string;
  /** "football", "tennis". */
  sport?: string;
  /** "Premier League". */
  competition?: string;
  /** Home first, away second. */
  participants?: Array<{ id: string; name: string }>;
  /** Scheduled start, Unix epoch ms. */
  startsAtMs?: number;
  phase: EventPhase;
  /** One entry per participant, same order; empty before the start. */
  score?: number[];
  /** The clock read elapsedS at atMs and advances with wall time while running. */
  clock?: { elapsedS: number; atMs: number; running: boolean; period?: string };
  markets?: Array<{ marketId: string; name: string; displayOrder?: number; selections?: Array<{ id: string; name: string }> }>;
}

/** Limits of one EventInfo: a board's worth of names, never a payload that weighs on a snapshot. */
export const INFO_LIMITS = {
  nameChars: 128,
  sportChars: 32,
  periodChars: 16,
  participants: 16,
  markets: 64,
  selectionsPerMarket: 256,
  maxScore: 10_000,
  maxElapsedS: 1_000_000,
  /** The encoded message; 64 markets of 256 named selections would be far above it. */
  maxBytes: 64 * 1024,
} as const;

/** The fields an info is checked on, whether it is about to be published or was read back from a store. */
interface InfoFields {
  eventId?: string | null;
  name?: string | null;
  sport?: string | null;
  competition?: string | null;
  participants?: Array<{ id?: string | null; name?: string | null }> | null;
  startsAtMs?: number | null;
  phase?: number | null;
  score?: number[] | null;
  clock?: { elapsedS?: number | null; atMs?: number | null; running?: boolean | null; period?: string | null } | null;
  markets?: Array<{ marketId?: string | null; name?: string | null; displayOrder?: number | null; selections?: Array<{ id?: string | null; name?: string | null }> | null }> | null;
}

// Control characters have no place in a name a board shows.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

function textProblem(what: string, value: string | null | undefined, maxChars: number, required: boolean): string | null {
  const text = value ?? '';
  if (required && text.length === 0) return `${what} is empty`;
  if (text.length > maxChars) return `${what} is longer than ${maxChars} characters`;
  if (CONTROL.test(text)) return `${what} holds control characters`;
  return null;
}

function idProblem(what: string, id: string | null | undefined, shape: RegExp): string | null {
  return shape.test(id ?? '') ? null : `${what} ${JSON.stringify(id)} is not 1-64 characters of [A-Za-z0-9_.:-]`;
}

function safeMs(value: number | null | undefined): boolean {
  const n = value ?? 0;
  return Number.isSafeInteger(n) && n >= 0;
}

/** What is wrong with an info, or null: the one check shared by publishing and reading back. */
export function infoProblem(info: InfoFields): string | null {
  const L = INFO_LIMITS;
  const problem =
    idProblem('eventId', info.eventId, EVENT_ID) ??
    textProblem('name', info.name, L.nameChars, true) ??
    textProblem('sport', info.sport, L.sportChars, false) ??
    textProblem('competition', info.competition, L.nameChars, false);
  if (problem) return problem;
  const phase = info.phase ?? 0;
  if (!(phase in pb.EventPhase) || phase === EventPhase.EVENT_PHASE_UNSPECIFIED) return `phase ${phase} is not PRE_MATCH, LIVE, BREAK or ENDED`;
  if (!safeMs(info.startsAtMs)) return `startsAtMs ${info.startsAtMs} is not a non-negative integer (Unix epoch ms)`;
  const participants = info.participants ?? [];
  if (participants.length > L.participants) return `more than ${L.participants} participants`;
  for (const p of participants) {
    const bad = idProblem('participant id', p.id, SELECTION_ID) ?? textProblem(`name of participant ${p.id}`, p.name, L.nameChars, true);
    if (bad) return bad;
  }
  const score = info.score ?? [];
  if (score.length > 0 && score.length !== participants.length) return `score has ${score.length} entries for ${participants.length} participants`;
  if (score.some((s) => !Number.isInteger(s) || s < 0 || s > L.maxScore)) return `a score is not an integer from 0 to ${L.maxScore}`;
  const clock = info.clock;
  if (clock) {
    const elapsed = clock.elapsedS ?? 0;
    if (!Number.isInteger(elapsed) || elapsed < 0 || elapsed > L.maxElapsedS) return `clock.elapsedS ${elapsed} is not an integer from 0 to ${L.maxElapsedS}`;
    if (!safeMs(clock.atMs)) return `clock.atMs ${clock.atMs} is not a non-negative integer (Unix epoch ms)`;
    const period = textProblem('clock.period', clock.period, L.periodChars, false);
    if (period) return period;
  }
  const markets = info.markets ?? [];
  if (markets.length > L.markets) return `more than ${L.markets} markets`;
  const seen = new Set<string>();
  for (const m of markets) {
    const bad = idProblem('marketId', m.marketId, MARKET_ID) ?? textProblem(`name of market ${m.marketId}`, m.name, L.nameChars, true);
    if (bad) return bad;
    if (seen.has(m.marketId!)) return `market ${m.marketId} appears twice`;
    seen.add(m.marketId!);
    const order = m.displayOrder ?? 0;
    if (!Number.isInteger(order) || order < 0 || order > 0xffffffff) return `displayOrder ${order} of market ${m.marketId} is not a uint32`;
    const selections = m.selections ?? [];
    if (selections.length > L.selectionsPerMarket) return `market ${m.marketId} names more than ${L.selectionsPerMarket} selections`;
    for (const s of selections) {
      const badSelection = idProblem(`selection id of market ${m.marketId}`, s.id, SELECTION_ID) ?? textProblem(`name of selection ${s.id}`, s.name, L.nameChars, true);
      if (badSelection) return badSelection;
    }
  }
  return null;
}

/** Checks an info and encodes it as the stored payload (an EventInfo without version: the store assigns it). */
export function encodeInfoPayload(info: EventInfoInput): Uint8Array {
  const problem = infoProblem(info);
  if (problem) throw new InvalidEventInfoError(`event info of ${JSON.stringify(info.eventId)}: ${problem}`);
  const payload = pb.EventInfo.encode({ ...info, version: 0 }).finish();
  if (payload.length > INFO_LIMITS.maxBytes) throw new InvalidEventInfoError(`event info of ${info.eventId} encodes to ${payload.length} bytes, above ${INFO_LIMITS.maxBytes}`);
  return payload;
}

/**
 * Decodes an info read back from a store (a stream entry or the snapshot
 * hash), checks it as a publisher would have, and stamps its version.
 * Anything else is an EventInfoFormatError: the caller logs and counts it
 * and keeps the info it holds.
 */
export function decodeInfoPayload(payload: Uint8Array, eventId: string, version: number): EventInfoMessage {
  if (!Number.isSafeInteger(version) || version < 1) throw new EventInfoFormatError(`event info of ${eventId}: version ${version} is not a positive integer`);
  if (payload.length > INFO_LIMITS.maxBytes) throw new EventInfoFormatError(`event info of ${eventId} v${version} is ${payload.length} bytes, above ${INFO_LIMITS.maxBytes}`);
  let message: EventInfoMessage;
  try {
    message = pb.EventInfo.decode(payload);
  } catch (err) {
    throw new EventInfoFormatError(`undecodable event info of ${eventId} v${version}: ${(err as Error).message}`);
  }
  const problem = message.eventId === eventId ? infoProblem(message) : `info of event ${JSON.stringify(message.eventId)} stored with ${eventId}`;
  if (problem) throw new EventInfoFormatError(`invalid event info of ${eventId} v${version}: ${problem}`);
  message.version = version;
  return message;
}
