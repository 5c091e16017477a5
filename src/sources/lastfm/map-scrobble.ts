import { listen, reject, skip, type Outcome } from '../common/outcome.js';
import { isRecord, numberOrNull, parseLastfmTextDate, secondsToMs, textOrNull } from '../common/values.js';

const NOW_PLAYING_EXPORT =
  'no date: this is the track that was playing when the export ran (now playing), not a finished scrobble';

/** The header some versions of benjaminbenben's lastfm-to-csv write; most files have none. */
export function isLastfmCsvHeader(fields: readonly string[]): boolean {
  return fields.map((f) => f.trim().toLowerCase()).join(',') === 'artist,album,name,date';
}

/**
 * One row of benjaminbenben's lastfm-to-csv export: artist, album, track, date (`20 Nov 2020 09:35`,
 * UTC, to the minute). The tool writes the track playing at export time with an empty date at the
 * start of every page; that row is not a scrobble.
 */
export function mapLastfmCsvRow(fields: readonly string[]): Outcome {
  if (fields.length !== 4) {
    return reject('malformed', `expected 4 fields (artist, album, track, date), found ${fields.length}`);
  }
  const [artist = '', album = '', track = '', date = ''] = fields;
  if (date.trim() === '') return skip('now_playing', NOW_PLAYING_EXPORT);
  const at = parseLastfmTextDate(date);
  if (at === null)
    return reject('bad_timestamp', `date ${JSON.stringify(date)} is not like "20 Nov 2020 09:35"`);
  return listen({
    listenedAt: at,
    stampedEdge: 'start',
    precisionS: 60,
    artist,
    track,
    release: textOrNull(album),
  });
}

/**
 * One scrobble of the lastfm.ghan.nl export, from its CSV (by header name) or a flat JSON object with
 * the same keys: uts, utc_time, artist, artist_mbid, album, album_mbid, track, track_mbid.
 */
export function mapGhanScrobble(row: Record<string, unknown>): Outcome {
  const artist = row.artist;
  const track = row.track;
  if (typeof artist !== 'string') return reject('missing_field', 'the scrobble has no artist');
  if (typeof track !== 'string') return reject('missing_field', 'the scrobble has no track');
  let listenedAt: number;
  let precisionS = 1;
  const uts = numberOrNull(row.uts);
  if (uts !== null) {
    listenedAt = secondsToMs(uts);
  } else {
    const text = textOrNull(row.utc_time);
    if (text === null && textOrNull(row.uts) === null) return skip('now_playing', NOW_PLAYING_EXPORT);
    const at = text === null ? null : parseLastfmTextDate(text);
    if (at === null) {
      return reject('bad_timestamp', `uts ${JSON.stringify(row.uts)} is not a number of seconds`);
    }
    listenedAt = at;
    precisionS = 60;
  }
  const artistMbid = textOrNull(row.artist_mbid);
  return listen({
    listenedAt,
    stampedEdge: 'start',
    precisionS,
    artist,
    track,
    release: textOrNull(row.album),
    artistMbids: artistMbid === null ? null : [artistMbid],
    releaseMbid: textOrNull(row.album_mbid),
    recordingMbid: textOrNull(row.track_mbid),
  });
}

/** `{"#text": …, mbid}` (plain API), `{name, mbid}` (extended=1), or a bare string. */
function nameOf(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (!isRecord(value)) return null;
  if (typeof value['#text'] === 'string') return value['#text'];
  return typeof value.name === 'string' ? value.name : null;
}

function mbidOf(value: unknown): string | null {
  return isRecord(value) ? textOrNull(value.mbid) : null;
}

/**
 * One track of a `user.getRecentTracks` page. `date.uts` (seconds, a string) is the play start. The
 * now-playing item on page 1 has `@attr.nowplaying` and no date. Empty MBIDs are "" (none).
 */
export function mapRecentTrack(track: unknown): Outcome {
  if (!isRecord(track)) return reject('malformed', 'a recent track must be a JSON object');
  const attr = track['@attr'];
  if (isRecord(attr) && (attr.nowplaying === 'true' || attr.nowplaying === true)) {
    return skip('now_playing', 'now playing when the page was fetched, not a finished scrobble');
  }
  const artist = nameOf(track.artist);
  if (artist === null) return reject('missing_field', 'the track has no artist');
  if (typeof track.name !== 'string') return reject('missing_field', 'the track has no name');
  const date = track.date;
  if (!isRecord(date)) return reject('missing_field', 'the track has no date');
  let listenedAt: number;
  let precisionS = 1;
  const uts = numberOrNull(date.uts);
  if (uts !== null) {
    listenedAt = secondsToMs(uts);
  } else {
    const at = typeof date['#text'] === 'string' ? parseLastfmTextDate(date['#text']) : null;
    if (at === null)
      return reject('bad_timestamp', `date.uts ${JSON.stringify(date.uts)} is not a number of seconds`);
    listenedAt = at;
    precisionS = 60;
  }
  const artistMbid = mbidOf(track.artist);
  return listen({
    listenedAt,
    stampedEdge: 'start',
    precisionS,
    artist,
    track: track.name,
    release: textOrNull(nameOf(track.album)),
    artistMbids: artistMbid === null ? null : [artistMbid],
    releaseMbid: mbidOf(track.album),
    recordingMbid: textOrNull(track.mbid),
  });
}

/** A scrobble decided from a JSON element; `raw` is set when it is only part of the element (a page's track). */
export interface ElementScrobble {
  readonly outcome: Outcome;
  readonly raw?: string;
}

function pageOf(value: Record<string, unknown>): Record<string, unknown> | null {
  if (isRecord(value.recenttracks)) return value.recenttracks;
  // A bare page (lastfm.ghan.nl / Koito): `track` is a list or a single track object, never text.
  if (Array.isArray(value.track) || isRecord(value.track)) return value;
  return null;
}

/**
 * Everything Last.fm JSON dumps hold, one element at a time: a `{recenttracks: …}` response, a bare
 * page `{track: […], "@attr"}`, an array of tracks (a page saved as a list), a flat ghan scrobble, or a
 * single recent track. `track` is an object instead of a list when a page holds exactly one track.
 */
export function scrobblesOfElement(value: unknown): ElementScrobble[] {
  if (Array.isArray(value)) {
    return value.flatMap((item) =>
      scrobblesOfElement(item).map((s) => ({ outcome: s.outcome, raw: s.raw ?? JSON.stringify(item) })),
    );
  }
  if (!isRecord(value))
    return [{ outcome: reject('malformed', 'not a Last.fm scrobble or page of scrobbles') }];
  const page = pageOf(value);
  if (page) {
    const tracks = Array.isArray(page.track)
      ? (page.track as unknown[])
      : isRecord(page.track)
        ? [page.track]
        : [];
    return tracks.map((t) => ({ outcome: mapRecentTrack(t), raw: JSON.stringify(t) }));
  }
  if ('uts' in value || 'utc_time' in value) return [{ outcome: mapGhanScrobble(value) }];
  if ('artist' in value && 'name' in value) return [{ outcome: mapRecentTrack(value) }];
  return [{ outcome: reject('malformed', 'not a Last.fm scrobble or page of scrobbles') }];
}
