import { Readable } from 'node:stream';
import { CsvError, parse, type Info } from 'csv-parse';
import type { Entry } from '../types.js';
import { badEncodingMessage, readEntryLineBatches, type TextLine } from './line-reader.js';
import type { DecodeOptions } from './text-encoding.js';

/** One CSV record with the line it starts on and its text, or a line that could not be read. */
export type CsvItem =
  | { readonly line: number; readonly raw: string; readonly fields: string[]; readonly error?: undefined }
  | {
      readonly line: number;
      readonly raw: string;
      readonly error: 'bad_encoding' | 'malformed';
      readonly message: string;
    };

export interface CsvReadOptions extends DecodeOptions {
  /** Field delimiter; ',' when absent. */
  delimiter?: string;
}

interface CsvParseOutput {
  record: string[];
  raw: string;
  info: Info;
}

function countNewlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * Streams CSV records from lines already decoded by the line reader. Lines that are not valid UTF-8
 * are reported in order as `bad_encoding` items and handed to csv-parse as empty lines, which it skips,
 * so its line count still matches the file. csv-parse reports the line a record ends on; the start
 * line is that minus the newlines inside the record (quoted multi-line fields).
 */
export async function* readCsvLines(
  lines: AsyncIterable<TextLine[]>,
  options: CsvReadOptions,
): AsyncGenerator<CsvItem> {
  const badLines: CsvItem[] = [];
  async function* text(): AsyncGenerator<string> {
    for await (const batch of lines) {
      const parts: string[] = new Array<string>(batch.length);
      for (let i = 0; i < batch.length; i++) {
        const l = batch[i]!;
        if (l.valid) {
          parts[i] = l.text;
        } else {
          badLines.push({
            line: l.line,
            raw: l.text,
            error: 'bad_encoding',
            message: badEncodingMessage(l.line),
          });
          parts[i] = '';
        }
      }
      parts.push('');
      yield parts.join('\n');
    }
  }
  const source = Readable.from(text());
  const parser = source.pipe(
    parse({
      delimiter: options.delimiter ?? ',',
      record_delimiter: '\n',
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      info: true,
      raw: true,
    }),
  );
  // pipe() does not pass a read error on (a damaged zip member): without this the loop would wait forever.
  source.on('error', (err) => parser.destroy(err));
  let lastLine = 0;
  let failure: CsvItem | null = null;
  try {
    for await (const output of parser as AsyncIterable<CsvParseOutput>) {
      let raw = output.raw;
      let lead = 0;
      while (lead < raw.length && raw.charCodeAt(lead) === 0x0a) lead++;
      raw = raw.slice(lead, raw.endsWith('\n') ? -1 : undefined);
      const line = output.info.lines - countNewlines(raw);
      lastLine = output.info.lines;
      while (badLines.length > 0 && badLines[0]!.line < line) yield badLines.shift()!;
      yield { line, raw, fields: output.record };
    }
  } catch (err) {
    // csv-parse stops at an unrecoverable error (a quote never closed): report it where it happened.
    // Anything else (the file could not be read) is not about a record and goes to the caller.
    if (!(err instanceof CsvError)) throw err;
    const reason = err.message;
    const at = typeof err.lines === 'number' ? err.lines : lastLine + 1;
    failure = {
      line: at,
      raw: '',
      error: 'malformed',
      message: `line ${at}: cannot read the CSV from here on (${reason})`,
    };
  } finally {
    parser.destroy();
  }
  if (failure) {
    while (badLines.length > 0 && badLines[0]!.line < failure.line) yield badLines.shift()!;
    yield failure;
  }
  yield* badLines;
}

/** The CSV records of an entry. */
export function readEntryCsv(entry: Entry, options: CsvReadOptions): AsyncGenerator<CsvItem> {
  return readCsvLines(readEntryLineBatches(entry, options), options);
}
