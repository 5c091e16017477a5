// A stored listen as one line of a ListenBrainz export (reference §3.1-3.2), so ListenBrainz, another
// listenhouse, or any tool that reads ListenBrainz exports takes it back: `listened_at` and
// `inserted_at` in whole epoch seconds, `recording_msid`, and `track_metadata` with the names as
// stored and `additional_info` under ListenBrainz's key names.
import { isJsonObject, submittedTrackMetadata, type JsonObject } from '../domain/listenbrainz-record.js';
import { recordingMsid } from '../domain/msid.js';
import type { ExportedListen } from '../store/export-repository.js';

type Obj = JsonObject;
const isObj = isJsonObject;

/** Keys whose value comes from the stored columns (which may have been corrected since). */
const OWNED_KEYS = [
  'duration',
  'duration_ms',
  'ms_played',
  'recording_mbid',
  'release_mbid',
  'release_group_mbid',
  'artist_mbids',
  'isrc',
  'spotify_id',
  'release_artist_name',
  'recording_msid',
  'listenhouse_source',
  'listenhouse_format',
  'listenhouse_listened_at_ms',
  'listenhouse_precision_s',
  'listenhouse_stamped_edge',
];

/**
 * The export object of one listen. A listen that came from ListenBrainz (an export or a client)
 * keeps every other `additional_info` key it was submitted with (tags, origin_url, media_player…)
 * and its `mbid_mapping`; what the columns hold (lengths, MBIDs, ISRC, Spotify id) is written from
 * the columns. `listened_at` is the start rounded down to the second, as ListenBrainz stores it.
 */
export function toListenBrainzExport(listen: ExportedListen): Obj {
  const submitted = submittedTrackMetadata(listen.raw);
  const info: Obj = {};
  if (submitted && isObj(submitted.additional_info)) {
    for (const [key, value] of Object.entries(submitted.additional_info)) {
      if (!OWNED_KEYS.includes(key)) info[key] = value;
    }
  }
  if (listen.durationMs !== null) info.duration_ms = listen.durationMs;
  if (listen.playedMs !== null) info.ms_played = listen.playedMs;
  if (listen.recordingMbid) info.recording_mbid = listen.recordingMbid;
  if (listen.releaseMbid) info.release_mbid = listen.releaseMbid;
  if (listen.releaseGroupMbid) info.release_group_mbid = listen.releaseGroupMbid;
  if (listen.artistMbids.length > 0) info.artist_mbids = listen.artistMbids;
  if (listen.isrc) info.isrc = listen.isrc;
  const spotify = /^spotify:(track|episode):([A-Za-z0-9]+)$/.exec(listen.spotifyUri ?? '');
  if (spotify) info.spotify_id = `https://open.spotify.com/${spotify[1]}/${spotify[2]}`;
  if (listen.releaseArtist) info.release_artist_name = listen.releaseArtist;
  if (listen.client && !('submission_client' in info) && !('media_player' in info))
    info.submission_client = listen.client;
  if (listen.source === 'spotify' && !('music_service' in info)) info.music_service = 'spotify.com';
  const msid = recordingMsid(listen);
  info.recording_msid = msid;
  // Provenance for another listenhouse (ListenBrainz keeps unknown keys): the first source, and the
  // start to the millisecond with its precision, so a re-import recognises the very same record.
  info.listenhouse_source = listen.source;
  info.listenhouse_format = listen.format;
  info.listenhouse_listened_at_ms = Math.round(listen.listenedAtMs);
  info.listenhouse_precision_s = listen.precisionS;
  info.listenhouse_stamped_edge = listen.stampedEdge;
  const mapping = submitted && isObj(submitted.mbid_mapping) ? submitted.mbid_mapping : null;
  return {
    listened_at: Math.floor(listen.listenedAtMs / 1000),
    inserted_at: Math.floor(listen.insertedAtMs / 1000),
    recording_msid: msid,
    track_metadata: {
      artist_name: listen.artist,
      track_name: listen.track,
      ...(listen.release ? { release_name: listen.release } : {}),
      additional_info: info,
      ...(mapping ? { mbid_mapping: mapping } : {}),
    },
  };
}
