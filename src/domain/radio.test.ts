import { describe, expect, it } from 'vitest';
import { radioPlay } from './radio.js';

describe('internet radio plays', () => {
  it('takes the artist and title from "Artist - Title" and keeps the station', () => {
    expect(radioPlay({ artist: 'Radio Paradise', track: 'Pink Floyd - Time' })).toEqual({
      artist: 'Pink Floyd',
      track: 'Time',
      station: 'Radio Paradise',
    });
    expect(radioPlay({ artist: 'FIP', track: 'Nina Simone – Sinnerman', durationMs: 0 })).toMatchObject({
      artist: 'Nina Simone',
      track: 'Sinnerman',
    });
  });

  it('leaves a real track alone: one with a length, or without "Artist - Title"', () => {
    expect(radioPlay({ artist: 'Blur', track: 'Parklife - Live', durationMs: 190_000 })).toBeNull();
    expect(radioPlay({ artist: 'FIP', track: 'Le direct' })).toBeNull();
    expect(radioPlay({ artist: 'Blur', track: 'Song 2 - 2012 Remaster', isStream: false })).toBeNull();
  });
});

describe('the scrobble rule (half the track or 4 minutes, track over 30 s)', async () => {
  const { countsAsListen } = await import('./scrobble-rule.js');
  it('counts half of a short track, 4 minutes of a long one, never a track of 30 s or less', () => {
    expect(countsAsListen(100_000, 200_000)).toBe(true);
    expect(countsAsListen(99_000, 200_000)).toBe(false);
    expect(countsAsListen(240_000, 1_200_000)).toBe(true);
    expect(countsAsListen(239_000, 1_200_000)).toBe(false);
    expect(countsAsListen(30_000, 30_000)).toBe(false);
    expect(countsAsListen(240_000, null)).toBe(true);
  });
});
