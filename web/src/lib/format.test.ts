import { describe, expect, it } from 'vitest';
import { formatCount, formatDuration, formatPeriodStart } from './format.js';

const plain = (s: string) => s.replace(/\s/gu, ' ');

describe('formatting for the locale', () => {
  it('groups digits as the locale does', () => {
    expect(formatCount(1234567, 'en-US')).toBe('1,234,567');
    expect(plain(formatCount(1234567, 'de-DE'))).toBe('1.234.567');
    expect(plain(formatCount(1234567, 'fr-FR'))).toBe('1 234 567');
  });

  it('writes listening time in minutes, hours and minutes, or whole hours', () => {
    expect(formatDuration(20 * 60_000, 'en-US')).toBe('20 min');
    expect(formatDuration(200 * 60_000, 'en-US')).toBe('3 hr 20 min');
    expect(formatDuration(3 * 3_600_000, 'en-US')).toBe('3 hr');
    expect(formatDuration(12_345.6 * 3_600_000, 'en-US')).toBe('12,346 hr');
    expect(plain(formatDuration(12_345.6 * 3_600_000, 'de-DE'))).toBe('12.346 Std.');
  });

  it('labels months and years', () => {
    expect(formatPeriodStart('2024-03-01', 'month', 'en-US')).toBe('Mar 2024');
    expect(formatPeriodStart('2024-01-01', 'year', 'en-US')).toBe('2024');
  });
});
