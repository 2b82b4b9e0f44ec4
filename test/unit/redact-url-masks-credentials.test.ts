import { describe, expect, it } from 'vitest';
import { redactUrl } from '../../src/util/redact.js';

describe('redactUrl', () => {
  it.each([
    ['redis://:s3cret@10.0.0.1:6379', 'redis://:***@10.0.0.1:6379'],
    ['redis://default:s3cret@10.0.0.1:6379/0', 'redis://default:***@10.0.0.1:6379/0'],
    ['rediss://token@cache.example:6380', 'rediss://***@cache.example:6380'],
    ['https://user:pw@core-mt.example', 'https://user:***@core-mt.example'],
    ['redis://10.0.0.1:6379', 'redis://10.0.0.1:6379'],
    ['shard-a', 'shard-a'],
  ])('%s → %s', (url, shown) => {
    expect(redactUrl(url)).toBe(shown);
  });
});

describe('redactUrl on malformed values (config errors)', () => {
  it.each([
    ['redis//:s3cret@bad', 'redis//***@bad'],
    ['a=redis:/user:s3cret@host', 'a=redis:/***@host'],
  ])('%s → %s', (url, shown) => {
    expect(redactUrl(url)).toBe(shown);
  });
});
