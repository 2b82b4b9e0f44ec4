import { createServer, connect, type Server, type Socket } from 'node:net';

export interface ProxyFaults {
  /** Added one-way delay per chunk, ms. */
  latencyMs?: number;
  /** Uniform extra delay in [0, jitterMs] per chunk; order is kept (a chunk never overtakes the one before). */
  jitterMs?: number;
  /** Throughput cap per direction of each connection, bytes per second (0: none). */
  bytesPerSec?: number;
}

/** One direction of one connection: chunks leave in order, each no earlier than its due time. */
class Lane {
  private readonly queue: Array<{ chunk: Buffer; due: number }> = [];
  private timer: NodeJS.Timeout | undefined;
  /** When the previous chunk left (or will): a later chunk never leaves before it. */
  private lastDue = 0;

  constructor(
    private readonly destination: Socket,
    private readonly proxy: TcpProxy,
  ) {}

  push(chunk: Buffer): void {
    const f = this.proxy.faults;
    const now = Date.now();
    let due = now + (f.latencyMs ?? 0) + (f.jitterMs ? Math.random() * f.jitterMs : 0);
    if (f.bytesPerSec) due = Math.max(due, this.lastDue + (chunk.length * 1000) / f.bytesPerSec);
    due = Math.max(due, this.lastDue);
    this.lastDue = due;
    this.queue.push({ chunk, due });
    this.pump();
  }

  /** Delivers what is due unless the proxy black-holes; held chunks wait for heal(). */
  pump(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.proxy.blackholed) return;
    const now = Date.now();
    while (this.queue.length > 0 && this.queue[0].due <= now) {
      const { chunk } = this.queue.shift()!;
      if (!this.destination.destroyed) this.destination.write(chunk);
    }
    if (this.queue.length > 0) this.timer = setTimeout(() => this.pump(), this.queue[0].due - now);
  }

  stop(): void {
    clearTimeout(this.timer);
    this.queue.length = 0;
  }
}

/**
 * A TCP proxy in front of a server, to fake the network (never the module
 * under test). Faults: latency with jitter and a bandwidth cap per direction
 * (setFaults), a black hole that keeps every connection open (new ones too)
 * but forwards nothing, as a dead link does (blackhole / heal: held bytes
 * are delivered on heal), and a reset of every open connection (reset).
 */
export class TcpProxy {
  private readonly server: Server;
  private readonly pairs = new Set<{ client: Socket; upstream: Socket; lanes: Lane[] }>();
  faults: ProxyFaults = {};
  blackholed = false;
  /** Connections accepted so far. */
  accepted = 0;
  port = 0;

  constructor(
    private readonly targetPort: number,
    private readonly targetHost = '127.0.0.1',
  ) {
    this.server = createServer((client) => this.accept(client));
  }

  async start(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
    return this.port;
  }

  /** As a Redis URL (the proxy is protocol-blind). */
  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  get httpUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  setFaults(faults: ProxyFaults): void {
    this.faults = faults;
  }

  blackhole(): void {
    this.blackholed = true;
  }

  heal(): void {
    this.blackholed = false;
    this.faults = {};
    for (const pair of this.pairs) for (const lane of pair.lanes) lane.pump();
  }

  /** Resets every open connection (RST both ways), as a crashed middlebox or peer does. */
  reset(): void {
    for (const pair of this.pairs) {
      pair.client.resetAndDestroy();
      pair.upstream.resetAndDestroy();
    }
  }

  async stop(): Promise<void> {
    for (const { client, upstream, lanes } of this.pairs) {
      for (const lane of lanes) lane.stop();
      client.destroy();
      upstream.destroy();
    }
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket): void {
    this.accepted++;
    const upstream = connect(this.targetPort, this.targetHost);
    const toUpstream = new Lane(upstream, this);
    const toClient = new Lane(client, this);
    const pair = { client, upstream, lanes: [toUpstream, toClient] };
    this.pairs.add(pair);
    client.on('data', (chunk: Buffer) => toUpstream.push(chunk));
    upstream.on('data', (chunk: Buffer) => toClient.push(chunk));
    const drop = () => {
      if (!this.pairs.delete(pair)) return;
      toUpstream.stop();
      toClient.stop();
      client.destroy();
      upstream.destroy();
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
  }
}
