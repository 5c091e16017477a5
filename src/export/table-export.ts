/**
 * Exports of whole tables as files DuckDB writes itself (COPY … TO): a user's listens, the catalogue
 * of what they played (one row per artist credit, track and release, with plays and MusicBrainz
 * identifiers), and their Discogs collection; as CSV (a header row), Parquet or JSON (one array).
 * The file is written to a temporary name beside the target and renamed when complete.
 */
import { rename, rm } from 'node:fs/promises';
import { AppError } from '../domain/errors.js';
import type { Database, SqlValue } from '../store/index.js';

export const TABLE_EXPORTS = ['listens', 'catalogue', 'collection'] as const;
export type TableExport = (typeof TABLE_EXPORTS)[number];
export const TABLE_FORMATS = ['csv', 'parquet', 'json'] as const;
export type TableFormat = (typeof TABLE_FORMATS)[number];

export interface TableExportOptions {
  what: TableExport;
  format: TableFormat;
  userId: number;
  /** Listens only: UTC epoch ms, [fromMs, toMs). */
  fromMs?: number | null;
  toMs?: number | null;
  /** The file to write. */
  path: string;
}

const QUERIES: Readonly<Record<TableExport, string>> = {
  // Every column a listen keeps but its raw record; times ISO 8601 UTC.
  listens: `SELECT strftime(l.listened_at, '%Y-%m-%dT%H:%M:%SZ') AS listened_at, l.artist, l.track, l.release,
      l.duration_ms, l.played_ms, array_to_string(l.artist_mbids, ';') AS artist_mbids, l.recording_mbid,
      l.release_mbid, l.release_group_mbid, l.isrc, l.spotify_uri, l.source, l.client, l.platform, l.country
    FROM listens l
    WHERE l.user_id = $user
      AND ($from::BIGINT IS NULL OR l.listened_at >= make_timestamp($from::BIGINT * 1000))
      AND ($to::BIGINT IS NULL OR l.listened_at < make_timestamp($to::BIGINT * 1000))
    ORDER BY l.listened_at, l.id`,
  // What the user played, per artist credit, track and release, with its plays and MusicBrainz match.
  catalogue: `SELECT c.name AS artist, r.title AS track, rel.title AS release, count(*) AS plays,
      strftime(min(l.listened_at), '%Y-%m-%dT%H:%M:%SZ') AS first_listen,
      strftime(max(l.listened_at), '%Y-%m-%dT%H:%M:%SZ') AS last_listen,
      any_value(m.artist_mbids) AS artist_mbids, any_value(m.recording_mbid) AS recording_mbid,
      any_value(m.release_mbid) AS release_mbid, any_value(m.release_group_mbid) AS release_group_mbid,
      any_value(m.status) AS match_status
    FROM listens l JOIN artist_credits c ON c.id = l.artist_credit_id JOIN recordings r ON r.id = l.recording_id
    LEFT JOIN releases rel ON rel.id = l.release_id
    LEFT JOIN catalog_matches m ON m.credit_id = l.artist_credit_id AND m.recording_id = l.recording_id
      AND m.release_id = coalesce(l.release_id, 0)
    WHERE l.user_id = $user
    GROUP BY c.name, r.title, rel.title, l.artist_credit_id, l.recording_id, l.release_id
    ORDER BY plays DESC, artist, track, release`,
  collection: `SELECT list, discogs_release_id, instance, artist, title, label, catalog_number, format, rating,
      released_year, folder, strftime(added_at, '%Y-%m-%dT%H:%M:%SZ') AS added_at, media_condition,
      sleeve_condition, notes
    FROM collection_items WHERE user_id = $user
    ORDER BY list, lower(artist), lower(title), discogs_release_id, instance`,
};

const COPY_FORMAT: Readonly<Record<TableFormat, string>> = {
  csv: 'FORMAT csv, HEADER true',
  parquet: 'FORMAT parquet',
  json: 'FORMAT json, ARRAY true',
};

/** Writes the export; answers how many rows it holds. */
export async function exportTable(db: Database, options: TableExportOptions): Promise<{ rows: number }> {
  const binds: Record<string, SqlValue> = { user: options.userId };
  if (options.what === 'listens') {
    binds.from = options.fromMs ?? null;
    binds.to = options.toMs ?? null;
  }
  const partial = `${options.path}.partial`;
  const query = QUERIES[options.what];
  try {
    const [count] = await db.all(`SELECT count(*) AS n FROM (${query})`, binds);
    // COPY takes no parameter for its file name: it is quoted here, and the values stay bound.
    await db.run(
      `COPY (${query}) TO '${partial.replaceAll("'", "''")}' (${COPY_FORMAT[options.format]})`,
      binds,
    );
    await rename(partial, options.path);
    return { rows: Number(count?.n ?? 0) };
  } catch (err) {
    await rm(partial, { force: true });
    if (err instanceof AppError) throw err;
    throw new AppError('INTERNAL', `The export to ${options.path} failed: ${(err as Error).message}`, {
      cause: err,
    });
  }
}
