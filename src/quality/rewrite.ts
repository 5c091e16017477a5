/**
 * Listens written again under new names, through the one write path: in the caller's transaction
 * the old rows go (the rollups lose them) and the new drafts are validated, normalised, matched
 * to the catalogue and deduplicated like any import (the rollups gain what is stored). A listen
 * stored anew takes back its old id; one that now repeats a stored listen is absorbed by it, and
 * its further sources and contexts move to that listen.
 */
import { END_STAMPED_S, SLACK_S } from '../domain/dedup-tolerances.js';
import type { CreditPart, ListenDraft } from '../domain/listen.js';
import type { ListenRow } from '../domain/listen-row.js';
import { toListenRow } from '../ingest/listen-row.js';
import { validateListen } from '../ingest/validate.js';
import type { Database, SqlValue } from '../store/index.js';
import { deleteListensReturningIds } from '../store/listen-edits.js';
import { ListenWriter } from '../store/listen-writer.js';
import { anyIds } from './ids.js';
import { big, idList, num, numOrNull, str, strOrNull, strsOrNull, textList } from '../store/rows.js';

/** A stored listen with what a rewrite carries over. */
export interface StoredListen {
  id: bigint;
  userId: number;
  draft: ListenDraft;
  source: string;
  format: string;
  importRunId: number | null;
  raw: string;
}

/** What a fix changes on a listen. Absent: unchanged. */
export interface ListenChange {
  artist?: string;
  track?: string;
  release?: string | null;
  /** A structured credit (the artists the credit names): overrides splitting the text. */
  credit?: CreditPart[];
  /** The whole draft instead (re-processing from the kept record). */
  draft?: ListenDraft;
  /** MBIDs stay when the names still describe the same thing (a merge, a split); dropped otherwise. */
  keepMbids?: boolean;
  /** A context kept beside the listen (the station of a radio stream). */
  context?: { kind: string; value: string };
}

const COLUMNS = `id, user_id, epoch_ms(listened_at) AS at_ms, stamped_edge, precision_s, duration_ms, played_ms, artist,
  track, release, artist_mbids, recording_mbid, release_mbid, release_group_mbid, isrc, spotify_uri, source, format,
  source_record_id, client, platform, country, import_run_id, raw`;

/** The listens `idsSql` selects (a SELECT of ids, with `binds`), oldest first. */
export async function readListens(
  db: Database,
  idsSql: string,
  binds: Record<string, SqlValue> = {},
): Promise<StoredListen[]> {
  const rows = await db.all(
    `SELECT ${COLUMNS} FROM listens WHERE id IN (${idsSql}) ORDER BY listened_at, id`,
    binds,
  );
  return rows.map((r) => ({
    id: big(r.id, 'id'),
    userId: num(r.user_id, 'user_id'),
    source: str(r.source, 'source'),
    format: str(r.format, 'format'),
    importRunId: numOrNull(r.import_run_id, 'import_run_id'),
    raw: strOrNull(r.raw, 'raw') ?? '',
    draft: {
      listenedAt: num(r.at_ms, 'at_ms'),
      stampedEdge: r.stamped_edge === 'end' ? 'end' : 'start',
      precisionS: num(r.precision_s, 'precision_s'),
      artist: str(r.artist, 'artist'),
      track: str(r.track, 'track'),
      release: strOrNull(r.release, 'release'),
      durationMs: numOrNull(r.duration_ms, 'duration_ms'),
      playedMs: numOrNull(r.played_ms, 'played_ms'),
      artistMbids: strsOrNull(r.artist_mbids, 'artist_mbids'),
      recordingMbid: strOrNull(r.recording_mbid, 'recording_mbid'),
      releaseMbid: strOrNull(r.release_mbid, 'release_mbid'),
      releaseGroupMbid: strOrNull(r.release_group_mbid, 'release_group_mbid'),
      isrc: strOrNull(r.isrc, 'isrc'),
      spotifyUri: strOrNull(r.spotify_uri, 'spotify_uri'),
      sourceRecordId: strOrNull(r.source_record_id, 'source_record_id'),
      client: strOrNull(r.client, 'client'),
      platform: strOrNull(r.platform, 'platform'),
      country: strOrNull(r.country, 'country'),
    },
  }));
}

