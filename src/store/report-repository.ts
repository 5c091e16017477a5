import type { Database } from './database.js';

export interface ImportRunSummary {
  id: number;
  /** The run's owner: the first user its listens went to, else the user it ran as. */
  user: string;
  /** Every user the run's listens went to (a Last.fm 1K file names several). */
  users: string[];
  file: string;
  format: string | null;
  status: string;
  startedAt: string;
  finishedAt: string | null;
  read: number;
  inserted: number;
  duplicates: number;
  skipped: number;
  rejected: number;
}

export async function listImportRuns(
  db: Database,
  limit: number,
  userId: number | null = null,
): Promise<ImportRunSummary[]> {
  const rows = await db.all<Record<string, unknown>>(
    `SELECT r.id, u.name AS user, r.file, r.format, r.status, strftime(r.started_at, '%Y-%m-%dT%H:%M:%SZ') AS started_at,
            strftime(r.finished_at, '%Y-%m-%dT%H:%M:%SZ') AS finished_at, r.records_read, r.inserted, r.duplicates,
            r.skipped, r.rejected,
            coalesce((SELECT list(n.name ORDER BY ru.position) FROM import_run_users ru JOIN users n ON n.id = ru.user_id
                      WHERE ru.import_run_id = r.id), [u.name]) AS users
     FROM import_runs r JOIN users u ON u.id = r.user_id
     WHERE NOT r.dry_run
       AND ($user::INTEGER IS NULL
            OR EXISTS (SELECT 1 FROM import_run_users ru WHERE ru.import_run_id = r.id AND ru.user_id = $user::INTEGER)
            OR (r.user_id = $user::INTEGER
                AND NOT EXISTS (SELECT 1 FROM import_run_users ru WHERE ru.import_run_id = r.id)))
     ORDER BY r.id DESC LIMIT $limit`,
    { user: userId, limit },
  );
  return rows.map((r) => ({
    id: Number(r.id),
    user: String(r.user),
    users: Array.isArray(r.users) ? r.users.map(String) : [String(r.user)],
    file: String(r.file),
    format: typeof r.format === 'string' ? r.format : null,
    status: String(r.status),
    startedAt: String(r.started_at),
    finishedAt: typeof r.finished_at === 'string' ? r.finished_at : null,
    read: Number(r.records_read),
    inserted: Number(r.inserted),
    duplicates: Number(r.duplicates),
    skipped: Number(r.skipped),
    rejected: Number(r.rejected),
  }));
}

export interface RejectedRecord {
  id: number;
  importRunId: number;
  file: string;
  line: number;
  status: string;
  reason: string;
  message: string;
  raw: string;
}

export async function listRejectedRecords(
  db: Database,
  filter: { userId: number; status?: string; reason?: string; importRunId?: number; limit: number },
): Promise<RejectedRecord[]> {
  const rows = await db.all<Record<string, unknown>>(
    `SELECT id, import_run_id, file, line, status, reason, message, raw FROM rejected_records
     WHERE user_id = $user AND ($status IS NULL OR status = $status) AND ($reason IS NULL OR reason = $reason)
       AND ($run IS NULL OR import_run_id = $run)
     ORDER BY id LIMIT $limit`,
    {
      user: filter.userId,
      status: filter.status ?? null,
      reason: filter.reason ?? null,
      run: filter.importRunId ?? null,
      limit: filter.limit,
    },
  );
  return rows.map((r) => ({
    id: Number(r.id),
    importRunId: Number(r.import_run_id),
    file: String(r.file),
    line: Number(r.line),
    status: String(r.status),
    reason: String(r.reason),
    message: String(r.message),
    raw: String(r.raw),
  }));
}
