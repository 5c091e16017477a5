import { describe, expect, it } from 'vitest';
import { mapAccountRow, mapExtendedRow } from './map-streaming-history.js';

/** Current-schema row (shape of the efrrowini export); fields overridden per case. */
const ROW = {
  ts: '2024-06-14T07:52:31Z',
  platform: 'android',
  ms_played: 214093,
  conn_country: 'DE',
  ip_addr: 'x.x.x.x',
  master_metadata_track_name: 'Midnight City',
  master_metadata_album_artist_name: 'M83',
  master_metadata_album_album_name: "Hurry Up, We're Dreaming",
  spotify_track_uri: 'spotify:track:1eyzqe2QqGZUmfcPZtrIyt',
  episode_name: null,
  episode_show_name: null,
  spotify_episode_uri: null,
  audiobook_title: null,
  audiobook_uri: null,
  audiobook_chapter_uri: null,
  audiobook_chapter_title: null,
  reason_start: 'trackdone',
  reason_end: 'trackdone',
  shuffle: false,
  skipped: false,
  offline: false,
  offline_timestamp: 1718351337412,
  incognito_mode: false,
};

/** Older endsong_N.json row: username, ip_addr_decrypted, no audiobook keys. */
const ENDSONG_ROW = {
  ts: '2021-09-21T19:38:59Z',
  username: 'redacted',
  platform: 'iOS 14.7.1 (iPhone10,3)',
  ms_played: 14450,
  conn_country: 'US',
  ip_addr_decrypted: 'x.x.x.x',
  user_agent_decrypted: 'unknown',
  master_metadata_track_name: 'Colors of Fall, Wool Clothes',
  master_metadata_album_artist_name: 'Kendall Miles',
  master_metadata_album_album_name: 'Chillhop Essentials Fall 2021',
  spotify_track_uri: 'spotify:track:1S0ZfOXMfiF49JvPGVQ2YZ',
  episode_name: null,
  episode_show_name: null,
  spotify_episode_uri: null,
  reason_start: 'clickrow',
  reason_end: 'fwdbtn',
  shuffle: false,
  skipped: null,
  offline: false,
  offline_timestamp: 1632253124315,
  incognito_mode: false,
};

const AUDIO = { minPlayedMs: 30_000, isVideoFile: false };

