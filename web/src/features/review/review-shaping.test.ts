import { describe, expect, it } from 'vitest';
import {
  chooseYear,
  hourSpan,
  minutesOf,
  monthBars,
  monthName,
  weekdayName,
  yearsWithListens,
} from './review-shaping.js';

describe('the years to pick from', () => {
  const buckets = [
    { start: '2022-01-01', plays: 5 },
    { start: '2023-01-01', plays: 0 },
    { start: '2024-01-01', plays: 12 },
  ];

  it('are the years with listens, newest first', () => {
    expect(yearsWithListens(buckets)).toEqual([2024, 2022]);
    expect(yearsWithListens([])).toEqual([]);
  });

  it('fall back to the newest when the asked year has none', () => {
    expect(chooseYear('2022', [2024, 2022])).toEqual({ year: 2022, fallback: false });
    expect(chooseYear('2023', [2024, 2022])).toEqual({ year: 2024, fallback: true });
    expect(chooseYear(null, [2024, 2022])).toEqual({ year: 2024, fallback: false });
    expect(chooseYear('soon', [2024])).toEqual({ year: 2024, fallback: false });
    expect(chooseYear('2024', [])).toEqual({ year: null, fallback: true });
  });
});

describe('monthBars', () => {
  it('scales to the busiest month and marks the first of the busiest', () => {
    const bars = monthBars(
      [
        { month: '2024-01', plays: 5 },
        { month: '2024-02', plays: 10 },
        { month: '2024-03', plays: 10 },
        { month: '2024-04', plays: 0 },
      ],
      'en-GB',
    );
    expect(bars.map((b) => [b.label, b.height, b.top])).toEqual([
      ['Jan', 0.5, false],
      ['Feb', 1, true],
      ['Mar', 1, false],
      ['Apr', 0, false],
    ]);
  });

  it('draws an empty year flat', () => {
    expect(monthBars([{ month: '2024-01', plays: 0 }]).map((b) => b.height)).toEqual([0]);
  });
});

describe('peaks in words', () => {
  it('names months, hours and weekdays in the locale', () => {
    expect(monthName('2024-12', 'en-GB')).toBe('December');
    expect(monthName('2024-03', 'de-DE')).toBe('März');
    expect(weekdayName(0, 'en-GB')).toBe('Monday');
    expect(weekdayName(6, 'de-DE')).toBe('Sonntag');
    expect(hourSpan(20, 'en-GB')).toBe('20:00–21:00');
    expect(hourSpan(23, 'de-DE')).toBe('23:00–0:00');
  });

  it('rounds listening time to minutes', () => {
    expect(minutesOf(335_675_741)).toBe(5595);
  });
});
