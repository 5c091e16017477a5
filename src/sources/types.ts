import type { Readable } from 'node:stream';
import type { ParsedRecord, RecordLocation, SourceName } from '../domain/listen.js';

/**
 * One readable input: a file on disk or a member of a zip. `path` is what messages show
 * (`export.zip:listens/2024/1.jsonl`), `name` the base name, `size` the byte size when known.
 */
export interface Entry {
  readonly path: string;
  readonly name: string;
  readonly size: number;
  /** The file on disk, for a plain file (not a zip member): what DuckDB reads in a bulk import. */
  readonly diskPath?: string;
  /** Opens the raw bytes. May be called more than once (sniffing, then parsing). */
  open(): Promise<Readable>;
}

/** What detection sees: the first bytes of an entry decoded as text, and its name (a tie-breaker only). */
export interface Sniff {
  readonly name: string;
  /** The first 64 KiB, decoded as UTF-8 with replacement characters. */
  readonly head: string;
}

/** Column mapping for the generic CSV/TSV importer (`--columns artist=Artist,track=Title,timestamp=Played At`). */
export interface ColumnMapping {
  artist: string;
  track: string;
  timestamp: string;
  release?: string;
  durationMs?: string;
  user?: string;
  /** How to read the timestamp column: unix seconds, unix ms, or an ISO/date string (UTC unless it has an offset). */
  timestampFormat?: 'unix' | 'unix_ms' | 'iso';
  /** Field delimiter; guessed from the header line when absent. */
  delimiter?: string;
}

/**
 * The text encoding asked for. `auto` reads UTF-8 and reads an entry as Windows-1252 when its bytes
 * are single-byte text throughout; `utf8` rejects rows that are not UTF-8 (`bad_encoding`, with a hint
 * to pass --encoding latin1); `latin1` is read as Windows-1252, as browsers and the WHATWG Encoding
 * Standard read that label: it is what "Latin-1" exports from Windows are, and ISO-8859-1 would turn
 * their ’ “ ” € … into control characters.
 */
export type EncodingChoice = 'auto' | 'utf8' | 'latin1';

/** What detection tells the caller when it reads an entry as Windows-1252. */
export interface EncodingDetected {
  /** The entry, as messages name it. */
  readonly file: string;
  readonly encoding: 'windows-1252';
  /** The first line (for JSON, the line of the first element) that is not valid UTF-8. */
  readonly line: number;
}

export interface ParseOptions {
  encoding: EncodingChoice;
  /** Called once for each entry that `encoding: 'auto'` reads as Windows-1252. */
  onEncodingDetected?: (detected: EncodingDetected) => void;
  /** "Now" in UTC epoch ms, pinned by tests. */
  now: number;
  columns?: ColumnMapping;
  /** Spotify: minimum ms_played for a play that did not end naturally (default 30 000). */
  minPlayedMs?: number;
}

export type FormatName =
  | 'listenbrainz-jsonl'
  | 'listenbrainz-array'
  | 'listenbrainz-dump'
  | 'spotify-extended'
  | 'spotify-account'
  | 'lastfm-csv'
  | 'lastfm-ghan-csv'
  | 'lastfm-ghan-json'
  | 'lastfm-recenttracks'
  | 'lastfm-1k-tsv'
  | 'discogs-collection-csv'
  | 'generic-csv'
  | 'simulator';

export interface SourceFormat {
  readonly name: FormatName;
  readonly source: SourceName;
  /** One line for humans: "ListenBrainz export (JSON lines)". */
  readonly title: string;
  readonly produces: 'listens' | 'collection';
  /**
   * The file names this format usually has (`Streaming_History_Audio_2024.json`). Used only to break a
   * tie between formats whose detect() gave the same confidence; never to choose a format on its own.
   */
  readonly namePattern?: RegExp;
  /**
   * How sure we are that the entry is in this format, from its content: 0 (no) to 1 (certain).
   * The name may only break ties between formats that share a shape.
   */
  detect(sniff: Sniff): number;
  /** Streams the entry's records in order. Never throws for a bad row: it yields a reject instead. */
  parse(entry: Entry, options: ParseOptions): AsyncIterable<ParsedRecord>;
  /** How DuckDB reads the format itself, for formats it can read (a bulk import). */
  readonly bulk?: BulkReading;
}

/**
 * A format DuckDB reads in bulk (ingest/bulk-entry.ts): an SQL extraction that gives each record's
 * fields, and the mapping of one record's text for the records the SQL leaves to JavaScript.
 */
export interface BulkReading {
  /**
   * How the file is cut into records: one per line (JSON lines), or one per line of a CSV file with
   * no quoted field over two lines (a file that has one is read line by line in JavaScript).
   */
  readonly records: 'lines' | 'csv-lines';
  /**
   * A SELECT over `bulk_lines` (the staged part's lines: `line`, 1-based in the file, and `text`;
   * blank lines NULL) giving the columns store/sql/bulk/stage-rows.sql reads, one row per record;
   * see sources/listenbrainz/listenbrainz-lines.sql.
   */
  readonly sql: string;
  /** The bind values the SQL names beyond the common ones ($mbid, $max_duration_ms). */
  readonly binds?: Readonly<Record<string, string | number>>;
  /** One record's text as `parse` maps it (null for a line that holds no record). */
  mapText(text: string, where: RecordLocation): ParsedRecord | null;
}
