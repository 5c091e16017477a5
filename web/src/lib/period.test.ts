import { describe, expect, it } from 'vitest';
import { calendarDays, parsePeriod, periodLabel, rangeOf, searchText, withParam } from './period.js';

describe('parsePeriod', () => {
  it('reads the named periods and whole-day ranges, and writes them back the same', () => {
    for (const text of ['week', 'month', 'year', 'all_time', '2024-01-01..2024-12-31']) {
      const { period, error } = parsePeriod(text);
      expect([rangeOf(period), error]).toEqual([text, null]);
    }
    expect(parsePeriod('2024-03-05..2024-03-05').period).toEqual({
      kind: 'days',
      from: '2024-03-05',
      to: '2024-03-05',
    });
  });

  it('falls back to the last 365 days, saying why, for what it cannot read', () => {
    expect(parsePeriod(null)).toEqual({ period: { kind: 'year' }, error: null });
    expect(parsePeriod('fortnight').error).toContain('"fortnight" is not a period');
    expect(parsePeriod('2024-02-30..2024-03-01').error).toContain('not a period');
    expect(parsePeriod('2024-12-31..2024-01-01')).toEqual({
      period: { kind: 'year' },
      error: 'The period 2024-12-31..2024-01-01 ends before it starts.',
    });
  });
});

describe('periodLabel', () => {
  it('names the rolling periods and writes day ranges in the locale', () => {
    // Intl puts thin and narrow no-break spaces around the dash.
    const label = (...args: Parameters<typeof periodLabel>) => periodLabel(...args).replace(/\s/gu, ' ');
    expect(periodLabel({ kind: 'month' })).toBe('Last 30 days');
    expect(label({ kind: 'days', from: '2024-01-01', to: '2024-12-31' }, 'en-GB')).toBe(
      '1 Jan – 31 Dec 2024',
    );
    expect(label({ kind: 'days', from: '2024-01-01', to: '2024-12-31' }, 'de-DE')).toBe(
      '01.01. – 31.12.2024',
    );
  });
});

describe('calendarDays', () => {
  it('is the year of days ending on the period end, or today', () => {
    expect(calendarDays({ kind: 'week' }, '2024-10-29')).toEqual({ from: '2023-10-31', to: '2024-10-29' });
    expect(calendarDays({ kind: 'days', from: '2023-01-01', to: '2023-12-31' }, '2024-10-29')).toEqual({
      from: '2023-01-01',
      to: '2023-12-31',
    });
    expect(calendarDays({ kind: 'days', from: '2024-01-01', to: '2025-12-31' }, '2024-10-29').to).toBe(
      '2024-10-29',
    );
  });
});

describe('URL state', () => {
  it('sets one parameter and keeps the others, with readable ranges', () => {
    const search = new URLSearchParams('range=week&by=time');
    expect(searchText(withParam(search, 'range', '2024-01-01..2024-12-31'))).toBe(
      '?range=2024-01-01..2024-12-31&by=time',
    );
    expect(searchText(withParam(search, 'by', null))).toBe('?range=week');
    expect(searchText(new URLSearchParams())).toBe('');
  });
});
