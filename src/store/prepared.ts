import type { DuckDBConnection, DuckDBPreparedStatement } from '@duckdb/node-api';

const byConnection = new WeakMap<DuckDBConnection, Map<string, Promise<DuckDBPreparedStatement>>>();

/**
 * The statement prepared once per connection and kept: parsing and planning the merge statements
 * costs more than running them on a small batch. Use it only inside the connection's turn
 * (`Database.exclusive`): binding and running must not interleave with another caller's. A kept
 * statement must not depend on tables that are dropped and created again (DuckDB would re-plan it).
 */
export function preparedOn(connection: DuckDBConnection, sql: string): Promise<DuckDBPreparedStatement> {
  const statements = byConnection.get(connection) ?? new Map<string, Promise<DuckDBPreparedStatement>>();
  byConnection.set(connection, statements);
  let statement = statements.get(sql);
  if (!statement) {
    statement = connection.prepare(sql);
    // A failed prepare is not kept, so the next batch tries again.
    void statement.catch(() => statements.delete(sql));
    statements.set(sql, statement);
  }
  return statement;
}
