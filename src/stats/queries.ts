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
  | 'rollups/local-listen-buckets'
  | 'rollups/session-pieces-kept'
  | 'rollups/session-pieces-quarters'
  | 'rollups/sessions-of-pieces'
  | 'rollups/span'
  | 'rollups/summary'
  | 'rollups/top-artists'
  | 'rollups/top-recordings'
  | 'rollups/top-release-groups'
  | 'rollups/top-releases';

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
