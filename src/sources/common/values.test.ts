import { describe, expect, it } from 'vitest';
import {
  numberOrNull,
  parseIsoUtc,
  parseLastfmTextDate,
  secondsToMs,
  textListOrNull,
  textOrNull,
} from './values.js';

describe('source values', () => {
  it('treats "" and null alike as absent', () => {
    expect(textOrNull('')).toBeNull();
    expect(textOrNull(null)).toBeNull();
    expect(textOrNull(' x ')).toBe(' x ');
    expect(textListOrNull(['', 'a', null, 'b'])).toEqual(['a', 'b']);
    expect(textListOrNull([])).toBeNull();
  });

  it('reads numbers and numeric strings', () => {
    expect(numberOrNull('1718354402')).toBe(1718354402);
    expect(numberOrNull(12.5)).toBe(12.5);
    expect(numberOrNull('')).toBeNull();
    expect(numberOrNull('12abc')).toBeNull();
    expect(numberOrNull(Number.NaN)).toBeNull();
    expect(numberOrNull(true)).toBeNull();
    expect(secondsToMs(1381565656.319137)).toBe(1381565656319);
  });

  it('reads ISO times as UTC when they carry no zone', () => {
    expect(parseIsoUtc('2023-04-02T18:41:07Z')).toBe(Date.UTC(2023, 3, 2, 18, 41, 7));
    expect(parseIsoUtc('2023-04-02 18:41:07')).toBe(Date.UTC(2023, 3, 2, 18, 41, 7));
    expect(parseIsoUtc('2023-04-02T18:41:07.120Z')).toBe(Date.UTC(2023, 3, 2, 18, 41, 7, 120));
    expect(parseIsoUtc('2021-11-03T09:14:52-07:00')).toBe(Date.UTC(2021, 10, 3, 16, 14, 52));
    expect(parseIsoUtc('2023-02-30 10:00')).toBeNull();
    expect(parseIsoUtc('02/04/2023')).toBeNull();
  });

  it('reads Last.fm text dates with or without the comma', () => {
    expect(parseLastfmTextDate('23 Feb 2016 17:59')).toBe(Date.UTC(2016, 1, 23, 17, 59));
    expect(parseLastfmTextDate('1 jan 2009, 00:05')).toBe(Date.UTC(2009, 0, 1, 0, 5));
    expect(parseLastfmTextDate('29 Feb 2019 10:00')).toBeNull();
  });
});
