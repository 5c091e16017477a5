import { readFileSync } from 'node:fs';

/** The statistics' SQL, one query per file in ./queries/ (the build copies them next to the JS). */
export type QueryName =
  | 'activity'
  | 'breakdown'
  | 'compare-artists'
  | 'count-listens'
  | 'data-bounds'
  | 'entity-buckets'
  | 'entity-counts'
  | 'entity-listens'
  | 'entity-name'
  | 'entity-overview'
  | 'entity-top-recordings'
  | 'entity-top-releases'
  | 'leaders'
  | 'listening-clock'
  | 'local-listen-buckets'
  | 'new-artists'
  | 'sessions'
  | 'skips'
  | 'soundtracks'
  | 'streaks'
  | 'summary'
  | 'top-artists-by-plays'
  | 'top-artists-by-time'
  | 'top-recordings-by-plays'
  | 'top-recordings-by-time'
  | 'top-release-groups-by-plays'
  | 'top-release-groups-by-time'
  | 'top-releases-by-plays'
  | 'top-releases-by-time'
  | 'user-by-name'
  | 'user-names'
  // The same statistics from the rollups (src/stats/sources.ts says when).
  | 'rollups/breakdown'
  | 'rollups/compare-artists'
  | 'rollups/entity-counts'
  | 'rollups/local-hour-buckets'
  | 'rollups/local-quarter-buckets'
  | 'rollups/session-pieces-kept'
  | 'rollups/session-pieces-quarters'
  | 'rollups/sessions-of-pieces'
  | 'rollups/span'
  | 'rollups/summary'
  | 'rollups/top-artists'
  | 'rollups/top-recordings'
  | 'rollups/top-release-groups'
  | 'rollups/top-releases'
  | 'rollups/zone-offset-placeholder';

const QUERY_DIR = new URL('./queries/', import.meta.url);
const cache = new Map<QueryName, string>();

export function loadQuery(name: QueryName): string {
  let sql = cache.get(name);
  if (sql === undefined) {
    sql = readFileSync(new URL(`${name}.sql`, QUERY_DIR), 'utf8');
    cache.set(name, sql);
  }
  return sql;
}

const overCache = new Map<string, string>();

/**
 * The query `name` with every call of the table macro `macro` made to `instead`, a macro of the same
 * parameters and columns: one statistic over another source (local_listen_buckets over the rollups'
 * hours: local_hour_buckets). Choosing the macro by name, rather than redefining one name per query,
 * lets each be defined once per connection: DuckDB binds a macro's body when it is defined.
 */
export function loadQueryOver(name: QueryName, macro: string, instead: string): string {
  const key = `${name}|${macro}|${instead}`;
  let sql = overCache.get(key);
  if (sql === undefined) {
    sql = loadQuery(name).replace(new RegExp(`\\b${macro}\\(`, 'g'), `${instead}(`);
    overCache.set(key, sql);
  }
  return sql;
}
