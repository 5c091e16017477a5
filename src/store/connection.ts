import type { DuckDBConnection } from '@duckdb/node-api';
import type { Database } from './database.js';

/** Each open Database's DuckDB connection, set by openDatabase (a getter: the reader's opens late). */
export const connections = new WeakMap<Database, () => DuckDBConnection>();

/**
 * The DuckDB connection under a `Database`, for the store's own writers (appenders, prepared
 * statements). Only store/ may call it (the lint keeps DuckDB inside store/), and only in a turn.
 */
export function connectionOf(db: Database): DuckDBConnection {
  const get = connections.get(db);
  if (!get) throw new Error('not a Database opened by openDatabase');
  return get();
}
