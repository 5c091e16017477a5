import type { Command } from 'commander';
import { resolve } from 'node:path';
import { AppError, exitCodeFor, isAppError } from '../domain/errors.js';
import { findLocalServer } from '../server/local-credential.js';
import { openDatabase, resolveDbPath, type Database } from '../store/database.js';
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

/** Opens the store for one command and always closes it. */
export async function withDatabase<T>(
  options: DbOptions & { memoryLimit?: string },
  work: (db: Database) => Promise<T>,
): Promise<T> {
  // DuckDB would otherwise take up to 80% of RAM for its cache. Imports stream batch by batch and
  // ask for less (keeping a 10M-listen import under 1 GB); queries over whole histories get more.
  const db = await openDatabase(resolveDbPath(options.db), {
    memoryLimit: process.env.LISTENHOUSE_DUCKDB_MEMORY ?? options.memoryLimit ?? '1GB',
  });
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
  options: DbOptions & { memoryLimit?: string },
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

export function usageError(message: string): AppError {
  return new AppError('INVALID_INPUT', message);
}

/** The user a single person never has to name. */
export const DEFAULT_USER = 'me';
