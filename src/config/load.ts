import { readFileSync } from 'node:fs';
import { ConfigError } from '../errors.js';
import { redactUrl } from '../util/redact.js';
import { didYouMean } from './nearest-name.js';
import { shownValue } from './printable.js';
import { envName, fields, type Config, type ConfigKey } from './schema.js';

export interface ConfigSources {
  /** Process environment (ODDSGATE_* variables). */
  env?: NodeJS.ProcessEnv;
  /** Path of a JSON file with settings by name; ODDSGATE_CONFIG names one too. */
  file?: string;
  /** Highest precedence: values given in code or on the command line. */
  overrides?: Partial<Record<ConfigKey, unknown>>;
}

/**
 * ODDSGATE_ variables that are not settings: the config file, and the index
 * the supervisor (cli/serve.ts) gives each worker process.
 */
export const NON_SETTING_VARIABLES: ReadonlySet<string> = new Set(['ODDSGATE_CONFIG', 'ODDSGATE_WORKER_INDEX']);

/**
 * Defaults < file < environment < overrides, validated field by field.
 * A bad value throws ConfigError with one line naming the setting, its
 * environment variable, what it expects and what it got; so does an
 * ODDSGATE_ variable or a file key that names no setting (a typo would
 * otherwise leave the default in force without a word).
 */
export function loadConfig(sources: ConfigSources = {}): Config {
  const env = sources.env ?? {};
  refuseUnknownVariables(env);
  const filePath = sources.file ?? env.ODDSGATE_CONFIG;
  const fromFile = filePath ? readConfigFile(filePath) : {};
  const config: Record<string, unknown> = {};
  for (const key of Object.keys(fields) as ConfigKey[]) {
    const spec = fields[key];
    const raw = sources.overrides?.[key] ?? env[envName(key)] ?? fromFile[key];
    if (raw === undefined) {
      config[key] = spec.default;
      continue;
    }
    const parsed = spec.schema.safeParse(raw);
    if (!parsed.success) {
      throw new ConfigError(`invalid setting ${key} (${envName(key)}): expected ${spec.expects}, got ${JSON.stringify(shownValue(key, raw))}`);
    }
    config[key] = parsed.data;
  }
  return checkRelations(config as Config);
}

function refuseUnknownVariables(env: NodeJS.ProcessEnv): void {
  const known = new Set([...Object.keys(fields).map(envName), ...NON_SETTING_VARIABLES]);
  const prefix = 'ODDSGATE_';
  for (const name of Object.keys(env)) {
    if (!name.startsWith(prefix) || known.has(name)) continue;
    // Compared without the prefix every name shares, so the closeness is judged on the setting's part.
    const hint = didYouMean(name.slice(prefix.length), [...known].map((k) => k.slice(prefix.length)), (n) => prefix + n);
    throw new ConfigError(`unknown environment variable ${name}${hint}`);
  }
}

function readConfigFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(`cannot read config file ${path} (ODDSGATE_CONFIG / --config): ${(err as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`config file ${path} (ODDSGATE_CONFIG / --config) is not valid JSON: ${(err as Error).message.replace(/\s+/g, ' ')}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError(`config file ${path} (ODDSGATE_CONFIG / --config) must hold a JSON object of settings`);
  }
  const unknown = Object.keys(parsed).filter((k) => !(k in fields));
  if (unknown.length > 0) throw new ConfigError(`config file ${path} (ODDSGATE_CONFIG / --config) has unknown setting ${unknown[0]}${didYouMean(unknown[0], Object.keys(fields))}`);
  return parsed as Record<string, unknown>;
}

function checkRelations(config: Config): Config {
  if (config.slowClientMaxBufferBytes <= config.slowClientBufferBytes) {
    throw new ConfigError(
      `invalid setting slowClientMaxBufferBytes (${envName('slowClientMaxBufferBytes')}): expected more than slowClientBufferBytes (${config.slowClientBufferBytes}), got ${config.slowClientMaxBufferBytes}`,
    );
  }
  if (config.workers > 1 && config.redisShards.length === 0 && config.redisCluster.length === 0) {
    throw new ConfigError(
      `invalid setting workers (${envName('workers')}): more than 1 worker needs redisShards (${envName('redisShards')}); the embedded feed lives in one process`,
    );
  }
  if (config.pendingPollMs >= config.pendingMaxWaitMs) {
    throw new ConfigError(
      `invalid setting pendingPollMs (${envName('pendingPollMs')}): expected less than pendingMaxWaitMs (${config.pendingMaxWaitMs}), got ${config.pendingPollMs}`,
    );
  }
  if (config.redisCluster.length > 0 && config.redisShards.length > 0) {
    throw new ConfigError(`invalid setting redisCluster (${envName('redisCluster')}): expected redisShards (${envName('redisShards')}) to be empty beside it, the feed lives in one or the other`);
  }
  const shards = feedShards(config);
  if ((shards[0]?.sentinel || shards[0]?.cluster) && !config.membershipRedis) {
    throw new ConfigError(
      `invalid setting membershipRedis (${envName('membershipRedis')}): expected a redis:// URL when the first of redisShards is a sentinel:// shard, or with redisCluster (nodes register at one address), got nothing`,
    );
  }
  parseCores(config.cores);
  return config;
}

