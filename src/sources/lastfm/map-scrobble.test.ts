import { describe, expect, it } from 'vitest';
import {
  isLastfmCsvHeader,
  mapGhanScrobble,
  mapLastfmCsvRow,
  mapRecentTrack,
  scrobblesOfElement,
} from './map-scrobble.js';

describe('benjaminbenben lastfm-to-csv row → draft', () => {
  describe('listens', () => {
    it('maps artist, album, track and a UTC minute date', () => {
      expect(mapLastfmCsvRow(['Biome', 'Kora', 'Let Me', '20 Nov 2020 09:35'])).toEqual({
        kind: 'listen',
        listen: {
          listenedAt: Date.UTC(2020, 10, 20, 9, 35),
          stampedEdge: 'start',
          precisionS: 60,
          artist: 'Biome',
          track: 'Let Me',
          release: 'Kora',
        },
      });
    });

    it.each([
      ['a one-digit day', '4 Jun 2024 08:40', Date.UTC(2024, 5, 4, 8, 40)],
      ['the comma of Last.fm text dates', '14 Jun 2024, 08:40', Date.UTC(2024, 5, 14, 8, 40)],
    ])('accepts %s', (_label, date, ms) => {
      expect(mapLastfmCsvRow(['A', '', 'T', date])).toMatchObject({
        listen: { listenedAt: ms, release: null },
      });
    });
  });

  describe('skips', () => {
    it('skips the now-playing row the exporter writes with an empty date', () => {
      expect(mapLastfmCsvRow(['Biome', 'UNITY', 'Unity', ''])).toEqual({
        kind: 'skip',
        reason: 'now_playing',
        message:
          'no date: this is the track that was playing when the export ran (now playing), not a finished scrobble',
      });
    });
  });

  describe('rejects', () => {
    it.each([
      ['a date in another format', ['A', 'B', 'C', '2020-11-20 09:35'], 'bad_timestamp'],
      ['a day that does not exist', ['A', 'B', 'C', '31 Feb 2020 09:35'], 'bad_timestamp'],
      ['an unknown month', ['A', 'B', 'C', '3 Foo 2020 09:35'], 'bad_timestamp'],
      ['five fields', ['Tyler', ' The Creator', 'IGOR', 'EARFQUAKE', '13 Jun 2024 22:05'], 'malformed'],
    ])('%s', (_label, fields, reason) => {
      expect(mapLastfmCsvRow(fields)).toMatchObject({ kind: 'reject', reason });
    });
  });

  it('recognises the optional header', () => {
    expect(isLastfmCsvHeader(['artist', 'album', 'name', 'date'])).toBe(true);
    expect(isLastfmCsvHeader(['Biome', 'Kora', 'Let Me', '20 Nov 2020 09:35'])).toBe(false);
  });
});

describe('lastfm.ghan.nl scrobble → draft', () => {
  const ROW = {
    uts: '1718354402',
    utc_time: '14 Jun 2024, 08:40',
    artist: 'Khruangbin & Leon Bridges',
    artist_mbid: '',
    album: 'Texas Sun',
    album_mbid: '',
    track: 'Texas Sun',
    track_mbid: '3d8c0f0e-6b51-4f0e-9c0b-7d0f5a1b2c3d',
  };

  it('uses uts to the second and the MBIDs, empty ones as none', () => {
    expect(mapGhanScrobble(ROW)).toEqual({
      kind: 'listen',
      listen: {
        listenedAt: 1718354402000,
        stampedEdge: 'start',
        precisionS: 1,
        artist: 'Khruangbin & Leon Bridges',
        track: 'Texas Sun',
        release: 'Texas Sun',
        artistMbids: null,
        releaseMbid: null,
        recordingMbid: '3d8c0f0e-6b51-4f0e-9c0b-7d0f5a1b2c3d',
      },
    });
  });

  it('falls back on utc_time to the minute when uts is empty', () => {
    expect(mapGhanScrobble({ ...ROW, uts: '' })).toMatchObject({
      listen: { listenedAt: Date.UTC(2024, 5, 14, 8, 40), precisionS: 60 },
    });
  });

  it('skips a row without any time as now playing', () => {
    expect(mapGhanScrobble({ ...ROW, uts: '', utc_time: '' })).toMatchObject({
      kind: 'skip',
      reason: 'now_playing',
    });
  });

  it.each([
    ['a bad uts', { ...ROW, uts: 'abc', utc_time: '' }, 'bad_timestamp'],
    ['no artist', { ...ROW, artist: undefined }, 'missing_field'],
  ])('rejects %s', (_label, row, reason) => {
    expect(mapGhanScrobble(row)).toMatchObject({ kind: 'reject', reason });
  });
});

