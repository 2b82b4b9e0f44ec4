import { BetOutcome, ErrorCode, pb, PriceChangePolicy, RejectReason, SnapshotMode, Writer } from './wire.js';
import { CURRENCY, EPOCH, EVENT_ID, IDEMPOTENCY_KEY, MARKET_ID, OFFSET, SELECTION_ID } from './validation.js';

/** A client frame that failed decoding or validation; `code` goes into the Error frame. */
export class ProtocolError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly eventId = '',
  ) {
    super(message);
  }
}

export interface SubscribeRequest {
  eventId: string;
  resume: { epoch: string; offset: string } | null;
  conflateMs: number;
}

export interface BetRequest {
  idempotencyKey: string;
  eventId: string;
  marketId: string;
  selectionId: string;
  price: number;
  seq: number;
  stake: number;
  currency: string;
  acceptPriceChange: PriceChangePolicy;
}

export type ClientCommand =
  | { kind: 'subscribe'; events: SubscribeRequest[] }
  | { kind: 'unsubscribe'; eventIds: string[] }
  | { kind: 'ping'; nonce: number }
  | { kind: 'auth'; token: string }
  /** `problem` is set when a field is invalid: the bet is answered REJECTED/INVALID_BET under its key. */
  | { kind: 'placeBet'; bet: BetRequest; problem: string | null };

/**
 * Decodes and validates one binary client frame. Must run synchronously
 * inside the uWS message handler: the ArrayBuffer is neutered afterwards.
 * protobufjs accepts a message truncated at a field boundary and strings of
 * any content, so every field is checked here, not trusted.
 */
export function decodeClientFrame(bytes: Uint8Array, maxEvents: number): ClientCommand {
  let frame: ReturnType<typeof pb.ClientFrame.decode>;
  try {
    frame = pb.ClientFrame.decode(bytes);
  } catch (err) {
    throw new ProtocolError(ErrorCode.ERROR_CODE_MALFORMED_FRAME, `undecodable frame: ${(err as Error).message}`);
  }
  switch (frame.kind) {
    case 'subscribe':
      return { kind: 'subscribe', events: validateSubscribe(frame.subscribe!, maxEvents) };
    case 'unsubscribe': {
      const ids = frame.unsubscribe!.eventIds ?? [];
      if (ids.length === 0 || ids.length > maxEvents) invalid(`unsubscribe needs 1 to ${maxEvents} event ids`);
      for (const id of ids) checkEventId(id);
      return { kind: 'unsubscribe', eventIds: ids };
    }
    case 'ping':
      return { kind: 'ping', nonce: Number(frame.ping!.nonce ?? 0) };
    case 'auth': {
      const token = frame.auth!.token ?? '';
      if (token.length === 0 || token.length > 8_192) invalid('auth needs a token of 1 to 8192 characters');
      return { kind: 'auth', token };
    }
    case 'placeBet':
      return readBet(frame.placeBet!);
    default:
      throw new ProtocolError(ErrorCode.ERROR_CODE_UNKNOWN_FRAME, 'frame has no known kind');
  }
}

function validateSubscribe(subscribe: { events?: Array<{ eventId?: string | null; resume?: { epoch?: string | null; offset?: string | null } | null; conflateMs?: number | null }> | null }, maxEvents: number): SubscribeRequest[] {
  const events = subscribe.events ?? [];
  if (events.length === 0 || events.length > maxEvents) invalid(`subscribe needs 1 to ${maxEvents} events`);
  const seen = new Set<string>();
  return events.map((e) => {
    const eventId = checkEventId(e.eventId ?? '');
    if (seen.has(eventId)) invalid(`event ${eventId} appears twice`, eventId);
    seen.add(eventId);
    let resume: SubscribeRequest['resume'] = null;
    if (e.resume) {
      const epoch = e.resume.epoch ?? '';
      const offset = e.resume.offset ?? '';
      if (!EPOCH.test(epoch) || !OFFSET.test(offset)) invalid('resume needs the epoch of a snapshot and an offset like 1700000000000-0', eventId);
      resume = { epoch, offset };
    }
    return { eventId, resume, conflateMs: e.conflateMs ?? 0 };
  });
}

function readBet(b: {
  idempotencyKey?: string | null;
  eventId?: string | null;
  marketId?: string | null;
  selectionId?: string | null;
  price?: number | null;
  seq?: number | null;
  stake?: number | null;
  currency?: string | null;
  acceptPriceChange?: PriceChangePolicy | null;
}): ClientCommand {
  const bet: BetRequest = {
    idempotencyKey: b.idempotencyKey ?? '',
    eventId: b.eventId ?? '',
    marketId: b.marketId ?? '',
    selectionId: b.selectionId ?? '',
    price: Number(b.price ?? 0),
    seq: Number(b.seq ?? 0),
    stake: Number(b.stake ?? 0),
    currency: b.currency ?? '',
    acceptPriceChange: b.acceptPriceChange ?? PriceChangePolicy.PRICE_CHANGE_POLICY_NONE,
  };
  return { kind: 'placeBet', bet, problem: betProblem(bet) };
}

