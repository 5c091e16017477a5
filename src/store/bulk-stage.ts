import type { DuckDBAppender } from '@duckdb/node-api';
import { connectionOf } from './connection.js';
import type { Database, SqlValue } from './database.js';
import { big, idList, num, numOrNull, str, strOrNull, strsOrNull } from './rows.js';
import { loadSql } from './sql-files.js';

const STAGE_ROWS = loadSql(import.meta.url, 'sql/bulk/stage-rows.sql');
const TUPLES = loadSql(import.meta.url, 'sql/bulk/tuples.sql');
const SLOW_TUPLES = loadSql(import.meta.url, 'sql/bulk/slow-tuples.sql');
const CHUNK_PROTOTYPES = loadSql(import.meta.url, 'sql/bulk/chunk-prototypes.sql');
const CHUNK_USERS = loadSql(import.meta.url, 'sql/bulk/chunk-users.sql');
const CHUNK_SLOW_ROWS = loadSql(import.meta.url, 'sql/bulk/chunk-slow-rows.sql');

/** One part of a file for DuckDB to stage: see sources/types.ts BulkReading. */
export interface BulkPart {
  /** A file holding the part's lines, and the number of its first line in the whole file. */
  file: string;
  firstLine: number;
  /** The format's extraction: a SELECT over bulk_lines. */
  extraction: string;
  /** Its binds and the common ones (store/sql/bulk/stage-rows.sql). */
  binds: Readonly<Record<string, SqlValue>>;
}

/** A distinct combination of names (and credit, artist MBIDs) among the fast rows. */
export interface BulkTuple {
  id: bigint;
  artist: string;
  track: string;
  release: string | null;
  /** The source's structured credit, as JSON text (ListenBrainz mbid_mapping.artists). */
  creditJson: string | null;
  artistMbids: string[] | null;
}

/** A tuple's first row in the part and that row's values (store/sql/bulk/chunk-prototypes.sql). */
export interface BulkPrototype {
  tupleId: bigint;
  line: number;
  recordingMbid: string | null;
  isrc: string | null;
  durationMs: number | null;
  releaseMbid: string | null;
  releaseGroupMbid: string | null;
}

/** How a tuple's names are stored (domain/normalise.ts NormalisedNames, the parts a row keeps). */
export interface BulkNames {
  tupleId: bigint;
  artistCredit: string;
  track: string;
  release: string | null;
}

/** Binds the parameters an SQL text names: DuckDB refuses values it has no parameter for. */
function bindsFor(sql: string, binds: Readonly<Record<string, SqlValue>>): Record<string, SqlValue> {
  const code = sql.replace(/--.*$/gm, '');
  const used: Record<string, SqlValue> = {};
  for (const [name, value] of Object.entries(binds))
    if (new RegExp(`\\$${name}\\b`).test(code)) used[name] = value;
  return used;
}

/**
 * The staging of a file for a bulk import (ingest/bulk-entry.ts), part by part: each part's lines
 * (bulk_lines), their records' fields (bulk_rows), and the stored names of the tuples settled so far
 * (bulk_names, for the whole file). The tables are the write connection's (temporary): use it inside
 * that connection's turns, as the import does.
 */
export class BulkStage {
  private constructor(private readonly db: Database) {}

  /** A new staging for one file. */
  static async open(db: Database): Promise<BulkStage> {
    await db.run(
      'CREATE OR REPLACE TEMP TABLE bulk_names (tuple_id BIGINT, artist_credit VARCHAR, track VARCHAR, release VARCHAR)',
    );
    return new BulkStage(db);
  }

  /**
   * Reads a part into bulk_lines and bulk_rows: its lines in order (one reader: ordinality is the line
   * number), then their fields (in parallel). Throws when DuckDB cannot read it.
   */
  async stagePart(part: BulkPart): Promise<{ lines: number; rows: number }> {
    const path = `'${part.file.replace(/'/g, "''")}'`;
    // One column, no quoting: each line whole. strict_mode off keeps blank lines (as NULL), so
    // ordinality counts every line.
    await this.db.run(
      `CREATE OR REPLACE TEMP TABLE bulk_lines AS
       SELECT (ordinality + $first_line - 1)::INTEGER AS line, text
       FROM read_csv(${path}, columns = {'text': 'VARCHAR'}, delim = '\\x01', quote = '', escape = '',
                     header = false, auto_detect = false, strict_mode = false)
       WITH ORDINALITY`,
      { first_line: part.firstLine },
    );
    // Replaced by a function: a replacement string would read the SQL's $' as a pattern.
    const sql = STAGE_ROWS.replace('{{extraction}}', () => part.extraction);
    await this.db.run(sql, bindsFor(sql, part.binds));
    const [counts] = await this.db.all(
      'SELECT (SELECT count(*) FROM bulk_lines) AS lines, (SELECT count(*) FROM bulk_rows) AS rows',
    );
    return { lines: num(counts!.lines, 'lines'), rows: num(counts!.rows, 'rows') };
  }

