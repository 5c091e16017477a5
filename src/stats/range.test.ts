// The range grammar: one meaning per form, whole local days for dates, instants for timestamps.
import { describe, expect, it } from 'vitest';
import { previousRange, resolveRange } from './range.js';

const NOW = Date.UTC(2024, 9, 29, 10, 0); // Tuesday 2024-10-29, 11:00 in Berlin
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const read = (spec: string, tz = 'Europe/Berlin', now = NOW) => {
  const r = resolveRange(spec, tz, now);
  return { spec: r.spec, from: iso(r.fromMs), to: iso(r.toMs), firstDay: r.firstDay, lastDay: r.lastDay };
};

describe('resolveRange', () => {
  it('reads week, month and year as the last 7, 30 and 365 local days, today included', () => {
    expect(read('week')).toEqual({
      spec: 'week',
      from: '2024-10-22T22:00:00.000Z', // 2024-10-23 00:00 CEST
      to: '2024-10-29T23:00:00.000Z', // 2024-10-30 00:00 CET: the clocks went back on the 27th
      firstDay: '2024-10-23',
      lastDay: '2024-10-29',
    });
    expect(read('month')).toMatchObject({ firstDay: '2024-09-30', from: '2024-09-29T22:00:00.000Z' });
    expect(read('year')).toMatchObject({ firstDay: '2023-10-31', from: '2023-10-30T23:00:00.000Z' });
    expect(read('week', 'UTC')).toMatchObject({
      from: '2024-10-23T00:00:00.000Z',
      to: '2024-10-30T00:00:00.000Z',
    });
  });

  it('reads all_time (also all, all-time, any case) as unbounded', () => {
    for (const spec of ['all_time', 'all', 'All-Time', ' ALL_TIME ']) {
      expect(read(spec)).toEqual({ spec: 'all_time', from: null, to: null, firstDay: null, lastDay: null });
    }
    expect(read('Week').spec).toBe('week');
  });

  it('reads dates as whole local days, both included, 23 or 25 hours long at clock changes', () => {
    expect(read('2024-01-01..2024-12-31')).toEqual({
      spec: '2024-01-01..2024-12-31',
      from: '2023-12-31T23:00:00.000Z',
      to: '2024-12-31T23:00:00.000Z',
      firstDay: '2024-01-01',
      lastDay: '2024-12-31',
    });
    expect(read('2024-03-31..2024-03-31')).toMatchObject({
      from: '2024-03-30T23:00:00.000Z',
      to: '2024-03-31T22:00:00.000Z',
    });
    expect(read('2024-10-27..2024-10-27')).toMatchObject({
      from: '2024-10-26T22:00:00.000Z',
      to: '2024-10-27T23:00:00.000Z',
    });
  });

  it('starts a day at its first instant when midnight does not exist', () => {
    // Santiago skipped 2024-09-08 00:00-01:00: the day starts at 01:00 -03.
    expect(read('2024-09-08..2024-09-08', 'America/Santiago').from).toBe('2024-09-08T04:00:00.000Z');
  });

  it('reads timestamps as instants: with an offset absolute, without it local; TO excluded', () => {
    expect(read('2024-01-01T10:00..2024-01-01T12:00')).toMatchObject({
      from: '2024-01-01T09:00:00.000Z',
      to: '2024-01-01T11:00:00.000Z',
      firstDay: '2024-01-01',
      lastDay: '2024-01-01',
    });
    expect(read('2024-01-01T10:00Z..2024-01-01T13:00+02:00')).toMatchObject({
      from: '2024-01-01T10:00:00.000Z',
      to: '2024-01-01T11:00:00.000Z',
    });
    expect(read('2024-01-01 10:00:30.250-0530..2024-01-02T00:00:00Z').from).toBe('2024-01-01T15:30:30.250Z');
    // The last day covered by an exclusive midnight is the day before.
    expect(read('2024-01-01T00:00..2024-01-03T00:00').lastDay).toBe('2024-01-02');
  });

  it('moves a local time skipped by the spring change forward by the skipped hour', () => {
    // 02:30 does not exist in Berlin on 2024-03-31; it reads as 03:30 CEST.
    expect(read('2024-03-31T02:30..2024-03-31T04:00').from).toBe('2024-03-31T01:30:00.000Z');
    // 02:30 happens twice on 2024-10-27; the first (CEST) is meant.
    expect(read('2024-10-27T02:30..2024-10-27T04:00').from).toBe('2024-10-27T00:30:00.000Z');
  });

  it('leaves a side open', () => {
    expect(read('2024-06-01..')).toMatchObject({ from: '2024-05-31T22:00:00.000Z', to: null, lastDay: null });
    expect(read('..2023-12-31')).toMatchObject({
      from: null,
      to: '2023-12-31T23:00:00.000Z',
      firstDay: null,
    });
  });

  it.each([
    ['fortnight', 'it is not a known name'],
    ['2024-01-01', 'it is not a known name'],
    ['2024-01-01..2024-02-01..2024-03-01', 'exactly one ".."'],
    ['..', 'both ends are empty'],
    ['2024-13-01..2024-12-31', "'2024-13-01' is not a calendar date"],
    ['2023-02-29..', "'2023-02-29' is not a calendar date"],
    ['2024-01-01T25:00..', 'not a valid time of day'],
    ['yesterday..today', "'yesterday' is neither a date"],
    ['2024-05-01..2024-04-01', 'FROM must be before TO, and 2024-05-01 is after 2024-04-01.'],
    [
      '2024-01-01T10:00Z..2024-01-01T10:00Z',
      'FROM must be before TO, and 2024-01-01T10:00Z is the same instant as 2024-01-01T10:00Z.',
    ],
    ['2024-06-01T12:00+02:00..2024-06-01T09:00Z', 'and 2024-06-01T12:00+02:00 is after 2024-06-01T09:00Z.'],
  ])('rejects %s: %s, with examples', (spec, reason) => {
    expect(() => resolveRange(spec, 'UTC', NOW)).toThrowError(
      expect.objectContaining({ code: 'INVALID_INPUT', message: expect.stringContaining(reason) }),
    );
    expect(() => resolveRange(spec, 'UTC', NOW)).toThrowError(
      /Examples: week, month, year, all_time, 2024-01-01\.\.2024-12-31/,
    );
  });

  it('rejects an unknown zone and canonicalises a known one', () => {
    expect(() => resolveRange('week', 'Europe/Atlantis', NOW)).toThrowError(
      expect.objectContaining({
        code: 'INVALID_INPUT',
        message: expect.stringContaining("Unknown time zone 'Europe/Atlantis'"),
      }),
    );
    expect(resolveRange('week', 'europe/berlin', NOW).tz).toBe('Europe/Berlin');
  });
});

describe('previousRange', () => {
  const previous = (spec: string, tz = 'Europe/Berlin') => previousRange(resolveRange(spec, tz, NOW));

  it('is the same number of whole local days just before a day range', () => {
    expect(previous('week')).toBe('2024-10-16..2024-10-22');
    expect(previous('month')).toBe('2024-08-31..2024-09-29');
    expect(previous('2024-03-01..2024-03-31')).toBe('2024-01-30..2024-02-29');
    // 2024 has 366 days: the period before it starts on 2022-12-31.
    expect(previous('2024-01-01..2024-12-31')).toBe('2022-12-31..2023-12-31');
  });

  it('repeats the span of instants before a timestamp range', () => {
    expect(previous('2024-03-31T01:00Z..2024-03-31T04:00Z')).toBe(
      '2024-03-30T22:00:00.000Z..2024-03-31T01:00:00.000Z',
    );
  });

  it('is null for ranges open on a side', () => {
    expect(previous('all_time')).toBeNull();
    expect(previous('2024-01-01..')).toBeNull();
    expect(previous('..2024-01-01')).toBeNull();
  });
});
