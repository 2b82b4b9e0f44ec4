/**
 * ServerFrame{odds} frames spliced from an OddsUpdate payload as the trading
 * system published it, without decoding or re-encoding its selections (issue
 * 10, item 2). A frame is the ServerFrame.odds tag, the OddsUpdate's length,
 * the payload bytes, then the fields only the node knows appended: seq (5),
 * offset (6) and, on conflated subscriptions, prev_seq (8). Protobuf parsers
 * keep the last value of a singular field, so appended fields win; the feed
 * also hands the hub payloads without any of these fields of their own
 * (decodeUpdatePayload), so a plain frame never shows a stray prev_seq.
 *
 * One Buffer per frame, sized exactly before anything is written (every
 * length is known up front): no scratch buffer, no copy, no protobufjs
 * Writer. A frame must own its bytes: live frames stay in the resume ring and
 * a market's OddsUpdate bytes (a view into its frame) in the last-value cache
 * for REPLACE snapshots. (uWS's publish copies the bytes it is given, test/
 * integration/uws-publish-copies-frames.test.ts, so a reused buffer would do
 * for publishing alone; keeping frames is what needs one each.)
 */

/** ServerFrame.odds (field 1, length-delimited). */
const TAG_ODDS = (1 << 3) | 2;
/** OddsUpdate.seq (field 5, varint). */
const TAG_SEQ = (5 << 3) | 0;
/** OddsUpdate.offset (field 6, length-delimited). */
const TAG_OFFSET = (6 << 3) | 2;
/** OddsUpdate.prev_seq (field 8, varint). */
const TAG_PREV_SEQ = (8 << 3) | 0;

/**
 * The frame of a published payload at (seq, offset). `offset` is a stream id
 * (digits and one '-', checked by the feed before an entry reaches the hub),
 * so its characters are its bytes.
 */
export function stampedOddsFrame(payload: Uint8Array, seq: number, offset: string): Uint8Array {
  const stamp = 1 + varintLength(seq) + 1 + varintLength(offset.length) + offset.length;
  const frame = frameFor(payload, payload.length + stamp);
  let pos = frame.length - stamp;
  frame[pos++] = TAG_SEQ;
  pos = writeVarint(frame, pos, seq);
  frame[pos++] = TAG_OFFSET;
  pos = writeVarint(frame, pos, offset.length);
  for (let i = 0; i < offset.length; i++) frame[pos++] = offset.charCodeAt(i);
  return frame;
}

/** A conflated subscription's frame: an OddsUpdate already stamped (a market's last value) with prev_seq appended, even when 0. */
export function chainedOddsFrame(stamped: Uint8Array, prevSeq: number): Uint8Array {
  const stamp = 1 + varintLength(prevSeq);
  const frame = frameFor(stamped, stamped.length + stamp);
  frame[frame.length - stamp] = TAG_PREV_SEQ;
  writeVarint(frame, frame.length - stamp + 1, prevSeq);
  return frame;
}

/** The OddsUpdate message inside an odds frame: a view of the frame's bytes, not a copy. */
export function oddsUpdateOf(frame: Uint8Array): Uint8Array {
  let pos = 1;
  while (frame[pos] & 0x80) pos++;
  return frame.subarray(pos + 1);
}

/** A frame of the right size with its header and `body` written; the caller fills the rest (length - body.length bytes). */
function frameFor(body: Uint8Array, messageLength: number): Uint8Array {
  const header = 1 + varintLength(messageLength);
  // allocUnsafe: every byte is written below; small sizes come from Node's pool, as protobufjs' own buffers do.
  const frame = Buffer.allocUnsafe(header + messageLength);
  frame[0] = TAG_ODDS;
  writeVarint(frame, 1, messageLength);
  frame.set(body, header);
  return frame;
}

/** Bytes of a varint holding a non-negative safe integer (seq reaches past 2^32 in principle: no 32-bit shifts). */
function varintLength(value: number): number {
  let n = 1;
  while (value >= 0x80) {
    value = Math.floor(value / 0x80);
    n++;
  }
  return n;
}

function writeVarint(into: Uint8Array, pos: number, value: number): number {
  while (value >= 0x80) {
    into[pos++] = (value % 0x80) | 0x80;
    value = Math.floor(value / 0x80);
  }
  into[pos++] = value;
  return pos;
}
