import { describe, expect, it } from 'vitest';
import { hourSpan, parseGap, splitWeek, toBars, toHeatmap, weekdayNames } from './patterns';

/** A 7 × 24 grid of zeros with the given cells set. */
function grid(cells: [weekday: number, hour: number, plays: number][]): number[][] {
  const g = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  for (const [d, h, n] of cells) g[d]![h] = n;
  return g;
}

describe('the listening clock as a heatmap', () => {
  it('gives every cell as [hour, weekday, plays], the total and the busiest cell', () => {
    const heat = toHeatmap(
      grid([
        [1, 18, 7],
        [5, 10, 3],
        [6, 23, 7],
      ]),
    );
    expect(heat.data).toHaveLength(168);
    expect(heat.data).toContainEqual([18, 1, 7]);
    expect(heat.total).toBe(17);
    // Tuesday 18h and Sunday 23h tie: the earliest in the week wins, as the server's peak does.
    expect(heat.peak).toEqual({ weekday: 1, hour: 18, plays: 7 });
    expect(heat.max).toBe(7);
  });

  it('has no peak and a colour scale up to 1 without listens', () => {
    const heat = toHeatmap(grid([]));
    expect(heat).toMatchObject({ total: 0, peak: null, max: 1 });
  });
});

describe('weekdays against the weekend', () => {
  it('adds Monday-Friday and Saturday-Sunday, with shares, per-day averages and busiest hours', () => {
    const split = splitWeek(
      grid([
        [0, 8, 10],
        [4, 8, 5],
        [4, 20, 15],
        [5, 11, 6],
        [6, 22, 4],
      ]),
    );
    expect(split.total).toBe(40);
    // 8h (10 + 5) ties with 20h (15): the earlier hour is the busiest.
    expect(split.weekday).toEqual({ plays: 30, share: 0.75, perDay: 6, busiestHour: 8 });
    expect(split.weekend).toEqual({ plays: 10, share: 0.25, perDay: 5, busiestHour: 11 });
  });

  it('says nothing is busiest without listens', () => {
    const split = splitWeek(grid([]));
    expect(split.weekend).toEqual({ plays: 0, share: 0, perDay: 0, busiestHour: null });
  });
});

describe('breakdown bars', () => {
  const entries = [
    { value: 'android', plays: 50, share: 0.5 },
    { value: 'web', plays: 25, share: 0.25 },
    { value: 'ios', plays: 15, share: 0.15 },
    { value: 'unknown', plays: 10, share: 0.1 },
  ];
  it('keeps every entry when they fit, widths against the largest', () => {
    expect(toBars(entries, 4).map((b) => [b.value, b.width])).toEqual([
      ['android', 1],
      ['web', 0.5],
      ['ios', 0.3],
      ['unknown', 0.2],
    ]);
  });
  it('sums the rest into one bar so the shares still add up', () => {
    const bars = toBars(entries, 3, 'all others');
    expect(bars.map((b) => [b.value, b.plays])).toEqual([
      ['android', 50],
      ['web', 25],
      ['all others', 25],
    ]);
    expect(bars.reduce((s, b) => s + b.share, 0)).toBeCloseTo(1);
  });
});

describe('labels', () => {
  it('names weekdays from Monday and hours as spans, midnight wrapping', () => {
    expect(weekdayNames('en-GB')).toEqual(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']);
    expect(hourSpan(14, 'en-GB')).toBe('14:00–15:00');
    expect(hourSpan(23, 'en-GB')).toBe('23:00–00:00');
  });
  it('reads the gap from the URL, else 30 minutes', () => {
    expect(parseGap('60')).toBe(60);
    expect(parseGap('7')).toBe(30);
    expect(parseGap(null)).toBe(30);
  });
});
