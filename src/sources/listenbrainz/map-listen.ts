import { creditFromMapping } from '../../domain/credit-mapping.js';
import { listen, reject, type Outcome } from '../common/outcome.js';
import { isRecord, numberOrNull, secondsToMs, textListOrNull, textOrNull } from '../common/values.js';

export { creditFromMapping } from '../../domain/credit-mapping.js';

/** An open.spotify.com track or episode link (the bulk import binds its source to SQL). */
export const SPOTIFY_URL =
  /^https?:\/\/open\.spotify\.com\/(?:intl-[a-z-]+\/)?(track|episode)\/([A-Za-z0-9]{22})/;

/**
 * ListenBrainz carries Spotify ids as open.spotify.com URLs; Spotify's own exports use `spotify:track:…`.
 * One form lets the two sources be matched on the id later.
 */
export function toSpotifyUri(value: unknown): string | null {
  const text = textOrNull(value);
  if (text === null) return null;
  if (text.startsWith('spotify:')) return text;
  const m = SPOTIFY_URL.exec(text);
  return m ? `spotify:${m[1]}:${m[2]}` : null;
}

function durationMsOf(info: Record<string, unknown>): number | null {
  const ms = numberOrNull(info.duration_ms);
  if (ms !== null) return ms;
  const seconds = numberOrNull(info.duration);
  return seconds === null ? null : secondsToMs(seconds);
}

const EMPTY: Record<string, unknown> = {};

/**
 * One ListenBrainz listen (user export line, old array export element, public dump line or API listen)
 * to a draft. The time is `listened_at`, or `timestamp` in the public dumps (`ts_since_epoch` in some
 * old tools), in seconds, int or float; it is the start of the play.
 */
export function mapListenBrainzListen(value: unknown): Outcome {
  if (!isRecord(value)) return reject('malformed', 'a listen must be a JSON object');
  const meta = value.track_metadata;
  if (meta === undefined || meta === null) return reject('missing_field', 'the listen has no track_metadata');
  if (!isRecord(meta)) return reject('malformed', 'track_metadata is not an object');
  const artist = meta.artist_name;
  if (artist === undefined || artist === null)
    return reject('missing_field', 'the listen has no artist_name');
  if (typeof artist !== 'string') return reject('malformed', 'artist_name must be a single string');
  const track = meta.track_name;
  if (track === undefined || track === null) return reject('missing_field', 'the listen has no track_name');
  if (typeof track !== 'string') return reject('malformed', 'track_name must be a single string');

  const time = value.listened_at ?? value.timestamp ?? value.ts_since_epoch;
  if (time === undefined || time === null) return reject('missing_field', 'the listen has no listened_at');
  const seconds = numberOrNull(time);
  if (seconds === null) {
    return reject('bad_timestamp', `listened_at ${JSON.stringify(time)} is not a number of seconds`);
  }

  const info = isRecord(meta.additional_info) ? meta.additional_info : EMPTY;
  const mapping = isRecord(meta.mbid_mapping) ? meta.mbid_mapping : null;
  const exported = exportedProvenance(info, seconds);
  return listen({
    listenedAt: exported?.listenedAt ?? secondsToMs(seconds),
    stampedEdge: exported?.stampedEdge ?? 'start',
    precisionS: exported?.precisionS ?? 1,
    ...(exported ? { origin: exported.origin } : {}),
    artist,
    track,
    release: textOrNull(meta.release_name),
    releaseArtist: textOrNull(info.release_artist_name),
    credit: creditFromMapping(mapping, artist),
    durationMs: durationMsOf(info),
    playedMs: numberOrNull(info.ms_played),
    // Submitted ids win; the server's mapping fills what the client did not send.
    artistMbids: textListOrNull(info.artist_mbids) ?? textListOrNull(mapping?.artist_mbids),
    recordingMbid: textOrNull(info.recording_mbid) ?? textOrNull(mapping?.recording_mbid),
    releaseMbid: textOrNull(info.release_mbid) ?? textOrNull(mapping?.release_mbid),
    releaseGroupMbid: textOrNull(info.release_group_mbid),
    isrc: textOrNull(info.isrc),
    spotifyUri: toSpotifyUri(info.spotify_id) ?? toSpotifyUri(info.origin_url),
    client: textOrNull(info.submission_client) ?? textOrNull(info.media_player),
    musicService: textOrNull(info.music_service_name) ?? textOrNull(info.music_service),
    sourceRecordId:
      textOrNull(meta.recording_msid) ?? textOrNull(value.recording_msid) ?? textOrNull(info.recording_msid),
    user: textOrNull(value.user_name),
  });
}

/**
 * What a listenhouse export adds to a line (src/export/listenbrainz-line.ts): the first source and
 * format, and the start to the millisecond with its precision and stamped edge. Used only when it is
 * whole and agrees with listened_at, so a hand-edited line falls back to the plain reading.
 */
function exportedProvenance(
  info: Record<string, unknown>,
  seconds: number,
): {
  listenedAt: number;
  precisionS: number;
  stampedEdge: 'start' | 'end';
  origin: { source: string; format: string };
} | null {
  const source = textOrNull(info.listenhouse_source);
  const format = textOrNull(info.listenhouse_format);
  const atMs = numberOrNull(info.listenhouse_listened_at_ms);
  const precisionS = numberOrNull(info.listenhouse_precision_s);
  const edge = info.listenhouse_stamped_edge;
  if (source === null || format === null || atMs === null || precisionS === null) return null;
  if (edge !== 'start' && edge !== 'end') return null;
  if (Math.floor(atMs / 1000) !== Math.floor(seconds) || precisionS < 1 || precisionS > 3600) return null;
  return { listenedAt: atMs, precisionS, stampedEdge: edge, origin: { source, format } };
}
