import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig, parseCores, parseShard, type ConfigSources } from '../../src/config/load.js';
import { envName, fields, type ConfigKey } from '../../src/config/schema.js';
import { ConfigError } from '../../src/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'oddsgate-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let fileCount = 0;
function configFile(text: string): string {
  const path = join(dir, `config-${++fileCount}.json`);
  writeFileSync(path, text);
  return path;
}

/** Loads, expects a ConfigError, and returns its message after checking it is one line. */
function configErrorOf(sources: ConfigSources): string {
  let caught: unknown;
  try {
    loadConfig(sources);
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(ConfigError);
  const err = caught as ConfigError;
  expect(err.code).toBe('OG_CONFIG');
  expect(err.message).not.toMatch(/[\r\n]/);
  return err.message;
}

describe('defaults', () => {
  it('gives every setting its documented default when no source sets it', () => {
    const config = loadConfig();
    for (const key of Object.keys(fields) as ConfigKey[]) {
      expect(config[key], key).toEqual(fields[key].default);
    }
  });

  it('has the defaults a single embedded node needs', () => {
    const config = loadConfig({ env: {} });
    expect(config.port).toBe(8080);
    expect(config.host).toBe('0.0.0.0');
    expect(config.workers).toBe(1);
    expect(config.redisShards).toEqual([]);
    expect(config.logLevel).toBe('info');
    expect(config.allowAnonymous).toBe(true);
    expect(config.slowClientMaxBufferBytes).toBeGreaterThan(config.slowClientBufferBytes);
  });

  it('gives every setting a default its own schema accepts', () => {
    for (const [key, spec] of Object.entries(fields)) expect(spec.schema.safeParse(spec.default).success, key).toBe(true);
  });

  it('gives every setting a doc and an expects line', () => {
    for (const [key, spec] of Object.entries(fields)) {
      expect(spec.doc.length, key).toBeGreaterThan(0);
      expect(spec.expects.length, key).toBeGreaterThan(0);
    }
  });
});

describe('envName', () => {
  it('is ODDSGATE_ plus the setting in SCREAMING_SNAKE_CASE', () => {
    expect(envName('port')).toBe('ODDSGATE_PORT');
    expect(envName('redisShards')).toBe('ODDSGATE_REDIS_SHARDS');
    expect(envName('slowClientMaxBufferBytes')).toBe('ODDSGATE_SLOW_CLIENT_MAX_BUFFER_BYTES');
    expect(envName('authHs256Secret')).toBe('ODDSGATE_AUTH_HS256_SECRET');
    expect(envName('nodeId')).toBe('ODDSGATE_NODE_ID');
  });

  it('gives every setting a distinct variable', () => {
    const names = Object.keys(fields).map(envName);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^ODDSGATE_[A-Z0-9_]+$/);
  });
});