/** `MT=http://core-mt:9000,DE=http://core-de:9000` into jurisdiction -> base URL. */
export function parseCores(entries: string[]): Map<string, string> {
  const cores = new Map<string, string>();
  for (const entry of entries) {
    const match = /^([A-Z]{2}(?:-[A-Z0-9]{1,3})?)=(https?:\/\/[^\s/]+)\/?$/.exec(entry);
    if (!match) throw new ConfigError(`invalid setting cores (${envName('cores')}): expected JURISDICTION=http://host:port, got ${JSON.stringify(redactUrl(entry))}`);
    if (cores.has(match[1])) throw new ConfigError(`invalid setting cores (${envName('cores')}): jurisdiction ${match[1]} appears twice`);
    cores.set(match[1], match[2]);
  }
  return cores;
}

export interface ShardSpec {
  /** The shard's name on the ring: the part before `=`, or the URL itself. */
  name: string;
  /** The shard's URL as given: redis://, rediss://, or sentinel:// (see sentinel). */
  url: string;
  /** A shard whose primary Redis Sentinel names (and replaces on failover): where to ask, and for which master. */
  sentinel?: SentinelTarget;
  /** A shard of a Redis Cluster (redisCluster): the nodes to learn the cluster from. Its keys carry the hash tag {<name>}. */
  cluster?: { seeds: Array<{ host: string; port: number }> };
}

export interface SentinelTarget {
  sentinels: Array<{ host: string; port: number }>;
  masterName: string;
  /** The primary's password (the URL's `:password@`); the Sentinels themselves are asked without one. */
  password?: string;
}

/**
 * Sentinels are joined by `+`, not `,`: redisShards is itself a
 * comma-separated list (ODDSGATE_REDIS_SHARDS, --redis-shards).
 */
const SHARD_FORMS = 'redis://host:port or sentinel://host:port[+host:port...]/mastername, each optionally prefixed by name=';

/** `name=redis://host:port`, `redis://host:port`, or either with `sentinel://[:password@]host:port[+host:port...]/mastername`. */
export function parseShard(entry: string): ShardSpec {
  const eq = entry.indexOf('=');
  const name = eq > 0 && !entry.slice(0, eq).includes('/') ? entry.slice(0, eq) : entry;
  const url = name === entry ? entry : entry.slice(eq + 1);
  const refuse = (why: string) => new ConfigError(`invalid setting redisShards (${envName('redisShards')}): expected ${SHARD_FORMS}${why}, got ${JSON.stringify(redactUrl(entry))}`);
  if (url.startsWith('sentinel://')) return { name, url, sentinel: parseSentinelUrl(url, refuse) };
  if (!/^rediss?:\/\/[^/\s]+/.test(url)) throw refuse('');
  return { name, url };
}

function parseSentinelUrl(url: string, refuse: (why: string) => ConfigError): SentinelTarget {
  const match = /^sentinel:\/\/(?::([^@/\s]*)@)?([^/@\s]+)\/([^/\s]+)$/.exec(url);
  if (!match) throw refuse('');
  const [, password, hosts, masterName] = match;
  const sentinels = hosts.split('+').map((hostPort) => {
    const at = /^([^:+]+|\[[0-9a-fA-F:]+\]):(\d{1,5})$/.exec(hostPort);
    const port = Number(at?.[2]);
    if (!at || port < 1 || port > 65535) throw refuse(` (a Sentinel is host:port)`);
    return { host: at[1].replace(/^\[|\]$/g, ''), port };
  });
  return { sentinels, masterName: decodeURIComponent(masterName), ...(password ? { password: decodeURIComponent(password) } : {}) };
}

/**
 * The feed's shards: redisShards as listed, or on a Redis Cluster
 * (redisCluster) redisClusterShards shards named c0, c1, ..., each one hash
 * tag, so one slot: the cluster places them on its primaries and moves them
 * (slot migration, failover); the ring places events on them as on listed
 * shards. Why a tag per shard, not per event: see redis-keys.ts.
 */
export function feedShards(config: Pick<Config, 'redisShards' | 'redisCluster' | 'redisClusterShards'>): ShardSpec[] {
  if (config.redisCluster.length === 0) return config.redisShards.map(parseShard);
  const seeds = config.redisCluster.map(parseSeed);
  const url = `cluster://${config.redisCluster.join('+')}`;
  return Array.from({ length: config.redisClusterShards }, (_, i) => ({ name: `c${i}`, url, cluster: { seeds } }));
}

function parseSeed(entry: string): { host: string; port: number } {
  const at = /^(?:redis:\/\/)?([^:/\s]+):(\d{1,5})$/.exec(entry);
  const port = Number(at?.[2]);
  if (!at || port < 1 || port > 65535) throw new ConfigError(`invalid setting redisCluster (${envName('redisCluster')}): expected host:port of a cluster node, got ${JSON.stringify(redactUrl(entry))}`);
  return { host: at[1], port };
}

/** The shard's name as it may be shown (endpoints, logs): an unnamed shard's URL has its credentials masked. */
export function shardLabel(shard: ShardSpec): string {
  return redactUrl(shard.name);
}
