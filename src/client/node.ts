/**
 * oddsgate/client for Node: the browser entry with `ws` as the default
 * WebSocket (Node 20 has no global WebSocket).
 */
import WebSocket from 'ws';
import { OddsClient as BaseOddsClient, type OddsClientOptions } from './odds-client.js';

export * from './index.js';

export class OddsClient extends BaseOddsClient {
  constructor(options: OddsClientOptions) {
    super({ WebSocket, ...options });
  }
}
