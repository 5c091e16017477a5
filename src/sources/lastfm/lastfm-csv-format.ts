import { readFileSync } from 'node:fs';
import { parse as parseCsv } from 'csv-parse/sync';
import { AppError } from '../../domain/errors.js';
import type { ParsedRecord, RecordLocation } from '../../domain/listen.js';
import { toParsedRecord } from '../common/outcome.js';
import { rejectCsvItem } from '../common/parse-helpers.js';
import { readEntryCsv } from '../read/csv-reader.js';
import { headCsvRows, headLines } from '../read/sniff.js';
import type { Entry, ParseOptions, SourceFormat, Sniff } from '../types.js';
import { isLastfmCsvHeader, mapGhanScrobble, mapLastfmCsvRow } from './map-scrobble.js';

const TEXT_DATE = /^\d{1,2} [A-Za-z]{3} \d{4},? \d{1,2}:\d{2}$/;

/** Headerless four-column rows whose last column is a Last.fm text date (or empty: now playing). */
export function detectLastfmCsv(sniff: Sniff): number {
  const rows = headCsvRows(sniff.head);
  if (rows.length === 0) return 0;
  if (isLastfmCsvHeader(rows[0]!)) return 0.95;
  let matching = 0;
  let dated = 0;
  for (const row of rows) {
    if (row.length !== 4) continue;
    const date = row[3]!.trim();
    if (date === '') matching++;
    else if (TEXT_DATE.test(date)) {
      matching++;
      dated++;
    }
  }
  return dated > 0 && matching / rows.length >= 0.9 ? 0.9 : 0;
}

async function* parseLastfmCsv(entry: Entry, options: ParseOptions): AsyncGenerator<ParsedRecord> {
  let first = true;
  for await (const item of readEntryCsv(entry, options)) {
    if (item.error !== undefined) {
      yield rejectCsvItem(entry, item);
      continue;
    }
    if (first) {
      first = false;
      if (isLastfmCsvHeader(item.fields)) continue;
    }
    yield toParsedRecord(mapLastfmCsvRow(item.fields), { file: entry.path, line: item.line }, item.raw);
  }
}

/**
 * One line's record as parseLastfmCsv makes it, for the lines the bulk import leaves to JavaScript:
 * a file read in bulk has no record over two lines (bulk-entry.ts checks its quotes), so a line is
 * a record, read by the same CSV parser.
 */
function mapCsvLine(text: string, where: RecordLocation): ParsedRecord | null {
  if (text === '') return null;
  let fields: string[];
  try {
    const records: string[][] = parseCsv(text, { relax_column_count: true, relax_quotes: true });
    fields = records[0] ?? [];
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return {
      kind: 'reject',
      where,
      raw: text,
      reason: 'malformed',
      message: `line ${where.line}: cannot read the CSV from here on (${reason})`,
    };
  }
  if (where.line === 1 && isLastfmCsvHeader(fields)) return null;
  return toParsedRecord(mapLastfmCsvRow(fields), where, text);
}

export const lastfmCsvFormat: SourceFormat = {
  name: 'lastfm-csv',
  source: 'lastfm',
  title: 'Last.fm scrobbles from benjaminbenben.com/lastfm-to-csv (artist,album,track,date; no header)',
  produces: 'listens',
  detect: detectLastfmCsv,
  parse: parseLastfmCsv,
  bulk: {
    records: 'csv-lines',
    sql: readFileSync(new URL('lastfm-csv-lines.sql', import.meta.url), 'utf8'),
    mapText: mapCsvLine,
  },
};

const GHAN_HEADER_START = ['uts', 'utc_time', 'artist'];

function unquote(field: string): string {
  const t = field.trim();
  return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1) : t;
}

export function detectGhanCsv(sniff: Sniff): number {
  const first = headLines(sniff.head, 1)[0];
  if (first === undefined) return 0;
  const names = first.split(',').map((f) => unquote(f).toLowerCase());
  return GHAN_HEADER_START.every((name, i) => names[i] === name) ? 0.99 : 0;
}

async function* parseGhanCsv(entry: Entry, options: ParseOptions): AsyncGenerator<ParsedRecord> {
  let header: string[] | null = null;
  for await (const item of readEntryCsv(entry, options)) {
    if (item.error !== undefined) {
      yield rejectCsvItem(entry, item);
      continue;
    }
    if (header === null) {
      header = item.fields.map((f) => f.trim().toLowerCase());
      for (const required of ['uts', 'artist', 'track']) {
        if (!header.includes(required)) {
          throw new AppError(
            'INVALID_INPUT',
            `column "${required}" is not in the header of ${entry.path}; the header has: ${item.fields.join(', ')}`,
          );
        }
      }
      continue;
    }
    const row: Record<string, string> = {};
    for (let i = 0; i < header.length; i++) row[header[i]!] = item.fields[i] ?? '';
    yield toParsedRecord(mapGhanScrobble(row), { file: entry.path, line: item.line }, item.raw);
  }
}

export const lastfmGhanCsvFormat: SourceFormat = {
  name: 'lastfm-ghan-csv',
  source: 'lastfm',
  title: 'Last.fm scrobbles from lastfm.ghan.nl/export, CSV (uts,utc_time,artist,…,track_mbid)',
  produces: 'listens',
  detect: detectGhanCsv,
  parse: parseGhanCsv,
};