describe('reading the environment', () => {
  it('reads each setting from its ODDSGATE_ variable and coerces it to the setting type', () => {
    const config = loadConfig({
      env: {
        ODDSGATE_PORT: '9001',
        ODDSGATE_WORKERS: '3',
        ODDSGATE_REDIS_SHARDS: 'a=redis://h1:6379, redis://h2:6379 ,',
        ODDSGATE_LOG_LEVEL: 'debug',
        ODDSGATE_ALLOW_ANONYMOUS: 'false',
        ODDSGATE_SLOW_CLIENT_BUFFER_BYTES: '2048',
        ODDSGATE_SLOW_CLIENT_MAX_BUFFER_BYTES: '8192',
      },
    });
    expect(config.port).toBe(9001);
    expect(config.workers).toBe(3);
    expect(config.redisShards).toEqual(['a=redis://h1:6379', 'redis://h2:6379']);
    expect(config.logLevel).toBe('debug');
    expect(config.allowAnonymous).toBe(false);
    expect(config.slowClientBufferBytes).toBe(2048);
    expect(config.slowClientMaxBufferBytes).toBe(8192);
  });

  it('ignores variables without the ODDSGATE_ prefix', () => {
    const config = loadConfig({ env: { PORT: '1234', port: '1234' } });
    expect(config.port).toBe(8080);
  });

  it('refuses an ODDSGATE_ variable that names no setting, naming the nearest one', () => {
    expect(configErrorOf({ env: { ODDSGATE_PROT: '9000' } })).toBe('unknown environment variable ODDSGATE_PROT; did you mean ODDSGATE_PORT?');
    expect(configErrorOf({ env: { ODDSGATE_SHARDS: 'redis://h:1' } })).toBe('unknown environment variable ODDSGATE_SHARDS; did you mean ODDSGATE_REDIS_SHARDS?');
    expect(configErrorOf({ env: { ODDSGATE_ADMIN_TOKN: 's' } })).toBe('unknown environment variable ODDSGATE_ADMIN_TOKN; did you mean ODDSGATE_ADMIN_TOKEN?');
    expect(configErrorOf({ env: { ODDSGATE_NOTHING_LIKE_IT: '1' } })).toBe('unknown environment variable ODDSGATE_NOTHING_LIKE_IT');
  });

  it('allows the two variables that are not settings: the config file and the worker index the supervisor sets', () => {
    const file = configFile(JSON.stringify({ port: 4100 }));
    expect(loadConfig({ env: { ODDSGATE_CONFIG: file, ODDSGATE_WORKER_INDEX: '1' } }).port).toBe(4100);
  });
});

describe('precedence: defaults < file < env < overrides', () => {
  it('takes each setting from the highest source that sets it', () => {
    const file = configFile(JSON.stringify({ port: 1000, logLevel: 'warn', heartbeatMs: 500, keyPrefix: 'file:' }));
    const config = loadConfig({
      file,
      env: { ODDSGATE_PORT: '2000', ODDSGATE_LOG_LEVEL: 'debug', ODDSGATE_KEY_PREFIX: 'env:' },
      overrides: { port: '3000' },
    });
    expect(config.port).toBe(3000); // overrides beat env and file
    expect(config.logLevel).toBe('debug'); // env beats file
    expect(config.keyPrefix).toBe('env:');
    expect(config.heartbeatMs).toBe(500); // file beats default
    expect(config.workers).toBe(1); // default
  });

  it('reads the file named by ODDSGATE_CONFIG, and an explicit file wins over it', () => {
    const viaEnv = configFile(JSON.stringify({ port: 4001 }));
    const explicit = configFile(JSON.stringify({ port: 4002 }));
    expect(loadConfig({ env: { ODDSGATE_CONFIG: viaEnv } }).port).toBe(4001);
    expect(loadConfig({ env: { ODDSGATE_CONFIG: viaEnv }, file: explicit }).port).toBe(4002);
  });

  it('lets a file set lists as JSON arrays', () => {
    const file = configFile(JSON.stringify({ workers: 2, redisShards: ['s1=redis://h1:6379', 's2=redis://h2:6379'] }));
    const config = loadConfig({ file });
    expect(config.workers).toBe(2);
    expect(config.redisShards).toEqual(['s1=redis://h1:6379', 's2=redis://h2:6379']);
  });

  it('validates an override like any other source', () => {
    const message = configErrorOf({ env: { ODDSGATE_PORT: '2000' }, overrides: { port: 'nope' } });
    expect(message).toContain('port');
    expect(message).toContain('ODDSGATE_PORT');
    expect(message).toContain('"nope"');
  });
});

