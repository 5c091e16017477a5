import { describe, expect, it } from 'vitest';
import { creditFromMapping, mapListenBrainzListen, toSpotifyUri } from './map-listen.js';

/** A user-export line as ListenBrainz writes it (shape of shared/fixtures/listenbrainz/listenbrainz_listens.jsonl). */
const EXPORT_LINE = {
  inserted_at: 1748964422.521049,
  listened_at: 1748964167,
  track_metadata: {
    track_name: 'Golden Brown',
    artist_name: 'The Stranglers',
    mbid_mapping: {
      caa_id: 5761374929,
      artists: [
        {
          artist_mbid: 'a96d82a0-cdca-40bf-b4c8-3d7ec178d85b',
          join_phrase: '',
          artist_credit_name: 'The Stranglers',
        },
      ],
      artist_mbids: ['a96d82a0-cdca-40bf-b4c8-3d7ec178d85b'],
      release_mbid: 'c6911b3b-135f-4b7b-a2cc-b90ea1e11ac9',
      recording_mbid: 'c7d0bf6e-b2aa-4ffa-bded-2448415b39b0',
      recording_name: 'Golden Brown',
    },
    release_name: 'La Folie',
    recording_msid: '03dcc65c-0e01-4f25-aa1f-0f469d10e2ad',
    additional_info: {
      isrc: 'GBAYE8100053',
      spotify_id: 'https://open.spotify.com/track/2AX5E86cn9n2dgioZEjirI',
      duration_ms: 206760,
      music_service: 'spotify.com',
      submission_client: 'listenbrainz',
      release_artist_name: 'The Stranglers',
    },
  },
};

function listenOf(value: unknown) {
  const outcome = mapListenBrainzListen(value);
  if (outcome.kind !== 'listen') throw new Error(`expected a listen, got ${JSON.stringify(outcome)}`);
  return outcome.listen;
}

