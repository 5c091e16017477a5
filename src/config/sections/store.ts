import { defineSection, integer, text } from '../setting.js';

/** DuckDB's size syntax: a number and a unit (`1GB`, `512MiB`). */
const SIZE = /^\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i;

/** The embedded DuckDB file and what DuckDB may use of the machine. */
export const store = defineSection({
  db: text({
    default: './data/listenhouse.duckdb',
    path: true,
    env: 'LISTENHOUSE_DB',
    flag: '--db',
    expects: 'a file path',
    description: 'the DuckDB database file; created with its folder when missing',
  }),
  duckdbMemory: text({
    default: '1GB',
    pattern: SIZE,
    expects: 'a size such as 1GB or 512MiB',
    env: 'LISTENHOUSE_DUCKDB_MEMORY',
    description:
      "DuckDB's memory limit (its cache would otherwise take up to 80% of RAM); `import` asks for 512MB unless this is set",
  }),
  threads: integer({
    min: 1,
    max: 1024,
    env: 'LISTENHOUSE_DUCKDB_THREADS',
    description: "DuckDB's worker threads (default: DuckDB's own, one per core)",
  }),
});
