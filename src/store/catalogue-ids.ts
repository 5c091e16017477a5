import type { Database } from './database.js';

export type CatalogueTable = 'artists' | 'artist_credits' | 'recordings' | 'releases';

/** Beyond this many keys a cache starts over: the database stays the truth, the cache only saves lookups. */
const MAX_CACHED = 250_000;

/**
 * Key → id for the catalogue tables, so a batch of listens is staged with integer ids instead of
 * being joined on text keys in SQL. Ids of new entries come from each table's sequence. Entries
 * learnt inside a transaction become visible to the cache only after it commits (`commit`), so a
 * rolled-back batch leaves no ids behind. One writer per database at a time (DuckDB's file lock
 * gives that across processes; within a process the server owns the single ListenWriter).
 */
export class CatalogueIds {
  private readonly cached = new Map<CatalogueTable, Map<string, number>>();
  private readonly pending = new Map<CatalogueTable, Map<string, number>>();

  constructor(private readonly db: Database) {
    for (const t of ['artists', 'artist_credits', 'recordings', 'releases'] as const) {
      this.cached.set(t, new Map());
      this.pending.set(t, new Map());
    }
  }

  get(table: CatalogueTable, key: string): number | undefined {
    return this.pending.get(table)!.get(key) ?? this.cached.get(table)!.get(key);
  }

  /**
   * Looks up the keys this process has not seen yet; returns the ones the database does not have.
   * Call inside the batch's transaction.
   */
  async findMissing(table: CatalogueTable, keys: Iterable<string>): Promise<string[]> {
    const unknown: string[] = [];
    for (const key of keys) if (this.get(table, key) === undefined) unknown.push(key);
    if (unknown.length === 0) return [];
    await this.db.run('DELETE FROM stage_keys');
    const appender = await this.db.connection.createAppender('stage_keys', 'main', 'temp');
    try {
      for (const key of unknown) {
        appender.appendVarchar(key);
        appender.endRow();
      }
    } finally {
      appender.closeSync();
    }
    const found = await this.db.all<{ key: string; id: number }>(
      `SELECT t.key, t.id FROM ${table} t JOIN stage_keys k ON k.key = t.key`,
    );
    const pending = this.pending.get(table)!;
    for (const row of found) pending.set(row.key, row.id);
    return unknown.filter((key) => !pending.has(key));
  }

  /** Takes `keys.length` ids from the table's sequence and assigns them, in order. */
  async allocate(table: CatalogueTable, keys: readonly string[]): Promise<number[]> {
    if (keys.length === 0) return [];
    const rows = await this.db.all<{ id: bigint }>(
      `SELECT nextval('${table}_id_seq') AS id FROM range(${keys.length}) ORDER BY id`,
    );
    const pending = this.pending.get(table)!;
    return keys.map((key, i) => {
      const id = Number(rows[i]!.id);
      pending.set(key, id);
      return id;
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
