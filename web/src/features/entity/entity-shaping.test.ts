import { describe, expect, it } from 'vitest';
import { monthSeries, parseEntityId, sourceRows } from './entity-shaping.js';

describe('parseEntityId', () => {
  it('takes positive whole numbers only', () => {
    expect(parseEntityId('42')).toBe(42);
    expect(parseEntityId('0')).toBeNull();
    expect(parseEntityId('4.2')).toBeNull();
    expect(parseEntityId('abc')).toBeNull();
    expect(parseEntityId(undefined)).toBeNull();
  });
});

describe('monthSeries', () => {
  it('labels every month and finds the busiest (the first when tied)', () => {
    const s = monthSeries(
      [
        { month: '2024-11', plays: 3 },
        { month: '2024-12', plays: 0 },
        { month: '2025-01', plays: 7 },
        { month: '2025-02', plays: 7 },
      ],
      'en-GB',
    );
    expect(s.labels).toEqual(['Nov 2024', 'Dec 2024', 'Jan 2025', 'Feb 2025']);
    expect(s.plays).toEqual([3, 0, 7, 7]);
    expect(s.peak).toEqual({ month: '2025-01', label: 'Jan 2025', plays: 7 });
    expect(monthSeries([]).peak).toBeNull();
  });
});

describe('sourceRows', () => {
  it('orders the sources by listens with their part of the listens', () => {
    expect(
      sourceRows(
        [
          { source: 'lastfm', plays: 2 },
          { source: 'spotify', plays: 8 },
        ],
        8,
      ),
    ).toEqual([
      { source: 'spotify', plays: 8, share: 1 },
      { source: 'lastfm', plays: 2, share: 0.25 },
    ]);
    expect(sourceRows([{ source: 'x', plays: 0 }], 0)[0]!.share).toBe(0);
  });
});
