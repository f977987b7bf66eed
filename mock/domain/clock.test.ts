import { describe, expect, it } from 'vitest';
import { createClock, toIso } from './clock.ts';

describe('toIso', () => {
  it('writes RFC 3339 UTC without milliseconds, right at every second boundary', () => {
    const start = Date.UTC(2026, 10, 22, 5, 59, 59);
    expect(toIso(start)).toBe('2026-11-22T05:59:59Z');
    expect(toIso(start + 999)).toBe('2026-11-22T05:59:59Z');
    expect(toIso(start + 1000)).toBe('2026-11-22T06:00:00Z');
    expect(toIso(start + 999)).toBe('2026-11-22T05:59:59Z');
    expect(toIso(0)).toBe('1970-01-01T00:00:00Z');
    expect(toIso(-1)).toBe('1969-12-31T23:59:59Z');
  });

  it('fails on a time that is not one, as Date does', () => {
    expect(() => toIso(Number.NaN)).toThrow(RangeError);
  });

  it('follows the mock clock', () => {
    const clock = createClock();
    const before = clock.iso();
    clock.advance(3_600_000);
    // Whole seconds: an hour later, or an hour and the second the test may have crossed.
    expect(Date.parse(clock.iso()) - Date.parse(before)).toBeGreaterThanOrEqual(3_600_000);
    expect(Date.parse(clock.iso()) - Date.parse(before)).toBeLessThanOrEqual(3_601_000);
  });
});
