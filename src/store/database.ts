import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue, type DuckDBVector } from '@duckdb/node-api';
import { AppError } from '../domain/errors.js';
import { connections } from './connection.js';
import { recomputeCredits } from './migrations/003-recompute-credits.js';
import { createRollups } from './migrations/005-rollups.js';
import { mayHaveTail } from './rollups.js';

/** A list bound to one placeholder (`= ANY($ids)`); made by `idList` in store/rows.ts. */
export interface SqlList {
  readonly __sqlList: true;
}
/** A value bound to a placeholder. No DuckDB type crosses the store's edge. */
export type SqlValue = string | number | bigint | boolean | null | SqlList;
/** Values for `?` (by position) or `$name` (by name) placeholders. */
export type SqlParams = readonly SqlValue[] | Readonly<Record<string, SqlValue>>;

/** How `columns` returns a column: numbers in typed arrays (for kernels and bulk maths), text as strings. */
export type ColumnType = 'int32' | 'int64' | 'float32' | 'float64' | 'text';
type ColumnArray<T extends ColumnType> = T extends 'int32'
  ? Int32Array
  : T extends 'int64'
    ? BigInt64Array
    : T extends 'float32'
      ? Float32Array
      : T extends 'float64'
        ? Float64Array
        : string[];
export type ColumnSpec = Readonly<Record<string, ColumnType>>;
export interface ColumnsResult<S extends ColumnSpec> {
  readonly rowCount: number;
  readonly columns: { readonly [K in keyof S]: ColumnArray<S[K]> };
}

/** How a transaction ended, told to `afterTransaction` callbacks. */
export type TransactionOutcome = 'committed' | 'rolled back';

export interface TurnOptions {
  /** The turn writes nothing a `beside` work writes: it need not wait for one to end. */
  alongside?: boolean;
}

/** The only module that imports DuckDB. Everything else receives a `Database`. */
export interface Database {
  readonly path: string;
  /** Runs statements; use `?` or `$name` placeholders for values. */
  run(sql: string, params?: SqlParams): Promise<void>;
  /** Rows as plain JS objects (BIGINT → bigint, TIMESTAMP → Date); check them with store/rows.ts. */
  all<T = Record<string, unknown>>(sql: string, params?: SqlParams): Promise<T[]>;
  /**
   * Whole columns of a query, read chunk by chunk into typed arrays: `spec` names every column the
   * query returns (by name) and the array it goes into. A NULL in a number column is an error naming
   * the column; cast or COALESCE it in the query. For the recommender's interactions and bulk maths.
   */
  columns<S extends ColumnSpec>(sql: string, spec: S, params?: SqlParams): Promise<ColumnsResult<S>>;
  /** Runs `work` inside one transaction; rolls back when it throws. */
  transaction<T>(work: () => Promise<T>): Promise<T>;
  /**
   * Runs `work` inside one transaction and always rolls it back: its result (or its error, after the
   * rollback) comes back and none of its writes stay (a dry run). Transactions inside join it. Refused
   * inside another transaction: DuckDB has no savepoints, so only the outer one could be undone.
   */
  preview<T>(work: () => Promise<T>): Promise<T>;
  /**
   * Calls `then` once the outermost transaction of this turn has ended, with how it ended (at once,
   * as committed, when no transaction is open): what a nested writer learnt (cached ids, staging
   * tables) becomes true only when the work it joined commits, and is forgotten when a preview or
   * a failure rolls it back.
   */
  afterTransaction(then: (outcome: TransactionOutcome) => void): void;
  /**
   * Runs `work` with the write connection to itself: statements, appenders and temp tables of other
   * callers wait until it is done. `run`, `all` and `transaction` take this turn on their own; use it
   * directly when several steps must not interleave with anyone else's (a writer's staging tables).
   */
  exclusive<T>(work: () => Promise<T>, options?: TurnOptions): Promise<T>;
  /**
   * Runs `work` on a second write connection (`side`, a Database of its own on the same file) once
   * the turns queued before it are done, without holding the write connection: turns queued after it
   * that say `alongside` go on meanwhile, every other turn waits until `work` is done. DuckDB lets
   * two connections write at once as long as they change different rows, so `work` and the turns
   * alongside it must write different tables (the deferred rollups beside live submissions). One side
   * at a time; on a reader it is refused.
   */
  beside<T>(work: (side: Database) => Promise<T>): Promise<T>;
  /** Whether the caller runs inside a turn of its own on this write connection (work queued now would wait for it). */
  inTurn(): boolean;
  /**
   * Connections for reads that must not wait for (or see into) a write in progress: the server's
   * queries. They see committed data only; several queries run side by side, each on the least busy
   * connection. Its `exclusive` (and `transaction`) keep the steps of `work` on one connection, for
   * a sequence that relies on a connection's state (a SET, a temp macro).
   */
  reader(): Database;
  /** The write connection this database belongs to: itself, or for a reader the writer it reads beside. */
  writer(): Database;
  /**
   * A number that changes whenever anything may have been written: it counts the turns taken on the
   * write connection (every write takes one), so an unchanged number means unchanged data within
   * this process — which holds the file's only write lock. The reader answers the writer's number.
   */
  changes(): number;
  close(): void;
}

