/**
 * Whole result columns as JavaScript arrays, for the store's bulk readers (the matcher's candidate
 * look-ups): DuckDB converts a column at a time, which costs about half of what building one object
 * per row costs (`Database.all`) — on tens of thousands of candidate rows per batch, that is most of
 * a batch's read time.
 */
import type { DuckDBValue } from '@duckdb/node-api';
import { connectionOf } from './connection.js';
import type { Database, SqlParams } from './database.js';

export async function readColumnsJS(db: Database, sql: string, params?: SqlParams): Promise<unknown[][]> {
  return db.exclusive(async () => {
    // A reader's pooled connection opens with its first query; this one pins and opens it.
    await db.all('SELECT 1');
    const result = await connectionOf(db).runAndReadAll(
      sql,
      params as DuckDBValue[] | Record<string, DuckDBValue> | undefined,
    );
    return result.getColumnsJS();
  });
}
