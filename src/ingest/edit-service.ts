import { END_STAMPED_S, SLACK_S } from '../domain/dedup-tolerances.js';
import { AppError } from '../domain/errors.js';
import type { ListenDraft } from '../domain/listen.js';
import type { ListenRow } from '../domain/listen-row.js';
import type { Database } from '../store/database.js';
import {
  addFurtherSources,
  deleteListens,
  findFurtherSources,
  findListenRecord,
  findNearestListen,
  reclaimListenId,
  type ListenHolder,
} from '../store/listen-edits.js';
import { ListenWriter } from '../store/listen-writer.js';
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
    const old = await findListenRecord(db, edit.userId, edit.listenId);
    if (!old) throw new AppError('NOT_FOUND', `There is no listen ${edit.listenId} of yours.`);
    const c = edit.changes;
    const artistChanged = c.artist !== undefined && c.artist !== old.artist;
    const trackChanged = c.track !== undefined && c.track !== old.track;
    const releaseChanged = c.release !== undefined && c.release !== old.release;
    const draft: ListenDraft = {
      listenedAt: c.listenedAt ?? old.listenedAtMs,
      stampedEdge: old.stampedEdge,
      precisionS: c.listenedAt !== undefined ? 1 : old.precisionS,
      artist: c.artist ?? old.artist,
      track: c.track ?? old.track,
      release: c.release === undefined ? old.release : c.release,
      durationMs: old.durationMs,
      playedMs: old.playedMs,
      artistMbids: artistChanged ? null : old.artistMbids,
      recordingMbid: artistChanged || trackChanged ? null : old.recordingMbid,
      releaseMbid: releaseChanged || artistChanged ? null : old.releaseMbid,
      releaseGroupMbid: releaseChanged || artistChanged ? null : old.releaseGroupMbid,
      isrc: artistChanged || trackChanged ? null : old.isrc,
      spotifyUri: old.spotifyUri,
      sourceRecordId: old.sourceRecordId,
      client: old.client,
      platform: old.platform,
      country: old.country,
    };
    const checked = validateListen(draft, edit.now);
    if (!checked.ok)
      throw new AppError('INVALID_INPUT', `The corrected listen is not valid: ${checked.message}.`);

    const sources = await findFurtherSources(db, edit.listenId);
    await deleteListens(db, edit.userId, [BigInt(edit.listenId)]);
    const row = toListenRow(checked.listen, {
      userId: edit.userId,
      source: old.source,
      format: old.format,
      importRunId: old.importRunId,
      raw: old.raw ?? '',
    });
    // A writer of its own: its catalogue cache must not outlive this transaction if it rolls back.
    const result = await new ListenWriter(db).writeBatch([row], []);
    // Stored as a new row, it takes back the id it had, so links to it (and a following DELETE) still work.
    const held =
      result.inserted === 1 ? await reclaimListenId(db, edit.listenId, row) : await holderOf(db, row);
    await addFurtherSources(db, { ...held, userId: edit.userId }, sources);
    return {
      listenId: held.id,
      outcome: result.inserted === 1 ? 'updated' : result.merged === 1 ? 'merged' : 'duplicate',
    };
  });
}

/**
 * The stored listen the corrected one turned out to repeat (a duplicate or a merge): it keeps the
 * play. It lies within the merge tolerance of an end-stamped pair (domain/dedup-tolerances.ts).
 */
async function holderOf(db: Database, row: ListenRow): Promise<ListenHolder> {
  const held = await findNearestListen(db, row, (SLACK_S + END_STAMPED_S) * 1000);
  if (!held) throw new AppError('INTERNAL', 'The corrected listen was not stored.');
  return held;
}
