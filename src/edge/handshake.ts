/**
 * The WebSocket opening handshake as RFC 6455 section 4.2.1 requires it,
 * checked by oddsgate itself: uWS upgrades whatever reaches a ws route (no
 * Upgrade header, `Upgrade: h2c`, version 8 and no Connection header all got
 * 101). Pure: the upgrade handler copies the headers out of uWS's
 * HttpRequest first (it dies at the first await) and passes them here.
 */
export interface HandshakeRequest {
  method: string;
  upgrade: string;
  connection: string;
  version: string;
  key: string;
  /** '' when the client sent none (native apps); browsers always send it. */
  origin: string;
  host: string;
  /** Total bytes of header names and values. */
  headerBytes: number;
}

export interface HandshakePolicy {
  /** Origins allowed besides the node's own; '*' allows any. */
  allowedOrigins: readonly string[];
  maxHandshakeHeaderBytes: number;
}

/** Why an upgrade is refused: the HTTP status, a reason for metrics, a one-line body for the client. */
export interface HandshakeRefusal {
  status: string;
  reason: 'method' | 'upgrade' | 'version' | 'key' | 'headers' | 'origin';
  body: string;
  headers?: Record<string, string>;
}

/** A Sec-WebSocket-Key is the base64 of 16 bytes: 22 characters and '=='. */
const KEY = /^[A-Za-z0-9+/]{22}==$/;

export function checkHandshake(req: HandshakeRequest, policy: HandshakePolicy): HandshakeRefusal | null {
  if (req.headerBytes > policy.maxHandshakeHeaderBytes) {
    return { status: '431 Request Header Fields Too Large', reason: 'headers', body: `request headers over ${policy.maxHandshakeHeaderBytes} bytes (maxHandshakeHeaderBytes)` };
  }
  if (req.method !== 'get') return { status: '405 Method Not Allowed', reason: 'method', body: 'a WebSocket upgrade is a GET', headers: { Allow: 'GET' } };
  if (!hasToken(req.upgrade, 'websocket')) return { status: '400 Bad Request', reason: 'upgrade', body: 'expected Upgrade: websocket' };
  if (!hasToken(req.connection, 'upgrade')) return { status: '400 Bad Request', reason: 'upgrade', body: 'expected Connection: Upgrade' };
  if (req.version.trim() !== '13') {
    return { status: '426 Upgrade Required', reason: 'version', body: 'only WebSocket version 13 is supported', headers: { 'Sec-WebSocket-Version': '13' } };
  }
  if (!KEY.test(req.key.trim())) return { status: '400 Bad Request', reason: 'key', body: 'Sec-WebSocket-Key must be the base64 of 16 bytes' };
  if (!originAllowed(req.origin, req.host, policy.allowedOrigins)) {
    return { status: '403 Forbidden', reason: 'origin', body: 'origin not allowed (allowedOrigins)' };
  }
  return null;
}

/**
 * No Origin: not a browser (a native app or a server), which could send any
 * Origin anyway, so there is nothing to check. A browser's Origin must be
 * the node's own (same host as the Host header) or listed.
 */
export function originAllowed(origin: string, host: string, allowed: readonly string[]): boolean {
  if (origin === '') return true;
  if (allowed.includes('*') || allowed.includes(origin)) return true;
  try {
    return new URL(origin).host === host.toLowerCase();
  } catch {
    return false; // not a URL ("null" from sandboxed frames): only an explicit '*' allows it
  }
}

/** A comma-separated header holds the token, case-insensitively (`Connection: keep-alive, Upgrade`). */
function hasToken(header: string, token: string): boolean {
  return header.split(',').some((t) => t.trim().toLowerCase() === token);
}