describe('a bad value throws a one-line ConfigError naming the setting and its variable', () => {
  const cases: Array<{ name: string; sources: ConfigSources; setting: string; variable: string; got?: string }> = [
    { name: 'port abc', sources: { env: { ODDSGATE_PORT: 'abc' } }, setting: 'port', variable: 'ODDSGATE_PORT', got: '"abc"' },
    { name: 'port above 65535', sources: { overrides: { port: 70000 } }, setting: 'port', variable: 'ODDSGATE_PORT', got: '70000' },
    { name: 'port negative', sources: { env: { ODDSGATE_PORT: '-1' } }, setting: 'port', variable: 'ODDSGATE_PORT' },
    { name: 'port not an integer', sources: { env: { ODDSGATE_PORT: '80.5' } }, setting: 'port', variable: 'ODDSGATE_PORT' },
    { name: 'workers 0', sources: { env: { ODDSGATE_WORKERS: '0' } }, setting: 'workers', variable: 'ODDSGATE_WORKERS', got: '"0"' },
    {
      name: 'redisShards without a scheme',
      sources: { env: { ODDSGATE_REDIS_SHARDS: 'localhost:6379' } },
      setting: 'redisShards',
      variable: 'ODDSGATE_REDIS_SHARDS',
      got: 'localhost:6379',
    },
    {
      name: 'a named shard without a scheme',
      sources: { env: { ODDSGATE_REDIS_SHARDS: 'redis://ok:6379,b=localhost:6379' } },
      setting: 'redisShards',
      variable: 'ODDSGATE_REDIS_SHARDS',
      got: 'b=localhost:6379',
    },
    { name: 'logLevel loud', sources: { env: { ODDSGATE_LOG_LEVEL: 'loud' } }, setting: 'logLevel', variable: 'ODDSGATE_LOG_LEVEL', got: '"loud"' },
    { name: 'allowAnonymous yes', sources: { env: { ODDSGATE_ALLOW_ANONYMOUS: 'yes' } }, setting: 'allowAnonymous', variable: 'ODDSGATE_ALLOW_ANONYMOUS' },
    { name: 'nodeId with a space', sources: { env: { ODDSGATE_NODE_ID: 'node 1' } }, setting: 'nodeId', variable: 'ODDSGATE_NODE_ID' },
    { name: 'heartbeatMs from a file', sources: { file: '' }, setting: 'heartbeatMs', variable: 'ODDSGATE_HEARTBEAT_MS', got: '5' },
    {
      name: 'slowClientMaxBufferBytes equal to slowClientBufferBytes',
      sources: { env: { ODDSGATE_SLOW_CLIENT_BUFFER_BYTES: '8192', ODDSGATE_SLOW_CLIENT_MAX_BUFFER_BYTES: '8192' } },
      setting: 'slowClientMaxBufferBytes',
      variable: 'ODDSGATE_SLOW_CLIENT_MAX_BUFFER_BYTES',
    },
    {
      name: 'slowClientMaxBufferBytes below slowClientBufferBytes',
      sources: { overrides: { slowClientBufferBytes: 65536, slowClientMaxBufferBytes: 8192 } },
      setting: 'slowClientMaxBufferBytes',
      variable: 'ODDSGATE_SLOW_CLIENT_MAX_BUFFER_BYTES',
    },
    {
      name: 'workers 2 without redisShards',
      sources: { env: { ODDSGATE_WORKERS: '2' } },
      setting: 'workers',
      variable: 'ODDSGATE_WORKERS',
    },
    {
      name: 'cores without a scheme',
      sources: { env: { ODDSGATE_CORES: 'MT=core-mt:9000' } },
      setting: 'cores',
      variable: 'ODDSGATE_CORES',
    },
    { name: 'breakerFailureRatePct 0', sources: { env: { ODDSGATE_BREAKER_FAILURE_RATE_PCT: '0' } }, setting: 'breakerFailureRatePct', variable: 'ODDSGATE_BREAKER_FAILURE_RATE_PCT', got: '"0"' },
    { name: 'breakerFailureRatePct above 100', sources: { overrides: { breakerFailureRatePct: 101 } }, setting: 'breakerFailureRatePct', variable: 'ODDSGATE_BREAKER_FAILURE_RATE_PCT', got: '101' },
    { name: 'breakerSlowCallRatePct 0', sources: { env: { ODDSGATE_BREAKER_SLOW_CALL_RATE_PCT: '0' } }, setting: 'breakerSlowCallRatePct', variable: 'ODDSGATE_BREAKER_SLOW_CALL_RATE_PCT' },
    { name: 'breakerWindowMs under 100 (ten buckets of 10 ms)', sources: { env: { ODDSGATE_BREAKER_WINDOW_MS: '50' } }, setting: 'breakerWindowMs', variable: 'ODDSGATE_BREAKER_WINDOW_MS' },
    { name: 'breakerMinimumCalls 0', sources: { env: { ODDSGATE_BREAKER_MINIMUM_CALLS: '0' } }, setting: 'breakerMinimumCalls', variable: 'ODDSGATE_BREAKER_MINIMUM_CALLS' },
    { name: 'breakerHalfOpenProbes 0', sources: { env: { ODDSGATE_BREAKER_HALF_OPEN_PROBES: '0' } }, setting: 'breakerHalfOpenProbes', variable: 'ODDSGATE_BREAKER_HALF_OPEN_PROBES' },
    { name: 'breakerOpenMs a fraction', sources: { env: { ODDSGATE_BREAKER_OPEN_MS: '1500.5' } }, setting: 'breakerOpenMs', variable: 'ODDSGATE_BREAKER_OPEN_MS' },
    { name: 'coreAnswerMaxBytes under 256', sources: { env: { ODDSGATE_CORE_ANSWER_MAX_BYTES: '100' } }, setting: 'coreAnswerMaxBytes', variable: 'ODDSGATE_CORE_ANSWER_MAX_BYTES' },
    { name: 'betKnownKeys negative', sources: { env: { ODDSGATE_BET_KNOWN_KEYS: '-1' } }, setting: 'betKnownKeys', variable: 'ODDSGATE_BET_KNOWN_KEYS' },
    {
      name: 'pendingPollMs not below pendingMaxWaitMs',
      sources: { overrides: { pendingPollMs: 1_000, pendingMaxWaitMs: 1_000 } },
      setting: 'pendingPollMs',
      variable: 'ODDSGATE_PENDING_POLL_MS',
    },
  ];

  for (const c of cases) {
    it(c.name, () => {
      const sources = c.sources.file === '' ? { file: configFile(JSON.stringify({ heartbeatMs: 5 })) } : c.sources;
      const message = configErrorOf(sources);
      expect(message).toContain(c.setting);
      expect(message).toContain(c.variable);
      if (c.got) expect(message).toContain(c.got);
    });
  }

  it('the breaker settings have the documented defaults and read their variables', () => {
    expect(loadConfig()).toMatchObject({ breakerWindowMs: 1_000, breakerMinimumCalls: 100, breakerFailureRatePct: 50, breakerSlowCallMs: 10_000, breakerSlowCallRatePct: 100, breakerOpenMs: 2_000, breakerHalfOpenProbes: 5 });
    const config = loadConfig({ env: { ODDSGATE_BREAKER_WINDOW_MS: '2000', ODDSGATE_BREAKER_MINIMUM_CALLS: '20', ODDSGATE_BREAKER_SLOW_CALL_MS: '25', ODDSGATE_BREAKER_HALF_OPEN_PROBES: '1' } });
    expect(config).toMatchObject({ breakerWindowMs: 2_000, breakerMinimumCalls: 20, breakerSlowCallMs: 25, breakerHalfOpenProbes: 1 });
  });

  it('workers 2 is accepted once redisShards are set', () => {
    const config = loadConfig({ env: { ODDSGATE_WORKERS: '2', ODDSGATE_REDIS_SHARDS: 'redis://h:6379' } });
    expect(config.workers).toBe(2);
  });

  it('the workers error also names the redisShards variable to set', () => {
    expect(configErrorOf({ env: { ODDSGATE_WORKERS: '2' } })).toContain('ODDSGATE_REDIS_SHARDS');
  });

  it('a value with a newline is quoted on the one line', () => {
    const message = configErrorOf({ env: { ODDSGATE_LOG_LEVEL: 'info\nextra' } });
    expect(message).toContain('ODDSGATE_LOG_LEVEL');
  });

  it('an empty integer variable is refused, not read as 0', () => {
    // `ODDSGATE_PORT=` (an unset shell/compose substitution) must not silently mean "any free port".
    const message = configErrorOf({ env: { ODDSGATE_PORT: '' } });
    expect(message).toContain('ODDSGATE_PORT');
  });

  it('a valueless flag (override true) is refused for an integer setting, not read as 1', () => {
    // The command line refuses `--port` without a value itself; loadConfig refuses a true from code as well.
    const message = configErrorOf({ overrides: { port: true } });
    expect(message).toContain('ODDSGATE_PORT');
  });
});

