/**
 * What a close code means for the client (README "Close codes",
 * src/protocol/close-codes.ts): 4000-4499 are resumable, 4500-4999
 * terminal; of the standard codes, the ones that say the client itself is
 * wrong (protocol error, unsupported data, policy, frame too big, missing
 * extension) are terminal, the rest (1000, 1001 going away, 1006 dropped,
 * 1011-1014 server trouble) resumable.
 */
const TERMINAL_STANDARD = new Set([1002, 1003, 1007, 1008, 1009, 1010]);

export function isTerminalClose(code: number): boolean {
  if (code >= 4000) return code >= 4500;
  return TERMINAL_STANDARD.has(code);
}

/** The WebSocket URL with the session key (`?sid=`), so every (re)connection lands on the session's node. */
export function withSid(url: string, sid: string | undefined): string {
  if (!sid) return url;
  const u = new URL(url);
  u.searchParams.set('sid', sid);
  return u.toString();
}
