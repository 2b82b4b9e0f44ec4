import { describe, expect, it } from 'vitest';
import { checkHandshake, originAllowed, type HandshakeRequest } from '../../src/edge/handshake.js';

const valid: HandshakeRequest = {
  method: 'get',
  upgrade: 'websocket',
  connection: 'Upgrade',
  version: '13',
  key: 'dGhlIHNhbXBsZSBub25jZQ==',
  origin: '',
  host: 'odds.example.com:8080',
  headerBytes: 300,
};
const policy = { allowedOrigins: [] as string[], maxHandshakeHeaderBytes: 8_192 };

describe('checkHandshake', () => {
  it('accepts a well-formed RFC 6455 opening handshake, tokens in any case and position', () => {
    expect(checkHandshake(valid, policy)).toBeNull();
    expect(checkHandshake({ ...valid, upgrade: 'WebSocket', connection: 'keep-alive, Upgrade' }, policy)).toBeNull();
  });

  it.each([
    ['no Upgrade header', { upgrade: '' }, '400', 'upgrade'],
    ['Upgrade: h2c', { upgrade: 'h2c' }, '400', 'upgrade'],
    ['no Connection header', { connection: '' }, '400', 'upgrade'],
    ['Connection: keep-alive only', { connection: 'keep-alive' }, '400', 'upgrade'],
    ['version 8', { version: '8' }, '426', 'version'],
    ['no version', { version: '' }, '426', 'version'],
    ['no key', { key: '' }, '400', 'key'],
    ['a key that is not 16 bytes of base64', { key: 'c2hvcnQ=' }, '400', 'key'],
    ['a POST', { method: 'post' }, '405', 'method'],
    ['headers over the limit', { headerBytes: 8_193 }, '431', 'headers'],
    ['a foreign browser origin', { origin: 'https://evil.example.net' }, '403', 'origin'],
  ] as const)('refuses %s with HTTP %s', (_name, change, status, reason) => {
    const refusal = checkHandshake({ ...valid, ...change }, policy);
    expect(refusal?.status.startsWith(status)).toBe(true);
    expect(refusal?.reason).toBe(reason);
  });

  it('tells a client with the wrong version which one to use (Sec-WebSocket-Version: 13)', () => {
    expect(checkHandshake({ ...valid, version: '8' }, policy)?.headers).toEqual({ 'Sec-WebSocket-Version': '13' });
  });
});

describe('originAllowed', () => {
  it('lets clients without an Origin through: native apps, servers', () => {
    expect(originAllowed('', 'odds.example.com', [])).toBe(true);
  });

  it('allows the node\'s own origin (same host as the Host header), whatever the scheme', () => {
    expect(originAllowed('https://odds.example.com', 'odds.example.com', [])).toBe(true);
    expect(originAllowed('http://localhost:8080', 'localhost:8080', [])).toBe(true);
    expect(originAllowed('http://localhost:8081', 'localhost:8080', [])).toBe(false);
  });

  it('allows listed origins exactly, and any with *', () => {
    expect(originAllowed('https://www.book.example', 'edge-1.example', ['https://www.book.example'])).toBe(true);
    expect(originAllowed('https://www.book.example.evil', 'edge-1.example', ['https://www.book.example'])).toBe(false);
    expect(originAllowed('https://anything.example', 'edge-1.example', ['*'])).toBe(true);
  });

  it('refuses an opaque origin ("null", sandboxed frames) unless * is configured', () => {
    expect(originAllowed('null', 'edge-1.example', [])).toBe(false);
    expect(originAllowed('null', 'edge-1.example', ['*'])).toBe(true);
  });
});
