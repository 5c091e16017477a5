/**
 * Changes to stored listens after the fact: today, deleting them. Shared by the ListenBrainz API
 * (`POST /1/delete-listen`) and, later, listenhouse's own REST API.
 *
 * A deletion removes the listen row and the further sources recorded for it (`listen_sources`),
 * and nothing else: the catalogue (artists, recordings, releases) keeps its entries, and statistics
 * change on their next query because they read the listens table directly. Nothing remembers the
 * deletion, so importing or submitting the same play again stores it again.
 */
import type { ListenDetails } from '../domain/listen-row.js';
import type { ListenRow } from '../domain/listen-row.js';
import { AppError } from '../domain/errors.js';
import type { Database } from './database.js';
import { applyListenDelta } from './rollups.js';
import { big, idList, num, numOrNull, str, strOrNull, strsOrNull, type Row } from './rows.js';

/** A stored listen as an edit needs to see it: its id and the text it was stored with. */
export interface StoredListenText {
  id: bigint;
  /** Start of the play, UTC epoch ms. */
  listenedAtMs: number;
  artist: string;
  track: string;
  release: string | null;
}

/** The user's listens that started in [fromMs, toMs), UTC epoch ms, oldest first. */
export async function findListensStartedIn(
  db: Database,
  query: { userId: number; fromMs: number; toMs: number },
): Promise<StoredListenText[]> {
  const rows = await db.all(
    `SELECT id, epoch_ms(listened_at) AS at_ms, artist, track, release
     FROM listens
     WHERE user_id = $user
       AND listened_at >= make_timestamp($from::BIGINT * 1000) AND listened_at < make_timestamp($to::BIGINT * 1000)
     ORDER BY listened_at, id`,
    { user: query.userId, from: query.fromMs, to: query.toMs },
  );
  return rows.map((r) => ({
    id: big(r.id, 'id'),
    listenedAtMs: num(r.at_ms, 'at_ms'),
    artist: str(r.artist, 'artist'),
    track: str(r.track, 'track'),
    release: strOrNull(r.release, 'release'),
  }));
}

/**
 * Deletes the user's listens with these ids, and their `listen_sources` rows, in one committed
 * transaction on the write connection (inside a caller's transaction it joins that one). Ids that
 * are not this user's are left alone. Returns how many listens were deleted.
 */
export async function deleteListens(db: Database, userId: number, ids: readonly bigint[]): Promise<number> {
  return (await deleteListensReturningIds(db, userId, ids)).length;
}

const SELECT_OWN_LISTENS = 'SELECT * FROM listens WHERE user_id = $user AND list_contains($ids, id)';

/** As deleteListens, answering the ids that were deleted (those of the user's that existed). */
export async function deleteListensReturningIds(
  db: Database,
  userId: number,
  ids: readonly bigint[],
): Promise<bigint[]> {
  if (ids.length === 0) return [];
  return db.transaction(async () => {
    const binds = { user: userId, ids: idList(ids) };
    await applyListenDelta(db, { sign: -1, listens: SELECT_OWN_LISTENS, binds });
    const deleted = await db.all(
      'DELETE FROM listens WHERE user_id = $user AND list_contains($ids, id) RETURNING id',
      binds,
    );
    if (deleted.length > 0) {
      await db.run('DELETE FROM listen_sources WHERE user_id = $user AND list_contains($ids, listen_id)', {
        user: userId,
        ids: idList(deleted.map((r) => big(r.id, 'id'))),
      });
    }
    return deleted.map((r) => big(r.id, 'id'));
  });
}

/** A stored listen with every column a correction carries over (times UTC epoch ms). */
export interface StoredListenRecord extends ListenDetails {
  listenedAtMs: number;
  artist: string;
  track: string;
  release: string | null;
  artistMbids: string[] | null;
  sourceRecordId: string | null;
  importRunId: number | null;
  raw: string | null;
}

function toStoredListenRecord(r: Row): StoredListenRecord {
  return {
    listenedAtMs: num(r.listened_at_ms, 'listened_at_ms'),
    stampedEdge: r.stamped_edge === 'end' ? 'end' : 'start',
    precisionS: num(r.precision_s, 'precision_s'),
    durationMs: numOrNull(r.duration_ms, 'duration_ms'),
    playedMs: numOrNull(r.played_ms, 'played_ms'),
    artist: str(r.artist, 'artist'),
    track: str(r.track, 'track'),
    release: strOrNull(r.release, 'release'),
    artistMbids: strsOrNull(r.artist_mbids, 'artist_mbids'),
    recordingMbid: strOrNull(r.recording_mbid, 'recording_mbid'),
    releaseMbid: strOrNull(r.release_mbid, 'release_mbid'),
    releaseGroupMbid: strOrNull(r.release_group_mbid, 'release_group_mbid'),
    isrc: strOrNull(r.isrc, 'isrc'),
    spotifyUri: strOrNull(r.spotify_uri, 'spotify_uri'),
    source: str(r.source, 'source'),
    format: str(r.format, 'format'),
    sourceRecordId: strOrNull(r.source_record_id, 'source_record_id'),
    client: strOrNull(r.client, 'client'),
    platform: strOrNull(r.platform, 'platform'),
    country: strOrNull(r.country, 'country'),
    importRunId: numOrNull(r.import_run_id, 'import_run_id'),
    raw: strOrNull(r.raw, 'raw'),
  };
}