describe('ListenBrainz listen → draft', () => {
  describe('listens', () => {
    it('maps a user-export line', () => {
      expect(listenOf(EXPORT_LINE)).toEqual({
        listenedAt: 1748964167000,
        stampedEdge: 'start',
        precisionS: 1,
        artist: 'The Stranglers',
        track: 'Golden Brown',
        release: 'La Folie',
        releaseArtist: 'The Stranglers',
        credit: [{ name: 'The Stranglers', joinPhrase: '', mbid: 'a96d82a0-cdca-40bf-b4c8-3d7ec178d85b' }],
        durationMs: 206760,
        playedMs: null,
        artistMbids: ['a96d82a0-cdca-40bf-b4c8-3d7ec178d85b'],
        recordingMbid: 'c7d0bf6e-b2aa-4ffa-bded-2448415b39b0',
        releaseMbid: 'c6911b3b-135f-4b7b-a2cc-b90ea1e11ac9',
        releaseGroupMbid: null,
        isrc: 'GBAYE8100053',
        spotifyUri: 'spotify:track:2AX5E86cn9n2dgioZEjirI',
        client: 'listenbrainz',
        musicService: 'spotify.com',
        sourceRecordId: '03dcc65c-0e01-4f25-aa1f-0f469d10e2ad',
        user: null,
      });
    });

    it('keeps the milliseconds of a float listened_at', () => {
      expect(listenOf({ ...EXPORT_LINE, listened_at: 1381565656.25 }).listenedAt).toBe(1381565656250);
    });

    it('reads the public dump time key `timestamp` and its user_name', () => {
      const dumpLine = {
        user_id: 123,
        user_name: 'alice',
        timestamp: 1443521965,
        track_metadata: {
          artist_name: 'Burial',
          track_name: 'Archangel',
          additional_info: { recording_msid: 'msid-1' },
        },
        recording_msid: 'msid-1',
      };
      expect(listenOf(dumpLine)).toMatchObject({
        listenedAt: 1443521965000,
        user: 'alice',
        sourceRecordId: 'msid-1',
      });
    });

    it('accepts a listened_at written as a numeric string', () => {
      expect(
        listenOf({ listened_at: '1400000000', track_metadata: { artist_name: 'A', track_name: 'T' } })
          .listenedAt,
      ).toBe(1400000000000);
    });

    it('takes duration in seconds when duration_ms is absent', () => {
      const line = {
        listened_at: 1,
        track_metadata: { artist_name: 'A', track_name: 'T', additional_info: { duration: 190 } },
      };
      expect(listenOf(line).durationMs).toBe(190000);
    });

    it('prefers submitted MBIDs and fills the missing ones from the mapping', () => {
      const line = {
        listened_at: 1,
        track_metadata: {
          artist_name: 'A',
          track_name: 'T',
          additional_info: { recording_mbid: 'submitted-rec', artist_mbids: [], release_group_mbid: 'rg' },
          mbid_mapping: {
            recording_mbid: 'mapped-rec',
            release_mbid: 'mapped-rel',
            artist_mbids: ['mapped-artist'],
          },
        },
      };
      expect(listenOf(line)).toMatchObject({
        recordingMbid: 'submitted-rec',
        releaseMbid: 'mapped-rel',
        artistMbids: ['mapped-artist'],
        releaseGroupMbid: 'rg',
      });
    });

    it('treats a null mapping and empty strings as absent', () => {
      const line = {
        listened_at: 1,
        track_metadata: {
          artist_name: 'NoppZ',
          track_name: "Final Fantasy II 'Town Tribute' OC ReMix",
          mbid_mapping: null,
          release_name: '',
          additional_info: { submission_client: 'ListenBrainz lastfm importer v2', recording_mbid: '' },
        },
      };
      expect(listenOf(line)).toMatchObject({
        release: null,
        recordingMbid: null,
        credit: null,
        client: 'ListenBrainz lastfm importer v2',
      });
    });

    it('uses media_player as the client when there is no submission_client', () => {
      const line = {
        listened_at: 1,
        track_metadata: { artist_name: 'A', track_name: 'T', additional_info: { media_player: 'Navidrome' } },
      };
      expect(listenOf(line).client).toBe('Navidrome');
    });

    it('passes empty names through: the ingest layer rejects them with empty_name', () => {
      expect(
        listenOf({ listened_at: 1748967955, track_metadata: { artist_name: '', track_name: 'Some Track' } })
          .artist,
      ).toBe('');
    });
  });

  describe('credit from the mapping', () => {
    const artists = (...parts: [string, string][]) => ({
      artists: parts.map(([name, join]) => ({
        artist_credit_name: name,
        join_phrase: join,
        artist_mbid: `mbid-${name}`,
      })),
    });

    it('is used when the joined names spell the submitted artist, ignoring case', () => {
      expect(
        creditFromMapping(artists(['Durand Jones & the Indications', '']), 'Durand Jones & The Indications'),
      ).toEqual([
        {
          name: 'Durand Jones & the Indications',
          joinPhrase: '',
          mbid: 'mbid-Durand Jones & the Indications',
        },
      ]);
      expect(
        creditFromMapping(
          artists(['Metro Boomin', ' & '], ['James Blake', '']),
          'Metro Boomin & James Blake',
        ),
      ).toHaveLength(2);
    });

    it('is not used when the mapping names other or more artists than were submitted', () => {
      expect(creditFromMapping(artists(['Metro Boomin', ', '], ['Future', '']), 'Metro Boomin')).toBeNull();
      expect(creditFromMapping(artists(['Something Else', '']), 'Hiatus Kaiyote')).toBeNull();
      expect(
        creditFromMapping(
          artists(['Metro Boomin', ', '], ['Swae Lee', ' & '], ['Offset', '']),
          'Metro Boomin, Swae Lee, Offset',
        ),
      ).toBeNull();
    });

    it('is not used when the mapping has no artists', () => {
      expect(creditFromMapping(null, 'A')).toBeNull();
      expect(creditFromMapping({ artists: [] }, 'A')).toBeNull();
    });
  });

  describe('rejects', () => {
    it.each([
      ['a line that is not an object', [1, 2], 'malformed'],
      ['no track_metadata', { listened_at: 1 }, 'missing_field'],
      ['null track_metadata', { listened_at: 1, track_metadata: null }, 'missing_field'],
      ['no artist_name', { listened_at: 1, track_metadata: { track_name: 'T' } }, 'missing_field'],
      ['no track_name', { listened_at: 1, track_metadata: { artist_name: 'A' } }, 'missing_field'],
      [
        'artist_name as a list',
        { listened_at: 1, track_metadata: { artist_name: ['A', 'B'], track_name: 'T' } },
        'malformed',
      ],
      ['no listened_at', { track_metadata: { artist_name: 'A', track_name: 'T' } }, 'missing_field'],
      [
        'null listened_at',
        { listened_at: null, track_metadata: { artist_name: 'A', track_name: 'T' } },
        'missing_field',
      ],
      [
        'text listened_at',
        { listened_at: 'yesterday', track_metadata: { artist_name: 'A', track_name: 'T' } },
        'bad_timestamp',
      ],
    ])('%s → %s', (_label, value, reason) => {
      expect(mapListenBrainzListen(value)).toMatchObject({ kind: 'reject', reason });
    });
  });
});

describe('toSpotifyUri', () => {
  it.each([
    ['https://open.spotify.com/track/2AX5E86cn9n2dgioZEjirI', 'spotify:track:2AX5E86cn9n2dgioZEjirI'],
    [
      'https://open.spotify.com/intl-de/track/2AX5E86cn9n2dgioZEjirI?si=abc',
      'spotify:track:2AX5E86cn9n2dgioZEjirI',
    ],
    ['spotify:track:2AX5E86cn9n2dgioZEjirI', 'spotify:track:2AX5E86cn9n2dgioZEjirI'],
    ['https://www.youtube.com/watch?v=x', null],
    ['', null],
  ])('%s → %s', (input, uri) => {
    expect(toSpotifyUri(input)).toBe(uri);
  });
});
