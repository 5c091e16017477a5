import { describe, expect, it } from 'vitest';
import { isTimeZone, settingsChange, timeZoneProblem, zoneSuggestions } from './time-zone.js';

describe('time zones', () => {
  it('knows IANA names and UTC, not made-up ones', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('America/Argentina/Buenos_Aires')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });

  it('says what to type instead', () => {
    expect(timeZoneProblem('Berlin')).toBe(
      '“Berlin” is not a time zone: use an IANA name such as Europe/Berlin, America/New_York or UTC.',
    );
    expect(timeZoneProblem(' ')).toBe('Give a time zone, e.g. Europe/Berlin or UTC.');
    expect(timeZoneProblem(' Asia/Tokyo ')).toBeNull();
  });

  it('suggests UTC first, once, and only UTC when the browser has no list', () => {
    expect(zoneSuggestions(() => ['Africa/Abidjan', 'UTC', 'Europe/Berlin'])).toEqual([
      'UTC',
      'Africa/Abidjan',
      'Europe/Berlin',
    ]);
    expect(
      zoneSuggestions(() => {
        throw new TypeError('no supportedValuesOf');
      }),
    ).toEqual(['UTC']);
  });
});

describe('settingsChange', () => {
  const saved = { privacy: 'private' as const, timeZone: 'UTC' };
  it('sends only what changed, the zone trimmed', () => {
    expect(settingsChange(saved, { privacy: 'private', timeZone: 'UTC' })).toBeNull();
    expect(settingsChange(saved, { privacy: 'public', timeZone: 'UTC' })).toEqual({ privacy: 'public' });
    expect(settingsChange(saved, { privacy: 'private', timeZone: ' Europe/Paris ' })).toEqual({
      timeZone: 'Europe/Paris',
    });
    expect(settingsChange(saved, { privacy: 'public', timeZone: 'Asia/Tokyo' })).toEqual({
      privacy: 'public',
      timeZone: 'Asia/Tokyo',
    });
  });
});
