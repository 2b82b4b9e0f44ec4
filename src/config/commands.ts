import { z } from 'zod';
import { JURISDICTION, PLAYER_ID } from '../auth/token-verifier.js';
import { DEFAULT_MAX_STAKE } from '../core-sim/core-sim.js';
import { DEFAULT_FAULTS } from '../core-sim/faults.js';
import { bool, decimal, field, int, listOf, type Fields } from './field.js';
import type { ConfigKey } from './schema.js';

/**
 * Every command of `oddsgate`: its own options, in the same form as the
 * settings (type, default, expects, doc), and the settings it reads. The one
 * parser (`command-line.ts`) accepts as flags exactly a command's options,
 * the settings it reads and the flags every command takes; `--help` is
 * printed from here.
 */
export interface CommandSpec {
  summary: string;
  /** The one positional argument, when the command takes one (always required); `more`: further positionals it accepts (CommandLine.rest). */
  argument?: { name: string; field: Fields[string]; more?: number };
  options: Fields;
  /** Options without a usable default: the command refuses to run without them. */
  required?: readonly string[];
  /** Settings accepted as flags ('all': every one); the environment and the config file may hold any setting. */
  settings: readonly ConfigKey[] | 'all';
}

/** Flags of every command. */
export const commonFlags = {
  config: field(z.string().min(1), '', 'a path to a JSON file of settings', 'Read settings from this JSON file (also ODDSGATE_CONFIG); flags and ODDSGATE_ variables override it.'),
  help: field(bool, false, 'true or false', 'Print the command\'s options and settings, and exit.'),
  version: field(bool, false, 'true or false', 'Print the version of oddsgate, and exit.'),
} satisfies Fields;

const ms = (max: number) => int(0, max);