/** The user's listen with this id, as a correction starts from it; null when there is none. */
export async function findListenRecord(
  db: Database,
  userId: number,
  listenId: number,
): Promise<StoredListenRecord | null> {
  const [row] = await db.all(
    `SELECT epoch_ms(listened_at) AS listened_at_ms, stamped_edge, precision_s, duration_ms, played_ms, artist,
            track, release, artist_mbids, recording_mbid, release_mbid, release_group_mbid, isrc, spotify_uri,
            source, format, source_record_id, client, platform, country, import_run_id, raw
     FROM listens WHERE user_id = ? AND id = ?`,
    [userId, listenId],
  );
  return row ? toStoredListenRecord(row) : null;
}

/** A further source merged into a listen (`listen_sources`), as it was recorded. */
export interface FurtherSource {
  source: string;
  format: string;
  /** The source's own start, UTC epoch ms. */
  listenedAtMs: number;
  sourceRecordId: string | null;
  importRunId: number | null;
  raw: string | null;
}

/** The further sources recorded for a listen. */
export async function findFurtherSources(db: Database, listenId: number): Promise<FurtherSource[]> {
  const rows = await db.all(
    `SELECT source, format, epoch_ms(listened_at) AS at_ms, source_record_id, import_run_id, raw
     FROM listen_sources WHERE listen_id = ?`,
    [listenId],
  );
  return rows.map((r) => ({
    source: str(r.source, 'source'),
    format: str(r.format, 'format'),
    listenedAtMs: num(r.at_ms, 'at_ms'),
    sourceRecordId: strOrNull(r.source_record_id, 'source_record_id'),
    importRunId: numOrNull(r.import_run_id, 'import_run_id'),
    raw: strOrNull(r.raw, 'raw'),
  }));
}

/** A stored listen that holds a play, and its recording (further sources are recorded against both). */
export interface ListenHolder {
  id: number;
  recordingId: number;
}

/** Records further sources for the listen that holds their play (a correction moves them there). */
export async function addFurtherSources(
  db: Database,
  holder: ListenHolder & { userId: number },
  sources: readonly FurtherSource[],
): Promise<void> {
  for (const s of sources) {
    await db.run(
      `INSERT INTO listen_sources (listen_id, user_id, recording_id, source, format, listened_at, source_record_id, import_run_id, raw)
       VALUES (?, ?, ?, ?, ?, make_timestamp(?::BIGINT * 1000), ?, ?, ?)`,
      [
        holder.id,
        holder.userId,
        holder.recordingId,
        s.source,
        s.format,
        s.listenedAtMs,
        s.sourceRecordId,
        s.importRunId,
        s.raw,
      ],
    );
  }
}

function toHolder(r: Row): ListenHolder {
  return { id: num(r.id, 'id'), recordingId: num(r.recording_id, 'recording_id') };
}

/**
 * The listen just stored for `row` takes the id `listenId` (the id of the row it replaces, already
 * deleted), so links to it still work. Listens have no key constraint.
 */
export async function reclaimListenId(db: Database, listenId: number, row: ListenRow): Promise<ListenHolder> {
  const [stored] = await db.all(
    `SELECT l.id, l.recording_id FROM listens l JOIN recordings r ON r.id = l.recording_id
     WHERE l.user_id = $user AND r.key = $key AND epoch_ms(l.listened_at) = $at
     ORDER BY l.id DESC LIMIT 1`,
    { user: row.userId, key: row.names.matchKey, at: row.listenedAt },
  );
  if (!stored) throw new AppError('INTERNAL', 'The corrected listen was not stored.');
  await db.run('UPDATE listens SET id = $old WHERE id = $new', { old: listenId, new: big(stored.id, 'id') });
  return { id: listenId, recordingId: num(stored.recording_id, 'recording_id') };
}

/** The stored listen of `row`'s user and recording nearest its start, at most `withinMs` away. */
export async function findNearestListen(
  db: Database,
  row: ListenRow,
  withinMs: number,
): Promise<ListenHolder | null> {
  const [held] = await db.all(
    `SELECT l.id, l.recording_id FROM listens l JOIN recordings r ON r.id = l.recording_id
     WHERE l.user_id = $user AND r.key = $key
       AND abs(epoch_ms(l.listened_at) - $at) <= $within
     ORDER BY abs(epoch_ms(l.listened_at) - $at), l.id LIMIT 1`,
    { user: row.userId, key: row.names.matchKey, at: row.listenedAt, within: withinMs },
  );
  return held ? toHolder(held) : null;
}
