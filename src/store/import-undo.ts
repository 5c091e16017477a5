/**
 * Undoing an import run: the listens it inserted, the second-source records it added to listens
 * already stored, its collection items and the rows it left out are removed, in one transaction on
 * the write connection. A listen of the run that another source also reported (a later import, a
 * live client) is not lost with it: that source's record is promoted to be the listen. The run's
 * row stays, marked `deleted`, with what the undo removed in its report.
 */
import { num, type Row } from './rows.js';
import { AppError } from '../domain/errors.js';
import type { Database } from './database.js';
import { applyListenDelta } from './rollups.js';
import { loadSql } from './sql-files.js';

const PREVIEW = loadSql(import.meta.url, 'sql/undo-import/preview.sql');
const CHOOSE_PROMOTIONS = loadSql(import.meta.url, 'sql/undo-import/choose-promotions.sql');
const PROMOTE = loadSql(import.meta.url, 'sql/undo-import/promote.sql');
/** The listens PROMOTE changes, and those the undo deletes: the rollups follow them (rollups.ts). */
const PROMOTED_LISTENS = 'SELECT * FROM listens WHERE id IN (SELECT listen_id FROM undo_promotions)';
const RUN_LISTENS = 'SELECT * FROM listens WHERE user_id = $user AND import_run_id = $run';

export interface ImportRunRef {
  id: number;
  userId: number;
  user: string;
  file: string;
  format: string | null;
  status: string;
  dryRun: boolean;
}

/** What an undo removes (or, as a preview, would remove). */
export interface UndoCounts {
  /** Listens of the run that are deleted. */
  listens: number;
  /** Listens of the run that another source also reported: kept, as that source's. */
  promoted: number;
  /** Second-source records the run added to listens stored before (those listens stay). */
  sources: number;
  collectionItems: number;
  /** Rows the run left out (rejected or skipped), kept until now for `listenhouse rejected`. */
  rejectedRecords: number;
}

export async function findImportRun(db: Database, id: number): Promise<ImportRunRef | null> {
  const rows = await db.all<Record<string, unknown>>(
    `SELECT r.id, r.user_id, u.name AS user, r.file, r.format, r.status, r.dry_run
     FROM import_runs r JOIN users u ON u.id = r.user_id WHERE r.id = ?`,
    [id],
  );
  const r = rows[0];
  if (!r) return null;
  return {
    id: Number(r.id),
    userId: Number(r.user_id),
    user: String(r.user),
    file: String(r.file),
    format: typeof r.format === 'string' ? r.format : null,
    status: String(r.status),
    dryRun: r.dry_run === true,
  };
}

/** Why a run cannot be undone, or null when it can. */
function refusal(run: ImportRunRef): AppError | null {
  if (run.dryRun)
    return new AppError('INVALID_INPUT', `Import run ${run.id} was a dry run: it stored nothing to undo.`);
  if (run.status === 'running')
    return new AppError(
      'CONFLICT',
      `Import run ${run.id} (${run.file}) is still running: wait for it to finish, or stop it, then undo it.`,
    );
  if (run.status === 'deleted')
    return new AppError('CONFLICT', `Import run ${run.id} (${run.file}) was already undone.`);
  return null;
}

export async function previewImportUndo(db: Database, run: ImportRunRef): Promise<UndoCounts> {
  const rows = await db.all<Row>(PREVIEW, { user: run.userId, run: run.id });
  const r = rows[0] ?? {};
  return {
    listens: num(r.listens, 'listens'),
    promoted: num(r.promoted, 'promoted'),
    sources: num(r.sources, 'sources'),
    collectionItems: num(r.collection_items, 'collection_items'),
    rejectedRecords: num(r.rejected_records, 'rejected_records'),
  };
}

/**
 * Undoes the run in one transaction and answers what it removed. Refuses a dry run, a run still
 * running and one already undone. `now` (epoch ms) is recorded as the time of the undo.
 */
