/**
 * Per-user rollups of the listens, kept by the write path in the same transaction as the listens, so
 * a statistic read from them includes a back-dated import, a correction or a deletion at once. This
 * module is the only one that knows the rollup tables (sql/rollups/tables.sql):
 *
 * - rollup_quarters: plays, known time, plays of unknown length, earliest and latest start and latest
 *   end per user and UTC quarter hour (the clock, activity and streaks in zones with :30 and :45
 *   offsets, the edges of ranges and of sessions);
 * - rollup_hours: the same sums per UTC hour (the clock, activity and streaks in whole-hour zones);
 * - rollup_sessions: every session for the default gap (ROLLUP_SESSION_GAP_MINUTES);
 * - rollup_recordings, rollup_releases, rollup_artists: all-time plays and time per entity (per
 *   credited artist: once for every artist a listen's credit names, as credited then; a change to
 *   artist_credit_members must rebuild them); rollup_release_groups: the release-group MBIDs a
 *   release's listens carried;
 * - rollup_sources: all-time plays per source, platform, country and client (the breakdowns).
 *
 * Every change to the listens that moves a rollup goes through `applyListenDelta`: inserts add the new
 * rows (+1); deletes take the rows away first (-1); an update takes the rows away before it and adds
 * them back after it. Statistics read the rollups through the macros of `defineRollupReaders`.
 */
import type { DuckDBValue } from '@duckdb/node-api';
import { connectionOf } from './connection.js';
import type { Database, SqlValue } from './database.js';
import { preparedOn } from './prepared.js';
import { big } from './rows.js';
import { loadSql } from './sql-files.js';

/** The session gap whose sessions rollup_sessions keeps (the statistics' default gap). */
export const ROLLUP_SESSION_GAP_MINUTES = 30;
const GAP_BINDS = { gap_us: ROLLUP_SESSION_GAP_MINUTES * 60_000_000 };

const sql = (name: string) => loadSql(import.meta.url, `sql/rollups/${name}.sql`);
const TABLES_SQL = sql('tables');
const WORK_TABLES = sql('work-tables');
const READ_MACROS = sql('read-macros');
const DELTA_QUARTERS = sql('delta-quarters');
const MERGES = [
  'merge-hours',
  'merge-recordings',
  'merge-releases',
  'merge-release-groups',
  'merge-artists',
  'merge-sources',
].map(sql);
const ADD_QUARTERS = sql('add-quarters');
const MARK_QUARTER_REFRESH = sql('mark-quarter-refresh');
const REFRESH_QUARTER_EXTREMES = sql('refresh-quarter-extremes');
const SUBTRACT_QUARTERS = sql('subtract-quarters');
const SESSIONS_NEAR_ADDED = sql('sessions-near-added');
const SESSION_PIECES_ADDED = sql('session-pieces-added');
const SESSIONS_HOLDING_REMOVED = sql('sessions-holding-removed');
const REPLACED_SESSIONS_SPAN = sql('replaced-sessions-span');
const MARKED_QUARTERS_SPAN = sql('marked-quarters-span');
const SESSION_PIECES_LEFT = sql('session-pieces-left');
const DROP_REPLACED_SESSIONS = sql('drop-replaced-sessions');
const INSERT_SESSIONS_OF_PIECES = sql('insert-sessions-of-pieces');
const REBUILD = [
  'rebuild-quarters',
  'rebuild-hours',
  'rebuild-recordings',
  'rebuild-releases',
  'rebuild-release-groups',
  'rebuild-artists',
  'rebuild-sources',
].map(sql);
const REBUILD_SESSION_PIECES = sql('rebuild-session-pieces');

const ROLLUP_TABLES = [
  'rollup_quarters',
  'rollup_hours',
  'rollup_sessions',
  'rollup_recordings',
  'rollup_releases',
  'rollup_release_groups',
  'rollup_artists',
  'rollup_sources',
] as const;
const WORK_TABLE_NAMES = [
  'rollup_delta',
  'rollup_delta_quarters',
  'rollup_sessions_replaced',
  'rollup_session_pieces',
];
/** The columns of listens the rollups read. */
const DELTA_COLUMNS =
  'id, user_id, listened_at, recording_id, artist_credit_id, release_id, release_group_mbid, ' +
  'duration_ms, played_ms, source, platform, country, client';