/** Parameters as DuckDB takes them: SqlList values are DuckDB list values already (see rows.ts). */
function bound(params: SqlParams | undefined): DuckDBValue[] | Record<string, DuckDBValue> | undefined {
  return params as DuckDBValue[] | Record<string, DuckDBValue> | undefined;
}

async function readColumns<S extends ColumnSpec>(
  connection: DuckDBConnection,
  sql: string,
  spec: S,
  params: SqlParams | undefined,
): Promise<ColumnsResult<S>> {
  const result = await connection.stream(sql, bound(params));
  const names = result.columnNames();
  const wanted = Object.keys(spec);
  const missing = wanted.filter((name) => !names.includes(name));
  if (missing.length > 0 || names.length !== wanted.length)
    throw new Error(`columns: the query returns ${names.join(', ')} but the spec names ${wanted.join(', ')}`);
  const types = names.map((name) => spec[name]!);
  const sinks = types.map((type) => growable(type));
  let rowCount = 0;
  for (
    let chunk = await result.fetchChunk();
    chunk && chunk.rowCount > 0;
    chunk = await result.fetchChunk()
  ) {
    const n = chunk.rowCount;
    for (let c = 0; c < names.length; c++) sinks[c]!.append(chunk.getColumnVector(c), n, names[c]!);
    rowCount += n;
  }
  const columns: Record<string, unknown> = {};
  names.forEach((name, c) => (columns[name] = sinks[c]!.done(rowCount)));
  return { rowCount, columns: columns as ColumnsResult<S>['columns'] };
}

interface ColumnSink {
  append(vector: DuckDBVector, n: number, name: string): void;
  done(rowCount: number): unknown;
}

function growable(type: ColumnType): ColumnSink {
  if (type === 'text') {
    const out: string[] = [];
    return {
      append(vector, n, name) {
        for (let i = 0; i < n; i++) {
          const v = vector.getItem(i);
          if (v === null) throw new Error(`columns: ${name} is NULL in row ${out.length + 1}`);
          if (typeof v !== 'string')
            throw new Error(
              `columns: ${name} is not a text column (row ${out.length + 1}); cast it to VARCHAR`,
            );
          out.push(v);
        }
      },
      done: () => out,
    };
  }
  const make = (size: number) =>
    type === 'int32'
      ? new Int32Array(size)
      : type === 'int64'
        ? new BigInt64Array(size)
        : type === 'float32'
          ? new Float32Array(size)
          : new Float64Array(size);
  let array = make(2048);
  let length = 0;
  return {
    append(vector, n, name) {
      if (length + n > array.length) {
        const bigger = make(Math.max(array.length * 2, length + n));
        bigger.set(array as never);
        array = bigger;
      }
      for (let i = 0; i < n; i++) {
        const v = vector.getItem(i);
        if (v === null) throw new Error(`columns: ${name} is NULL in row ${length + i + 1}`);
        if (typeof v !== 'number' && typeof v !== 'bigint')
          throw new Error(`columns: ${name} is not a number column (row ${length + i + 1})`);
        if (array instanceof BigInt64Array) array[length + i] = BigInt(v);
        else array[length + i] = Number(v);
      }
      length += n;
    },
    done: (rowCount) => array.slice(0, rowCount),
  };
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
  // A process killed after a live submission and before its rollups leaves listens above the mark.
  mayHaveTail(db);
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
  /**
   * Set when the turn is over. A callback scheduled inside a turn (a timer, a promise settled later)
   * still sees that turn in its async context; an ended turn is not the caller's own, so it queues.
   */
  ended: boolean;
  /** Told how the outermost transaction of this turn ended. */
  after: ((outcome: TransactionOutcome) => void)[];
}

function settle(turn: Turn, outcome: TransactionOutcome): void {
  const callbacks = turn.after.splice(0);
  for (const then of callbacks) then(outcome);
}

/**
 * One write connection shared by every caller in the process (the server's submitter, import jobs,
 * admin requests). DuckDB runs one statement at a time per connection and a transaction belongs to
 * the connection, so callers take turns: a turn is tracked with AsyncLocalStorage, which lets code
 * inside a turn (nested transactions, helpers) use the connection without queueing behind itself.
 */
