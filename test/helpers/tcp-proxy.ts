import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy in front of a server, to fake the network (never the module
 * under test): blackhole() keeps every connection open (new ones too) but
 * stops forwarding bytes in both directions, as a dead link does; heal()
 * forwards again and delivers what was held back.
 */
export class TcpProxy {
  private readonly server: Server;
  private readonly pairs = new Set<{ client: Socket; upstream: Socket }>();
  /** Bytes read while black-holed, per destination socket, delivered on heal(). */
  private readonly held = new Map<Socket, Buffer[]>();
  private blackholed = false;
  port = 0;

  constructor(private readonly targetPort: number) {
    this.server = createServer((client) => this.accept(client));
  }

  async start(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
    return this.port;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  blackhole(): void {
    this.blackholed = true;
  }

  heal(): void {
    this.blackholed = false;
    for (const [destination, chunks] of this.held) {
      for (const chunk of chunks) if (!destination.destroyed) destination.write(chunk);
    }
    this.held.clear();
  }

  async stop(): Promise<void> {
    for (const { client, upstream } of this.pairs) {
      client.destroy();
      upstream.destroy();
    }
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket): void {
    const upstream = connect(this.targetPort, '127.0.0.1');
    const pair = { client, upstream };
    this.pairs.add(pair);
    const forward = (destination: Socket) => (chunk: Buffer) => {
      if (!this.blackholed) return void destination.write(chunk);
      const chunks = this.held.get(destination) ?? [];
      chunks.push(chunk);
      this.held.set(destination, chunks);
    };
    client.on('data', forward(upstream));
    upstream.on('data', forward(client));
    const drop = () => {
      this.held.delete(client);
      this.held.delete(upstream);
      this.pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
  }
}