export const commands = {
  serve: {
    summary: 'Run an edge node (no redisShards: the embedded demo with simulated odds). SIGTERM drains it.',
    options: {},
    settings: 'all',
  },
  drain: {
    summary: 'Drain a node through its admin API: POST /admin/drain, then follow its progress until it is empty, and print a summary.',
    argument: {
      name: 'admin-url',
      field: field(z.string().regex(/^https?:\/\/[^\s/]+\/?$/), '', 'the http:// URL of a node\'s admin API, like http://127.0.0.1:9464', 'The node\'s admin API (adminHost:adminPort on that node).'),
    },
    options: {
      pollMs: field(int(50, 60_000), 500, 'an integer from 50 to 60000', 'How often the node\'s drain progress is read.'),
    },
    settings: ['adminToken'],
  },
  status: {
    summary: 'Show the fleet as the membership Redis sees it: every live node, its state and connections, and whether all nodes agree on the ring (exit 0) or not (exit 1).',
    options: {
      json: field(bool, false, 'true or false', 'Print JSON instead of a table.'),
    },
    settings: ['membershipRedis', 'redisShards', 'keyPrefix', 'membershipHeartbeatMs', 'membershipTimeoutMs', 'redisCommandTimeoutMs', 'adminToken'],
  },
  publish: {
    summary: 'Publish one odds update to the Redis shards and print its epoch, sequence and offset.',
    options: {
      event: field(z.string().min(1), '', 'an event id', 'The event the update belongs to.'),
      market: field(z.string().min(1), '', 'a market id', 'The market whose complete state the update carries.'),
      status: field(z.enum(['open', 'suspended', 'closed']), 'open', 'open, suspended or closed', 'The market\'s status.'),
      selection: field(
        listOf(z.string().regex(/^[^=,]+=\d+(\.\d{1,3})?$/)),
        [] as string[],
        'id=price with decimal odds (home=2.375) or odds x 1000 (home=2375)',
        'A selection and its price; repeat the flag for every selection of the market.',
      ),
    },
    required: ['event', 'market', 'selection'],
    settings: ['redisShards', 'redisCluster', 'redisClusterShards', 'keyPrefix', 'streamMaxLen', 'shardLogMaxLen', 'publishWaitReplicas', 'publishWaitTimeoutMs'],
  },
  'publish-info': {
    summary: 'Publish one event\'s display data (EventInfo: names, kick-off, phase, score, clock, market and selection names) to the Redis shards and print its version.',
    options: {
      info: field(
        z.string().min(2),
        '',
        'a JSON object like {"eventId":"final","name":"Arsenal v Chelsea","phase":"live"}, or @ and the path of a JSON file',
        'The event\'s complete display data, as publishInfo takes it (README, Publishing odds); phase as pre_match, live, break or ended.',
      ),
    },
    required: ['info'],
    settings: ['redisShards', 'redisCluster', 'redisClusterShards', 'keyPrefix', 'streamMaxLen', 'shardLogMaxLen', 'publishWaitReplicas', 'publishWaitTimeoutMs'],
  },
  simulate: {
    summary: 'Publish simulated odds (drifting prices, goals that suspend markets, spikes) to the Redis shards, heartbeating every shard, until stopped.',
    options: {
      events: field(int(1, 1_000_000), 200, 'an integer from 1 to 1000000', 'Events to simulate.'),
      markets: field(int(1, 1_000), 4, 'an integer from 1 to 1000', 'Markets per event.'),
      rate: field(decimal(0, 10_000_000), 500, 'a number from 0 to 10000000', 'Baseline updates per second over all events.'),
      spikeFactor: field(decimal(1, 10_000), 40, 'a number from 1 to 10000', 'During a spike the rate is multiplied by this (kick-off, goals).'),
      spikeEveryMs: field(ms(86_400_000), 0, 'an integer from 0 to 86400000', 'A spike starts this often (0: never).'),
      spikeDurationMs: field(ms(3_600_000), 5_000, 'an integer from 0 to 3600000', 'How long a spike lasts.'),
      goalChance: field(decimal(0, 1), 0.01, 'a number from 0 to 1', 'Chance per live event per second of a goal (the score changes, its markets suspend, then reopen moved).'),
      matchSpeed: field(decimal(0.01, 100_000), 1, 'a number from 0.01 to 100000', 'Match seconds per wall second (1: real time; 60 plays a 90-minute match in 90 s plus breaks).'),
      preMatchShare: field(decimal(0, 1), 0.25, 'a number from 0 to 1', 'Share of events that start before kick-off; the others start in play.'),
      durationSec: field(int(0, 31_536_000), 0, 'an integer from 0 to 31536000', 'Stop after this long (0: until SIGINT/SIGTERM).'),
      maxUpdates: field(int(0, Number.MAX_SAFE_INTEGER), 0, 'a non-negative integer', 'Stop after this many updates (0: no limit).'),
      seed: field(int(0, 0xffff_ffff), 0, 'an integer from 0 to 4294967295', 'Seed of the simulation, to reproduce a run (0: from the clock).'),
    },
    settings: ['redisShards', 'redisCluster', 'redisClusterShards', 'keyPrefix', 'streamMaxLen', 'shardLogMaxLen', 'heartbeatMs', 'publishWaitReplicas', 'publishWaitTimeoutMs', 'logLevel'],
  },
  'core-sim': {
    summary: 'Run the reference core of one jurisdiction: bets decided against the feed\'s prices, idempotency records in Redis, injectable faults (also at run time: POST /admin/faults).',
    options: {
      jurisdiction: field(z.string().regex(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/), '', 'a code like MT, DE or US-NJ', 'The jurisdiction this core serves; it refuses bets of any other.'),
      corePort: field(int(0, 65_535), 9001, 'an integer from 0 to 65535', 'Port of the core\'s HTTP API (0: any free port).'),
      coreHost: field(z.string().min(1), '127.0.0.1', 'an IP address to listen on', 'Address the core listens on.'),
      coreRedis: field(z.string().regex(/^rediss?:\/\/[^/\s]+/), '', 'redis://host:port', 'Where idempotency records and counters live (default: the first of redisShards).'),
      coreKeyPrefix: field(z.string().min(1).max(64), '', 'a string of 1 to 64 characters', 'Prefix of the core\'s Redis keys (default: <keyPrefix>core:<jurisdiction>:).'),
      maxStake: field(int(1, Number.MAX_SAFE_INTEGER), DEFAULT_MAX_STAKE, 'a positive integer', 'Largest stake (minor units) the core accepts.'),
      latencyMs: field(ms(3_600_000), 0, 'an integer from 0 to 3600000', 'Fixed processing time of every new bet (instead of --latency-min-ms/--latency-max-ms).'),
      latencyMinMs: field(ms(3_600_000), DEFAULT_FAULTS.latency.minMs, 'an integer from 0 to 3600000', 'Shortest processing time of a new bet (uniform between min and max).'),
      latencyMaxMs: field(ms(3_600_000), DEFAULT_FAULTS.latency.maxMs, 'an integer from 0 to 3600000', 'Longest processing time of a new bet (default: --latency-min-ms).'),
      errorRate: field(decimal(0, 1), DEFAULT_FAULTS.errorRate, 'a number from 0 to 1', 'Share of bets answered HTTP 500 without touching any state.'),
      pendingRatio: field(decimal(0, 1), DEFAULT_FAULTS.pendingRatio, 'a number from 0 to 1', 'Share of acceptable bets answered pending (an in-play delay).'),
      pendingDelayMs: field(ms(3_600_000), DEFAULT_FAULTS.pendingDelayMs, 'an integer from 0 to 3600000', 'How long a pending bet waits for its final decision.'),
      pendingDeclineRatio: field(decimal(0, 1), DEFAULT_FAULTS.pendingDeclineRatio, 'a number from 0 to 1', 'Share of pending bets finally declined instead of accepted.'),
    },
    required: ['jurisdiction'],
    settings: ['redisShards', 'keyPrefix', 'logLevel'],
  },
  token: {
    summary: 'Print a player JWT signed with authHs256Secret (HS256, the key the nodes verify with), for development: claims sub, the jurisdiction claim, exp, and authIssuer/authAudience where set.',
    options: {
      jurisdiction: field(z.string().regex(JURISDICTION), '', 'a code like MT, DE or US-NJ', 'The player\'s jurisdiction (the claim authJurisdictionClaim); bets go to its core only.'),
      player: field(z.string().regex(PLAYER_ID), 'dev-player', '1 to 128 of [A-Za-z0-9_.:@-]', 'The player id (the token\'s sub).'),
      ttlSec: field(int(1, 31_536_000), 3_600, 'an integer from 1 to 31536000', 'Seconds until the token expires (exp).'),
    },
    required: ['jurisdiction'],
    settings: ['authHs256Secret', 'authIssuer', 'authAudience', 'authJurisdictionClaim'],
  },
  loadtest: {
    summary: 'Run a load profile (loadtest/profiles/<name>.yaml, or a path) against spawned or given edges: live progress, a summary, a JSON result and an HTML report; exit 1 when an SLO is missed. `oddsgate loadtest compare a.json b.json` compares two results.',
    argument: {
      name: 'profile',
      field: field(z.string().min(1), '', 'a profile name (smoke, match-day, soak, example), a path to a YAML profile, or compare', 'The profile to run (loadtest/README.md documents the format), or `compare` followed by two result files.'),
      more: 2,
    },
    options: {
      out: field(z.string().min(1), '', 'a directory', 'Where the JSON result and the HTML report go (default: loadtest/results of the clone).'),
      durationScale: field(decimal(0.001, 1_000), 1, 'a number from 0.001 to 1000', 'Multiplies every phase\'s duration and every action\'s and HTTP load\'s time (a 2-hour soak at 0.25 runs 30 minutes).'),
    },
    settings: [],
  },
  'check-config': {
    summary: 'Validate the configuration (file, ODDSGATE_ variables, flags) and exit: 0 when valid, 2 with one line naming the setting otherwise.',
    options: {},
    settings: 'all',
  },
  'print-config': {
    summary: 'Print the effective configuration as JSON, secrets and URL credentials masked.',
    options: {
      markdown: field(bool, false, 'true or false', 'Print the settings table of README.md (from the schema) instead.'),
    },
    settings: 'all',
  },
} satisfies Record<string, CommandSpec>;

export type CommandName = keyof typeof commands;
