import { describe, expect, it } from 'vitest';
import { loadConfig, parseShard } from '../../src/config/load.js';
import { ConfigError } from '../../src/errors.js';

describe('a shard spec names a Redis URL or the Sentinels of a primary', () => {
  it('reads sentinel://host:port+host:port/mastername, named or not, with the primary\'s password', () => {
    expect(parseShard('a=sentinel://10.0.0.1:26379+s2.local:26380/odds-a')).toEqual({
      name: 'a',
      url: 'sentinel://10.0.0.1:26379+s2.local:26380/odds-a',
      sentinel: { sentinels: [{ host: '10.0.0.1', port: 26379 }, { host: 's2.local', port: 26380 }], masterName: 'odds-a' },
    });
    const unnamed = parseShard('sentinel://:s%40cret@[::1]:26379/m');
    expect(unnamed.name).toBe('sentinel://:s%40cret@[::1]:26379/m');
    expect(unnamed.sentinel).toEqual({ sentinels: [{ host: '::1', port: 26379 }], masterName: 'm', password: 's@cret' });
    expect(parseShard('b=redis://h:6379')).toEqual({ name: 'b', url: 'redis://h:6379' });
  });

  it.each([
    ['no master name', 'a=sentinel://h:26379'],
    ['a Sentinel without a port', 'a=sentinel://h1:26379+h2/m'],
    ['a port out of range', 'a=sentinel://h:70000/m'],
    ['Sentinels joined by a comma inside one entry', 'sentinel://h1:26379,h2:26379/m'],
  ])('refuses %s with one line naming the setting, its password masked', (_, entry) => {
    let error: unknown;
    try {
      parseShard(entry.replace('sentinel://', 'sentinel://:pw@'));
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain('redisShards (ODDSGATE_REDIS_SHARDS)');
    expect(message).toContain('sentinel://host:port[+host:port...]/mastername');
    expect(message).not.toContain(':pw@');
    expect(message).not.toContain('\n');
  });

  it('a first shard behind Sentinels needs membershipRedis: nodes register at one address', () => {
    const shards = 'a=sentinel://h:26379/a,b=redis://h:6379';
    expect(() => loadConfig({ env: { ODDSGATE_REDIS_SHARDS: shards } })).toThrow(/membershipRedis \(ODDSGATE_MEMBERSHIP_REDIS\)/);
    const config = loadConfig({ env: { ODDSGATE_REDIS_SHARDS: shards, ODDSGATE_MEMBERSHIP_REDIS: 'redis://m:6379' } });
    expect(config.redisShards).toEqual(['a=sentinel://h:26379/a', 'b=redis://h:6379']);
  });

  it('publishWaitReplicas and publishWaitTimeoutMs are checked like every setting', () => {
    expect(loadConfig({ env: { ODDSGATE_PUBLISH_WAIT_REPLICAS: '1', ODDSGATE_PUBLISH_WAIT_TIMEOUT_MS: '250' } })).toMatchObject({ publishWaitReplicas: 1, publishWaitTimeoutMs: 250 });
    expect(() => loadConfig({ env: { ODDSGATE_PUBLISH_WAIT_REPLICAS: '-1' } })).toThrow(/publishWaitReplicas \(ODDSGATE_PUBLISH_WAIT_REPLICAS\)/);
  });
});