describe('Spotify extended history row → draft', () => {
  describe('listens', () => {
    it('maps a full play: start = end − ms_played, album artist as artist and release artist', () => {
      const outcome = mapExtendedRow(ROW, AUDIO);
      expect(outcome).toEqual({
        kind: 'listen',
        listen: {
          listenedAt: Date.UTC(2024, 5, 14, 7, 52, 31) - 214093,
          stampedEdge: 'end',
          precisionS: 1,
          artist: 'M83',
          track: 'Midnight City',
          release: "Hurry Up, We're Dreaming",
          releaseArtist: 'M83',
          playedMs: 214093,
          spotifyUri: 'spotify:track:1eyzqe2QqGZUmfcPZtrIyt',
          platform: 'android',
          country: 'DE',
          sourceRecordId: null,
        },
      });
    });

    it('keeps a short play that ended by itself (a genuinely short track)', () => {
      expect(mapExtendedRow({ ...ROW, ms_played: 12000, reason_end: 'trackdone' }, AUDIO).kind).toBe(
        'listen',
      );
    });

    it('keeps a play of exactly the threshold', () => {
      expect(mapExtendedRow({ ...ROW, ms_played: 30000, reason_end: 'fwdbtn' }, AUDIO).kind).toBe('listen');
    });

    it('reads the older endsong schema', () => {
      const outcome = mapExtendedRow({ ...ENDSONG_ROW, ms_played: 275586, reason_end: 'trackdone' }, AUDIO);
      expect(outcome).toMatchObject({
        kind: 'listen',
        listen: { artist: 'Kendall Miles', platform: 'iOS 14.7.1 (iPhone10,3)', country: 'US' },
      });
    });

    it('treats empty strings as absent', () => {
      const outcome = mapExtendedRow({ ...ROW, platform: '', conn_country: '' }, AUDIO);
      expect(outcome).toMatchObject({ listen: { platform: null, country: null } });
    });
  });

  describe('skips', () => {
    it.each([
      ['incognito', { ...ROW, incognito_mode: true }, 'incognito', 'incognito session'],
      [
        'podcast',
        {
          ...ROW,
          master_metadata_track_name: null,
          master_metadata_album_artist_name: null,
          spotify_track_uri: null,
          episode_name: 'Ep. 1',
          spotify_episode_uri: 'spotify:episode:5mK6IgqLYVX7Fx6ElLbQOz',
        },
        'podcast',
        'podcast episode',
      ],
      [
        'audiobook',
        { ...ROW, spotify_track_uri: null, audiobook_title: 'Dune', audiobook_uri: 'spotify:show:x' },
        'audiobook',
        'audiobook chapter',
      ],
      [
        'no URI at all',
        { ...ROW, spotify_track_uri: null, master_metadata_track_name: null },
        'no_track_uri',
        'no track URI (not a music stream)',
      ],
      [
        'skipped after 12 s',
        { ...ROW, ms_played: 12345, reason_end: 'fwdbtn' },
        'short_play',
        'played 12 s and skipped (under 30 s)',
      ],
      [
        'stopped after 1 s with no reason',
        { ...ROW, ms_played: 1129, reason_end: null },
        'short_play',
        'played 1 s and skipped (under 30 s)',
      ],
      ['endsong skipped after 14 s', ENDSONG_ROW, 'short_play', 'played 14 s and skipped (under 30 s)'],
    ])('%s', (_label, row, reason, message) => {
      expect(mapExtendedRow(row, AUDIO)).toEqual({ kind: 'skip', reason, message });
    });

    it('skips every row of a video file, whatever it holds', () => {
      expect(mapExtendedRow(ROW, { ...AUDIO, isVideoFile: true })).toEqual({
        kind: 'skip',
        reason: 'video',
        message: 'video play',
      });
    });

    it('uses the configured threshold', () => {
      expect(
        mapExtendedRow({ ...ROW, ms_played: 45000, reason_end: 'fwdbtn' }, { ...AUDIO, minPlayedMs: 60000 }),
      ).toMatchObject({
        reason: 'short_play',
        message: 'played 45 s and skipped (under 60 s)',
      });
    });
  });

  describe('rejects', () => {
    it.each([
      ['not an object', 'row', 'malformed'],
      ['no ts', { ...ROW, ts: undefined }, 'missing_field'],
      ['bad ts', { ...ROW, ts: 'yesterday' }, 'bad_timestamp'],
      ['no ms_played', { ...ROW, ms_played: null }, 'missing_field'],
    ])('%s', (_label, row, reason) => {
      expect(mapExtendedRow(row, AUDIO)).toMatchObject({ kind: 'reject', reason });
    });
  });
});

describe('Spotify account-data row → draft', () => {
  const ROW_ACCOUNT = {
    endTime: '2020-01-16 03:13',
    artistName: 'Daniel, Me Estás Matando',
    trackName: 'Fúgate',
    msPlayed: 199925,
  };

  it('maps a play with minute precision, stamped at the end', () => {
    expect(mapAccountRow(ROW_ACCOUNT, { minPlayedMs: 30000 })).toEqual({
      kind: 'listen',
      listen: {
        listenedAt: Date.UTC(2020, 0, 16, 3, 13) - 199925,
        stampedEdge: 'end',
        precisionS: 60,
        artist: 'Daniel, Me Estás Matando',
        track: 'Fúgate',
        playedMs: 199925,
        sourceRecordId: null,
      },
    });
  });

  it.each([
    ['a play under 30 s', { ...ROW_ACCOUNT, msPlayed: 4454 }, 'short_play', 'played 4 s (under 30 s)'],
    ['a play of 0 ms', { ...ROW_ACCOUNT, msPlayed: 0 }, 'short_play', 'played 0 s (under 30 s)'],
    [
      'a podcast row',
      { endTime: '2023-11-05 21:14', podcastName: 'Show', episodeName: 'Ep', msPlayed: 999999 },
      'podcast',
      'podcast episode',
    ],
  ])('skips %s', (_label, row, reason, message) => {
    expect(mapAccountRow(row, { minPlayedMs: 30000 })).toEqual({ kind: 'skip', reason, message });
  });

  it.each([
    ['a bad endTime', { ...ROW_ACCOUNT, endTime: '16/01/2020 03:13' }, 'bad_timestamp'],
    ['no endTime', { ...ROW_ACCOUNT, endTime: undefined }, 'missing_field'],
    ['no msPlayed', { ...ROW_ACCOUNT, msPlayed: undefined }, 'missing_field'],
    ['no trackName', { endTime: '2020-01-16 03:13', artistName: 'A', msPlayed: 99999 }, 'missing_field'],
  ])('rejects %s', (_label, row, reason) => {
    expect(mapAccountRow(row, { minPlayedMs: 30000 })).toMatchObject({ kind: 'reject', reason });
  });
});
