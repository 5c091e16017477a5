import { AppError } from '../domain/errors.js';
import { toKey } from '../domain/text-key.js';
import type { Database } from './database.js';
import { idList, num, numOrNull, str, strOrNull, type Row } from './rows.js';

/** One stored listen as the REST API and the dashboard show it. Instants are ISO-8601 UTC. */
export interface StoredListen {
  id: number;
  listenedAt: string;
  artist: string;
  track: string;
  release: string | null;
  artistId: number;
  recordingId: number;
  releaseId: number | null;
  durationMs: number | null;
  playedMs: number | null;
  recordingMbid: string | null;
  releaseMbid: string | null;
  artistMbids: string[];
  isrc: string | null;
  spotifyUri: string | null;
  source: string;
  format: string;
  client: string | null;
  platform: string | null;
  country: string | null;
  importRunId: number | null;
  insertedAt: string;
  /** Further sources that reported the same play (merged into this listen). */
  alsoFrom: { source: string; format: string; listenedAt: string }[];
}

export interface ListenFilter {
  userId: number;
  /** Epoch ms, inclusive. */
  fromMs?: number;
  /** Epoch ms, exclusive. */
  toMs?: number;
  /** Any credited artist, matched by its key (case, accents and punctuation ignored). */
  artist?: string;
  /** Release title, case-insensitive. */
  release?: string;
  track?: string;
  artistId?: number;
  releaseId?: number;
  recordingId?: number;
  /** First source: listenbrainz, spotify, lastfm, … */
  source?: string;
}

export interface ListenPage {
  listens: StoredListen[];
  /** Matches in all pages. */
  total: number;
  /** Pass as `before` for the next (older) page; null on the last page. */
  next: string | null;
}

const COLUMNS = `l.id, strftime(l.listened_at, '%Y-%m-%dT%H:%M:%SZ') AS listened_at, l.artist, l.track, l.release,
  l.artist_id, l.recording_id, l.release_id, l.duration_ms, l.played_ms, l.recording_mbid, l.release_mbid,
  l.artist_mbids, l.isrc, l.spotify_uri, l.source, l.format, l.client, l.platform, l.country, l.import_run_id,
  strftime(l.inserted_at, '%Y-%m-%dT%H:%M:%SZ') AS inserted_at, epoch_ms(l.listened_at) AS at_ms`;

/** Newest first, paged by a cursor (stable while listens are added: it names the last one shown). */
export async function listListenPage(
  db: Database,
  filter: ListenFilter,
  page: { limit: number; before?: string },
): Promise<ListenPage> {
  const { where, params } = whereOf(filter);
  const cursor = page.before === undefined ? null : decodeCursor(page.before);
  const cursorSql = cursor
    ? ' AND (epoch_ms(l.listened_at) < $cur_ms OR (epoch_ms(l.listened_at) = $cur_ms AND l.id < $cur_id))'
    : '';
  const pageParams = {
    ...params,
    ...(cursor ? { cur_ms: cursor.ms, cur_id: cursor.id } : {}),
    // One more than shown tells whether there is a next page.
    limit: page.limit + 1,
  };
  const rows = await db.all(
    `SELECT ${COLUMNS} FROM listens l WHERE ${where}${cursorSql}
     ORDER BY l.listened_at DESC, l.id DESC LIMIT $limit`,
    pageParams,
  );
  const [count] = await db.all<Row>(`SELECT count(*) AS n FROM listens l WHERE ${where}`, params);
  const more = rows.length > page.limit;
  const shown = rows.slice(0, page.limit);
  const listens = await withSources(db, shown);
  const last = shown.at(-1);
  return {
    listens,
    total: num(count?.n ?? 0, 'n'),
    next: more && last ? encodeCursor(Number(last.at_ms), Number(last.id)) : null,
  };
}

export async function findListen(db: Database, userId: number, id: number): Promise<StoredListen | null> {
  const rows = await db.all(`SELECT ${COLUMNS} FROM listens l WHERE l.user_id = $user AND l.id = $id`, {
    user: userId,
    id,
  });
  return (await withSources(db, rows))[0] ?? null;
}