export interface ListenDelta {
  /** 1 adds the listens to every rollup, -1 takes them away. */
  sign: 1 | -1;
  /**
   * A SELECT over the listens table whose rows are the listens to add or take away, usually
   * `SELECT * FROM listens WHERE …`. The rollups read its columns id, user_id, listened_at,
   * recording_id, artist_credit_id, release_id, release_group_mbid, duration_ms, played_ms, source,
   * platform, country and client. The rows must be in the listens table when this runs: added ones
   * after they are stored, outgoing ones before they are deleted or changed (their ids tell the
   * listens that stay from those that go).
   */
  listens: string;
  /** Values for the `$name` placeholders of `listens`. */
  binds?: Readonly<Record<string, SqlValue>>;
}

/**
 * Adds the listens of `delta.listens` to every rollup, or takes them away, inside the caller's
 * transaction (or one of its own): rows whose plays fall to zero are removed.
 */
export async function applyListenDelta(db: Database, delta: ListenDelta): Promise<void> {
  await db.exclusive(async () => {
    await ensureWorkTables(db);
    await db.transaction(async () => {
      const staged = await exec(
        db,
        `INSERT INTO rollup_delta SELECT ${DELTA_COLUMNS} FROM (${delta.listens})`,
        delta.binds,
      );
      if (staged === 0) return;
      await exec(db, DELTA_QUARTERS);
      for (const merge of MERGES) await exec(db, merge, { sign: delta.sign });
      if (delta.sign === 1) {
        await exec(db, ADD_QUARTERS);
        await exec(db, SESSIONS_NEAR_ADDED, GAP_BINDS);
        await exec(db, SESSION_PIECES_ADDED);
      } else {
        await subtractQuarters(db);
        if ((await exec(db, SESSIONS_HOLDING_REMOVED)) > 0) {
          await exec(db, SESSION_PIECES_LEFT, await bounds(db, REPLACED_SESSIONS_SPAN));
        }
      }
      await exec(db, DROP_REPLACED_SESSIONS);
      await exec(db, INSERT_SESSIONS_OF_PIECES, GAP_BINDS);
      for (const table of WORK_TABLE_NAMES) await exec(db, `DELETE FROM ${table}`);
    });
  });
}

/**
 * Takes the delta's quarters away: sums are subtracted, and the earliest start, latest start or
 * latest end of a quarter that loses the listen holding it is found again among the listens that stay.
 */
async function subtractQuarters(db: Database): Promise<void> {
  if ((await exec(db, MARK_QUARTER_REFRESH)) > 0) {
    await exec(db, REFRESH_QUARTER_EXTREMES, await bounds(db, MARKED_QUARTERS_SPAN));
  }
  await exec(db, SUBTRACT_QUARTERS);
}

/** Recomputes the rollups of one user, or of everyone, from the listens, in one transaction. */
export async function rebuildRollups(db: Database, options: { userId?: number } = {}): Promise<void> {
  const user = { user_id: options.userId ?? null };
  await db.exclusive(async () => {
    await ensureWorkTables(db);
    await db.transaction(async () => {
      for (const table of ROLLUP_TABLES)
        await db.run(
          `DELETE FROM ${table} WHERE $user_id::INTEGER IS NULL OR user_id = $user_id::INTEGER`,
          user,
        );
      for (const statement of REBUILD) await db.run(statement, user);
      await db.run(REBUILD_SESSION_PIECES, user);
      await exec(db, INSERT_SESSIONS_OF_PIECES, GAP_BINDS);
      await exec(db, 'DELETE FROM rollup_session_pieces');
    });
  });
}

/** Migration 5: the rollup tables, built from the listens already stored. */
export async function createRollups(db: Database): Promise<void> {
  await db.run(TABLES_SQL);
  await rebuildRollups(db);
}

/** Whether this database has the rollup tables (migration 5 has run). */
export async function hasRollups(db: Database): Promise<boolean> {
  const rows = await db.all(
    "SELECT 1 FROM duckdb_tables() WHERE table_name = 'rollup_quarters' AND NOT temporary",
  );
  return rows.length > 0;
}

/** Per connection, the macro definitions made there (and committed). */
const definedOn = new WeakMap<object, Set<string>>();

