/** The generated protobuf code, under short names. Regenerate with `npm run gen:proto`. */
import './protobuf-numbers.js';
import protobuf from 'protobufjs/minimal.js';
import { oddsgate } from './generated/oddsgate.js';

export const pb = oddsgate.v1;
export const Writer = protobuf.Writer;
export const ErrorCode = pb.ErrorCode;
export type ErrorCode = oddsgate.v1.ErrorCode;
export const MarketStatus = pb.MarketStatus;
export type MarketStatus = oddsgate.v1.MarketStatus;
export const SnapshotMode = pb.SnapshotMode;
export type SnapshotMode = oddsgate.v1.SnapshotMode;
export const BetOutcome = pb.BetOutcome;
export type BetOutcome = oddsgate.v1.BetOutcome;
export const RejectReason = pb.RejectReason;
export type RejectReason = oddsgate.v1.RejectReason;
export const PriceChangePolicy = pb.PriceChangePolicy;
export type PriceChangePolicy = oddsgate.v1.PriceChangePolicy;
export type OddsUpdateMessage = oddsgate.v1.OddsUpdate;
export const EventPhase = pb.EventPhase;
export type EventPhase = oddsgate.v1.EventPhase;
export type EventInfoMessage = oddsgate.v1.EventInfo;
