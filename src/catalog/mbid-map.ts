/**
 * `listenhouse export mbid-map`: one row per distinct stored (artist credit, track, release) with the
 * MusicBrainz identifiers matching found, as CSV (RFC 4180, the header issue 12 names) or as one
 * JSON array; empty where nothing matched. Streamed page by page.
 */
import type { Database } from '../store/database.js';
import { readMbidMap, type MbidMapRow } from '../store/catalog-repository.js';

export const MBID_MAP_FORMATS = ['csv', 'json'] as const;
export type MbidMapFormat = (typeof MBID_MAP_FORMATS)[number];

export const MBID_MAP_COLUMNS = [
  'artist_name',
  'track_name',
  'release_name',
  'artist_mbids',
  'recording_mbid',
  'release_mbid',
  'confidence',
  'method',
] as const;

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function mbidMapCsvLine(r: MbidMapRow): string {
  return [
    r.artistName,
    r.trackName,
    r.releaseName,
    r.artistMbids,
    r.recordingMbid,
    r.releaseMbid,
    r.confidence === 0 ? '0' : r.confidence.toFixed(3).replace(/0+$/, '').replace(/\.$/, ''),
    r.method,
  ]
    .map(csvField)
    .join(',');
}

/** One JSON object: the CSV's columns, `artist_mbids` as an array, MBIDs null where unmatched. */
export function mbidMapJsonLine(r: MbidMapRow): string {
  return JSON.stringify({
    artist_name: r.artistName,
    track_name: r.trackName,
    release_name: r.releaseName || null,
    artist_mbids: r.artistMbids === '' ? [] : r.artistMbids.split(';'),
    recording_mbid: r.recordingMbid || null,
    release_mbid: r.releaseMbid || null,
    confidence: r.confidence,
    method: r.method,
  });
}

/** The export as text chunks; `onRow` counts rows as they go. */
export async function* exportMbidMap(
  db: Database,
  options: { format: MbidMapFormat; onRows?: (written: number) => void },
): AsyncGenerator<string> {
  let written = 0;
  const csv = options.format === 'csv';
  yield csv ? MBID_MAP_COLUMNS.join(',') + '\n' : '[';
  for await (const page of readMbidMap(db)) {
    if (page.length === 0) continue;
    yield csv
      ? page.map(mbidMapCsvLine).join('\n') + '\n'
      : (written === 0 ? '\n' : ',\n') + page.map(mbidMapJsonLine).join(',\n');
    written += page.length;
    options.onRows?.(written);
  }
  if (!csv) yield written === 0 ? ']\n' : '\n]\n';
}