  /** The part's tuples (the caller skips those it settled in earlier parts). */
  async tuples(): Promise<BulkTuple[]> {
    return (await this.db.all(TUPLES)).map((r) => ({
      id: big(r.tuple_id, 'tuple_id'),
      artist: str(r.artist, 'artist'),
      track: str(r.track, 'track'),
      release: strOrNull(r.release, 'release'),
      creditJson: strOrNull(r.credit_json, 'credit_json'),
      artistMbids: strsOrNull(r.artist_mbids, 'artist_mbids'),
    }));
  }

  /**
   * Sends the part's rows of these tuples to JavaScript (names it refused or cleaned, in this part or
   * an earlier one), and keeps how the part's other tuples' names are stored (bulk_names).
   */
  async settleTuples(slow: readonly bigint[], names: readonly BulkNames[]): Promise<void> {
    if (slow.length > 0) await this.db.run(SLOW_TUPLES, { tuples: idList(slow) });
    await this.db.run('DELETE FROM bulk_names');
    await appendRows(this.db, 'bulk_names', names, (a, n) => {
      a.appendBigInt(n.tupleId);
      a.appendVarchar(n.artistCredit);
      a.appendVarchar(n.track);
      if (n.release === null) a.appendNull();
      else a.appendVarchar(n.release);
    });
  }

  /**
   * The part's rows left to JavaScript: their line and text, in file order. The part's lines are
   * dropped then: the writer needs the memory more than anyone needs the text again.
   */
  async slowRows(): Promise<{ line: number; text: string }[]> {
    const rows = (await this.db.all(CHUNK_SLOW_ROWS)).map((r) => ({
      line: num(r.line, 'line'),
      text: str(r.text, 'text'),
    }));
    await this.db.run('DROP TABLE bulk_lines');
    return rows;
  }

  /** The part's fast rows. */
  async fastCount(): Promise<number> {
    const [row] = await this.db.all('SELECT count(*) AS n FROM bulk_rows WHERE fast');
    return num(row!.n, 'n');
  }

  /**
   * The user names of the part's fast rows (null for rows that name none), each with the first line
   * giving it, in file order.
   */
  async userNames(): Promise<{ name: string | null; line: number }[]> {
    return (await this.db.all(CHUNK_USERS))
      .map((r) => ({ name: strOrNull(r.user_name, 'user_name'), line: num(r.line, 'line') }))
      .sort((a, b) => a.line - b.line);
  }

  /** Each tuple's first fast row in the part, in file order. */
  async prototypes(): Promise<BulkPrototype[]> {
    return (await this.db.all(CHUNK_PROTOTYPES))
      .map((r) => ({
        tupleId: big(r.tuple_id, 'tuple_id'),
        line: num(r.line, 'line'),
        recordingMbid: strOrNull(r.recording_mbid, 'recording_mbid'),
        isrc: strOrNull(r.isrc, 'isrc'),
        durationMs: numOrNull(r.duration_ms, 'duration_ms'),
        releaseMbid: strOrNull(r.release_mbid, 'release_mbid'),
        releaseGroupMbid: strOrNull(r.release_group_mbid, 'release_group_mbid'),
      }))
      .sort((a, b) => a.line - b.line);
  }

  /** Drops the staging (also dropped with the connection). */
  async close(): Promise<void> {
    await this.db.run(
      'DROP TABLE IF EXISTS bulk_lines; DROP TABLE IF EXISTS bulk_rows; DROP TABLE IF EXISTS bulk_names',
    );
  }
}

async function appendRows<T>(
  db: Database,
  table: string,
  rows: readonly T[],
  write: (appender: DuckDBAppender, row: T) => void,
): Promise<void> {
  if (rows.length === 0) return;
  await db.exclusive(async () => {
    const appender = await connectionOf(db).createAppender(table, 'main', 'temp');
    try {
      for (const row of rows) {
        write(appender, row);
        appender.endRow();
      }
    } finally {
      appender.closeSync();
    }
  });
}
