import { describe, expect, it } from 'vitest';
import { feedShards, loadConfig, parseShard } from '../../src/config/load.js';
import { FeedKeys } from '../../src/feed/redis-keys.js';
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

describe('a Redis Cluster feed is redisClusterShards shards, each its own hash tag', () => {
  it('names shards c0..cN over the seed nodes, and their keys all carry the shard\'s tag (one slot)', () => {
    const config = loadConfig({ env: { ODDSGATE_REDIS_CLUSTER: '10.0.0.1:7000,redis://10.0.0.2:7001', ODDSGATE_REDIS_CLUSTER_SHARDS: '3', ODDSGATE_MEMBERSHIP_REDIS: 'redis://m:6379' } });
    const shards = feedShards(config);
    expect(shards.map((s) => s.name)).toEqual(['c0', 'c1', 'c2']);
    expect(shards[1].cluster).toEqual({ seeds: [{ host: '10.0.0.1', port: 7000 }, { host: '10.0.0.2', port: 7001 }] });
    const keys = FeedKeys.forShard('og:', shards[1]);
    expect([keys.stream('final'), keys.snapshot('final'), keys.heartbeat, keys.catalogue, keys.log, keys.logSeq]).toEqual([
      'og:{c1}:final:stream',
      'og:{c1}:final:snap',
      'og:{c1}:heartbeat',
      'og:{c1}:events',
      'og:{c1}:log',
      'og:{c1}:logseq',
    ]);
    // Listed shards keep the per-event tag (existing data stays readable); the shard's log is untagged, as its catalogue.
    const listed = FeedKeys.forShard('og:', parseShard('a=redis://h:6379'));
    expect([listed.stream('final'), listed.heartbeat, listed.log, listed.logSeq]).toEqual(['og:{final}:stream', 'og:heartbeat', 'og:log', 'og:logseq']);
  });

  it.each([
    ['beside redisShards', { ODDSGATE_REDIS_CLUSTER: 'h:7000', ODDSGATE_REDIS_SHARDS: 'redis://h:6379', ODDSGATE_MEMBERSHIP_REDIS: 'redis://m:6379' }, /redisCluster \(ODDSGATE_REDIS_CLUSTER\): expected redisShards/],
    ['a seed without a port', { ODDSGATE_REDIS_CLUSTER: 'h', ODDSGATE_MEMBERSHIP_REDIS: 'redis://m:6379' }, /redisCluster \(ODDSGATE_REDIS_CLUSTER\): expected host:port/],
    ['without membershipRedis', { ODDSGATE_REDIS_CLUSTER: 'h:7000' }, /membershipRedis \(ODDSGATE_MEMBERSHIP_REDIS\)/],
  ])('refuses redisCluster %s with one line naming the setting', (_, env, message) => {
    expect(() => loadConfig({ env })).toThrow(message);
  });
});