function wrap(
  path: string,
  instance: DuckDBInstance,
  connection: DuckDBConnection,
  main?: Database,
): Database {
  const turns = new AsyncLocalStorage<Turn>();
  let queue: Promise<unknown> = Promise.resolve();
  let readerDb: Database | null = null;
  let turnsTaken = 0;
  /** The side connection's Database (see `beside`), opened on first need. */
  let sideDb: Promise<Database> | null = null;
  let sideOpen: Database | null = null;
  let sideConnection: DuckDBConnection | null = null;
  /** Whether a `beside` work is running now. */
  let sideBusy = false;
  /** The end of the last `beside` work queued: turns not alongside it wait for it. */
  let sideDone: Promise<unknown> = Promise.resolve();
  /** Set by close: work queued later (a deferred timer's) is refused instead of touching a closed file. */
  let closed = false;

  function exclusive<T>(work: () => Promise<T>, options?: TurnOptions): Promise<T> {
    const own = turns.getStore();
    if (own && !own.ended) return work();
    if (closed) return Promise.reject(new Error(`the database ${path} is closed`));
    const turn: Turn = { inTransaction: false, ended: false, after: [] };
    // The side work queued before this turn, if any: a turn waits only for what was queued before it.
    const side = sideDone;
    const result = queue.then(async () => {
      if (!options?.alongside) await side;
      return turns.run(turn, async () => {
        try {
          return await work();
        } finally {
          turn.ended = true;
          turnsTaken++;
        }
      });
    });
    queue = result.catch(() => undefined);
    return result;
  }

  function beside<T>(work: (side: Database) => Promise<T>): Promise<T> {
    if (main) return Promise.reject(new Error('beside runs from the write connection, not from its side'));
    if (closed) return Promise.reject(new Error(`the database ${path} is closed`));
    const previous = sideDone;
    // Starts once every turn queued before it is done (and the side before it); holds no turn itself.
    const start = queue.then(() => previous);
    const result = start.then(async () => {
      sideDb ??= instance.connect().then(async (c) => {
        await c.run("SET TimeZone = 'UTC'");
        sideConnection = c;
        sideOpen = wrap(path, instance, c, db);
        return sideOpen;
      });
      const side = await sideDb;
      sideBusy = true;
      try {
        return await work(side);
      } finally {
        sideBusy = false;
      }
    });
    queue = start.catch(() => undefined);
    sideDone = result.catch(() => undefined);
    return result;
  }

  /** BEGIN, work, then COMMIT (`keep`) or ROLLBACK; a failure of work always rolls back. */
  async function inTransaction<T>(turn: Turn, work: () => Promise<T>, keep: boolean): Promise<T> {
    await connection.run('BEGIN TRANSACTION');
    turn.inTransaction = true;
    let result: T;
    try {
      result = await work();
    } catch (err) {
      // Work's error is the one worth reporting; a failed rollback leaves nothing committed either.
      await connection.run('ROLLBACK').catch(() => undefined);
      turn.inTransaction = false;
      settle(turn, 'rolled back');
      throw err;
    }
    try {
      await connection.run(keep ? 'COMMIT' : 'ROLLBACK');
    } catch (err) {
      await connection.run('ROLLBACK').catch(() => undefined);
      turn.inTransaction = false;
      settle(turn, 'rolled back');
      throw err;
    }
    turn.inTransaction = false;
    settle(turn, keep ? 'committed' : 'rolled back');
    return result;
  }

  const db: Database = {
    path,
    run(sql, params) {
      return exclusive(async () => {
        await connection.run(sql, bound(params));
      });
    },
    all<T>(sql: string, params?: SqlParams) {
      return exclusive(async () => {
        const reader = await connection.runAndReadAll(sql, bound(params));
        return reader.getRowObjectsJS() as T[];
      });
    },
    columns(sql, spec, params) {
      return exclusive(() => readColumns(connection, sql, spec, params));
    },
    transaction<T>(work: () => Promise<T>): Promise<T> {
      return exclusive(async () => {
        const turn = turns.getStore()!;
        // Nested calls join the outer transaction: DuckDB has no savepoints.
        if (turn.inTransaction) return work();
        return inTransaction(turn, work, true);
      });
    },
    preview<T>(work: () => Promise<T>): Promise<T> {
      return exclusive(async () => {
        const turn = turns.getStore()!;
        if (turn.inTransaction)
          throw new Error(
            'preview cannot run inside a transaction: DuckDB has no savepoints to undo it alone',
          );
        return inTransaction(turn, work, false);
      });
    },
    afterTransaction(then) {
      const turn = turns.getStore();
      if (turn?.inTransaction && !turn.ended) turn.after.push(then);
      else then('committed');
    },
    exclusive,
    beside,
    inTurn() {
      const own = turns.getStore();
      return own !== undefined && !own.ended;
    },
    reader() {
      if (main) return main.reader();
      readerDb ??= wrapReader(path, instance, () => turnsTaken, db);
      return readerDb;
    },
    writer: () => main ?? db,
    changes: () => (main ? main.changes() : turnsTaken),
    close() {
      closed = true;
      if (main) {
        connection.closeSync();
        return;
      }
      readerDb?.close();
      // A side still at work is interrupted (its transaction rolls back; what it was adding stays
      // the tail, which the next opening adds): a statement left running would keep the process alive.
      // (Closing a connection with a statement in flight would leave the process waiting forever.)
      if (sideBusy) sideConnection?.interrupt();
      else sideOpen?.close();
      connection.closeSync();
      instance.closeSync();
    },
  };
  connections.set(db, () => connection);
  return db;
}

