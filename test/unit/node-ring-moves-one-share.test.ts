import { describe, expect, it } from 'vitest';
import { NodeRing } from '../../src/routing/node-ring.js';

const KEYS = 100_000;
const keys = Array.from({ length: KEYS }, (_, i) => `sid-${i.toString(36).padStart(6, '0')}-${(i * 2654435761) % 1_000_003}`);
const nodes = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `edge-${i + 1}` }));

function owners(ring: NodeRing<{ id: string }>): string[] {
  return keys.map((k) => ring.owner(k)!.id);
}

describe('NodeRing over 100,000 session keys', () => {
  it.each([3, 5, 10])('adding one node to %i moves about 1/(N+1) of the keys, all of them to the new node', (n) => {
    const before = owners(new NodeRing(nodes(n)));
    const after = owners(new NodeRing(nodes(n + 1)));
    let moved = 0;
    let movedElsewhere = 0;
    for (let i = 0; i < KEYS; i++) {
      if (before[i] === after[i]) continue;
      moved++;
      if (after[i] !== `edge-${n + 1}`) movedElsewhere++;
    }
    expect(movedElsewhere).toBe(0);
    const share = moved / KEYS;
    // ketama with hashring's default vnodes spreads within a few percent of 1/(N+1).
    expect(share).toBeGreaterThan(0.6 / (n + 1));
    expect(share).toBeLessThan(1.4 / (n + 1));
  });

  it.each([3, 5, 10])('removing one node of %i moves only its own keys, spread over the others', (n) => {
    const all = nodes(n);
    const gone = all[1].id;
    const before = owners(new NodeRing(all));
    const after = owners(new NodeRing(all.filter((x) => x.id !== gone)));
    const movedTo = new Set<string>();
    let othersMoved = 0;
    for (let i = 0; i < KEYS; i++) {
      if (before[i] === gone) movedTo.add(after[i]);
      else if (after[i] !== before[i]) othersMoved++;
    }
    expect(othersMoved).toBe(0);
    expect(movedTo.size).toBe(n - 1);
  });

  it('is the same ring whatever order the members arrive in (every node agrees), with the same digest', () => {
    const a = new NodeRing(nodes(5));
    const b = new NodeRing([...nodes(5)].reverse());
    expect(owners(a)).toEqual(owners(b));
    expect(a.digest).toBe(b.digest);
    expect(new NodeRing(nodes(4)).digest).not.toBe(a.digest);
  });

  it('has no owner when empty', () => {
    expect(new NodeRing([]).owner('sid-00000001')).toBeUndefined();
  });
});
