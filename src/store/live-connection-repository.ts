/** Live-source connections (migration 014): what is stored per connection and where it stands. */
import type { Database } from './database.js';

export interface LiveConnectionRow {
  id: number;
  userId: number;
  kind: string;
  /** JSON text: the source's settings, no secrets. */
  settings: string;
  /** Sealed JSON of the credentials; null: none. */
  credentials: string | null;
  hookHash: string | null;
  /** JSON text; null: never polled. */
  cursor: string | null;
  /** Epoch ms. */
  createdAt: number;
  lastSuccess: number | null;
  failingSince: number | null;
  lastError: string | null;
  failures: number;
  plays: number;
}

const COLUMNS = `id, user_id, kind, settings, credentials, hook_hash, cursor, epoch_ms(created_at) AS created_at,
  epoch_ms(last_success) AS last_success, epoch_ms(failing_since) AS failing_since, last_error, failures, plays`;

const ms = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

function toRow(r: Record<string, unknown>): LiveConnectionRow {
  return {
    id: Number(r.id),
    userId: Number(r.user_id),
    kind: String(r.kind),
    settings: String(r.settings),
    credentials: str(r.credentials),
    hookHash: str(r.hook_hash),
    cursor: str(r.cursor),
    createdAt: Number(r.created_at),
    lastSuccess: ms(r.last_success),
    failingSince: ms(r.failing_since),
    lastError: str(r.last_error),
    failures: Number(r.failures),
    plays: Number(r.plays),
  };
}

const at = (epochMs: number) => Math.round(epochMs) * 1000;

export async function addLiveConnection(
  db: Database,
  connection: {
    userId: number;
    kind: string;
    settings: string;
    credentials: string | null;
    hookHash: string | null;
    now: number;
  },
): Promise<LiveConnectionRow> {
  const rows = await db.all(
    `INSERT INTO live_connections (user_id, kind, settings, credentials, hook_hash, created_at)
     VALUES (?, ?, ?, ?, ?, make_timestamp(?::BIGINT)) RETURNING id`,
    [
      connection.userId,
      connection.kind,
      connection.settings,
      connection.credentials,
      connection.hookHash,
      at(connection.now),
    ],
  );
  return (await findLiveConnection(db, Number(rows[0]!.id)))!;
}

export async function findLiveConnection(db: Database, id: number): Promise<LiveConnectionRow | null> {
  const rows = await db.all(`SELECT ${COLUMNS} FROM live_connections WHERE id = ?`, [id]);
  return rows[0] ? toRow(rows[0]) : null;
}

/** Every connection (of one user when given), oldest first. */
export async function listLiveConnections(db: Database, userId?: number): Promise<LiveConnectionRow[]> {
  const rows =
    userId === undefined
      ? await db.all(`SELECT ${COLUMNS} FROM live_connections ORDER BY id`)
      : await db.all(`SELECT ${COLUMNS} FROM live_connections WHERE user_id = ? ORDER BY id`, [userId]);
  return rows.map(toRow);
}

export async function findLiveConnectionByHook(
  db: Database,
  kind: string,
  hookHash: string,
): Promise<LiveConnectionRow | null> {
  const rows = await db.all(`SELECT ${COLUMNS} FROM live_connections WHERE kind = ? AND hook_hash = ?`, [
    kind,
    hookHash,
  ]);
  return rows[0] ? toRow(rows[0]) : null;
}

export async function removeLiveConnection(db: Database, id: number): Promise<boolean> {
  const rows = await db.all('DELETE FROM live_connections WHERE id = ? RETURNING id', [id]);
  return rows.length > 0;
}

/** Saves where polling stands (after the plays it covers are committed). */
export async function saveLiveCursor(db: Database, id: number, cursor: string): Promise<void> {
  await db.run('UPDATE live_connections SET cursor = ? WHERE id = ?', [cursor, id]);
}

/** Replaces the sealed credentials (a refreshed OAuth token). */
export async function saveLiveCredentials(db: Database, id: number, credentials: string): Promise<void> {
  await db.run('UPDATE live_connections SET credentials = ? WHERE id = ?', [credentials, id]);
}

export async function recordLiveSuccess(
  db: Database,
  id: number,
  outcome: { now: number; plays: number },
): Promise<void> {
  await db.run(
    `UPDATE live_connections SET last_success = make_timestamp(?::BIGINT), failing_since = NULL,
       last_error = NULL, failures = 0, plays = plays + ? WHERE id = ?`,
    [at(outcome.now), outcome.plays, id],
  );
}

/** A failed poll: failing since the first failure in a row; the error as the user reads it. */
export async function recordLiveFailure(
  db: Database,
  id: number,
  failure: { now: number; error: string; plays: number },
): Promise<void> {
  await db.run(
    `UPDATE live_connections SET failing_since = coalesce(failing_since, make_timestamp(?::BIGINT)),
       last_error = ?, failures = failures + 1, plays = plays + ? WHERE id = ?`,
    [at(failure.now), failure.error, failure.plays, id],
  );
}
