import { connectionOf } from './connection.js';
import type { Database } from './database.js';
import { dropIds, takeIds } from './id-pool.js';
import { KeyFilter } from './key-filter.js';
import { preparedOn } from './prepared.js';

export type CatalogueTable = 'artists' | 'artist_credits' | 'recordings' | 'releases';

/** Beyond this many keys a cache starts over: the database stays the truth, the cache only saves lookups. */
const MAX_CACHED = 250_000;

const TABLES: readonly CatalogueTable[] = ['artists', 'artist_credits', 'recordings', 'releases'];

/**
 * The stored ids of keys in every catalogue table at once ($1..$4, one JSON array of keys per table
 * in TABLES' order: one string to bind, however many keys), by table and position in its array (`i`,
 * from 1); `id` is NULL for a key not stored yet (it gets one from the pool). One statement for the
 * four tables: a batch of new plays names new entries in all four.
 */
const LOOK_UP_SQL = TABLES.map(
  (table, n) => `SELECT ${n} AS t, k.i, c.id
  FROM (
    SELECT unnest(keys) AS key, generate_subscripts(keys, 1) AS i
    FROM (SELECT from_json($${n + 1}, '["VARCHAR"]') AS keys)
  ) k LEFT JOIN ${table} c ON c.key = k.key`,
).join('\nUNION ALL\n');

/** Ids reserved at a time beyond what a batch needs (id-pool.ts): one reservation serves many live group commits. */
const ID_BLOCK = 2048;

/**
 * Per write database, the filters of the keys each catalogue table holds (key-filter.ts), shared by
 * every CatalogueIds of it: built on first need by a writer that asks for them, kept true by every
 * writer's commit, built again after `catalogueChanged` or once one is full.
 */
const filtersOf = new WeakMap<Database, { generation: number; tables: Map<CatalogueTable, KeyFilter> }>();

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

  /**
   * `filterKeys`: keys a filter of the stored keys rules out are given new ids without a look-up —
   * for live submissions, whose listens mostly name recordings never stored (the look-up reads every
   * key of the table). Building the filters reads every key once, so imports go without.
   */
  constructor(
    private readonly db: Database,
    private readonly options: { filterKeys?: boolean } = {},
  ) {
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
   * transaction. Keys this process already knows cost nothing; the others one query for the four
   * tables (with `filterKeys`, only those the filters do not rule out); new ids come from the pools.
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
    if (!unknown.some((k) => k.length > 0)) return created;
    // Positions (in unknown) of the keys to look up, and of those surely new.
    const maybe: number[][] = unknown.map((keysOf) => keysOf.map((_, at) => at));
    const surelyNew: number[][] = unknown.map(() => []);
    if (this.options.filterKeys) {
      const filters = await this.filters(now);
      unknown.forEach((keysOf, n) => {
        const filter = filters.get(TABLES[n]!)!;
        maybe[n] = [];
        keysOf.forEach((key, at) => (filter.mayHave(key) ? maybe[n]! : surelyNew[n]!).push(at));
      });
    }
    // Positions (in unknown) of the keys not stored: those the filters rule out, and those the look-up misses.
    const missing: number[][] = surelyNew;
    if (maybe.some((m) => m.length > 0)) {
      const statement = await preparedOn(connectionOf(this.db), LOOK_UP_SQL);
      maybe.forEach((ats, n) =>
        statement.bindVarchar(n + 1, JSON.stringify(ats.map((at) => unknown[n]![at]!))),
      );
      // Tables, positions and ids only, read as columns: a batch of new recordings returns thousands of rows.
      const [tables, positions, ids] = (await statement.runAndReadAll()).getColumnsJS() as [
        number[],
        bigint[],
        (bigint | number | null)[],
      ];
      for (let row = 0; row < positions.length; row++) {
        const n = Number(tables[row]);
        const at = maybe[n]![Number(positions[row]) - 1]!;
        const id = ids[row];
        if (id === null || id === undefined) missing[n]!.push(at);
        else this.pending.get(TABLES[n]!)!.set(unknown[n]![at]!, Number(id));
      }
    }
    // New ids go to new keys in the order the batch named them.
    const freshIds = await this.take(missing.map((m) => m.length));
    TABLES.forEach((table, n) => {
      const pending = this.pending.get(table)!;
      const freshKeys = missing[n]!.sort((a, b) => a - b).map((at) => unknown[n]![at]!);
      freshKeys.forEach((key, i) => pending.set(key, freshIds[n]![i]!));
      created[table] = freshKeys;
    });
    return created;
  }

  /**
   * `counts[n]` new ids for each table, rising, from the reserved ids (id-pool.ts): every new
   * catalogue entry takes its id there, so ids rise in the order entries are created (a quality
   * change set finds what it created as the ids above the highest before it).
   */
  private async take(counts: readonly number[]): Promise<number[][]> {
    const sequence = (table: CatalogueTable) => `${table}_id_seq`;
    const taken = await takeIds(
      this.db,
      new Map(TABLES.map((table, n) => [sequence(table), counts[n]!] as const).filter(([, k]) => k > 0)),
      ID_BLOCK,
    );
    return TABLES.map((table) => taken.get(sequence(table)) ?? []);
  }

  /** The filters of the stored keys, built now when there are none of this catalogue generation. */
  private async filters(generation: number): Promise<Map<CatalogueTable, KeyFilter>> {
    const kept = filtersOf.get(this.db);
    if (kept && kept.generation === generation && ![...kept.tables.values()].some((f) => f.full))
      return kept.tables;
    const tables = new Map<CatalogueTable, KeyFilter>();
    for (const table of TABLES) {
      const { rowCount, columns } = await this.db.columns(`SELECT key FROM ${table}`, { key: 'text' });
      // Room for as many keys again (and then some) before it is built anew.
      const filter = new KeyFilter(rowCount * 2 + 100_000);
      for (const key of columns.key) filter.add(key);
      tables.set(table, filter);
    }
    filtersOf.set(this.db, { generation, tables });
    return tables;
  }

  /** The batch committed: what it learnt is now true. */
  commit(): void {
    // Every writer's new keys reach the shared filters, whether or not it reads them itself.
    const filters = filtersOf.get(this.db);
    const current = filters?.generation === (generations.get(this.db) ?? 0) ? filters : undefined;
    for (const [table, pending] of this.pending) {
      const filter = current?.tables.get(table);
      if (filter) for (const key of pending.keys()) filter.add(key);
      const cache = this.cached.get(table)!;
      if (cache.size + pending.size > MAX_CACHED) cache.clear();
      for (const [key, id] of pending) cache.set(key, id);
      pending.clear();
    }
  }

  /** The batch rolled back: forget what it learnt, and the reserved ids (their reservation may be undone). */
  rollback(): void {
    for (const pending of this.pending.values()) pending.clear();
    dropIds(this.db);
  }
}
