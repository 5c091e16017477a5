import { listen, reject, skip, type Outcome } from '../common/outcome.js';
import { isRecord, numberOrNull, parseIsoUtc, textOrNull } from '../common/values.js';

/** Spotify's own stream threshold; a shorter play counts only when the track ended by itself. */
export const DEFAULT_MIN_PLAYED_MS = 30_000;

export interface SpotifyMapOptions {
  /** Plays shorter than this (ms) that did not end with `trackdone` are skipped. */
  minPlayedMs: number;
  /** The row comes from a video history file (Streaming_History_Video_*, endvideo.json). */
  isVideoFile: boolean;
}

function seconds(ms: number): number {
  return Math.floor(ms / 1000);
}

function shortPlayMessage(playedMs: number, minPlayedMs: number, skipped: boolean): string {
  return `played ${seconds(playedMs)} s${skipped ? ' and skipped' : ''} (under ${seconds(minPlayedMs)} s)`;
}

/**
 * One row of the extended streaming history (Streaming_History_Audio_*.json, older endsong_*.json).
 * `ts` is when the stream stopped, so the start is ts − ms_played (approximate: pauses are not in
 * ms_played). The listen rule is formats.md §1.5: not incognito, has a track URI, and played at least
 * the threshold or ended with `trackdone` (a genuinely short track).
 */
export function mapExtendedRow(value: unknown, options: SpotifyMapOptions): Outcome {
  if (!isRecord(value)) return reject('malformed', 'a streaming-history row must be a JSON object');
  if (options.isVideoFile) return skip('video', 'video play');
  if (value.incognito_mode === true) return skip('incognito', 'incognito session');
  const trackUri = textOrNull(value.spotify_track_uri);
  if (trackUri === null) {
    if (textOrNull(value.spotify_episode_uri) !== null || textOrNull(value.episode_name) !== null) {
      return skip('podcast', 'podcast episode');
    }
    if (
      textOrNull(value.audiobook_uri) !== null ||
      textOrNull(value.audiobook_title) !== null ||
      textOrNull(value.audiobook_chapter_uri) !== null
    ) {
      return skip('audiobook', 'audiobook chapter');
    }
    return skip('no_track_uri', 'no track URI (not a music stream)');
  }
  if (value.ts === undefined || value.ts === null) return reject('missing_field', 'the row has no ts');
  const end = typeof value.ts === 'string' ? parseIsoUtc(value.ts) : null;
  if (end === null) return reject('bad_timestamp', `ts ${JSON.stringify(value.ts)} is not an ISO-8601 time`);
  const playedMs = numberOrNull(value.ms_played);
  if (playedMs === null) return reject('missing_field', 'the row has no ms_played');
  const reasonEnd = textOrNull(value.reason_end);
  if (playedMs < options.minPlayedMs && reasonEnd !== 'trackdone') {
    return skip('short_play', shortPlayMessage(playedMs, options.minPlayedMs, true));
  }
  const albumArtist = textOrNull(value.master_metadata_album_artist_name);
  return listen({
    listenedAt: end - playedMs,
    stampedEdge: 'end',
    precisionS: 1,
    // The export names only the album artist; it is the best artist text it has.
    artist: albumArtist ?? '',
    track: textOrNull(value.master_metadata_track_name) ?? '',
    release: textOrNull(value.master_metadata_album_album_name),
    releaseArtist: albumArtist,
    playedMs,
    spotifyUri: trackUri,
    platform: textOrNull(value.platform),
    country: textOrNull(value.conn_country),
    sourceRecordId: null,
  });
}

const MINUTE_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})$/;

/**
 * One row of the account-data history (StreamingHistory*.json): `endTime` is the stop time in UTC to
 * the minute. The podcast variant ({podcastName, episodeName}) is skipped. With no `reason_end` in this
 * export, every play under the threshold is skipped.
 */
export function mapAccountRow(value: unknown, options: Pick<SpotifyMapOptions, 'minPlayedMs'>): Outcome {
  if (!isRecord(value)) return reject('malformed', 'a streaming-history row must be a JSON object');
  if ('podcastName' in value || 'episodeName' in value) return skip('podcast', 'podcast episode');
  const endTime = value.endTime;
  if (endTime === undefined || endTime === null) return reject('missing_field', 'the row has no endTime');
  const end = typeof endTime === 'string' && MINUTE_TIME.test(endTime) ? parseIsoUtc(endTime) : null;
  if (end === null)
    return reject('bad_timestamp', `endTime ${JSON.stringify(endTime)} is not "YYYY-MM-DD HH:MM"`);
  const playedMs = numberOrNull(value.msPlayed);
  if (playedMs === null) return reject('missing_field', 'the row has no msPlayed');
  if (value.artistName === undefined || value.trackName === undefined) {
    return reject('missing_field', 'the row has no artistName or trackName');
  }
  if (playedMs < options.minPlayedMs) {
    return skip('short_play', shortPlayMessage(playedMs, options.minPlayedMs, false));
  }
  return listen({
    listenedAt: end - playedMs,
    stampedEdge: 'end',
    precisionS: 60,
    artist: textOrNull(value.artistName) ?? '',
    track: textOrNull(value.trackName) ?? '',
    playedMs,
    sourceRecordId: null,
  });
}
