import { connectionOf } from './connection.js';
import type { Database } from './database.js';
import { preparedOn } from './prepared.js';

export type CatalogueTable = 'artists' | 'artist_credits' | 'recordings' | 'releases';

/** Beyond this many keys a cache starts over: the database stays the truth, the cache only saves lookups. */
const MAX_CACHED = 250_000;

const TABLES: readonly CatalogueTable[] = ['artists', 'artist_credits', 'recordings', 'releases'];

/**
 * The ids of keys in every catalogue table at once ($1..$4, one JSON array of keys per table in
 * TABLES' order: one string to bind, however many keys), by table and position in its array (`i`,
 * from 1): the stored id, or a new one from the table's sequence when the key is not stored yet
 * (`created`). CASE evaluates a branch only for the rows that reach it, so sequence values go to new
 * keys only. One statement for the four tables: a batch of new plays names new entries in all four.
 */
const LOOK_UP_SQL = TABLES.map(
  (table, n) => `SELECT ${n} AS t, k.i, c.id IS NULL AS created,
    CASE WHEN c.id IS NULL THEN nextval('${table}_id_seq') ELSE c.id END AS id
  FROM (
    SELECT unnest(keys) AS key, generate_subscripts(keys, 1) AS i
    FROM (SELECT from_json($${n + 1}, '["VARCHAR"]') AS keys)
  ) k LEFT JOIN ${table} c ON c.key = k.key`,
).join('\nUNION ALL\n');

/** How often the catalogue of a write connection was re-keyed or merged; see `catalogueChanged`. */
const generations = new WeakMap<Database, number>();

/**
 * Says that stored catalogue rows changed their key or id (a merge of two artists, a re-keying
 * migration, a quality fix): every `CatalogueIds` of `db` forgets what it cached before its next
 * look-up, so no listen is staged with the id of a row that is gone. Call it with the write Database,
 * in or after the change's transaction (early is harmless: the cache only refills).
 */
export function catalogueChanged(db: Database): void {
  generations.set(db, (generations.get(db) ?? 0) + 1);
}

/**
 * Key → id for the catalogue tables, so a batch of listens is staged with integer ids instead of
 * being joined on text keys in SQL. Ids of new entries come from each table's sequence. Entries
 * learnt inside a transaction become visible to the cache only after it commits (`commit`), so a
 * rolled-back batch leaves no ids behind. One writer per database at a time (DuckDB's file lock
 * gives that across processes; within a process writers take turns on the one write connection).
 */
export class CatalogueIds {
  private readonly cached = new Map<CatalogueTable, Map<string, number>>();
  private readonly pending = new Map<CatalogueTable, Map<string, number>>();
  /** The catalogue generation the cache was filled in. */
  private generation: number;

  constructor(private readonly db: Database) {
    for (const t of TABLES) {
      this.cached.set(t, new Map());
      this.pending.set(t, new Map());
    }
    this.generation = generations.get(db) ?? 0;
  }

  get(table: CatalogueTable, key: string): number | undefined {
    return this.pending.get(table)!.get(key) ?? this.cached.get(table)!.get(key);
  }

  /**
   * Gives every key an id and returns, per table, the keys the database does not have yet, in the
   * order given; their ids are allocated, and their rows are the caller's to insert in the same
   * transaction. Keys this process already knows cost nothing; the others one query per table.
   * Call inside the batch's transaction.
   */
  async resolve(
    keys: Readonly<Record<CatalogueTable, Iterable<string>>>,
  ): Promise<Record<CatalogueTable, string[]>> {
    const created: Record<CatalogueTable, string[]> = {
      artists: [],
      artist_credits: [],
      recordings: [],
      releases: [],
    };
    const now = generations.get(this.db) ?? 0;
    if (now !== this.generation) {
      for (const cache of this.cached.values()) cache.clear();
      this.generation = now;
    }
    const unknown = TABLES.map((table) => {
      const keysOf: string[] = [];
      for (const key of keys[table]) if (this.get(table, key) === undefined) keysOf.push(key);
      return keysOf;
    });
    if (unknown.some((k) => k.length > 0)) await this.lookUp(unknown, created);
    return created;
  }

  /** Looks the unknown keys of every table up in one statement; notes their ids and the new ones. */
  private async lookUp(
    unknown: readonly string[][],
    created: Record<CatalogueTable, string[]>,
  ): Promise<void> {
    const statement = await preparedOn(connectionOf(this.db), LOOK_UP_SQL);
    unknown.forEach((keys, n) => statement.bindVarchar(n + 1, JSON.stringify(keys)));
    // Tables, positions and ids only, read as columns: a batch of new recordings returns thousands of rows.
    const [tables, positions, isNew, ids] = (await statement.runAndReadAll()).getColumnsJS() as [
      number[],
      bigint[],
      boolean[],
      (bigint | number)[],
    ];
    const fresh: { at: number; id: number }[][] = TABLES.map(() => []);
    for (let row = 0; row < positions.length; row++) {
      const n = Number(tables[row]);
      const at = Number(positions[row]) - 1;
      if (isNew[row]) fresh[n]!.push({ at, id: Number(ids[row]) });
      else this.pending.get(TABLES[n]!)!.set(unknown[n]![at]!, Number(ids[row]));
    }
    // New ids go to new keys in the order the batch named them (the query returns rows in any order).
    TABLES.forEach((table, n) => {
      const pending = this.pending.get(table)!;
      const freshIds = fresh[n]!.map((f) => f.id).sort((a, b) => a - b);
      const freshKeys = fresh[n]!.map((f) => f.at)
        .sort((a, b) => a - b)
        .map((at) => unknown[n]![at]!);
      freshKeys.forEach((key, i) => pending.set(key, freshIds[i]!));
      created[table] = freshKeys;
    });
  }

  /** The batch committed: what it learnt is now true. */
  commit(): void {
    for (const [table, pending] of this.pending) {
      const cache = this.cached.get(table)!;
      if (cache.size + pending.size > MAX_CACHED) cache.clear();
      for (const [key, id] of pending) cache.set(key, id);
      pending.clear();
    }
  }

  /** The batch rolled back: forget what it learnt. */
  rollback(): void {
    for (const pending of this.pending.values()) pending.clear();
  }
}
