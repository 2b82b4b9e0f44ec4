import { z } from 'zod';

/**
 * A load profile (`loadtest/profiles/*.yaml`): what runs, for how long, at
 * what rates, and the SLOs the run is gated on. loadtest/README.md documents
 * every field; loadtest/profiles/example.yaml shows each one with a comment.
 * Field names here are the names in the YAML file.
 */

const positive = z.number().positive();
const share = z.number().min(0).max(1);
const jurisdiction = z.string().regex(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, 'a jurisdiction code like MT or US-NJ');

const phase = z
  .object({
    name: z.string().min(1),
    durationSec: positive,
    /** Clients connected by the end of this phase (they arrive at arrivalPerSec until then). */
    clients: z.number().int().min(0),
    arrivalPerSec: positive.default(500),
    /** Baseline odds updates per second over every event, and its multiplier in this phase (kick-off: 40). */
    oddsPerSec: z.number().min(0),
    spike: z.number().min(1).default(1),
    /** Goals per minute over every event: each suspends its event's markets for a few seconds, then reopens them moved. */
    goalsPerMin: z.number().min(0).default(0),
    betsPerClientPerMin: z.number().min(0).default(0),
    /** Share of the connected clients that drop and resume (with offsets) per minute. */
    churnPerMin: share.default(0),
  })
  .strict();

const action = z
  .object({
    atSec: z.number().min(0),
    drainNode: z.number().int().min(0).optional(),
    restartShard: z.number().int().min(0).optional(),
    slowCore: z.object({ jurisdiction, latencyMs: z.number().int().min(0), forSec: positive }).strict().optional(),
    /** The core's process stopped (SIGSTOP: calls hang, no fast error) for forSec, then continued. */
    hangCore: z.object({ jurisdiction, forSec: positive }).strict().optional(),
  })
  .strict()
  .refine((a) => [a.drainNode, a.restartShard, a.slowCore, a.hangCore].filter((x) => x !== undefined).length === 1, {
    message: 'an action is exactly one of drainNode, restartShard, slowCore, hangCore',
  });

const httpLoad = z
  .object({
    atSec: z.number().min(0),
    durationSec: positive,
    /** route: GET /v1/route?sid= on the edges; readyz: GET /readyz; core: POST /v1/bets on a core directly (spawn only). */
    target: z.enum(['route', 'readyz', 'core']),
    connections: z.number().int().min(1).max(1_000).default(10),
  })
  .strict();

const weighted = <T extends z.ZodTypeAny>(value: T) => z.array(z.object({ value, weight: positive }).strict()).min(1);

