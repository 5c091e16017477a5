/**
 * Snapshots of the database file for backups (jobs/backups.ts names, rotates and compresses them).
 * A snapshot is taken on the write connection's own turn: a CHECKPOINT writes everything committed
 * into the file, and the file is copied before anyone else may write, so the copy is one consistent
 * state even while submissions arrive (they wait for the copy, as they wait for any write).
 *
 * The copy is made by a child process: DuckDB's lock on the file is a POSIX record lock, which the
 * holding process loses when it closes *any* descriptor of that file — a copy made in this process
 * would quietly let a second process open the database.
 */
const run = promisify(execFile);
const COPY = 'require("node:fs").copyFileSync(process.argv[1], process.argv[2])';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { AppError } from '../domain/errors.js';
import type { Database } from './database.js';
import { num } from './rows.js';

/** Copies the database, as committed now, to `target` (a new file). */
export async function snapshotDatabase(db: Database, target: string): Promise<void> {
  if (db.path === ':memory:')
    throw new AppError('INVALID_INPUT', 'An in-memory database has no file to back up: give --db a file.');
  await db.exclusive(async () => {
    await db.run('CHECKPOINT');
    await run(process.execPath, ['-e', COPY, db.path, target]);
  });
}

/** What a backup file holds, read by attaching it read-only: it opens and its tables count. */
export interface SnapshotCounts {
  listens: number;
  users: number;
  artists: number;
  recordings: number;
  tables: number;
}

export async function verifySnapshot(db: Database, path: string): Promise<SnapshotCounts> {
  return db.exclusive(async () => {
    const alias = `backup_check_${Date.now()}`;
    try {
      await db.run(`ATTACH '${path.replaceAll("'", "''")}' AS ${alias} (READ_ONLY)`);
    } catch (err) {
      throw new AppError(
        'INTERNAL',
        `The backup ${path} does not open as a DuckDB database: ${(err as Error).message}`,
        {
          cause: err,
        },
      );
    }
    try {
      const [row] = await db.all(
        `SELECT (SELECT count(*) FROM ${alias}.listens) AS listens, (SELECT count(*) FROM ${alias}.users) AS users,
           (SELECT count(*) FROM ${alias}.artists) AS artists, (SELECT count(*) FROM ${alias}.recordings) AS recordings,
           (SELECT count(*) FROM duckdb_tables() WHERE database_name = '${alias}') AS tables`,
      );
      return {
        listens: num(row?.listens, 'listens'),
        users: num(row?.users, 'users'),
        artists: num(row?.artists, 'artists'),
        recordings: num(row?.recordings, 'recordings'),
        tables: num(row?.tables, 'tables'),
      };
    } finally {
      await db.run(`DETACH ${alias}`);
    }
  });
}