/**
 * Connections the reader keeps: a dashboard page asks several statistics at once, and one DuckDB
 * connection answers one query at a time. Each query takes the least busy connection (opened on
 * first need); DuckDB runs them side by side over the same committed data.
 */
const READER_CONNECTIONS = 4;

interface PooledConnection {
  connection: Promise<DuckDBConnection>;
  live: DuckDBConnection | null;
  /** Queries and sequences running or waiting on it. */
  busy: number;
  /** The end of the last one queued: they take the connection in turns. */
  tail: Promise<unknown>;
}

function wrapReader(
  path: string,
  instance: DuckDBInstance,
  changes: () => number,
  writer: Database,
): Database {
  const pool: PooledConnection[] = [];
  /** The connection a caller's `exclusive` pinned: its steps (a SET, a temp macro) stay together. */
  const pinned = new AsyncLocalStorage<PooledConnection>();

  function open(): PooledConnection {
    const entry: PooledConnection = {
      connection: Promise.resolve(null as never),
      live: null,
      busy: 0,
      tail: Promise.resolve(),
    };
    entry.connection = instance.connect().then(async (c) => {
      await c.run("SET TimeZone = 'UTC'");
      entry.live = c;
      return c;
    });
    pool.push(entry);
    return entry;
  }

  function pick(): PooledConnection {
    const idle = pool.find((c) => c.busy === 0);
    if (idle) return idle;
    if (pool.length < READER_CONNECTIONS) return open();
    return pool.reduce((a, b) => (b.busy < a.busy ? b : a));
  }

  /** Runs `work` when `entry` is free, holding it until `work` ends. */
  function turn<T>(entry: PooledConnection, work: () => Promise<T>): Promise<T> {
    entry.busy++;
    const result = entry.tail.then(work).finally(() => entry.busy--);
    entry.tail = result.catch(() => undefined);
    return result;
  }

  /** One query: on the pinned connection inside `exclusive`, else on the least busy one in turn. */
  function using<T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    const own = pinned.getStore();
    if (own) return own.connection.then(work);
    const entry = pick();
    return turn(entry, async () => work(await entry.connection));
  }

  const db: Database = {
    path,
    async run(sql, params) {
      await using((c) => c.run(sql, bound(params)));
    },
    all<T>(sql: string, params?: SqlParams) {
      return using(async (c) => (await c.runAndReadAll(sql, bound(params))).getRowObjectsJS() as T[]);
    },
    columns(sql, spec, params) {
      return using((c) => readColumns(c, sql, spec, params));
    },
    // Reads see committed data only; a "transaction" here is a sequence on one connection.
    transaction: (work) => db.exclusive(work),
    // A preview is of writes, and writes go through the write connection.
    preview: () => Promise.reject(new Error('preview runs on the write connection, not the reader')),
    afterTransaction: (then) => then('committed'),
    exclusive<T>(work: () => Promise<T>): Promise<T> {
      if (pinned.getStore()) return work();
      const entry = pick();
      return turn(entry, () => pinned.run(entry, work));
    },
    beside: () => Promise.reject(new Error('beside runs on the write connection, not the reader')),
    inTurn: () => false,
    reader: () => db,
    writer: () => writer,
    changes,
    close() {
      for (const entry of pool) entry.live?.closeSync();
    },
  };
  connections.set(db, () => {
    const entry = pinned.getStore() ?? pool[0];
    if (!entry?.live) throw new Error('the reader connection is opened by its first query');
    return entry.live;
  });
  return db;
}

/**
 * Migrations written in code, for changes SQL alone cannot make (recomputing with the domain's
 * rules). They run in version order with the .sql files.
 */
const CODE_MIGRATIONS: ReadonlyArray<{ version: number; name: string; up: (db: Database) => Promise<void> }> =
  [
    { version: 3, name: '003-recompute-credits.ts', up: recomputeCredits },
    { version: 5, name: '005-rollups.ts', up: createRollups },
  ];

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
