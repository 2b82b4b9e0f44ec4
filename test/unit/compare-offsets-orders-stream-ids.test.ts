import { describe, expect, it } from 'vitest';
import { compareOffsets } from '../../src/protocol/validation.js';

const sign = (n: number) => Math.sign(n);

describe('compareOffsets', () => {
  it('is 0 for equal offsets', () => {
    expect(compareOffsets('1700000000000-0', '1700000000000-0')).toBe(0);
    expect(compareOffsets('', '')).toBe(0);
  });

  it('orders by the millisecond part first', () => {
    expect(sign(compareOffsets('1700000000000-9', '1700000000001-0'))).toBe(-1);
    expect(sign(compareOffsets('1700000000001-0', '1700000000000-9'))).toBe(1);
  });

  it('orders by the sequence part within one millisecond', () => {
    expect(sign(compareOffsets('1700000000000-1', '1700000000000-2'))).toBe(-1);
    expect(sign(compareOffsets('1700000000000-2', '1700000000000-1'))).toBe(1);
  });

  it('compares numerically, not as text', () => {
    expect(sign(compareOffsets('9-0', '10-0'))).toBe(-1);
    expect(sign(compareOffsets('5-9', '5-10'))).toBe(-1);
    expect(sign(compareOffsets('5-10', '5-9'))).toBe(1);
  });

  it('treats equal numbers written differently as equal', () => {
    expect(compareOffsets('1-01', '1-1')).toBe(0);
  });

  it('tells apart numbers beyond 2^53 that a double would merge', () => {
    // 2^53 = 9007199254740992: as doubles these two are the same number.
    expect(Number('9007199254740993')).toBe(Number('9007199254740992'));
    expect(sign(compareOffsets('9007199254740993-0', '9007199254740992-0'))).toBe(1);
    expect(sign(compareOffsets('5-9007199254740992', '5-9007199254740993'))).toBe(-1);
    expect(sign(compareOffsets('18446744073709551615-18446744073709551615', '18446744073709551615-18446744073709551614'))).toBe(1);
  });

  it('puts the empty offset (no entry yet) before every offset', () => {
    expect(sign(compareOffsets('', '0-0'))).toBe(-1);
    expect(sign(compareOffsets('0-0', ''))).toBe(1);
    expect(sign(compareOffsets('', '1700000000000-0'))).toBe(-1);
  });

  it('sorts a shuffled list into stream order', () => {
    const ordered = ['', '0-0', '0-1', '1-0', '9-5', '10-0', '10-2', '10-10', '1700000000000-0', '9007199254740993-0', '18446744073709551615-0'];
    const shuffled = [...ordered].reverse();
    [shuffled[2], shuffled[7]] = [shuffled[7], shuffled[2]];
    expect([...shuffled].sort(compareOffsets)).toEqual(ordered);
  });
});