/** The draft of `listen` with `change` applied (MBIDs of names that changed are dropped). */
export function changedDraft(listen: StoredListen, change: ListenChange): ListenDraft {
  if (change.draft) return change.draft;
  const old = listen.draft;
  const artistChanged =
    (change.artist !== undefined && change.artist !== old.artist) || change.credit !== undefined;
  const trackChanged = change.track !== undefined && change.track !== old.track;
  const releaseChanged = change.release !== undefined && change.release !== old.release;
  const keep = change.keepMbids === true;
  return {
    ...old,
    artist: change.artist ?? old.artist,
    track: change.track ?? old.track,
    release: change.release === undefined ? (old.release ?? null) : change.release,
    ...(change.credit ? { credit: change.credit } : {}),
    artistMbids: artistChanged && !keep ? null : (old.artistMbids ?? null),
    recordingMbid: (artistChanged || trackChanged) && !keep ? null : (old.recordingMbid ?? null),
    releaseMbid: (releaseChanged || artistChanged) && !keep ? null : (old.releaseMbid ?? null),
    releaseGroupMbid: (releaseChanged || artistChanged) && !keep ? null : (old.releaseGroupMbid ?? null),
    isrc: (artistChanged || trackChanged) && !keep ? null : (old.isrc ?? null),
  };
}

export interface RewriteOutcome {
  /** Listens written again. */
  rewritten: number;
  /** Of those, stored as their own listen (the others now repeat a stored listen, which keeps the play). */
  stored: number;
  /** Drafts the validation refused (left as they were). */
  refused: number;
}

/**
 * Writes `changes` (listen → change) in the caller's transaction. Listens whose draft does not
 * validate stay as they are and are counted as refused.
 */