/**
 * Defines, on the caller's connection, the macros statistics read the rollups through
 * (sql/rollups/read-macros.sql) and the caller's own macros over them (`alsoDefine`, each a
 * statement of CREATE OR REPLACE TEMP MACRO): once per connection, as parsing them costs a few
 * milliseconds a statistic. Call it inside `exclusive`, with the queries that use them.
 */
export async function defineRollupReaders(db: Database, alsoDefine: readonly string[] = []): Promise<void> {
  let connection: object | null = null;
  try {
    connection = connectionOf(db);
  } catch {
    // A reader connection opens with its first query: define them without remembering it this time.
  }
  const defined = (connection && definedOn.get(connection)) || new Set<string>();
  const missing = [READ_MACROS, ...alsoDefine].filter((text) => !defined.has(text));
  for (const text of missing) await db.run(text);
  if (!connection || missing.length === 0) return;
  const on = connection;
  // Made inside a transaction that rolls back, they are gone: remembered once it commits.
  db.afterTransaction((ended) => {
    if (ended !== 'committed') return;
    const set = definedOn.get(on) ?? new Set<string>();
    for (const text of missing) set.add(text);
    definedOn.set(on, set);
  });
}

/**
 * What differs between the kept rollups and the rollups recomputed from the listens, one line per
 * differing row (empty when they agree): for tests and for checking a database after a crash.
 * Runs as a preview (nothing is written); not inside a transaction.
 */
export async function diffRollups(db: Database): Promise<string[]> {
  return db.preview(async () => {
    const kept = await snapshot(db);
    await rebuildRollups(db);
    const rebuilt = await snapshot(db);
    const lines: string[] = [];
    for (const table of ROLLUP_TABLES) {
      const a = new Set(kept.get(table));
      const b = new Set(rebuilt.get(table));
      for (const row of a) if (!b.has(row)) lines.push(`${table}: kept ${row}, not in a recomputation`);
      for (const row of b) if (!a.has(row)) lines.push(`${table}: recomputed ${row}, not kept`);
    }
    return lines;
  });
}

async function snapshot(db: Database): Promise<Map<string, string[]>> {
  const tables = new Map<string, string[]>();
  for (const table of ROLLUP_TABLES) {
    const rows = await db.all(`SELECT * FROM ${table} ORDER BY ALL`);
    tables.set(
      table,
      rows.map((r) => JSON.stringify(r, (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))),
    );
  }
  return tables;
}

/** Connections whose work tables exist (they are temporary: one set per connection). */
const readyConnections = new WeakSet<object>();

async function ensureWorkTables(db: Database): Promise<void> {
  const connection = connectionOf(db);
  if (readyConnections.has(connection)) return;
  // Made inside a caller's transaction, they exist only once it commits (a preview rolls them back).
  await db.run(WORK_TABLES);
  db.afterTransaction((ended) => {
    if (ended === 'committed') readyConnections.add(connection);
  });
}

/** Runs a statement prepared once on the write connection; returns the rows it changed. */
async function exec(
  db: Database,
  statementSql: string,
  binds?: Readonly<Record<string, SqlValue>>,
): Promise<number> {
  const statement = await preparedOn(connectionOf(db), statementSql);
  if (binds) statement.bind(binds as Record<string, DuckDBValue>);
  return (await statement.run()).rowsChanged;
}

/** The from_us and to_us a span query answers, as binds. */
async function bounds(db: Database, spanSql: string): Promise<{ from_us: bigint; to_us: bigint }> {
  const statement = await preparedOn(connectionOf(db), spanSql);
  const [row] = (await statement.runAndReadAll()).getRowObjectsJS();
  return { from_us: big(row?.from_us, 'from_us'), to_us: big(row?.to_us, 'to_us') };
}

/** The highest listen id stored, 0 without listens: listens stored next have higher ids (the sequence). */
export async function maxListenId(db: Database): Promise<bigint> {
  const [row] = await db.all('SELECT coalesce(max(id), 0) AS id FROM listens');
  return big(row?.id, 'id');
}

/** The delta of the listens stored after `maxListenId` answered `id`. */
export function listensAbove(id: bigint): ListenDelta {
  return { sign: 1, listens: 'SELECT * FROM listens WHERE id > $above_id', binds: { above_id: id } };
}
