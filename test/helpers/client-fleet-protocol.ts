import type { Move } from './moving-client.js';

/**
 * What a test (or a benchmark) and its client-fleet processes say to each
 * other over IPC (client-fleet.ts ↔ client-fleet-worker.ts).
 */

/** Where a client goes after a close without a Drain frame. */
export type RouteSpec =
  /** Ask GET /v1/route?sid= of these nodes (http://host:port), first that answers. */
  | { kind: 'lookup'; nodes: string[] }
  /** Always this URL (a balancer). */
  | { kind: 'fixed'; url: string };

export interface ClientSpec {
  sid: string;
  /** First connection: ws://host:port/v1/ws, without the query. */
  url: string;
  eventId: string;
  /** A player's JWT (the bettors); absent: anonymous. */
  token?: string;
  /** Source address (127.0.0.x) of the client's sockets. */
  localAddress?: string;
}

export interface BetPlan {
  /** Each bettor places a bet this often (jittered). */
  everyMs: number;
  stake?: number;
}

/** One client as the test checks it. */
export interface ClientReport {
  sid: string;
  nodeId: string;
  connected: boolean;
  violations: string[];
  conflicts: string[];
  unexpectedCloses: number[];
  droppedAfterMove: number;
  moves: Move[];
  /** The client's view of each subscribed event. */
  events: Record<string, { seq: number; snapshots: number; replaces: number; stale: boolean }>;
  drains: number;
  /** REPLACE snapshots over state the client held: from and to (epoch, seq). */
  replacements: Array<{ eventId: string; from: { epoch: string; seq: number }; to: { epoch: string; seq: number } }>;
  errors: Array<{ code: number; eventId: string; message: string }>;
}

export interface BetRecord {
  key: string;
  sid: string;
  /** Times the frame was sent (first send and resends). */
  sends: number;
  /** The final answer: BetOutcome number, reason number (0: none), bet id. */
  final: { outcome: number; reason: number; betId: string } | null;
  /** Every answer's outcome, in arrival order. */
  outcomes: number[];
}

export interface WorkerReport {
  pid: number;
  cpuMs: number;
  clients: ClientReport[];
  bets: BetRecord[];
  /** hdr histograms (µs) of publish-to-client latency, per phase and node, compressed base64. */
  latency: Record<string, string>;
}

export type Command =
  | { cmd: 'connect'; clients: ClientSpec[]; concurrency: number }
  | { cmd: 'route'; route: RouteSpec }
  | { cmd: 'bets'; plan: BetPlan | null }
  | { cmd: 'phase'; name: string }
  | { cmd: 'settle'; timeoutMs: number }
  | { cmd: 'reach'; seqs: Record<string, number>; timeoutMs: number }
  | { cmd: 'report'; bets: boolean; clients: boolean }
  | { cmd: 'close' };

export type Request = Command & { id: number };
export type Reply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };
