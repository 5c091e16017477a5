import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { AppError, exitCodeFor, isAppError } from '../domain/errors.js';
import { loadConfig, resolveConfig, type ConfigFlags, type LoadedConfig } from '../config/index.js';
import { findLocalServer } from '../server/local-credential.js';
import { MAX_LIMIT } from '../stats/index.js';
import { openStore, type Store } from '../store/index.js';
import { ServerClient } from './server-client.js';

/** Options every store-touching command accepts. */
export interface DbOptions {
  db?: string;
  /** A listenhouse.toml or .json (default: $LISTENHOUSE_CONFIG, else ./listenhouse.toml when there). */
  config?: string;
}

export function addDbOption(command: Command): Command {
  return command
    .option('--db <path>', 'database file (default: $LISTENHOUSE_DB or ./data/listenhouse.duckdb)')
    .option(
      '--config <path>',
      'settings file (default: $LISTENHOUSE_CONFIG, else ./listenhouse.toml if present)',
    );
}

let loaded: { key: string; value: LoadedConfig } | null = null;

/**
 * The command's configuration, loaded once: defaults < the settings file < LISTENHOUSE_* < the
 * command's flags (`flags` names config keys: `{ 'store.db': options.db }`).
 */
export function commandConfig(options: DbOptions, flags: ConfigFlags = {}): LoadedConfig {
  const all: ConfigFlags = { ...(options.db !== undefined ? { 'store.db': options.db } : {}), ...flags };
  const key = JSON.stringify([options.config ?? null, all]);
  if (loaded?.key !== key) {
    loaded = { key, value: loadConfig({ ...(options.config ? { file: options.config } : {}), flags: all }) };
  }
  return loaded.value;
}

/** The database file a command uses (config store.db: --db, LISTENHOUSE_DB, the settings file, the default). */
export function databasePath(options: DbOptions): string {
  return commandConfig(options).config.store.db;
}

/** How a command opens the store: `create` for the commands that write (import, simulate, users add, serve, start). */
export interface OpenCommandOptions extends DbOptions {
  memoryLimit?: string;
  /** Create the database file when it does not exist (never a missing folder, unless it is the default one). */
  create?: boolean;
}

/** Whether the database the options name exists (`:memory:` always does). */
export function databaseExists(options: DbOptions): boolean {
  const path = databasePath(options);
  return path === ':memory:' || existsSync(path);
}

/**
 * The database path for a command, checked so that a mistyped `--db` never quietly makes a new, empty
 * database: reading commands refuse a missing file, writing ones create the file but not a missing
 * folder — except the default ./data, which `npm start` on a fresh clone has to create.
 */
export function locateDatabase(options: DbOptions & { create?: boolean }): string {
  const { config, sources } = commandConfig(options);
  const path = config.store.db;
  if (path === ':memory:' || existsSync(path)) return path;
  const source = sources['store.db'];
  const given =
    source.from === 'flag'
      ? ' (given with --db)'
      : source.from === 'env'
        ? ` (from ${source.variable})`
        : source.from === 'file'
          ? ` (from ${source.path})`
          : ' (the default)';
  const isDefault = source.from === 'default';
  const defaultPath = resolveConfig({}).config.store.db;
  if (!options.create) {
    throw new AppError(
      'NOT_FOUND',
      `No database at ${path}${given}. ` +
        (isDefault
          ? 'Nothing has been imported here yet: `listenhouse import FILE` or `npm start` creates it.'
          : `Check the path: without --db or LISTENHOUSE_DB the database is ${defaultPath}; ` +
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

/** Opens the store as locateDatabase allows; a configured memory limit wins over the command's own. */
export function openCommandStore(options: OpenCommandOptions): Promise<Store> {
  // DuckDB would otherwise take up to 80% of RAM for its cache. Imports stream batch by batch and
  // ask for less (keeping a 10M-listen import under 1 GB); queries over whole histories get more.
  const { config, sources } = commandConfig(options);
  const configured = sources['store.duckdbMemory'].from !== 'default';
  return openStore(locateDatabase(options), {
    memoryLimit: configured ? config.store.duckdbMemory : (options.memoryLimit ?? config.store.duckdbMemory),
    ...(config.store.threads !== undefined ? { threads: config.store.threads } : {}),
  });
}

/** Opens the store for one command and always closes it. */
export async function withStore<T>(
  options: OpenCommandOptions,
  work: (store: Store) => Promise<T>,
): Promise<T> {
  const store = await openCommandStore(options);
  try {
    return await work(store);
  } finally {
    store.close();
  }
}

/**
 * Like withStore, but when a running `listenhouse serve` holds the database, `remote` does the
 * work through that server's REST API instead (imports and admin commands keep working while a
 * server runs). Any other lock holder is reported as withStore reports it.
 */
export async function withStoreOrServer<T>(
  options: OpenCommandOptions,
  local: (store: Store) => Promise<T>,
  remote: (client: ServerClient) => Promise<T>,
): Promise<T> {
  try {
    return await withStore(options, local);
  } catch (err) {
    // Opening first means a stale server file (a killed server) never gets in the way.
    if (!isAppError(err) || err.code !== 'DATABASE_LOCKED') throw err;
    const server = findLocalServer(resolve(databasePath(options)));
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
  if (!isAppError(err) && loaded?.value.config.log.debug) console.error(err);
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
