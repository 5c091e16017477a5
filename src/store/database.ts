import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { AppError } from '../domain/errors.js';
import { recomputeCredits } from './migrations/003-recompute-credits.js';

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
  /**
   * Runs `work` inside one transaction and always rolls it back: its result (or its error, after the
   * rollback) comes back and none of its writes stay (a dry run). Transactions inside join it. Refused
   * inside another transaction: DuckDB has no savepoints, so only the outer one could be undone.
   */
  preview<T>(work: () => Promise<T>): Promise<T>;
  /**
   * Runs `work` with the write connection to itself: statements, appenders and temp tables of other
   * callers wait until it is done. `run`, `all` and `transaction` take this turn on their own; use it
   * directly when several steps must not interleave with anyone else's (a writer's staging tables).
   */
  exclusive<T>(work: () => Promise<T>): Promise<T>;
  /**
   * A second connection for reads that must not wait for (or see into) a write in progress: the
   * server's queries. It sees committed data only; its `transaction` and `exclusive` just run `work`.
   */
  reader(): Database;
  close(): void;
}

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

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

interface Turn {
  inTransaction: boolean;
}

/**
 * One write connection shared by every caller in the process (the server's submitter, import jobs,
 * admin requests). DuckDB runs one statement at a time per connection and a transaction belongs to
 * the connection, so callers take turns: a turn is tracked with AsyncLocalStorage, which lets code
 * inside a turn (nested transactions, helpers) use the connection without queueing behind itself.
 */
function wrap(path: string, instance: DuckDBInstance, connection: DuckDBConnection): Database {
  const turns = new AsyncLocalStorage<Turn>();
  let queue: Promise<unknown> = Promise.resolve();
  let readerDb: Database | null = null;

  function exclusive<T>(work: () => Promise<T>): Promise<T> {
    if (turns.getStore()) return work();
    const result = queue.then(() => turns.run({ inTransaction: false }, work));
    queue = result.catch(() => undefined);
    return result;
  }

  const db: Database = {
    path,
    connection,
    run(sql, params) {
      return exclusive(async () => {
        await connection.run(sql, params);
      });
    },
    all<T>(sql: string, params?: DuckDBValue[] | Record<string, DuckDBValue>) {
      return exclusive(async () => {
        const reader = await connection.runAndReadAll(sql, params);
        return reader.getRowObjectsJS() as T[];
      });
    },
    transaction<T>(work: () => Promise<T>): Promise<T> {
      return exclusive(async () => {
        const turn = turns.getStore()!;
        // Nested calls join the outer transaction: DuckDB has no savepoints.
        if (turn.inTransaction) return work();
        await connection.run('BEGIN TRANSACTION');
        turn.inTransaction = true;
        try {
          const result = await work();
          await connection.run('COMMIT');
          return result;
        } catch (err) {
          await connection.run('ROLLBACK').catch(() => undefined);
          throw err;
        } finally {
          turn.inTransaction = false;
        }
      });
    },
    preview<T>(work: () => Promise<T>): Promise<T> {
      return exclusive(async () => {
        const turn = turns.getStore()!;
        if (turn.inTransaction)
          throw new Error(
            'preview cannot run inside a transaction: DuckDB has no savepoints to undo it alone',
          );
        await connection.run('BEGIN TRANSACTION');
        turn.inTransaction = true;
        let result: T;
        try {
          result = await work();
        } catch (err) {
          // Work's error is the one worth reporting; a failed rollback leaves nothing committed either.
          await connection.run('ROLLBACK').catch(() => undefined);
          throw err;
        } finally {
          turn.inTransaction = false;
        }
        await connection.run('ROLLBACK');
        return result;
      });
    },
    exclusive,
    reader() {
      readerDb ??= wrapReader(path, instance);
      return readerDb;
    },
    close() {
      readerDb?.close();
      connection.closeSync();
      instance.closeSync();
    },
  };
  return db;
}

function wrapReader(path: string, instance: DuckDBInstance): Database {
  let opened: Promise<DuckDBConnection> | null = null;
  let live: DuckDBConnection | null = null;
  const connect = () =>
    (opened ??= instance.connect().then(async (c) => {
      await c.run("SET TimeZone = 'UTC'");
      live = c;
      return c;
    }));
  const db: Database = {
    path,
    get connection(): DuckDBConnection {
      if (!live) throw new Error('the reader connection is opened by its first query');
      return live;
    },
    async run(sql, params) {
      await (await connect()).run(sql, params);
    },
    async all<T>(sql: string, params?: DuckDBValue[] | Record<string, DuckDBValue>) {
      const reader = await (await connect()).runAndReadAll(sql, params);
      return reader.getRowObjectsJS() as T[];
    },
    transaction: (work) => work(),
    // A preview is of writes, and writes go through the write connection.
    preview: () => Promise.reject(new Error('preview runs on the write connection, not the reader')),
    exclusive: (work) => work(),
    reader: () => db,
    close() {
      live?.closeSync();
    },
  };
  return db;
}

/**
 * Migrations written in code, for changes SQL alone cannot make (recomputing with the domain's
 * rules). They run in version order with the .sql files.
 */
const CODE_MIGRATIONS: ReadonlyArray<{ version: number; name: string; up: (db: Database) => Promise<void> }> =
  [{ version: 3, name: '003-recompute-credits.ts', up: recomputeCredits }];

/** Applies src/store/migrations/NNN_name.sql files and CODE_MIGRATIONS in order, each in its own transaction. */
async function migrate(db: Database): Promise<void> {
  await db.run(
    `CREATE TABLE IF NOT EXISTS schema_migrations (
       version INTEGER PRIMARY KEY, name VARCHAR NOT NULL,
       applied_at TIMESTAMP NOT NULL DEFAULT current_localtimestamp())`,
  );
  const applied = new Set(
    (await db.all<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => r.version),
  );
  const fromFiles = readdirSync(MIGRATIONS_DIR)
    .filter((f) => /^\d{3}_.+\.sql$/.test(f))
    .map((file) => ({
      version: Number(file.slice(0, 3)),
      name: file,
      up: (d: Database) => d.run(readFileSync(join(MIGRATIONS_DIR, file), 'utf8')),
    }));
  const migrations = [...fromFiles, ...CODE_MIGRATIONS].sort((a, b) => a.version - b.version);
  for (const migration of migrations) {
    if (applied.has(migration.version)) continue;
    await db.transaction(async () => {
      await migration.up(db);
      await db.run('INSERT INTO schema_migrations (version, name) VALUES (?, ?)', [
        migration.version,
        migration.name,
      ]);
    });
  }
}
