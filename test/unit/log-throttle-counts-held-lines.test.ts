import { describe, expect, it } from 'vitest';
import { LogThrottle } from '../../src/feed/log-throttle.js';

describe('LogThrottle', () => {
  it('lets one line through per interval and counts the ones held back', () => {
    const t = new LogThrottle(1_000);
    expect(t.pass(0)).toEqual({ suppressed: 0 });
    expect(t.pass(10)).toBeNull();
    expect(t.pass(999)).toBeNull();
    expect(t.pass(1_000)).toEqual({ suppressed: 2 });
    expect(t.pass(1_500)).toBeNull();
    expect(t.pass(5_000)).toEqual({ suppressed: 1 });
  });
});
