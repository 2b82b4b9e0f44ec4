import type { oddsgate } from '../protocol/generated/oddsgate.js';
import { pb } from '../protocol/wire.js';

export type ServerFrame = oddsgate.v1.ServerFrame;

/**
 * A WebSocket constructor: the browser's global WebSocket, or `ws` in Node.
 * Typed loosely so both fit; the connection uses only the WHATWG subset
 * below (binaryType 'arraybuffer', on* handlers, send, close).
 */
export type WebSocketConstructor = new (url: string, protocols?: string | string[]) => unknown;

interface WebSocketLike {
  binaryType: string;
  readonly readyState: number;
  send(data: Uint8Array): void;
  close(code?: number, reason?: string): void;
  onopen: (() => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: (() => void) | null;
}

const OPEN = 1;
const CLOSED = 3;

export interface ConnectionHandlers {
  frame(connection: Connection, frame: ServerFrame): void;
  close(connection: Connection, code: number, reason: string): void;
  undecodable(connection: Connection, err: unknown): void;
}

/**
 * One WebSocket to one node. Frames are decoded synchronously in the
 * message handler and handed on; the close is reported once. The OddsClient
 * decides what each frame means for its state, depending on whether this
 * connection is the current one, the next one or one being retired.
 */
export class Connection {
  /** The Welcome that made this connection usable (set by the client). */
  welcome: oddsgate.v1.Welcome | undefined;
  /** Usable: Welcome arrived (and, with an Auth frame, the authenticated one). */
  ready = false;
  /** An Auth frame was sent; the second Welcome makes the connection ready. */
  authSent = false;
  /** When the last frame arrived (the client's clock): a silent connection is pinged, then abandoned. */
  lastFrameAt: number;
  private readonly ws: WebSocketLike;
  private reportClose: ((code: number, reason: string) => void) | undefined;

  constructor(
    WebSocketCtor: WebSocketConstructor,
    /** The node's URL without the session query (where a reconnect may go back to). */
    readonly baseUrl: string,
    url: string,
    protocols: string[],
    handlers: ConnectionHandlers,
    clock: () => number,
  ) {
    this.lastFrameAt = clock();
    this.ws = new WebSocketCtor(url, protocols) as WebSocketLike;
    this.ws.binaryType = 'arraybuffer';
    this.ws.onmessage = (event) => {
      this.lastFrameAt = clock();
      let frame: ServerFrame;
      try {
        frame = pb.ServerFrame.decode(new Uint8Array(event.data as ArrayBuffer));
      } catch (err) {
        return handlers.undecodable(this, err);
      }
      handlers.frame(this, frame);
    };
    this.reportClose = (code, reason) => {
      this.reportClose = undefined;
      this.ready = false;
      this.ws.onmessage = null;
      handlers.close(this, code, reason);
    };
    this.ws.onclose = (event) => this.reportClose?.(event.code, event.reason);
    // An error is always followed by a close event, which is where it is handled.
    this.ws.onerror = () => undefined;
  }

  get open(): boolean {
    return this.ws.readyState === OPEN;
  }

  get closed(): boolean {
    return this.ws.readyState === CLOSED;
  }

  /** Sends one encoded ClientFrame; false when the socket is not open (the caller sends it again later). */
  send(frame: Uint8Array): boolean {
    if (this.ws.readyState !== OPEN) return false;
    this.ws.send(frame);
    return true;
  }

  close(code = 1000, reason = ''): void {
    if (this.ws.readyState !== CLOSED) this.ws.close(code, reason);
  }

  /**
   * Gives up on a link that went silent: reported closed (1006) at once,
   * since a closing handshake over a dead link would only time out.
   */
  abandon(reason: string): void {
    this.close(1000, reason);
    this.reportClose?.(1006, reason);
  }
}