describe('user.getRecentTracks track → draft', () => {
  const TRACK = {
    artist: { mbid: '', '#text': 'Khruangbin & Leon Bridges' },
    streamable: '0',
    image: [{ size: 'small', '#text': '' }],
    mbid: '3d8c0f0e-6b51-4f0e-9c0b-7d0f5a1b2c3d',
    album: { mbid: 'e9e78802-0bf8-4ca3-9655-1d943d2d2fa0', '#text': 'Texas Sun' },
    name: 'Texas Sun',
    url: 'https://www.last.fm/music/Khruangbin+&+Leon+Bridges/_/Texas+Sun',
    date: { uts: '1718354402', '#text': '14 Jun 2024, 08:40' },
  };

  it('maps a scrobble with date.uts as the start', () => {
    expect(mapRecentTrack(TRACK)).toEqual({
      kind: 'listen',
      listen: {
        listenedAt: 1718354402000,
        stampedEdge: 'start',
        precisionS: 1,
        artist: 'Khruangbin & Leon Bridges',
        track: 'Texas Sun',
        release: 'Texas Sun',
        artistMbids: null,
        releaseMbid: 'e9e78802-0bf8-4ca3-9655-1d943d2d2fa0',
        recordingMbid: '3d8c0f0e-6b51-4f0e-9c0b-7d0f5a1b2c3d',
      },
    });
  });

  it('reads the extended=1 artist shape {name, mbid}', () => {
    const extended = {
      ...TRACK,
      artist: { name: 'Radiohead', mbid: 'a74b1b7f-71a5-4011-9441-d0b5e4122711', url: 'u' },
      loved: '0',
    };
    expect(mapRecentTrack(extended)).toMatchObject({
      listen: { artist: 'Radiohead', artistMbids: ['a74b1b7f-71a5-4011-9441-d0b5e4122711'] },
    });
  });

  it('skips the now-playing item', () => {
    const nowPlaying: Record<string, unknown> = { ...TRACK, '@attr': { nowplaying: 'true' } };
    delete nowPlaying.date;
    expect(mapRecentTrack(nowPlaying)).toEqual({
      kind: 'skip',
      reason: 'now_playing',
      message: 'now playing when the page was fetched, not a finished scrobble',
    });
  });

  it.each([
    ['no date and not now playing', { ...TRACK, date: undefined }, 'missing_field'],
    ['a date without uts or text', { ...TRACK, date: { uts: 'x' } }, 'bad_timestamp'],
    ['no name', { ...TRACK, name: undefined }, 'missing_field'],
  ])('rejects %s', (_label, track, reason) => {
    expect(mapRecentTrack(track)).toMatchObject({ kind: 'reject', reason });
  });
});

describe('Last.fm JSON elements', () => {
  const track = (uts: string) => ({
    artist: { '#text': 'A', mbid: '' },
    name: 'T',
    album: { '#text': '', mbid: '' },
    date: { uts },
  });

  it('reads a {recenttracks} page, a bare page and a single-track page (track as an object)', () => {
    const page = { recenttracks: { track: [track('1'), track('2')], '@attr': { page: '1' } } };
    expect(scrobblesOfElement(page).map((s) => s.outcome.kind)).toEqual(['listen', 'listen']);
    expect(scrobblesOfElement({ track: [track('3')], '@attr': { page: '2' } })).toHaveLength(1);
    expect(scrobblesOfElement({ recenttracks: { track: track('4'), '@attr': {} } })).toHaveLength(1);
    expect(scrobblesOfElement({ recenttracks: { track: [], '@attr': { total: '0' } } })).toEqual([]);
  });

  it('gives each track of a page its own raw text', () => {
    const [first] = scrobblesOfElement({ track: [track('5')] });
    expect(first?.raw).toBe(JSON.stringify(track('5')));
  });

  it('reads a flat ghan object and an array of tracks', () => {
    expect(scrobblesOfElement({ uts: '10', artist: 'A', track: 'T' })[0]?.outcome).toMatchObject({
      listen: { listenedAt: 10000 },
    });
    expect(scrobblesOfElement([track('6'), track('7')]).map((s) => s.outcome.kind)).toEqual([
      'listen',
      'listen',
    ]);
  });

  it('rejects anything else', () => {
    expect(scrobblesOfElement({ hello: 'world' })[0]?.outcome).toMatchObject({
      kind: 'reject',
      reason: 'malformed',
    });
  });
});
