import { describe, expect, it } from 'vitest';
import { toCalendar } from './calendar.js';

describe('toCalendar', () => {
  it('keeps the days with listens inside the calendar, with the busiest day as the scale top', () => {
    const data = toCalendar(
      [
        { start: '2023-12-31', plays: 9 },
        { start: '2024-01-01', plays: 3 },
        { start: '2024-01-02', plays: 0 },
        { start: '2024-01-03', plays: 7 },
      ],
      { from: '2024-01-01', to: '2024-12-30' },
    );
    expect(data).toEqual({
      range: ['2024-01-01', '2024-12-30'],
      days: [
        ['2024-01-01', 3],
        ['2024-01-03', 7],
      ],
      max: 7,
      total: 10,
      activeDays: 2,
    });
  });

  it('has a scale even without listens', () => {
    expect(toCalendar([], { from: '2024-01-01', to: '2024-12-30' })).toMatchObject({
      days: [],
      max: 1,
      total: 0,
    });
  });
});
