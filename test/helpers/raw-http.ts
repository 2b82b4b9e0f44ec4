import { connect } from 'node:net';

export interface RawAnswer {
  /** The status code of the first response line, or null if none came. */
  status: number | null;
  /** Everything the server sent (headers and body), as text. */
  text: string;
  /** The server closed the connection before `waitMs`. */
  closed: boolean;
}

/** A well-formed WebSocket upgrade request's header lines (no trailing blank line). */
export function upgradeLines(overrides: Record<string, string | null> = {}, path = '/v1/ws', version = 'HTTP/1.1'): string {
  const headers: Record<string, string | null> = {
    Host: '127.0.0.1',
    Upgrade: 'websocket',
    Connection: 'Upgrade',
    'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
    'Sec-WebSocket-Version': '13',
    ...overrides,
  };
  const lines = [`GET ${path} ${version}`];
  for (const [name, value] of Object.entries(headers)) if (value !== null) lines.push(`${name}: ${value}`);
  return lines.join('\r\n');
}

/**
 * Sends raw bytes over a TCP connection and collects the answer for up to
 * `waitMs` (or until the server closes, or the first response's headers
 * arrived when `untilHeaders`): the handshake tests must send what no
 * well-behaved client library would.
 */
export function rawRequest(port: number, request: string, options: { waitMs?: number; localAddress?: string; untilHeaders?: boolean } = {}): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1', localAddress: options.localAddress }, () => socket.write(request));
    let text = '';
    let done = false;
    const finish = (closed: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      const match = /^HTTP\/1\.[01] (\d{3})/.exec(text);
      resolve({ status: match ? Number(match[1]) : null, text, closed });
    };
    socket.on('data', (chunk) => {
      text += chunk.toString('latin1');
      if (options.untilHeaders !== false && text.includes('\r\n\r\n')) finish(false);
    });
    socket.on('error', () => finish(true));
    socket.on('close', () => finish(true));
    const timer = setTimeout(() => finish(false), options.waitMs ?? 3_000);
  });
}

/** A server-to-client frame: its opcode and payload (a close frame's payload starts with the code). */
export interface ServerFrame {
  opcode: number;
  payload: Buffer;
}

/**
 * Sends an upgrade request and returns its status and every WebSocket frame
 * the server sent until it closed or `waitMs` passed. (uWS drops frames
 * pipelined behind an upgrade request in the same read.)
 */
export async function rawWebSocket(port: number, request: string, waitMs = 5_000): Promise<{ status: number | null; frames: ServerFrame[]; closed: boolean }> {
  const answer = await rawRequest(port, request, { waitMs, untilHeaders: false });
  const bytes = Buffer.from(answer.text, 'latin1');
  const end = bytes.indexOf('\r\n\r\n');
  return { status: answer.status, frames: end < 0 ? [] : parseServerFrames(bytes.subarray(end + 4)), closed: answer.closed };
}

function parseServerFrames(bytes: Buffer): ServerFrame[] {
  const frames: ServerFrame[] = [];
  let at = 0;
  while (at + 2 <= bytes.length) {
    let length = bytes[at + 1] & 0x7f;
    let header = 2;
    if (length === 126) {
      length = bytes.readUInt16BE(at + 2);
      header = 4;
    } else if (length === 127) {
      length = Number(bytes.readBigUInt64BE(at + 2));
      header = 10;
    }
    if (at + header + length > bytes.length) break;
    frames.push({ opcode: bytes[at] & 0x0f, payload: bytes.subarray(at + header, at + header + length) });
    at += header + length;
  }
  return frames;
}
