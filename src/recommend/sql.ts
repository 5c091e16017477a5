import { readFileSync } from 'node:fs';

/** The recommender's SQL, one query per file in ./sql/ (the build copies them next to the JS). */
export type QueryName =
  | 'parquet-cells'
  | 'listenbrainz-dump-cells'
  | 'cell-users'
  | 'cell-items'
  | 'cell-triples'
  | 'store-interactions'
  | 'store-item-names'
  | 'store-item-features'
  | 'store-recent-items'
  | 'radio-artist-tracks'
  | 'radio-recordings'
  | 'radio-tag-artists';

const QUERY_DIR = new URL('./sql/', import.meta.url);
const cache = new Map<QueryName, string>();

export function loadQuery(name: QueryName): string {
  let sql = cache.get(name);
  if (sql === undefined) {
    sql = readFileSync(new URL(`${name}.sql`, QUERY_DIR), 'utf8');
    cache.set(name, sql);
  }
  return sql;
}
