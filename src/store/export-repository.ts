import type { ListenDetails } from '../domain/listen-row.js';
import { num, numOrNull, type Row, strOrNull } from './rows.js';
import type { Database } from './database.js';
import { RawRecords } from './raw-records.js';
import { loadSql } from './sql-files.js';

const CHUNK = loadSql(import.meta.url, 'sql/export-listens-chunk.sql');
const COUNT = loadSql(import.meta.url, 'sql/export-listens-count.sql');

/** One stored listen with every column an export writes. Instants are UTC epoch ms. */
export interface ExportedListen extends ListenDetails {
  id: number;
  /** Start of the play, UTC epoch ms (may have a fraction of a second: Spotify starts are derived). */
  listenedAtMs: number;
  insertedAtMs: number;
  artist: string;
  track: string;
  release: string | null;
  /** The release's own artist when it is not the listen's primary artist ("Various Artists"). */
  releaseArtist: string | null;
  artistMbids: string[];
  /** The record as its first source gave it (a bulk import's reference resolved: raw-records.ts). */
  raw: string | null;
}

export interface ExportWindow {
  userId: number;
  /** Epoch ms, inclusive. */
  fromMs?: number;
  /** Epoch ms, exclusive. */
  toMs?: number;
}

export async function countListensToExport(db: Database, window: ExportWindow): Promise<number> {
  const rows = await db.all<Row>(COUNT, bounds(window));
  return num(rows[0]?.n ?? 0, 'n');
}

/**
 * The listens of the window, oldest first, `chunkSize` at a time. Each chunk is its own query that
 * starts after the last listen of the one before (start, id), so nothing holds a connection or the
 * whole history between chunks, and a listen stored meanwhile is either in the export or not — never twice.
 */
export async function* readListensToExport(
  db: Database,
  window: ExportWindow & { chunkSize: number },
): AsyncGenerator<ExportedListen[]> {
  let after: { us: bigint; id: bigint } | null = null;
  const raw = new RawRecords(db);
  for (;;) {
    const rows: Record<string, unknown>[] = await db.all(CHUNK, {
      ...bounds(window),
      after_us: after?.us ?? null,
      after_id: after?.id ?? null,
      limit: window.chunkSize,
    });
    if (rows.length === 0) return;
    const last = rows.at(-1)!;
    after = { us: BigInt(last.at_us as bigint), id: BigInt(last.id as bigint) };
    // One at a time: consecutive listens share a block of their import, which is inflated once.
    const listens = rows.map(toExported);
    for (const l of listens) l.raw = await raw.text(l.raw);
    yield listens;
    if (rows.length < window.chunkSize) return;
  }
}

function bounds(w: ExportWindow): { user: number; from_us: bigint | null; to_us: bigint | null } {
  return {
    user: w.userId,
    from_us: w.fromMs === undefined ? null : BigInt(Math.round(w.fromMs * 1000)),
    to_us: w.toMs === undefined ? null : BigInt(Math.round(w.toMs * 1000)),
  };
}

function toExported(r: Record<string, unknown>): ExportedListen {
  return {
    id: Number(r.id),
    listenedAtMs: Number(r.at_us) / 1000,
    insertedAtMs: Number(r.inserted_ms),
    precisionS: Number(r.precision_s),
    stampedEdge: r.stamped_edge === 'end' ? 'end' : 'start',
    artist: String(r.artist),
    track: String(r.track),
    release: strOrNull(r.release, 'release'),
    releaseArtist: strOrNull(r.release_artist, 'release_artist'),
    durationMs: numOrNull(r.duration_ms, 'duration_ms'),
    playedMs: numOrNull(r.played_ms, 'played_ms'),
    artistMbids: Array.isArray(r.artist_mbids) ? r.artist_mbids.map(String) : [],
    recordingMbid: strOrNull(r.recording_mbid, 'recording_mbid'),
    releaseMbid: strOrNull(r.release_mbid, 'release_mbid'),
    releaseGroupMbid: strOrNull(r.release_group_mbid, 'release_group_mbid'),
    isrc: strOrNull(r.isrc, 'isrc'),
    spotifyUri: strOrNull(r.spotify_uri, 'spotify_uri'),
    source: String(r.source),
    format: String(r.format),
    client: strOrNull(r.client, 'client'),
    platform: strOrNull(r.platform, 'platform'),
    country: strOrNull(r.country, 'country'),
    raw: strOrNull(r.raw, 'raw'),
  };
}
