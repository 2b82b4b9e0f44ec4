import { afterEach, describe, expect, it } from 'vitest';
import uWS from 'uWebSockets.js';
import WebSocket from 'ws';

/**
 * The hub hands uWS each frame once (app.publish) and keeps the same bytes
 * in its resume ring and last-value cache; frame builders may reuse
 * memory only if uWS copies what it is given before publish() returns.
 * This pins that down on the uWS build we ship, for a frame of an odds
 * update's size and for one too large to go out in one write.
 */
describe('uWS publish copies the frame', () => {
  let listenSocket: uWS.us_listen_socket | undefined;
  afterEach(() => {
    if (listenSocket) uWS.us_listen_socket_close(listenSocket);
    listenSocket = undefined;
  });

  it('overwriting a frame right after publish() changes nothing the subscriber receives', async () => {
    let opened!: () => void;
    const subscribed = new Promise<void>((resolve) => (opened = resolve));
    const app = uWS.App().ws('/*', {
      open: (ws) => {
        ws.subscribe('t');
        opened();
      },
    });
    const port = await new Promise<number>((resolve) =>
      app.listen('127.0.0.1', 0, (socket) => {
        listenSocket = socket || undefined;
        resolve(uWS.us_socket_local_port(socket));
      }),
    );
    const client = new WebSocket(`ws://127.0.0.1:${port}/`);
    const received: Buffer[] = [];
    const sizes = [60, 200_000];
    const allReceived = new Promise<void>((resolve) =>
      client.on('message', (data: Buffer) => {
        received.push(data);
        if (received.length === sizes.length * 2) resolve();
      }),
    );
    await subscribed;

    const sent: Buffer[] = [];
    const scratch = Buffer.alloc(200_000);
    for (const size of sizes) {
      for (const fill of [0x11, 0x22]) {
        // The same memory each time, overwritten at once: what a reused scratch buffer would do.
        const frame = scratch.subarray(0, size).fill(fill);
        app.publish('t', frame, true);
        sent.push(Buffer.from(frame));
        scratch.fill(0xee);
      }
    }
    await allReceived;
    client.close();
    expect(received.map((b) => [b.length, b[0], b[b.length - 1]])).toEqual(sent.map((b) => [b.length, b[0], b[b.length - 1]]));
    expect(received.every((b, i) => b.equals(sent[i]))).toBe(true);
  });
});
