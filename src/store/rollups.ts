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
const READ_MARK = 'SELECT applied_through FROM rollup_state';
// The ids above the mark only: the listens' zone maps skip the rest (ids grow with every insert).
const MOVE_MARK =
  'UPDATE rollup_state SET applied_through = coalesce((SELECT max(id) FROM listens WHERE id > $mark), $mark)';
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
   * listens that stay from those that go). Added ones must be at or below the mark (rows restored
   * with their old ids): listens newly stored are added by `addStoredListens`, never named here.
   */
  listens: string;
  /** Values for the `$name` placeholders of `listens`. */
  binds?: Readonly<Record<string, SqlValue>>;
}

/**
 * Adds the listens of `delta.listens` to every rollup, or takes them away, inside the caller's
 * transaction (or one of its own): rows whose plays fall to zero are removed. The tail (listens
 * stored by a deferred write, see `deferRollups`) is added first, so the delta meets rollups that
 * hold every listen below it.
 */
export async function applyListenDelta(db: Database, delta: ListenDelta): Promise<void> {
  await db.exclusive(async () => {
    await ensureWorkTables(db);
    await db.transaction(async () => {
      await addTail(db);
      await applyNow(db, delta);
    });
  });
}

/**
 * Adds every listen stored since the rollups last caught up (ids above rollup_state's mark) to the
 * rollups, inside the caller's transaction (or one of its own): what a write calls after it stored
 * new listens, and the flush of a deferred write's tail.
 */
export async function addStoredListens(db: Database): Promise<void> {
  await db.exclusive(async () => {
    await ensureWorkTables(db);
    await db.transaction(() => addTail(db));
  });
}

async function addTail(db: Database): Promise<void> {
  const statement = await preparedOn(connectionOf(db), READ_MARK);
  const [row] = (await statement.runAndReadAll()).getRowObjectsJS();
  const mark = big(row?.applied_through, 'applied_through');
  const added = await applyNow(db, {
    sign: 1,
    listens: 'SELECT * FROM listens WHERE id > $mark',
    binds: { mark },
  });
  if (added > 0) await exec(db, MOVE_MARK, { mark });
  // db.writer(): the tail's count is the write connection's, also when its side adds it.
  const state = tails.get(db.writer());
  if (state) {
    // Everything deferred so far is in once this transaction commits.
    const through = state.deferred;
    db.afterTransaction((ended) => {
      if (ended === 'committed') state.added = Math.max(state.added, through);
    });
  }
}

/** Applies the delta to the rollups; answers how many listens it held. */
async function applyNow(db: Database, delta: ListenDelta): Promise<number> {
  const staged = await exec(
    db,
    `INSERT INTO rollup_delta SELECT ${DELTA_COLUMNS} FROM (${delta.listens})`,
    delta.binds,
  );
  if (staged === 0) return 0;
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
  return staged;
}

/**
 * Deferred rollups, for live submissions: one group commit of fifty single listens spent half its
 * time on the rollups' seventeen statements, whatever the number of listens. A write that defers
 * stores its listens only (above the mark: the tail) and calls this once it has committed; the tail
 * is added in one transaction a moment later (DEFER_MS, so one addition serves many writes), and at
 * once by `settleRollups` before any statistic reads the rollups — so a statistic still includes
 * every listen acknowledged before it was asked. A kill leaves the tail in the listens table, and
 * the next process adds it (a database opened is taken to have one).
 */
export function deferRollups(db: Database): void {
  const writer = db.writer();
  const state = tailOf(writer);
  state.deferred++;
  state.timer ??= setTimeout(() => {
    state.timer = null;
    settleRollups(writer).catch((err: unknown) => state.onError?.(err));
  }, DEFER_MS);
  state.timer.unref?.();
}

/**
 * Adds the tail of deferred writes, if any, to the rollups: once it resolves they hold every listen
 * acknowledged before it was called. One turn of the write connection (inside the caller's, when
 * called inside one), skipped when an earlier turn has added the tail already.
 */
export async function settleRollups(db: Database): Promise<void> {
  const writer = db.writer();
  const state = tails.get(writer);
  if (!state || state.added >= state.deferred) return;
  const wanted = state.deferred;
  // A caller inside a write turn of its own holds the connection: the tail is added in its turn.
  if (writer.inTurn()) {
    await addStoredListens(writer);
    return;
  }
  // Otherwise on the side connection, while live submissions go on storing listens beside it (they
  // write no rollup: see ListenWriter's `deferRollups`); every other write waits for it.
  await writer.beside(async (side) => {
    if (state.added < wanted) await addStoredListens(side);
  });
}

/** Where a failed deferred addition is reported (it is tried again by the next read or write). */
export function onRollupError(db: Database, report: (err: unknown) => void): void {
  tailOf(db.writer()).onError = report;
}

/**
 * Marks `db` (a database just opened) as maybe holding a tail that a killed process left: the first
 * statistic adds it. Cheap when there is none (the ids above the mark are found by the zone maps).
 */
export function mayHaveTail(db: Database): void {
  const state = tailOf(db.writer());
  state.deferred++;
}

interface Tail {
  /** Deferred writes committed (and tails assumed), counted; `added` counts those the rollups hold. */
  deferred: number;
  added: number;
  timer: ReturnType<typeof setTimeout> | null;
  onError?: (err: unknown) => void;
}

/** How long a deferred write's listens wait for their rollups, at most, unless a statistic asks first. */
const DEFER_MS = 1000;
const tails = new WeakMap<Database, Tail>();

function tailOf(writer: Database): Tail {
  let state = tails.get(writer);
  if (!state) {
    state = { deferred: 0, added: 0, timer: null };
    tails.set(writer, state);
  }
  return state;
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
      // One user's rows are rebuilt from all of that user's listens: the others' tail goes in first.
      if (options.userId !== undefined) await addTail(db);
      for (const table of ROLLUP_TABLES)
        await db.run(
          `DELETE FROM ${table} WHERE $user_id::INTEGER IS NULL OR user_id = $user_id::INTEGER`,
          user,
        );
      for (const statement of REBUILD) await db.run(statement, user);
      await db.run(REBUILD_SESSION_PIECES, user);
      await exec(db, INSERT_SESSIONS_OF_PIECES, GAP_BINDS);
      await exec(db, 'DELETE FROM rollup_session_pieces');
      // Rebuilt from every listen: there is no tail left.
      if (options.userId === undefined)
        await db.run('UPDATE rollup_state SET applied_through = (SELECT coalesce(max(id), 0) FROM listens)');
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
  await settleRollups(db);
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