function betProblem(bet: BetRequest): string | null {
  if (!IDEMPOTENCY_KEY.test(bet.idempotencyKey)) return 'idempotency_key must be 8-64 characters of [A-Za-z0-9_.:-]';
  if (!EVENT_ID.test(bet.eventId)) return 'event_id is not a valid id';
  if (!MARKET_ID.test(bet.marketId)) return 'market_id is not a valid id';
  if (!SELECTION_ID.test(bet.selectionId)) return 'selection_id is not a valid id';
  if (!Number.isInteger(bet.price) || bet.price <= 1_000) return 'price must be decimal odds x 1000, above 1000';
  if (!Number.isSafeInteger(bet.stake) || bet.stake <= 0) return 'stake must be a positive integer in minor units';
  if (!CURRENCY.test(bet.currency)) return 'currency must be an ISO 4217 code like EUR';
  if (!(bet.acceptPriceChange in pb.PriceChangePolicy)) return 'accept_price_change is not a known policy';
  return null;
}

function checkEventId(id: string): string {
  if (!EVENT_ID.test(id)) invalid(`event id ${JSON.stringify(id.slice(0, 80))} is not 1-64 characters of [A-Za-z0-9_.:-]`);
  return id;
}

function invalid(message: string, eventId = ''): never {
  throw new ProtocolError(ErrorCode.ERROR_CODE_INVALID_ARGUMENT, message, eventId);
}

// ---------------------------------------------------------------- server frames
// ServerFrame field tags: (field number << 3) | wire type 2 (length-delimited).
// Odds frames are spliced from the published bytes: src/protocol/odds-frame.ts.
const TAG_SNAPSHOT = (2 << 3) | 2;
const TAG_EVENT_INFO = (6 << 3) | 2;
/** Snapshot.info (field 8). */
const TAG_SNAPSHOT_INFO = (8 << 3) | 2;

export interface SnapshotFields {
  eventId: string;
  mode: SnapshotMode;
  epoch: string;
  seq: number;
  offset: string;
  conflateMs: number;
}

/** Wraps an encoded EventInfo message into a ServerFrame without re-encoding it. */
export function eventInfoFrame(eventInfo: Uint8Array): Uint8Array {
  return Writer.create().uint32(TAG_EVENT_INFO).bytes(eventInfo).finish();
}

/** A Snapshot ServerFrame built from markets (and the event's info, REPLACE only) already encoded as OddsUpdate (EventInfo) messages. */
export function snapshotFrame(s: SnapshotFields, markets: Iterable<Uint8Array>, info?: Uint8Array): Uint8Array {
  const w = Writer.create().uint32(TAG_SNAPSHOT).fork();
  w.uint32(10).string(s.eventId).uint32(16).int32(s.mode);
  if (s.epoch) w.uint32(26).string(s.epoch);
  if (s.seq) w.uint32(32).uint64(s.seq);
  if (s.offset) w.uint32(42).string(s.offset);
  for (const m of markets) w.uint32(50).bytes(m);
  if (s.conflateMs) w.uint32(56).uint32(s.conflateMs);
  if (info) w.uint32(TAG_SNAPSHOT_INFO).bytes(info);
  return w.ldelim().finish();
}

export function errorFrame(code: ErrorCode, message: string, eventId = ''): Uint8Array {
  return pb.ServerFrame.encode({ error: { code, message, eventId } }).finish();
}

export function feedStatusFrame(eventId: string, stale: boolean): Uint8Array {
  return pb.ServerFrame.encode({ feedStatus: { eventId, stale } }).finish();
}

export interface BetResultFields {
  idempotencyKey: string;
  outcome: BetOutcome;
  betId?: string;
  acceptedPrice?: number;
  reason?: RejectReason;
  currentPrice?: number;
  message?: string;
}

export function betResultFrame(result: BetResultFields): Uint8Array {
  return pb.ServerFrame.encode({ betResult: result }).finish();
}

export interface WelcomeFields {
  sessionId: string;
  nodeId: string;
  jurisdiction: string;
  authenticated: boolean;
  maxFrameBytes: number;
  maxSubscriptions: number;
  betRatePerSec: number;
  betBudgetMs: number;
  sid: string;
  ownerNodeId: string;
  ownerUrl: string;
}

export function welcomeFrame(welcome: WelcomeFields): Uint8Array {
  return pb.ServerFrame.encode({ welcome }).finish();
}

export interface DrainFields {
  nodeId: string;
  nodeUrl: string;
  reconnectAtMs: number;
  deadlineMs: number;
}

export function drainFrame(drain: DrainFields): Uint8Array {
  return pb.ServerFrame.encode({ drain }).finish();
}

export function pongFrame(nonce: number, serverTimeMs: number): Uint8Array {
  return pb.ServerFrame.encode({ pong: { nonce, serverTimeMs } }).finish();
}