function whereOf(f: ListenFilter): { where: string; params: Record<string, string | number> } {
  const parts = ['l.user_id = $user'];
  const params: Record<string, string | number> = { user: f.userId };
  if (f.fromMs !== undefined) {
    parts.push('l.listened_at >= make_timestamp($from_us)');
    params.from_us = f.fromMs * 1000;
  }
  if (f.toMs !== undefined) {
    parts.push('l.listened_at < make_timestamp($to_us)');
    params.to_us = f.toMs * 1000;
  }
  if (f.artist !== undefined) {
    parts.push(`l.artist_credit_id IN (SELECT m.credit_id FROM artist_credit_members m
      JOIN artists a ON a.id = m.artist_id WHERE a.key = $artist_key)`);
    params.artist_key = toKey(f.artist);
  }
  if (f.release !== undefined) {
    parts.push('lower(l.release) = lower($release)');
    params.release = f.release;
  }
  if (f.track !== undefined) {
    parts.push('lower(l.track) = lower($track)');
    params.track = f.track;
  }
  if (f.artistId !== undefined) {
    parts.push(
      'l.artist_credit_id IN (SELECT credit_id FROM artist_credit_members WHERE artist_id = $artist_id)',
    );
    params.artist_id = f.artistId;
  }
  if (f.releaseId !== undefined) {
    parts.push('l.release_id = $release_id');
    params.release_id = f.releaseId;
  }
  if (f.recordingId !== undefined) {
    parts.push('l.recording_id = $recording_id');
    params.recording_id = f.recordingId;
  }
  if (f.source !== undefined) {
    parts.push('l.source = $source');
    params.source = f.source;
  }
  return { where: parts.join(' AND '), params };
}

async function withSources(db: Database, rows: readonly Row[]): Promise<StoredListen[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => Number(r.id));
  const sourceRows = await db.all(
    `SELECT listen_id, source, format, strftime(listened_at, '%Y-%m-%dT%H:%M:%SZ') AS at FROM listen_sources
     WHERE list_contains($ids, listen_id) ORDER BY added_at`,
    { ids: idList(ids) },
  );
  const sources = sourceRows.map((s) => ({
    listen_id: num(s.listen_id, 'listen_id'),
    source: str(s.source, 'source'),
    format: str(s.format, 'format'),
    at: str(s.at, 'at'),
  }));
  return rows.map((r) => ({
    id: Number(r.id),
    listenedAt: String(r.listened_at),
    artist: String(r.artist),
    track: String(r.track),
    release: strOrNull(r.release, 'release'),
    artistId: Number(r.artist_id),
    recordingId: Number(r.recording_id),
    releaseId: numOrNull(r.release_id, 'release_id'),
    durationMs: numOrNull(r.duration_ms, 'duration_ms'),
    playedMs: numOrNull(r.played_ms, 'played_ms'),
    recordingMbid: strOrNull(r.recording_mbid, 'recording_mbid'),
    releaseMbid: strOrNull(r.release_mbid, 'release_mbid'),
    artistMbids: Array.isArray(r.artist_mbids) ? r.artist_mbids.map(String) : [],
    isrc: strOrNull(r.isrc, 'isrc'),
    spotifyUri: strOrNull(r.spotify_uri, 'spotify_uri'),
    source: String(r.source),
    format: String(r.format),
    client: strOrNull(r.client, 'client'),
    platform: strOrNull(r.platform, 'platform'),
    country: strOrNull(r.country, 'country'),
    importRunId: numOrNull(r.import_run_id, 'import_run_id'),
    insertedAt: String(r.inserted_at),
    alsoFrom: sources
      .filter((s) => s.listen_id === Number(r.id))
      .map((s) => ({ source: s.source, format: s.format, listenedAt: s.at })),
  }));
}

function encodeCursor(ms: number, id: number): string {
  return Buffer.from(`${ms}:${id}`).toString('base64url');
}

function decodeCursor(cursor: string): { ms: number; id: number } {
  const m = /^(-?\d+):(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!m)
    throw new AppError(
      'INVALID_INPUT',
      `before: "${cursor}" is not a cursor; pass the "next" value of the previous page.`,
    );
  return { ms: Number(m[1]), id: Number(m[2]) };
}