export async function rewriteListens(
  db: Database,
  changes: ReadonlyArray<{ listen: StoredListen; change: ListenChange }>,
  now: number,
): Promise<RewriteOutcome> {
  const work: Array<{ listen: StoredListen; change: ListenChange; row: ListenRow }> = [];
  let refused = 0;
  for (const { listen, change } of changes) {
    const checked = validateListen(changedDraft(listen, change), now);
    if (!checked.ok) {
      refused++;
      continue;
    }
    work.push({
      listen,
      change,
      row: toListenRow(checked.listen, {
        userId: listen.userId,
        source: listen.source,
        format: listen.format,
        importRunId: listen.importRunId,
        raw: listen.raw,
      }),
    });
  }
  if (work.length === 0) return { rewritten: 0, stored: 0, refused };
  const ids = work.map((w) => w.listen.id);
  // What moves with each listen: its further sources and contexts, read before the rows go.
  await db.run(
    'CREATE OR REPLACE TEMP TABLE quality_moving_sources AS SELECT * FROM listen_sources WHERE list_contains($ids, listen_id)',
    { ids: anyIds(ids) },
  );
  await db.run(
    'CREATE OR REPLACE TEMP TABLE quality_moving_contexts AS SELECT * FROM listen_contexts WHERE list_contains($ids, listen_id)',
    { ids: anyIds(ids) },
  );
  // Each rewritten listen: its old id, and what finds it once written (user, match key, start).
  await db.run(
    `CREATE OR REPLACE TEMP TABLE quality_rewritten AS
     SELECT unnest($old) AS old_id, unnest($users) AS user_id, unnest($keys) AS key, unnest($ats) AS at_ms,
       unnest($within) AS within_ms, unnest($kinds) AS context_kind, unnest($values) AS context_value`,
    {
      old: anyIds(ids),
      users: idList(work.map((w) => w.row.userId)),
      keys: textList(work.map((w) => w.row.names.matchKey)),
      ats: idList(work.map((w) => w.row.listenedAt)),
      within: idList(work.map((w) => (SLACK_S + END_STAMPED_S) * 1000 + w.row.precisionS * 2000)),
      kinds: textList(work.map((w) => w.change.context?.kind ?? '')),
      values: textList(work.map((w) => w.change.context?.value ?? '')),
    },
  );
  const [top] = await db.all('SELECT coalesce(max(id), 0) AS id FROM listens');
  const above = big(top?.id, 'id');
  const byUser = new Map<number, bigint[]>();
  for (const w of work) byUser.set(w.listen.userId, [...(byUser.get(w.listen.userId) ?? []), w.listen.id]);
  for (const [userId, userIds] of byUser) await deleteListensReturningIds(db, userId, userIds);
  await db.run('DELETE FROM listen_contexts WHERE list_contains($ids, listen_id)', { ids: anyIds(ids) });
  // A writer of its own: its catalogue cache must not outlive this transaction if it rolls back.
  const writer = new ListenWriter(db);
  for (let i = 0; i < work.length; i += 5_000)
    await writer.writeBatch(
      work.slice(i, i + 5_000).map((w) => w.row),
      [],
    );
  // Stored anew: the new row (above the old highest id) takes back the old id, one each.
  await db.run(
    `CREATE OR REPLACE TEMP TABLE quality_fresh AS
     SELECT w.old_id, l.id AS new_id
     FROM quality_rewritten w JOIN recordings r ON r.key = w.key
     JOIN listens l ON l.recording_id = r.id AND l.user_id = w.user_id AND epoch_ms(l.listened_at) = w.at_ms
     WHERE l.id > $above
     QUALIFY row_number() OVER (PARTITION BY l.id ORDER BY w.old_id) = 1
       AND row_number() OVER (PARTITION BY w.old_id ORDER BY l.id) = 1`,
    { above },
  );
  await db.run('UPDATE listens SET id = f.old_id FROM quality_fresh f WHERE listens.id = f.new_id');
  // Where each rewritten listen's play is now held: itself, or the stored listen it repeats.
  await db.run(
    `CREATE OR REPLACE TEMP TABLE quality_holders AS
     SELECT old_id, old_id AS holder FROM quality_fresh
     UNION ALL
     SELECT w.old_id, arg_min(l.id, (abs(epoch_ms(l.listened_at) - w.at_ms), l.id)) AS holder
     FROM quality_rewritten w JOIN recordings r ON r.key = w.key
     JOIN listens l ON l.recording_id = r.id AND l.user_id = w.user_id
       AND abs(epoch_ms(l.listened_at) - w.at_ms) <= w.within_ms
     WHERE w.old_id NOT IN (SELECT old_id FROM quality_fresh)
     GROUP BY w.old_id`,
  );
  await db.run(
    `INSERT INTO listen_sources (listen_id, user_id, recording_id, source, format, listened_at, source_record_id,
       import_run_id, raw, added_at)
     SELECT h.holder, s.user_id, l.recording_id, s.source, s.format, s.listened_at, s.source_record_id,
       s.import_run_id, s.raw, s.added_at
     FROM quality_moving_sources s JOIN quality_holders h ON h.old_id = s.listen_id JOIN listens l ON l.id = h.holder`,
  );
  await db.run(
    `INSERT INTO listen_contexts
     SELECT DISTINCT ON (holder, kind) holder, kind, value FROM (
       SELECT h.holder, c.kind, c.value, 0 AS pref FROM quality_moving_contexts c JOIN quality_holders h ON h.old_id = c.listen_id
       UNION ALL
       SELECT h.holder, w.context_kind, w.context_value, 1 FROM quality_rewritten w JOIN quality_holders h ON h.old_id = w.old_id
       WHERE w.context_kind <> '') AS c
     WHERE NOT EXISTS (SELECT 1 FROM listen_contexts x WHERE x.listen_id = c.holder AND x.kind = c.kind)
     ORDER BY holder, kind, pref`,
  );
  const [fresh] = await db.all('SELECT count(*) AS n FROM quality_fresh');
  const stored = num(fresh?.n, 'n');
  for (const table of ['quality_moving_contexts', 'quality_rewritten', 'quality_fresh', 'quality_holders'])
    await db.run(`DROP TABLE ${table}`);
  await db.run('DROP TABLE quality_moving_sources');
  return { rewritten: work.length, stored, refused };
}
