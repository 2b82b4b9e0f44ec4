import { describe, expect, it } from 'vitest';
import { parseShard } from '../../src/config/load.js';
import { ShardRing } from '../../src/feed/shard-ring.js';

const ids = Array.from({ length: 10_000 }, (_, i) => `match-${i}`);
const ring = (entries: string[]) => new ShardRing(entries.map(parseShard));
const THREE = ['s1=redis://10.0.0.1:6379', 's2=redis://10.0.0.2:6379', 's3=redis://10.0.0.3:6379'];

describe('ShardRing', () => {
  it('places an event on one of the given shards, the same one every time', () => {
    const r = ring(THREE);
    const first = r.shardFor('match-42');
    expect(THREE.map(parseShard)).toContainEqual(first);
    for (let i = 0; i < 10; i++) expect(r.shardFor('match-42')).toEqual(first);
  });

  it('a publisher-side and an edge-side ring built from the same list agree on every event', () => {
    const publisher = ring(THREE);
    const edge = ring([...THREE]);
    const disagreements = ids.filter((id) => edge.shardFor(id).name !== publisher.shardFor(id).name);
    expect(disagreements).toEqual([]);
  });

  it('agrees even when the list is given in another order', () => {
    const a = ring(THREE);
    const b = ring([THREE[2], THREE[0], THREE[1]]);
    const disagreements = ids.filter((id) => a.shardFor(id).name !== b.shardFor(id).name);
    expect(disagreements).toEqual([]);
  });

  it('places by name: a named shard moved to another host keeps its events and reports the new URL', () => {
    const before = ring(THREE);
    const after = ring(['s1=redis://10.0.0.1:6379', 's2=redis://10.9.9.9:7000', 's3=redis://10.0.0.3:6379']);
    for (const id of ids.slice(0, 2_000)) {
      const a = before.shardFor(id);
      const b = after.shardFor(id);
      expect(b.name).toBe(a.name);
      if (b.name === 's2') expect(b.url).toBe('redis://10.9.9.9:7000');
    }
  });

  it('unnamed shards are placed by URL', () => {
    const r = ring(['redis://h1:6379', 'redis://h2:6379']);
    const shard = r.shardFor('match-1');
    expect(shard.name).toBe(shard.url);
    expect(['redis://h1:6379', 'redis://h2:6379']).toContain(shard.url);
  });

  it('spreads events over every shard', () => {
    const r = ring(THREE);
    const counts = new Map<string, number>();
    for (const id of ids) counts.set(r.shardFor(id).name, (counts.get(r.shardFor(id).name) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual(['s1', 's2', 's3']);
    for (const [name, n] of counts) {
      expect(n / ids.length, name).toBeGreaterThan(0.2);
      expect(n / ids.length, name).toBeLessThan(0.47);
    }
  });

  it('adding a 4th shard moves about a quarter of the events, all of them to the new shard', () => {
    const three = ring(THREE);
    const four = ring([...THREE, 's4=redis://10.0.0.4:6379']);
    const moved = ids.filter((id) => three.shardFor(id).name !== four.shardFor(id).name);
    const share = moved.length / ids.length;
    expect(share).toBeGreaterThan(0.15);
    expect(share).toBeLessThan(0.35);
    const destinations = new Set(moved.map((id) => four.shardFor(id).name));
    expect([...destinations]).toEqual(['s4']);
  });
});
