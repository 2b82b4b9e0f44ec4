import { hostname } from 'node:os';
import { z } from 'zod';
import { DEFAULT_SHARD_LOG_MAX_LEN } from '../feed/redis-keys.js';
import { bool, field, int, list, type Field, type FieldValues } from './field.js';

/**
 * Every setting of oddsgate in one table: its type, default, what it means,
 * and (derived from its name) its environment variable: `port` is read from
 * ODDSGATE_PORT, `redisShards` from ODDSGATE_REDIS_SHARDS. The README's
 * configuration table is printed from here (`oddsgate print-config --markdown`).
 */
export const fields = {
  nodeId: field(z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/), hostname().slice(0, 64).replace(/[^A-Za-z0-9_.:-]/g, '-'), '1-64 characters of [A-Za-z0-9_.:-]', 'This node\'s id, unique among the edge nodes.'),
  host: field(z.string().min(1), '0.0.0.0', 'an IP address to listen on', 'Address the HTTP/WebSocket server listens on.'),
  port: field(int(0, 65535), 8080, 'an integer from 0 to 65535', 'Port of the HTTP/WebSocket server (0: any free port).'),
  workers: field(int(1, 64), 1, 'an integer from 1 to 64', 'Worker processes sharing the port (SO_REUSEPORT); one process holds at most ~20k sockets on a 20k open-files limit. Needs redisShards when above 1.'),
  redisShards: field(list, [] as string[], 'a comma-separated list of redis:// URLs or sentinel://host:port[+host:port...]/mastername, each optionally prefixed by name=', 'The Redis shards of the odds feed. Publisher and edge must use the same list (names, or URLs when unnamed, place events on the ring). A sentinel:// shard is the primary the Sentinels name, followed across failovers. Empty: run the embedded in-process feed with the odds simulator.'),
  redisCluster: field(list, [] as string[], 'a comma-separated list of host:port nodes of a Redis Cluster', 'A Redis Cluster holding the odds feed instead of redisShards (which must then be empty): the nodes named here are asked for the rest. Events are placed on redisClusterShards shards, each one hash tag (one slot) that the cluster places on its primaries and moves; publisher and edge must use the same settings. Needs membershipRedis.'),
  redisClusterShards: field(int(1, 1_024), 16, 'an integer from 1 to 1024', 'With redisCluster: how many shards (hash tags, so slots) events are spread over. The unit the cluster places and moves: up to this many primaries share the feed. Each is read on a blocking connection of its own per node process; changing it moves events like changing redisShards.'),
  keyPrefix: field(z.string().max(32), 'og:', 'a string of at most 32 characters', 'Prefix of every Redis key oddsgate reads or writes.'),
  streamMaxLen: field(int(10, 100_000_000), 10_000, 'an integer from 10 to 100000000', 'Retention window: entries kept per event stream (publisher side). Resume points older than this get a fresh snapshot.'),
  shardLogMaxLen: field(int(10, 100_000_000), DEFAULT_SHARD_LOG_MAX_LEN, 'an integer from 10 to 100000000', 'Entries kept (about: MAXLEN ~) in each shard\'s log, which the publisher appends every update to (publisher side). It needs to cover a node\'s hiccup (a pause, a reconnect) at the peak rate per shard; a node further behind catches up from each open event\'s stream.'),
  publishWaitReplicas: field(int(0, 16), 0, 'an integer from 0 to 16 (0: do not wait)', 'Publisher side: after each publish, wait (Redis WAIT) until this many replicas of the shard hold the write; a publish they do not all acknowledge within publishWaitTimeoutMs fails (PUBLISH_NOT_REPLICATED: a failover may lose it). Costs a replication round trip per publish.'),
  publishWaitTimeoutMs: field(int(1, 60_000), 100, 'an integer from 1 to 60000', 'Longest a publish waits for publishWaitReplicas replicas.'),
  heartbeatMs: field(int(50, 60_000), 1_000, 'an integer from 50 to 60000', 'Publisher heartbeat period per shard.'),
  feedStaleMs: field(int(100, 600_000), 3_000, 'an integer from 100 to 600000', 'A shard with no heartbeat (or a hung connection) for this long is stale: its events are reported suspended until it recovers.'),
  feedReadPath: field(z.enum(['streams', 'log']), 'log', 'streams or log', 'How a node tails a shard. streams: one blocking XREAD naming every open event\'s stream (its cost grows with open events); log: the shard\'s log, two keys whatever is open, with a catch-up from each open event\'s stream after a reconnect or a gap in the log. Kept for one release to compare and roll back.'),
  xreadBlockMs: field(int(10, 60_000), 1_000, 'an integer from 10 to 60000', 'Longest a blocking XREAD waits; on feedReadPath streams a new subscription interrupts it at once (on log it needs not: the log is read all the time).'),
  xreadCount: field(int(1, 100_000), 1_000, 'an integer from 1 to 100000', 'Most entries one XREAD returns per stream (the shard\'s log, on feedReadPath log); also the page of a catch-up read per event and the most entries held for an event while its snapshot is read.'),
  redisCommandTimeoutMs: field(int(10, 60_000), 2_000, 'an integer from 10 to 60000', 'Timeout of non-blocking Redis commands (snapshots, ranges).'),
  maxFrameBytes: field(int(64, 1_048_576), 4_096, 'an integer from 64 to 1048576', 'Largest client frame accepted; a larger one closes the connection with 1009.'),
  maxSubscriptionsPerConnection: field(int(1, 100_000), 200, 'an integer from 1 to 100000', 'Events one connection may subscribe to at once.'),
  subscribeRatePerSec: field(int(1, 100_000), 20, 'an integer from 1 to 100000', 'Sustained event subscriptions per second per connection.'),
  subscribeBurst: field(int(1, 100_000), 200, 'an integer from 1 to 100000', 'Event subscriptions a connection may make in a burst.'),
  maxProtocolErrors: field(int(1, 10_000), 20, 'an integer from 1 to 10000', 'Error frames a connection may provoke before it is closed with 4500.'),
  idleTimeoutSec: field(int(0, 3_600), 120, 'an integer from 0 to 3600 (0: off)', 'A connection whose client sent nothing (no frame, ping or pong) this long is closed without a close frame (1006), at most half of it later. Each connection is looked at every half of it, at a phase of its own, and pinged if silent for a quarter of it: connections opened together are never pinged together.'),
  slowClientBufferBytes: field(int(1_024, 1 << 30), 256 * 1024, 'an integer from 1024 to 1073741824', 'Send buffer above which a client counts as slow: it stops receiving live updates and later catches up from a snapshot.'),
  slowClientMaxBufferBytes: field(int(4_096, 1 << 30), 4 * 1024 * 1024, 'an integer from 4096 to 1073741824 above slowClientBufferBytes', 'Hard cap of a socket\'s send buffer (uWS maxBackpressure); a socket over it is closed rather than skipped.'),
  slowClientTimeoutMs: field(int(100, 3_600_000), 10_000, 'an integer from 100 to 3600000', 'A slow client that has not caught up after this long is closed with 4001.'),
  slowCheckIntervalMs: field(int(10, 10_000), 100, 'an integer from 10 to 10000', 'How often the send buffers of backed-up sockets (bytes left unsent, or paused as slow) are checked; other sockets are only scanned (slowScanPeriodMs).'),
  slowScanPeriodMs: field(int(10, 60_000), 1_000, 'an integer from 10 to 60000', 'Every socket joined to live updates has its send buffer looked at once per this period, a slice of them every slowCheckIntervalMs, to find clients that stopped reading (uWS reports no event for them). The gap between slowClientBufferBytes and slowClientMaxBufferBytes must hold what one client is sent in this period, or such a client is closed at the hard cap instead of paused.'),
  resumeBufferSize: field(int(0, 1_000_000), 128, 'an integer from 0 to 1000000', 'Recent updates kept in memory per event to serve resumes without Redis (older resume points are read from the stream). Every kept frame is heap the garbage collector walks: keep it small.'),
  resumeBufferMs: field(int(1_000, 3_600_000), 60_000, 'an integer from 1000 to 3600000', 'Age past which an update leaves the in-memory resume buffer (resumeBufferSize), so the buffers of quiet events stop growing after this long rather than after resumeBufferSize updates each (hours, for an event updated once a minute). Older resume points are read from the stream.'),
  maxResumeEntries: field(int(1, 1_000_000), 10_000, 'an integer from 1 to 1000000', 'Most missed updates replayed on a resume; further behind gets a fresh snapshot.'),
  resumePageEntries: field(int(1, 100_000), 100, 'an integer from 1 to 100000', 'Stream entries one range read of a resume replay asks Redis for: a long gap is read in pages of this size, so no single read holds Redis or the node for long.'),
  resumeEntriesPerSecPerConnection: field(int(1, 10_000_000), 2_000, 'an integer from 1 to 10000000', 'Stream entries per second the resumes of one connection may have read from Redis (a probe costs 1, a replay its gap); past the budget a resume gets a REPLACE snapshot instead.'),
  resumeEntriesBurstPerConnection: field(int(1, 10_000_000), 10_000, 'an integer from 1 to 10000000', 'Stream entries one connection\'s resumes may read in a burst (e.g. resubscribing every event after a reconnect). A gap larger than this is never replayed: REPLACE.'),
  resumeEntriesPerSecPerNode: field(int(1, 100_000_000), 20_000, 'an integer from 1 to 100000000', 'Stream entries per second all resumes on this node together may read from Redis; past it resumes get REPLACE snapshots.'),
  resumeEntriesBurstPerNode: field(int(1, 100_000_000), 20_000, 'an integer from 1 to 100000000', 'Stream entries all resumes on this node may read in a burst; below maxResumeEntries the longest gaps always get a snapshot.'),
  resumeAheadWaitMs: field(int(0, 60_000), 2_000, 'an integer from 0 to 60000', 'A resume point ahead of what this node has read (a client moved from a node whose reader was further on) waits this long for this node to get there before it gets a REPLACE snapshot.'),
  maxRangeReadsPerShard: field(int(1, 1_000), 2, 'an integer from 1 to 1000', 'Resume replays one node runs at once on one shard (on a connection of their own, apart from the live feed); a few more wait for a slot, and past that a resume gets a REPLACE snapshot.'),
  conflationStepMs: field(int(10, 10_000), 50, 'an integer from 10 to 10000', 'Conflation windows are rounded up to a multiple of this.'),
  maxConflateMs: field(int(10, 600_000), 10_000, 'an integer from 10 to 600000', 'Longest conflation window a client may ask for.'),
  channelLingerMs: field(int(0, 600_000), 5_000, 'an integer from 0 to 600000', 'How long an event with no subscriber stays open before the node stops reading it.'),
  simEvents: field(int(1, 100_000), 12, 'an integer from 1 to 100000', 'Embedded mode: events the simulator generates.'),
  simMarketsPerEvent: field(int(1, 1_000), 4, 'an integer from 1 to 1000', 'Embedded mode: markets per simulated event.'),
  simRatePerSec: field(int(0, 1_000_000), 40, 'an integer from 0 to 1000000', 'Embedded mode: simulated odds updates per second.'),
  allowAnonymous: field(bool, true, 'true or false', 'Clients without a token may connect and read odds (never bet).'),
  allowedOrigins: field(list, [] as string[], 'a comma-separated list of origins like https://www.example.com, or *', 'Browser origins allowed to open WebSockets besides the node\'s own (same host as the Host header); * allows any. Clients that send no Origin (native apps) are not checked. A refused origin gets HTTP 403.'),
  trustedProxies: field(list, [] as string[], 'a comma-separated list of IP addresses', 'Load balancers whose X-Forwarded-For (its last address) names the client for the per-source limits.'),
  maxConnectionsPerSource: field(int(0, 1_000_000), 1_000, 'an integer from 0 to 1000000 (0: no limit)', 'Open WebSockets per client address per worker; over it the upgrade gets HTTP 429. Raise it for load generators on few addresses, or use trustedProxies behind a balancer.'),
  upgradeRatePerSource: field(int(0, 1_000_000), 50, 'an integer from 0 to 1000000 (0: no limit)', 'Sustained upgrades (and Auth frames: each costs a signature check) per second per client address; over it: HTTP 429 (Auth frame: RATE_LIMITED).'),
  upgradeBurstPerSource: field(int(1, 1_000_000), 500, 'an integer from 1 to 1000000', 'Upgrades a client address may make in a burst (a reconnect wave from one NAT).'),
  maxHandshakeHeaderBytes: field(int(1_024, 1_048_576), 8_192, 'an integer from 1024 to 1048576', 'Largest total size of a WebSocket upgrade\'s request headers; larger gets HTTP 431.'),
  maxPendingTokenChecks: field(int(1, 100_000), 256, 'an integer from 1 to 100000', 'Token signature checks in progress at once on this node; more get HTTP 503 (Auth frame: RATE_LIMITED) and retry.'),
  frameRatePerSec: field(int(1, 1_000_000), 100, 'an integer from 1 to 1000000', 'Sustained frames per second a connection may send; beyond it each frame is refused with RATE_LIMITED (and counts as a protocol error: 4002 past maxProtocolErrors).'),
  frameBurst: field(int(1, 1_000_000), 200, 'an integer from 1 to 1000000', 'Frames a connection may send in a burst.'),
  authHs256Secret: field(z.string(), '', 'a secret of at least 32 bytes, or empty', 'HS256 key for players\' JWTs (verifies HS256 tokens only).'),
  authPublicKeyFile: field(z.string(), '', 'a path to an SPKI PEM file, or empty', 'Public key for players\' JWTs, verifying only authPublicKeyAlg.'),
  authPublicKeyAlg: field(z.enum(['RS256', 'ES256']), 'RS256', 'RS256 or ES256', 'The one algorithm authPublicKeyFile verifies.'),
  authJwksFile: field(z.string(), '', 'a path to a JWKS JSON file, or empty', 'JWKS for players\' JWTs; each key verifies only the alg it declares (RS256, ES256).'),
  authIssuer: field(z.string(), '', 'a string, or empty to skip the check', 'Required `iss` of players\' tokens.'),
  authAudience: field(z.string(), '', 'a string, or empty to skip the check', 'Required `aud` of players\' tokens.'),
  authClockToleranceSec: field(int(0, 300), 5, 'an integer from 0 to 300', 'Clock skew tolerated on exp/nbf.'),
  authJurisdictionClaim: field(z.string().min(1), 'jurisdiction', 'a claim name', 'Token claim holding the player\'s jurisdiction (e.g. MT, DE, BR, NJ); `sub` is the player id.'),
  cores: field(list, [] as string[], 'a comma-separated list of JURISDICTION=http://host:port', 'The core region of each jurisdiction. A bet goes only to its player\'s jurisdiction\'s core. Empty in embedded mode: a reference core per simJurisdictions runs in-process.'),
  betBudgetMs: field(int(1, 10_000), 30, 'an integer from 1 to 10000', 'Budget from a bet frame\'s arrival to its result; past it the player gets "unknown, retry with the same key".'),
  betRatePerSec: field(int(1, 10_000), 5, 'an integer from 1 to 10000', 'Sustained bets per second per player on a node.'),
  betBurst: field(int(1, 10_000), 10, 'an integer from 1 to 10000', 'Bets a player may place in a burst.'),
  coreConnections: field(int(1, 1_024), 64, 'an integer from 1 to 1024', 'Keep-alive HTTP connections per core.'),
  breakerWindowMs: field(int(100, 600_000), 1_000, 'an integer from 100 to 600000', 'Sliding window (ten buckets) over which a core\'s circuit breaker judges its calls. A real outage fills it with failures within half of it; a scheduling pause that times out the calls in flight is a small share of it.'),
  breakerMinimumCalls: field(int(1, 1_000_000), 100, 'an integer from 1 to 1000000', 'Calls the breaker\'s window must hold before its failure and slow-call rates are judged: a burst of slow calls from a cold start or one pause must not be the whole sample. Below this many calls per window (100 per second by default) the breaker never opens; each bet then waits out its own budget.'),
  breakerFailureRatePct: field(int(1, 100), 50, 'an integer from 1 to 100', 'Percentage of a core\'s calls in the window that failed (error, answer off the contract, no answer by the deadline) that opens its breaker.'),
  breakerSlowCallMs: field(int(1, 60_000), 10_000, 'an integer from 1 to 60000', 'A core call answered later than this counts as slow. A call unanswered at its bet\'s deadline is already a failure, so the default (above any budget) leaves only failures to open the breaker; set it below betBudgetMs to shed load from a core that slows down before it fails.'),
  breakerSlowCallRatePct: field(int(1, 100), 100, 'an integer from 1 to 100', 'Percentage of slow calls (breakerSlowCallMs) in the window that opens the breaker.'),
  breakerOpenMs: field(int(10, 600_000), 2_000, 'an integer from 10 to 600000', 'How long an open breaker answers CORE_UNAVAILABLE at once before letting probes through.'),
  breakerHalfOpenProbes: field(int(1, 1_000), 5, 'an integer from 1 to 1000', 'Calls (any bets) let through a half-open breaker; when all have answered it closes, or opens again if their failure or slow-call rate is over the threshold.'),
  betKnownKeys: field(int(0, 10_000_000), 100_000, 'an integer from 0 to 10000000', 'Idempotency keys this node remembers having forwarded (least recently used dropped first): a resend of one goes straight to the core, skipping the edge\'s rate limit and price checks. A forgotten key costs a lookup at the core when an edge check fails.'),
  betKnownKeyTtlMs: field(int(1_000, 86_400_000), 600_000, 'an integer from 1000 to 86400000', 'How long a forwarded key is remembered.'),
  coreAbandonAfterMs: field(int(10, 600_000), 1_000, 'an integer from 10 to 600000', 'A core call still unanswered (headers or body) this long after its deadline is aborted; the player already heard UNKNOWN.'),
  coreAnswerMaxBytes: field(int(256, 1_048_576), 16_384, 'an integer from 256 to 1048576', 'Largest core answer read; a larger one (declared or streamed) is aborted and counts as a core failure.'),
  pendingPollMs: field(int(10, 60_000), 250, 'an integer from 10 to 60000', 'How often a pending bet\'s final decision is asked of the core.'),
  pendingMaxWaitMs: field(int(100, 3_600_000), 120_000, 'an integer from 100 to 3600000', 'How long the node follows a pending bet for a connected player.'),
  auditHashKey: field(z.string(), '', 'a secret string, or empty for a random one per process', 'Key of the HMAC that stands for player ids in audit lines; share it between nodes to correlate.'),
  simJurisdictions: field(list, ['MT', 'DE', 'BR', 'NJ'] as string[], 'a comma-separated list of jurisdiction codes', 'Embedded mode: jurisdictions served by in-process reference cores.'),
  membershipRedis: field(z.string().regex(/^(rediss?:\/\/[^/\s]+.*)?$/), '', 'a redis:// URL, or empty for the first of redisShards', 'The one Redis where edge nodes register and learn the ring of nodes (the whole fleet shares it). Empty: the first of redisShards (which must then be a redis:// shard, not a sentinel:// one); with neither, the node is alone.'),
  membershipHeartbeatMs: field(int(50, 60_000), 1_000, 'an integer from 50 to 60000', 'How often a node renews its membership (state, connections, the ring it sees).'),
  membershipTimeoutMs: field(int(200, 600_000), 5_000, 'an integer from 200 to 600000', 'A node that has not renewed its membership for this long leaves every ring.'),
  adminHost: field(z.string().min(1), '127.0.0.1', 'an IP address to listen on', 'Address of the admin API (drain, status); keep it off the players\' network.'),
  adminPort: field(int(0, 65535), 9464, 'an integer from 0 to 65535', 'Port of the admin API (0: any free port).'),
  adminToken: field(z.string(), '', 'a secret string, or empty to turn the admin API off', 'Bearer token every admin API request must carry; `oddsgate drain` and `oddsgate status` send it. Empty: no admin API (its port is not opened).'),
  fanoutMetrics: field(z.preprocess((v) => (v === 'true' ? true : v === 'false' ? false : v), z.boolean()), true, 'true or false', 'Record the fan-out path\'s metrics (deliveries, frames published, fan-out latency) on every update. Off only to measure what they cost (bench:fanout oddsgate-nometrics).'),
  metricsWithoutToken: field(z.preprocess((v) => (v === 'true' ? true : v === 'false' ? false : v), z.boolean()), false, 'true or false', 'Serve GET /metrics on the admin port without the admin token (for a scraper on a private network; keep adminHost private). Off: Prometheus sends the token (bearer_token_file).'),
  publicUrl: field(z.string().regex(/^(wss?:\/\/[^\s]+)?$/), '', 'a ws:// or wss:// URL, or empty', 'This node\'s WebSocket URL as clients reach it (route lookups, Welcome, Drain frames). Empty: ws://<host, or the hostname for 0.0.0.0>:<port>/v1/ws.'),
  balancerUrl: field(z.string().regex(/^(wss?:\/\/[^\s]+)?$/), '', 'a ws:// or wss:// URL, or empty', 'Where clients connect when a balancer (HAProxy) places sessions: Drain frames name it instead of the successor\'s own URL. Empty: clients are sent to the successor node directly.'),
  drainStartDelayMs: field(int(0, 600_000), 0, 'an integer from 0 to 600000', 'A drain turns readiness to 503 at once but sends its first Drain frames this much later: time for a balancer health-checking /readyz to take the node out, so moving clients are not sent back to it. Behind deploy/haproxy set it above the fall time (3000); 0 with client-side routing.'),
  drainWindowMs: field(int(0, 3_600_000), 30_000, 'an integer from 0 to 3600000', 'A drain sends its Drain frames in even waves over this window, so the successors see about connections / window new connections per second.'),
  drainGraceMs: field(int(0, 3_600_000), 10_000, 'an integer from 0 to 3600000', 'After the drain window, clients have this long to move; then the rest are closed with 4004 (after their open bets are answered) and the process exits. Stop timeouts (systemd, Kubernetes) must exceed start delay + window + grace.'),
  drainWaveMs: field(int(10, 60_000), 250, 'an integer from 10 to 60000', 'Drain frames go out in waves this far apart; each client\'s reconnect moment is jittered within its wave.'),
  logLevel: field(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']), 'info', 'one of fatal, error, warn, info, debug, trace, silent', 'Log level.'),
} satisfies Record<string, Field<unknown>>;

export type Config = FieldValues<typeof fields>;
export type ConfigKey = keyof Config;

/** ODDSGATE_ + the setting's name in SCREAMING_SNAKE_CASE. */
export function envName(key: string): string {
  return 'ODDSGATE_' + key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

/** Settings whose values are secrets: never printed, never echoed in an error. */
export const SECRET_SETTINGS: ReadonlySet<ConfigKey> = new Set(['authHs256Secret', 'auditHashKey', 'adminToken']);
/** Settings holding URLs, which may carry credentials (`redis://:password@host`): shown with them masked. */
export const URL_SETTINGS: ReadonlySet<ConfigKey> = new Set(['redisShards', 'cores', 'membershipRedis']);
