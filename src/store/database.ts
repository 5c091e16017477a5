import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { AppError } from '../domain/errors.js';

/** The only module that imports DuckDB. Everything else receives a `Database`. */
export interface Database {
  readonly path: string;
  readonly connection: DuckDBConnection;
  /** Runs statements; use `?` or `$name` placeholders for values. */
  run(sql: string, params?: DuckDBValue[] | Record<string, DuckDBValue>): Promise<void>;
  /** Rows as plain JS objects (BIGINT → bigint, TIMESTAMP → Date). */
  all<T = Record<string, unknown>>(
    sql: string,
    params?: DuckDBValue[] | Record<string, DuckDBValue>,
  ): Promise<T[]>;
  /** Runs `work` inside one transaction; rolls back when it throws. */
  transaction<T>(work: () => Promise<T>): Promise<T>;
  close(): void;
}

export const DEFAULT_DB_PATH = './data/listenhouse.duckdb';

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

export function resolveDbPath(explicit?: string): string {
  return explicit ?? process.env.LISTENHOUSE_DB ?? DEFAULT_DB_PATH;
}

export interface OpenOptions {
  /** DuckDB memory_limit, e.g. '1GB'. Imports keep Node's own memory flat; this bounds DuckDB's. */
  memoryLimit?: string;
  threads?: number;
}

export async function openDatabase(path: string, options: OpenOptions = {}): Promise<Database> {
  const inMemory = path === ':memory:';
  const fullPath = inMemory ? path : resolve(path);
  if (!inMemory) mkdirSync(dirname(fullPath), { recursive: true });
  let instance: DuckDBInstance;
  try {
    const config: Record<string, string> = {};
    if (options.memoryLimit) config.memory_limit = options.memoryLimit;
    if (options.threads) config.threads = String(options.threads);
    instance = await DuckDBInstance.create(fullPath, config);
  } catch (err) {
    throw translateOpenError(err, fullPath);
  }
  const connection = await instance.connect();
  await connection.run("SET TimeZone = 'UTC'");
  // Checkpointing after every 16 MB of WAL (the default) rewrote storage several times per import batch.
  await connection.run("SET checkpoint_threshold = '256MB'");
  // Our inserts say their order (ORDER BY time) where it matters; elsewhere DuckDB may save the memory.
  await connection.run('SET preserve_insertion_order = false');
  const db = wrap(fullPath, instance, connection);
  await migrate(db);
  return db;
}

function translateOpenError(err: unknown, path: string): AppError {
  const message = err instanceof Error ? err.message : String(err);
  if (/lock/i.test(message)) {
    const pid = /PID (\d+)/.exec(message)?.[1];
    return new AppError(
      'DATABASE_LOCKED',
      `The database ${path} is in use by another listenhouse process${pid ? ` (pid ${pid})` : ''}. ` +
        'DuckDB allows one writing process at a time: wait for that command to finish or stop it, ' +
        'or point this command at another file with --db PATH.',
      { cause: err, retriable: true },
    );
  }
  return new AppError('INTERNAL', `Could not open the database ${path}: ${message}`, { cause: err });
}

function wrap(path: string, instance: DuckDBInstance, connection: DuckDBConnection): Database {
  let depth = 0;
  const db: Database = {
    path,
    connection,
    async run(sql, params) {
      await connection.run(sql, params);
    },
    async all<T>(sql: string, params?: DuckDBValue[] | Record<string, DuckDBValue>) {
      const reader = await connection.runAndReadAll(sql, params);
      return reader.getRowObjectsJS() as T[];
    },
    async transaction<T>(work: () => Promise<T>): Promise<T> {
      // Nested calls join the outer transaction: DuckDB has no savepoints.
      if (depth > 0) return work();
      depth++;
      await connection.run('BEGIN TRANSACTION');
      try {
        const result = await work();
        await connection.run('COMMIT');
        return result;
      } catch (err) {
        await connection.run('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        depth--;
      }
    },
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
  return db;
}

/** Applies src/store/migrations/NNN_name.sql files in order, each in its own transaction. */
async function migrate(db: Database): Promise<void> {
  await db.run(
    `CREATE TABLE IF NOT EXISTS schema_migrations (
       version INTEGER PRIMARY KEY, name VARCHAR NOT NULL,
       applied_at TIMESTAMP NOT NULL DEFAULT current_localtimestamp())`,
  );
  const applied = new Set(
    (await db.all<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => r.version),
  );
  const files = readdirSync(MIGRATIONS_DIR)
    .filter((f) => /^\d{3}_.+\.sql$/.test(f))
    .sort();
  for (const file of files) {
    const version = Number(file.slice(0, 3));
    if (applied.has(version)) continue;
    const sql = readFileSync(join(MIGRATIONS_DIR, file), 'utf8');
    await db.transaction(async () => {
      await db.run(sql);
      await db.run('INSERT INTO schema_migrations (version, name) VALUES (?, ?)', [version, file]);
    });
  }
}