export const profileSchema = z
  .object({
    name: z.string().min(1),
    description: z.string().default(''),
    seed: z.number().int().min(1).default(7),
    /** "spawn" (the default) or the edges' URLs (ws:// or wss://). */
    targets: z.union([z.literal('spawn'), z.array(z.string().regex(/^wss?:\/\/[^\s/]+(\/\S*)?$/, 'a ws:// or wss:// URL')).min(1)]).default('spawn'),
    spawn: z
      .object({
        shards: z.number().int().min(1).max(16).default(2),
        nodes: z.number().int().min(1).max(16).default(1),
        workersPerNode: z.number().int().min(1).max(64).default(1),
        jurisdictions: z.array(jurisdiction).min(1).default(['MT', 'DE']),
        coreLatencyMs: z.tuple([z.number().int().min(0), z.number().int().min(0)]).default([2, 10]),
        /** Extra settings for every node, by ODDSGATE_* variable name. */
        nodeEnv: z.record(z.string().regex(/^ODDSGATE_[A-Z0-9_]+$/), z.string()).default({}),
      })
      .strict()
      .default({ shards: 2, nodes: 1, workersPerNode: 1, jurisdictions: ['MT', 'DE'], coreLatencyMs: [2, 10], nodeEnv: {} }),
    /** With URL targets: where the deployment's admin /metrics are, the HS256 secret's variable for bettors' tokens. */
    remote: z
      .object({
        metricsUrls: z.array(z.string().url()).default([]),
        adminTokenEnv: z.string().default(''),
        hs256SecretEnv: z.string().default(''),
        jurisdictions: z.array(jurisdiction).default([]),
      })
      .strict()
      .optional(),
    feed: z
      .object({
        events: z.number().int().min(1).max(100_000).default(100),
        marketsPerEvent: z.number().int().min(1).max(100).default(4),
      })
      .strict()
      .default({ events: 100, marketsPerEvent: 4 }),
    clients: z
      .object({
        subscriptionsPerClient: z.number().int().min(1).max(64).default(2),
        /** Zipf exponent of event popularity (0: every event equally watched; ~1: a few events carry most clients). */
        popularity: z.number().min(0).max(5).default(1),
        conflation: z.object({ share, ms: z.number().int().min(1).max(60_000) }).strict().default({ share: 0, ms: 250 }),
        perProcess: z.number().int().min(1).max(19_000).default(15_000),
        connectConcurrency: z.number().int().min(1).max(10_000).default(256),
      })
      .strict()
      .default({ subscriptionsPerClient: 2, popularity: 1, conflation: { share: 0, ms: 250 }, perProcess: 15_000, connectConcurrency: 256 }),
    bets: z
      .object({
        /** Authenticated connections of the bettor pool that carry the bets of every connected client. */
        connections: z.number().int().min(1).max(5_000).default(50),
        stakes: weighted(z.number().int().min(1)).default([{ value: 500, weight: 1 }]),
        pricePolicy: weighted(z.enum(['none', 'better', 'any'])).default([{ value: 'any', weight: 1 }]),
      })
      .strict()
      .default({ connections: 50, stakes: [{ value: 500, weight: 1 }], pricePolicy: [{ value: 'any', weight: 1 }] }),
    phases: z.array(phase).min(1),
    actions: z.array(action).default([]),
    http: z.array(httpLoad).default([]),
    slo: z
      .object({
        fanoutP99Ms: positive.optional(),
        betP99Ms: positive.optional(),
        lostUpdates: z.number().int().min(0).optional(),
        lostOrDoubledBets: z.number().int().min(0).optional(),
        connectSuccessPct: z.number().min(0).max(100).optional(),
        /** Most bets answered CORE_UNAVAILABLE (an open breaker) or UNKNOWN, in % of the bets placed. */
        betFailurePct: z.number().min(0).max(100).optional(),
      })
      .strict()
      .default({}),
  })
  .strict()
  .superRefine((p, ctx) => {
    const total = p.phases.reduce((s, ph) => s + ph.durationSec, 0);
    p.actions.forEach((a, i) => {
      if (a.atSec > total) ctx.addIssue({ code: 'custom', path: ['actions', i, 'atSec'], message: `after the last phase ends (${total} s)` });
      if (a.drainNode !== undefined && p.targets === 'spawn' && a.drainNode >= p.spawn.nodes)
        ctx.addIssue({ code: 'custom', path: ['actions', i, 'drainNode'], message: `no node ${a.drainNode}: spawn.nodes is ${p.spawn.nodes} (nodes count from 0)` });
      if (a.restartShard !== undefined && p.targets === 'spawn' && a.restartShard >= p.spawn.shards)
        ctx.addIssue({ code: 'custom', path: ['actions', i, 'restartShard'], message: `no shard ${a.restartShard}: spawn.shards is ${p.spawn.shards}` });
      if (p.targets !== 'spawn') ctx.addIssue({ code: 'custom', path: ['actions', i], message: 'actions need targets: spawn (the tool can only drain, restart and slow what it started)' });
    });
    p.http.forEach((h, i) => {
      if (h.atSec + h.durationSec > total) ctx.addIssue({ code: 'custom', path: ['http', i, 'durationSec'], message: `runs past the last phase (${total} s)` });
      if (h.target === 'core' && p.targets !== 'spawn') ctx.addIssue({ code: 'custom', path: ['http', i, 'target'], message: 'core needs targets: spawn' });
    });
    if (p.clients.subscriptionsPerClient > p.feed.events)
      ctx.addIssue({ code: 'custom', path: ['clients', 'subscriptionsPerClient'], message: `more than feed.events (${p.feed.events})` });
  });

export type Profile = z.infer<typeof profileSchema>;
export type Phase = Profile['phases'][number];
export type Action = Profile['actions'][number];
export type HttpLoad = Profile['http'][number];
export type Slo = Profile['slo'];

/** Seconds from the start at which each phase begins. */
export function phaseStarts(profile: Profile): number[] {
  let t = 0;
  return profile.phases.map((p) => {
    const start = t;
    t += p.durationSec;
    return start;
  });
}

export const totalDurationSec = (profile: Profile) => profile.phases.reduce((s, p) => s + p.durationSec, 0);

/** The most clients any phase asks for. */
export const peakClients = (profile: Profile) => Math.max(...profile.phases.map((p) => p.clients));

/** The profile with every duration and moment multiplied by `factor` (a 2-hour soak at 0.25 runs 30 minutes). */
export function scaleProfile(profile: Profile, factor: number): Profile {
  if (factor === 1) return profile;
  return {
    ...profile,
    phases: profile.phases.map((p) => ({ ...p, durationSec: p.durationSec * factor })),
    actions: profile.actions.map((a) => ({
      ...a,
      atSec: a.atSec * factor,
      ...(a.slowCore ? { slowCore: { ...a.slowCore, forSec: a.slowCore.forSec * factor } } : {}),
      ...(a.hangCore ? { hangCore: { ...a.hangCore, forSec: a.hangCore.forSec * factor } } : {}),
    })),
    http: profile.http.map((h) => ({ ...h, atSec: h.atSec * factor, durationSec: h.durationSec * factor })),
  };
}