export async function undoImportRun(db: Database, runId: number, now: number): Promise<UndoCounts> {
  return db.transaction(async () => {
    const run = await findImportRun(db, runId);
    if (!run) throw new AppError('NOT_FOUND', `No import run ${runId}: \`listenhouse imports\` lists them.`);
    const refused = refusal(run);
    if (refused) throw refused;
    const p = { user: run.userId, run: run.id };
    await db.run(`CREATE OR REPLACE TEMP TABLE undo_promotions (
      listen_id BIGINT, source_rowid BIGINT, listened_at TIMESTAMP, source VARCHAR, format VARCHAR,
      source_record_id VARCHAR, import_run_id BIGINT, raw VARCHAR)`);
    await db.run(CHOOSE_PROMOTIONS, p);
    await applyListenDelta(db, { sign: -1, listens: PROMOTED_LISTENS });
    const promoted = await db.all(PROMOTE, { user: run.userId });
    await applyListenDelta(db, { sign: 1, listens: PROMOTED_LISTENS });
    await db.run('DELETE FROM listen_sources WHERE rowid IN (SELECT source_rowid FROM undo_promotions)');
    await db.run('DROP TABLE undo_promotions');
    const sources = await db.all(
      'DELETE FROM listen_sources WHERE user_id = $user AND import_run_id = $run RETURNING 1',
      p,
    );
    await applyListenDelta(db, { sign: -1, listens: RUN_LISTENS, binds: p });
    const listens = await db.all<{ id: bigint }>(
      'DELETE FROM listens WHERE user_id = $user AND import_run_id = $run RETURNING id',
      p,
    );
    const items = await db.all(
      'DELETE FROM collection_items WHERE user_id = $user AND import_run_id = $run RETURNING 1',
      p,
    );
    const rejected = await db.all(
      'DELETE FROM rejected_records WHERE user_id = $user AND import_run_id = $run RETURNING 1',
      p,
    );
    // The lines a bulk import kept (raw_blocks), once no listen or source of the run refers to them.
    await db.run(
      `DELETE FROM raw_blocks WHERE import_run_id = $run
         AND NOT EXISTS (SELECT 1 FROM listens WHERE import_run_id = $run)
         AND NOT EXISTS (SELECT 1 FROM listen_sources WHERE import_run_id = $run)`,
      { run: run.id },
    );
    const counts: UndoCounts = {
      listens: listens.length,
      promoted: promoted.length,
      sources: sources.length,
      collectionItems: items.length,
      rejectedRecords: rejected.length,
    };
    await db.run(
      `UPDATE import_runs SET status = 'deleted',
         report = json_merge_patch(coalesce(report, '{}'::JSON), $undo::JSON)
       WHERE id = $run`,
      { run: run.id, undo: JSON.stringify({ undone: { at: new Date(now).toISOString(), ...counts } }) },
    );
    return counts;
  });
}

/** The run, checked for an undo (the same refusals), and what undoing it would remove. */
export async function planImportUndo(
  db: Database,
  runId: number,
): Promise<{ run: ImportRunRef; counts: UndoCounts }> {
  const run = await findImportRun(db, runId);
  if (!run) throw new AppError('NOT_FOUND', `No import run ${runId}: \`listenhouse imports\` lists them.`);
  const refused = refusal(run);
  if (refused) throw refused;
  return { run, counts: await previewImportUndo(db, run) };
}

export interface ImportUndoResult {
  run: { id: number; user: string; file: string; format: string | null; status: string };
  dryRun: boolean;
  /** What the undo removes, counted before it ran. */
  preview: UndoCounts;
  /** What it removed; null for a dry run. */
  removed: UndoCounts | null;
}

/**
 * Undoes an import run, or with `dryRun` only counts what that would remove. `allowed` sees the run
 * first and may refuse (the API's owner-or-admin rule).
 */
export async function undoImport(
  db: Database,
  options: { runId: number; dryRun: boolean; now: number; allowed?: (run: ImportRunRef) => void },
): Promise<ImportUndoResult> {
  const { run, counts } = await planImportUndo(db, options.runId);
  options.allowed?.(run);
  const removed = options.dryRun ? null : await undoImportRun(db, run.id, options.now);
  return {
    run: {
      id: run.id,
      user: run.user,
      file: run.file,
      format: run.format,
      status: removed ? 'deleted' : run.status,
    },
    dryRun: options.dryRun,
    preview: counts,
    removed,
  };
}
