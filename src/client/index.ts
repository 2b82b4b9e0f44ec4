/**
 * oddsgate/client: the client SDK (browser entry; the Node entry, node.ts,
 * is the same with `ws` as the WebSocket). See README "The client SDK".
 */
export { OddsClient, type ClientState, type OddsClientOptions, type PlaceBetInput, type StateDetail, type WelcomeInfo } from './odds-client.js';
export type { AcceptedBet } from './bets.js';
export type { EventView, MarketView, MarketStatusName, SelectionView, SeqViolation, ViewChange } from './event-view.js';
export { clockSeconds, type EventInfoView, type EventPhaseName, type MatchClockView } from './event-info.js';
export { BetOutcomeUnknownError, BetRejectedError, ClientClosedError, ConnectionClosedError, FrameDecodeError, InvalidBetError, OddsClientError, ServerError, type RejectReasonName } from './errors.js';
export type { TokenOption } from './token.js';
export type { WebSocketConstructor } from './connection.js';
