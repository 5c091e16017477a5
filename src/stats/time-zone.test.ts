// Offsets, clock changes and the bucket grid that lets SQL convert buckets instead of listens.
import { describe, expect, it } from 'vitest';
import { addDays, bucketGrid, localDate, offsetAt, offsetSegments, zonedTimeToUtc } from './time-zone.js';

const H = 3_600_000;
const M = 60_000;

describe('offsetSegments', () => {
  it('finds the exact instants of the clock changes', () => {
    const segments = offsetSegments('Europe/Berlin', Date.UTC(2024, 0, 1), Date.UTC(2025, 0, 1));
    expect(segments.map((s) => [new Date(s.startMs).toISOString(), s.offsetMs / H])).toEqual([
      ['2024-01-01T00:00:00.000Z', 1],
      ['2024-03-31T01:00:00.000Z', 2],
      ['2024-10-27T01:00:00.000Z', 1],
    ]);
  });

  it('has one segment for a zone without clock changes', () => {
    expect(offsetSegments('Asia/Kolkata', Date.UTC(2015, 0, 1), Date.UTC(2025, 0, 1))).toEqual([
      { startMs: Date.UTC(2015, 0, 1), offsetMs: 5.5 * H },
    ]);
  });
});

describe('bucketGrid', () => {
  const grid = (tz: string, fromYear: number, toYear: number) =>
    bucketGrid(offsetSegments(tz, Date.UTC(fromYear, 0, 1), Date.UTC(toYear, 0, 1)));

  it('uses hours for whole-hour zones and shifts them for half- and three-quarter-hour zones', () => {
    expect(grid('UTC', 2000, 2030)).toEqual({ widthMs: H, phaseMs: 0 });
    expect(grid('Europe/Berlin', 2000, 2030)).toEqual({ widthMs: H, phaseMs: 0 });
    expect(grid('Asia/Kolkata', 2000, 2030)).toEqual({ widthMs: H, phaseMs: 30 * M });
    expect(grid('Asia/Kathmandu', 2000, 2030)).toEqual({ widthMs: H, phaseMs: 45 * M });
    expect(grid('America/St_Johns', 2012, 2030)).toEqual({ widthMs: H, phaseMs: 30 * M });
  });

  it('narrows to half hours when a zone changes by 30 minutes, and to minutes for off-grid changes', () => {
    // Lord Howe Island: +10:30 in winter, +11:00 in summer.
    expect(grid('Australia/Lord_Howe', 2015, 2025)).toEqual({ widthMs: 30 * M, phaseMs: 0 });
    // St. John's changed its clocks at 00:01 local time until 2011.
    expect(grid('America/St_Johns', 2005, 2015).widthMs).toBe(M);
  });
});

describe('zonedTimeToUtc and local dates', () => {
  it('maps wall-clock times to instants, skipped ones forward, repeated ones to the first', () => {
    const utc = (tz: string, day: number, month: number, hour: number, minute = 0) =>
      new Date(zonedTimeToUtc(tz, { year: 2024, month, day, hour, minute })).toISOString();
    expect(utc('Europe/Berlin', 15, 1, 12)).toBe('2024-01-15T11:00:00.000Z');
    expect(utc('Europe/Berlin', 31, 3, 2, 30)).toBe('2024-03-31T01:30:00.000Z');
    expect(utc('Europe/Berlin', 27, 10, 2, 30)).toBe('2024-10-27T00:30:00.000Z');
    expect(utc('America/New_York', 10, 3, 2, 30)).toBe('2024-03-10T07:30:00.000Z');
  });

  it('gives local dates and offsets', () => {
    expect(localDate('Europe/Berlin', Date.UTC(2024, 2, 9, 23, 30))).toBe('2024-03-10');
    expect(localDate('America/Los_Angeles', Date.UTC(2024, 2, 10, 5))).toBe('2024-03-09');
    expect(offsetAt('America/Los_Angeles', Date.UTC(2024, 6, 1))).toBe(-7 * H);
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
  });
});
