import type { ExportedListen } from '../store/export-repository.js';

/** The columns of a CSV export, in order: the header row. */
export const CSV_COLUMNS = [
  'listened_at',
  'artist',
  'track',
  'release',
  'release_artist',
  'duration_ms',
  'played_ms',
  'recording_mbid',
  'release_mbid',
  'release_group_mbid',
  'artist_mbids',
  'isrc',
  'spotify_uri',
  'source',
  'format',
  'client',
  'platform',
  'country',
  'inserted_at',
] as const;

/**
 * One listen as a CSV row (RFC 4180, no line break at the end). Instants are ISO-8601 UTC
 * (milliseconds only when the start has them); `artist_mbids` are joined with `;`; an unknown value
 * is an empty cell.
 */
export function toCsvRow(l: ExportedListen): string {
  const cells: (string | number | null)[] = [
    isoUtc(l.listenedAtMs),
    l.artist,
    l.track,
    l.release,
    l.releaseArtist,
    l.durationMs,
    l.playedMs,
    l.recordingMbid,
    l.releaseMbid,
    l.releaseGroupMbid,
    l.artistMbids.join(';'),
    l.isrc,
    l.spotifyUri,
    l.source,
    l.format,
    l.client,
    l.platform,
    l.country,
    isoUtc(l.insertedAtMs),
  ];
  return cells.map(csvCell).join(',');
}

export function csvHeader(): string {
  return CSV_COLUMNS.join(',');
}

function isoUtc(ms: number): string {
  const iso = new Date(Math.floor(ms)).toISOString();
  return iso.endsWith('.000Z') ? iso.slice(0, -5) + 'Z' : iso;
}

function csvCell(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