describe('config file problems', () => {
  it('an unknown key in the file throws naming the key, the file and the nearest setting', () => {
    const file = configFile(JSON.stringify({ port: 9000, prot: 9001 }));
    const message = configErrorOf({ file });
    expect(message).toContain('unknown setting prot; did you mean port?');
    expect(message).toContain(file);
  });

  it('an unreadable file throws naming the file and ODDSGATE_CONFIG', () => {
    const file = join(dir, 'does-not-exist.json');
    const message = configErrorOf({ file });
    expect(message).toContain(file);
    expect(message).toContain('ODDSGATE_CONFIG');
  });

  it('a directory given as the file throws a ConfigError', () => {
    expect(configErrorOf({ file: dir })).toContain(dir);
  });

  it('invalid JSON on one line throws naming the file', () => {
    const file = configFile('{"port": 9000,}');
    expect(configErrorOf({ file })).toContain(file);
  });

  it('invalid JSON spread over several lines still gives a one-line message', () => {
    // A typical hand-edited file: the JSON.parse message quotes the text, newlines included.
    const file = configFile('{\n  "port": 9000,\n  "logLevel": debug\n}\n');
    expect(configErrorOf({ file })).toContain(file);
  });

  it('a file holding an array or a scalar is refused', () => {
    expect(configErrorOf({ file: configFile('[1, 2]') })).toContain('JSON object');
    expect(configErrorOf({ file: configFile('42') })).toContain('JSON object');
    expect(configErrorOf({ file: configFile('null') })).toContain('JSON object');
  });
});

