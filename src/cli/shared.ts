import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { AppError, exitCodeFor, isAppError } from '../domain/errors.js';
import { findLocalServer } from '../server/local-credential.js';
import { MAX_LIMIT } from '../stats/index.js';
import { DEFAULT_DB_PATH, openDatabase, resolveDbPath, type Database } from '../store/database.js';
import { ServerClient } from './server-client.js';

/** Options every store-touching command accepts. */
export interface DbOptions {
  db?: string;
}

export function addDbOption(command: Command): Command {
  return command.option(
    '--db <path>',
    'database file (default: $LISTENHOUSE_DB or ./data/listenhouse.duckdb)',
  );
}

/** How a command opens the store: `create` for the commands that write (import, simulate, users add, serve, start). */
export interface OpenCommandOptions extends DbOptions {
  memoryLimit?: string;
  /** Create the database file when it does not exist (never a missing folder, unless it is the default one). */
  create?: boolean;
}

/** Whether the database the options name exists (`:memory:` always does). */
export function databaseExists(options: DbOptions): boolean {
  const path = resolveDbPath(options.db);
  return path === ':memory:' || existsSync(path);
}

/**
 * The database path for a command, checked so that a mistyped `--db` never quietly makes a new, empty
 * database: reading commands refuse a missing file, writing ones create the file but not a missing
 * folder — except the default ./data, which `npm start` on a fresh clone has to create.
 */
export function locateDatabase(options: DbOptions & { create?: boolean }): string {
  const path = resolveDbPath(options.db);
  if (path === ':memory:' || existsSync(path)) return path;
  const given =
    options.db !== undefined
      ? ' (given with --db)'
      : process.env.LISTENHOUSE_DB !== undefined
        ? ' (from LISTENHOUSE_DB)'
        : ' (the default)';
  const isDefault = given === ' (the default)';
  if (!options.create) {
    throw new AppError(
      'NOT_FOUND',
      `No database at ${path}${given}. ` +
        (isDefault
          ? 'Nothing has been imported here yet: `listenhouse import FILE` or `npm start` creates it.'
          : `Check the path: without --db or LISTENHOUSE_DB the database is ${DEFAULT_DB_PATH}; ` +
            '`listenhouse import FILE` or `listenhouse start` creates a new one.'),
    );
  }
  const folder = dirname(resolve(path));
  if (!isDefault && !existsSync(folder)) {
    throw new AppError(
      'NOT_FOUND',
      `The folder ${folder} for the database ${path}${given} does not exist. ` +
        `Check the path, or create the folder first (mkdir -p ${folder}) and run the command again.`,
    );
  }
  return path;
}

/** Opens the store as locateDatabase allows; DuckDB's memory limit from the environment wins. */
export function openCommandDatabase(options: OpenCommandOptions): Promise<Database> {
  // DuckDB would otherwise take up to 80% of RAM for its cache. Imports stream batch by batch and
  // ask for less (keeping a 10M-listen import under 1 GB); queries over whole histories get more.
  return openDatabase(locateDatabase(options), {
    memoryLimit: process.env.LISTENHOUSE_DUCKDB_MEMORY ?? options.memoryLimit ?? '1GB',
  });
}

/** Opens the store for one command and always closes it. */
export async function withDatabase<T>(
  options: OpenCommandOptions,
  work: (db: Database) => Promise<T>,
): Promise<T> {
  const db = await openCommandDatabase(options);
  try {
    return await work(db);
  } finally {
    db.close();
  }
}

/**
 * Like withDatabase, but when a running `listenhouse serve` holds the database, `remote` does the
 * work through that server's REST API instead (imports and admin commands keep working while a
 * server runs). Any other lock holder is reported as withDatabase reports it.
 */
export async function withDatabaseOrServer<T>(
  options: OpenCommandOptions,
  local: (db: Database) => Promise<T>,
  remote: (client: ServerClient) => Promise<T>,
): Promise<T> {
  try {
    return await withDatabase(options, local);
  } catch (err) {
    // Opening first means a stale server file (a killed server) never gets in the way.
    if (!isAppError(err) || err.code !== 'DATABASE_LOCKED') throw err;
    const server = findLocalServer(resolve(resolveDbPath(options.db)));
    if (!server) throw err;
    return remote(new ServerClient(server));
  }
}

/** `--json` output: exactly one JSON document on stdout. BigInts become numbers, Dates ISO strings. */
export function printJson(value: unknown): void {
  process.stdout.write(
    JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? Number(v) : v), 2) + '\n',
  );
}

/** Prints a failure the way every command does and sets the documented exit code. */
export function reportFailure(err: unknown, json: boolean): void {
  const code = isAppError(err) ? err.code : 'INTERNAL';
  const message = err instanceof Error ? err.message : String(err);
  if (json) printJson({ error: { code, message } });
  else process.stderr.write(`listenhouse: ${message}\n`);
  if (!isAppError(err) && process.env.LISTENHOUSE_DEBUG) console.error(err);
  process.exitCode = exitCodeFor(err);
}

/** Wraps a command action: errors are reported, never thrown at commander. */
export function action<A extends unknown[]>(run: (...args: A) => Promise<void>) {
  return async (...args: A): Promise<void> => {
    const opts = args.find((a) => typeof a === 'object' && a !== null && !Array.isArray(a)) as
      { json?: boolean } | undefined;
    try {
      await run(...args);
    } catch (err) {
      reportFailure(err, Boolean(opts?.json));
    }
  };
}

/** The largest `--limit` any list takes, in the CLI as in the API. */
export const MAX_LIST_LIMIT = MAX_LIMIT;

/** `--limit N` and the like: one message for every command, naming the range it accepts. */
export function wholeNumberIn(
  value: string,
  option: string,
  { min, max, unit = '' }: { min: number; max: number; unit?: string },
): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < min || n > max)
    throw usageError(`${option} takes a whole number${unit} from ${min} to ${max}, not '${value}'.`);
  return n;
}

export function parseLimit(value: string): number {
  return wholeNumberIn(value, '--limit', { min: 1, max: MAX_LIST_LIMIT });
}

export function usageError(message: string): AppError {
  return new AppError('INVALID_INPUT', message);
}

/** The user a single person never has to name. */
export const DEFAULT_USER = 'me';
