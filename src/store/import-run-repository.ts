import { num, type Row } from './rows.js';
import type { Database } from './database.js';

export interface RunCounts {
  read: number;
  inserted: number;
  duplicates: number;
  merged: number;
  skipped: number;
  rejected: number;
}

export async function startImportRun(
  db: Database,
  run: { userId: number; file: string; format: string; dryRun: boolean; startedAt: number },
): Promise<number> {
  const rows = await db.all<Row>(
    `INSERT INTO import_runs (user_id, file, format, dry_run, status, started_at)
     VALUES (?, ?, ?, ?, 'running', make_timestamp(?::BIGINT * 1000)) RETURNING id`,
    [run.userId, run.file, run.format, run.dryRun, run.startedAt],
  );
  return num(rows[0]?.id, 'id');
}

/** Written in the same transaction as each batch, so the run's counts always match what is stored. */
export async function recordRunProgress(db: Database, runId: number, counts: RunCounts): Promise<void> {
  await db.run(
    `UPDATE import_runs SET records_read = ?, inserted = ?, duplicates = ?, merged = ?, skipped = ?, rejected = ?
     WHERE id = ?`,
    [counts.read, counts.inserted, counts.duplicates, counts.merged, counts.skipped, counts.rejected, runId],
  );
}

export async function finishImportRun(
  db: Database,
  runId: number,
  outcome: { status: 'completed' | 'failed'; finishedAt: number; report: unknown },
): Promise<void> {
  await db.run(
    `UPDATE import_runs SET status = ?, finished_at = make_timestamp(?::BIGINT * 1000), report = ?::JSON WHERE id = ?`,
    [outcome.status, outcome.finishedAt, JSON.stringify(outcome.report), runId],
  );
}

/**
 * The users whose listens the run read, in the order first met: the run is theirs (the first owns
 * it), and `imports --user` finds it under each of them. A run that read no listens stays with the
 * user it ran as.
 */
export async function recordRunUsers(db: Database, runId: number, userIds: readonly number[]): Promise<void> {
  if (userIds.length === 0) return;
  await db.transaction(async () => {
    await db.run('DELETE FROM import_run_users WHERE import_run_id = ?', [runId]);
    for (const [position, userId] of userIds.entries()) {
      await db.run('INSERT INTO import_run_users (import_run_id, position, user_id) VALUES (?, ?, ?)', [
        runId,
        position,
        userId,
      ]);
    }
    await db.run('UPDATE import_runs SET user_id = ? WHERE id = ?', [userIds[0]!, runId]);
  });
}

/**
 * Runs left 'running' by a process that was killed. Only call this while holding the database
 * exclusively (DuckDB's file lock guarantees no other process is importing).
 */
export async function markInterruptedRuns(db: Database): Promise<number> {
  const rows = await db.all(
    `UPDATE import_runs SET status = 'interrupted' WHERE status = 'running' RETURNING 1 AS n`,
  );
  return rows.length;
}