describe('parseShard', () => {
  it('uses the URL as the name when there is no name=', () => {
    expect(parseShard('redis://h1:6379')).toEqual({ name: 'redis://h1:6379', url: 'redis://h1:6379' });
    expect(parseShard('rediss://h1:6380')).toEqual({ name: 'rediss://h1:6380', url: 'rediss://h1:6380' });
  });

  it('splits name=url', () => {
    expect(parseShard('s1=redis://h1:6379')).toEqual({ name: 's1', url: 'redis://h1:6379' });
    expect(parseShard('shard-2=rediss://user:pw@h2:6380/0')).toEqual({ name: 'shard-2', url: 'rediss://user:pw@h2:6380/0' });
  });

  it('does not take an = inside the URL for a name separator', () => {
    const entry = 'redis://user:p=w@h1:6379';
    expect(parseShard(entry)).toEqual({ name: entry, url: entry });
  });

  it('refuses entries without a redis scheme or host', () => {
    for (const entry of ['localhost:6379', 's1=localhost:6379', 'http://h:6379', '=redis://h:6379', 's1=', 'redis://']) {
      expect(() => parseShard(entry), entry).toThrow(ConfigError);
    }
  });

  it('names the setting and its variable in the error', () => {
    expect(() => parseShard('localhost:6379')).toThrow(/redisShards \(ODDSGATE_REDIS_SHARDS\).*"localhost:6379"/);
  });
});

describe('parseCores', () => {
  it('maps jurisdictions to base URLs without a trailing slash', () => {
    const cores = parseCores(['MT=http://core-mt:9000', 'US-NJ=https://core-nj:9443/']);
    expect([...cores]).toEqual([
      ['MT', 'http://core-mt:9000'],
      ['US-NJ', 'https://core-nj:9443'],
    ]);
  });

  it('refuses a repeated jurisdiction and a malformed entry', () => {
    expect(() => parseCores(['MT=http://a:1', 'MT=http://b:2'])).toThrow(/MT appears twice/);
    expect(() => parseCores(['mt=http://a:1'])).toThrow(ConfigError);
    expect(() => parseCores(['MT=http://a:1/path'])).toThrow(ConfigError);
  });
});
