import { describe, expect, it } from 'vitest';
import { formatCallDate, formatDuration, formatGap, NBSP } from '../../lib/coaching/format';

describe('figures as people read them', () => {
  it('joins every duration with no-break spaces, so it never wraps', () => {
    expect(formatDuration(45)).toBe(`45${NBSP}s`);
    expect(formatDuration(1839)).toBe(`30${NBSP}min${NBSP}39${NBSP}s`);
    expect(formatDuration(120)).toBe(`2${NBSP}min`);
    expect(formatGap(-0.34)).toBe(`−0.3${NBSP}s`);
    for (const sec of [5, 75, 3599, 3600, 3900, 7200, 36_000]) expect(formatDuration(sec)).not.toMatch(/ /);
  });

  it('says whole hours as "2 h" and drops the leading zero of the minutes', () => {
    expect(formatDuration(7200)).toBe(`2${NBSP}h`);
    expect(formatDuration(3900)).toBe(`1${NBSP}h${NBSP}5${NBSP}min`);
    expect(formatDuration(3600 + 25 * 60 + 40)).toBe(`1${NBSP}h${NBSP}25${NBSP}min`);
  });

  it('gives the time of a call without a leading zero on the hour', () => {
    const nineOFive = new Date(2025, 10, 20, 9, 5).getTime();
    expect(formatCallDate(nineOFive, 'en-GB')).toMatch(/\b9:05$/);
    expect(formatCallDate(nineOFive, 'en-US')).toMatch(/\b9:05\s?AM$/);
    expect(formatCallDate(nineOFive, 'en-GB')).not.toMatch(/09:05/);
  });
});
