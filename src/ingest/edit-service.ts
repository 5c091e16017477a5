import type { ListenDraft } from '../domain/listen.js';
import { AppError } from '../domain/errors.js';
import type { Database } from '../store/database.js';
import { deleteListens } from '../store/listen-edits.js';
import { ListenWriter, type ListenRow } from '../store/listen-writer.js';
import { toListenRow } from './listen-row.js';
import { validateListen } from './validate.js';

/** What a user may correct on a stored listen. Absent: unchanged; release null: none. */
export interface ListenChanges {
  artist?: string;
  track?: string;
  release?: string | null;
  /** Start of the play, UTC epoch ms. */
  listenedAt?: number;
}

export interface EditOutcome {
  /** The listen that now holds the play: the edited one, or the stored one it turned out to repeat. */
  listenId: number;
  /** `updated`: stored under its new names; `duplicate`/`merged`: it now repeats a listen already stored, which keeps it. */
  outcome: 'updated' | 'duplicate' | 'merged';
}

interface StoredRow {
  listened_at_ms: bigint;
  stamped_edge: 'start' | 'end';
  precision_s: number;
  duration_ms: number | null;
  played_ms: number | null;
  artist: string;
  track: string;
  release: string | null;
  artist_mbids: string[] | null;
  recording_mbid: string | null;
  release_mbid: string | null;
  release_group_mbid: string | null;
  isrc: string | null;
  spotify_uri: string | null;
  source: string;
  format: string;
  source_record_id: string | null;
  client: string | null;
  platform: string | null;
  country: string | null;
  import_run_id: bigint | null;
  raw: string | null;
}

/**
 * Corrects a stored listen (names or time) through the one write path: in one transaction the old
 * row goes, and the corrected listen is normalised, matched against the catalogue and deduplicated
 * like any other — so a correction that makes it a repeat of a stored listen leaves one listen, not
 * two. MBIDs that described the old names are dropped when those names change. The further sources
 * merged into the listen stay with it.
 */
export async function editListen(
  db: Database,
  edit: { userId: number; listenId: number; changes: ListenChanges; now: number },
): Promise<EditOutcome> {
  return db.transaction(async () => {
    const [old] = await db.all<StoredRow>(
      `SELECT epoch_ms(listened_at) AS listened_at_ms, stamped_edge, precision_s, duration_ms, played_ms, artist,
              track, release, artist_mbids, recording_mbid, release_mbid, release_group_mbid, isrc, spotify_uri,
              source, format, source_record_id, client, platform, country, import_run_id, raw
       FROM listens WHERE user_id = ? AND id = ?`,
      [edit.userId, edit.listenId],
    );
    if (!old) throw new AppError('NOT_FOUND', `There is no listen ${edit.listenId} of yours.`);
    const c = edit.changes;
    const artistChanged = c.artist !== undefined && c.artist !== old.artist;
    const trackChanged = c.track !== undefined && c.track !== old.track;
    const releaseChanged = c.release !== undefined && c.release !== old.release;
    const draft: ListenDraft = {
      listenedAt: c.listenedAt ?? Number(old.listened_at_ms),
      stampedEdge: old.stamped_edge,
      precisionS: c.listenedAt !== undefined ? 1 : old.precision_s,
      artist: c.artist ?? old.artist,
      track: c.track ?? old.track,
      release: c.release === undefined ? old.release : c.release,
      durationMs: old.duration_ms,
      playedMs: old.played_ms,
      artistMbids: artistChanged ? null : old.artist_mbids,
      recordingMbid: artistChanged || trackChanged ? null : old.recording_mbid,
      releaseMbid: releaseChanged || artistChanged ? null : old.release_mbid,
      releaseGroupMbid: releaseChanged || artistChanged ? null : old.release_group_mbid,
      isrc: artistChanged || trackChanged ? null : old.isrc,
      spotifyUri: old.spotify_uri,
      sourceRecordId: old.source_record_id,
      client: old.client,
      platform: old.platform,
      country: old.country,
    };
    const checked = validateListen(draft, edit.now);
    if (!checked.ok)
      throw new AppError('INVALID_INPUT', `The corrected listen is not valid: ${checked.message}.`);

    const sources = await db.all<Record<string, unknown>>(
      `SELECT source, format, epoch_ms(listened_at) AS at_ms, source_record_id, import_run_id, raw
       FROM listen_sources WHERE listen_id = ?`,
      [edit.listenId],
    );
    await deleteListens(db, edit.userId, [BigInt(edit.listenId)]);
    const row = toListenRow(checked.listen, {
      userId: edit.userId,
      source: old.source,
      format: old.format,
      importRunId: old.import_run_id === null ? null : Number(old.import_run_id),
      raw: old.raw ?? '',
    });
    // A writer of its own: its catalogue cache must not outlive this transaction if it rolls back.
    const result = await new ListenWriter(db).writeBatch([row], []);
    const held = result.inserted === 1 ? await keepId(db, edit.listenId, row) : await holderOf(db, row);
    for (const s of sources) {
      await db.run(
        `INSERT INTO listen_sources (listen_id, user_id, recording_id, source, format, listened_at, source_record_id, import_run_id, raw)
         VALUES (?, ?, ?, ?, ?, make_timestamp(?::BIGINT * 1000), ?, ?, ?)`,
        [
          held.id,
          edit.userId,
          held.recording_id,
          String(s.source),
          String(s.format),
          Number(s.at_ms),
          (s.source_record_id as string | null) ?? null,
          s.import_run_id === null ? null : Number(s.import_run_id),
          (s.raw as string | null) ?? null,
        ],
      );
    }
    return {
      listenId: Number(held.id),
      outcome: result.inserted === 1 ? 'updated' : result.merged === 1 ? 'merged' : 'duplicate',
    };
  });
}

interface Holder {
  id: bigint | number;
  recording_id: number;
}

/**
 * The corrected listen was stored as a new row: it takes back the id it had, so links to it (and a
 * following DELETE) still work. Listens have no key constraint; the old row is already gone.
 */
async function keepId(db: Database, listenId: number, row: ListenRow): Promise<Holder> {
  const [stored] = await db.all<Holder>(
    `SELECT l.id, l.recording_id FROM listens l JOIN recordings r ON r.id = l.recording_id
     WHERE l.user_id = $user AND r.key = $key AND epoch_ms(l.listened_at) = $at
     ORDER BY l.id DESC LIMIT 1`,
    { user: row.userId, key: row.names.matchKey, at: row.listenedAt },
  );
  if (!stored) throw new AppError('INTERNAL', 'The corrected listen was not stored.');
  await db.run('UPDATE listens SET id = $old WHERE id = $new', { old: listenId, new: stored.id });
  return { id: listenId, recording_id: stored.recording_id };
}

/** The stored listen the corrected one turned out to repeat (a duplicate or a merge): it keeps the play. */
async function holderOf(db: Database, row: ListenRow): Promise<Holder> {
  const [held] = await db.all<Holder>(
    `SELECT l.id, l.recording_id FROM listens l JOIN recordings r ON r.id = l.recording_id
     WHERE l.user_id = $user AND r.key = $key
       AND abs(epoch_ms(l.listened_at) - $at) <= 62000
     ORDER BY abs(epoch_ms(l.listened_at) - $at), l.id LIMIT 1`,
    { user: row.userId, key: row.names.matchKey, at: row.listenedAt },
  );
  if (!held) throw new AppError('INTERNAL', 'The corrected listen was not stored.');
  return held;
}
