import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** How the hostile core answers one request. */
export type HostileAnswer =
  /** `body` JSON-encoded (anything: wrong types, missing fields), with `status` (default 200). */
  | { kind: 'json'; body: unknown; status?: number }
  /** Raw bytes as they are, with `status` (default 200). */
  | { kind: 'raw'; body: string; status?: number }
  /** `bytes` bytes of JSON-looking filler; declared in content-length or chunked. */
  | { kind: 'huge'; bytes: number; declared: boolean }
  /** A valid-looking body sent one byte every `everyMs`. */
  | { kind: 'trickle'; body: string; everyMs: number }
  /** Headers and half the body, then a TCP reset. */
  | { kind: 'reset-mid-body'; body: string }
  /** Reads the request and never answers. */
  | { kind: 'hang' };

/**
 * A core that breaks the contract on purpose: a real node:http server whose
 * answers to POST /v1/bets and GET /v1/bets/:player/:key are scripted per
 * test (`post`, `get`). It counts requests and how many bytes it managed to
 * write, so a test can prove the edge stopped reading a huge body.
 */
export class HostileCore {
  post: HostileAnswer = { kind: 'json', body: { outcome: 'accepted', betId: 'HOSTILE-1', acceptedPrice: 2_000 } };
  get: HostileAnswer = { kind: 'json', body: { outcome: 'pending' } };
  posts = 0;
  gets = 0;
  /** Body bytes written by 'huge' answers (what the edge let through before it aborted). */
  hugeBytesWritten = 0;
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();
  url = '';

  private constructor() {
    this.server = createServer({ keepAlive: true }, (req, res) => this.answer(req, res));
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('error', () => undefined); // the edge aborts on purpose: resets are expected here
    });
  }

  static async start(): Promise<HostileCore> {
    const core = new HostileCore();
    await new Promise<void>((resolve) => core.server.listen(0, '127.0.0.1', resolve));
    core.url = `http://127.0.0.1:${(core.server.address() as { port: number }).port}`;
    return core;
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private answer(req: IncomingMessage, res: ServerResponse): void {
    res.on('error', () => undefined);
    req.resume();
    const isPost = req.method === 'POST';
    if (isPost) this.posts++;
    else this.gets++;
    req.on('end', () => this.send(res, isPost ? this.post : this.get));
  }

  private send(res: ServerResponse, a: HostileAnswer): void {
    switch (a.kind) {
      case 'json':
      case 'raw': {
        const text = a.kind === 'json' ? JSON.stringify(a.body) : a.body;
        res.writeHead(a.status ?? 200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
        return void res.end(text);
      }
      case 'huge':
        return this.sendHuge(res, a.bytes, a.declared);
      case 'trickle': {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(a.body) });
        let i = 0;
        const timer = setInterval(() => {
          if (res.destroyed || i >= a.body.length) {
            clearInterval(timer);
            this.timers.delete(timer);
            if (!res.destroyed) res.end();
            return;
          }
          res.write(a.body[i++]);
        }, a.everyMs);
        this.timers.add(timer);
        return;
      }
      case 'reset-mid-body': {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(a.body) });
        res.write(a.body.slice(0, Math.floor(a.body.length / 2)), () => res.socket?.resetAndDestroy());
        return;
      }
      case 'hang':
        return;
    }
  }

  /** Streams `bytes` of filler in 1 MB writes, respecting backpressure, until done or the edge hangs up. */
  private sendHuge(res: ServerResponse, bytes: number, declared: boolean): void {
    res.writeHead(200, declared ? { 'content-type': 'application/json', 'content-length': bytes } : { 'content-type': 'application/json' });
    const chunk = Buffer.alloc(1024 * 1024, 0x20); // spaces: valid JSON whitespace, so only the size is wrong
    let left = bytes;
    const pump = () => {
      while (left > 0 && !res.destroyed) {
        const n = Math.min(left, chunk.length);
        left -= n;
        this.hugeBytesWritten += n;
        if (!res.write(n === chunk.length ? chunk : chunk.subarray(0, n))) return void res.once('drain', pump);
      }
      if (!res.destroyed) res.end();
    };
    pump();
  }
}
