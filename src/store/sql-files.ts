import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cache = new Map<string, string>();

/** Reads a .sql file that sits beside the calling module (the build copies them into dist/). */
export function loadSql(moduleUrl: string, relativePath: string): string {
  const path = join(dirname(fileURLToPath(moduleUrl)), relativePath);
  let sql = cache.get(path);
  if (sql === undefined) {
    sql = readFileSync(path, 'utf8');
    cache.set(path, sql);
  }
  return sql;
}
