import type { ParsedRecord, RecordLocation } from '../../domain/listen.js';
import type { CsvItem } from '../read/csv-reader.js';
import type { JsonElement } from '../read/json-array-splitter.js';
import { readEntryJsonBatches } from '../read/json-array-splitter.js';
import { badEncodingMessage, readEntryLineBatches } from '../read/line-reader.js';
import type { Entry, ParseOptions } from '../types.js';
import { toParsedRecord, type Outcome } from './outcome.js';

function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d) return false;
  }
  return true;
}

function describeError(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Maps every non-blank line of a text entry: `map` gets the line's text and returns an outcome, or a
 * reject message when the line cannot be read at all. Lines that are not valid UTF-8 are rejected here.
 */
export async function* mapTextLines(
  entry: Entry,
  options: ParseOptions,
  map: (text: string, line: number) => Outcome | { unreadable: string },
): AsyncGenerator<ParsedRecord> {
  const file = entry.path;
  for await (const batch of readEntryLineBatches(entry, options)) {
    for (const { line, text, valid } of batch) {
      if (!valid) {
        yield {
          kind: 'reject',
          where: { file, line },
          raw: text,
          reason: 'bad_encoding',
          message: badEncodingMessage(line),
        };
        continue;
      }
      if (isBlank(text)) continue;
      const outcome = map(text, line);
      if ('unreadable' in outcome) {
        yield {
          kind: 'reject',
          where: { file, line },
          raw: text,
          reason: 'malformed',
          message: outcome.unreadable,
        };
      } else {
        yield toParsedRecord(outcome, { file, line }, text);
      }
    }
  }
}

/** One JSON line's record as `mapJsonLines` makes it (a line that is not JSON is rejected as malformed). */
export function mapJsonLine(
  text: string,
  where: RecordLocation,
  map: (value: unknown) => Outcome,
): ParsedRecord | null {
  if (isBlank(text)) return null;
  const outcome = jsonOutcome(text, where.line, map);
  return 'unreadable' in outcome
    ? { kind: 'reject', where, raw: text, reason: 'malformed', message: outcome.unreadable }
    : toParsedRecord(outcome, where, text);
}

function jsonOutcome(
  text: string,
  line: number,
  map: (value: unknown) => Outcome,
): Outcome | { unreadable: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { unreadable: `line ${line}: not valid JSON (${describeError(err)})` };
  }
  return map(value);
}

/** Maps every line of a JSON-lines entry; blank lines are not records and are passed over. */
export function mapJsonLines(
  entry: Entry,
  options: ParseOptions,
  map: (value: unknown) => Outcome,
): AsyncGenerator<ParsedRecord> {
  return mapTextLines(entry, options, (text, line) => jsonOutcome(text, line, map));
}

/** The reject for an element the JSON splitter could not deliver. */
export function rejectElement(entry: Entry, element: Extract<JsonElement, { error: string }>): ParsedRecord {
  const reason = element.error === 'not_array' ? 'malformed' : element.error;
  return {
    kind: 'reject',
    where: { file: entry.path, line: element.line },
    raw: element.raw,
    reason,
    message: element.message,
  };
}

/** Maps every element of an entry's top-level JSON array. */
export async function* mapJsonElements(
  entry: Entry,
  options: ParseOptions,
  map: (value: unknown) => Outcome,
): AsyncGenerator<ParsedRecord> {
  for await (const batch of readEntryJsonBatches(entry, options)) {
    for (const element of batch) {
      if (element.error !== undefined) yield rejectElement(entry, element);
      else yield toParsedRecord(map(element.value), { file: entry.path, line: element.line }, element.raw);
    }
  }
}

/** The reject for a CSV line that could not be read. */
export function rejectCsvItem(entry: Entry, item: Extract<CsvItem, { error: string }>): ParsedRecord {
  return {
    kind: 'reject',
    where: { file: entry.path, line: item.line },
    raw: item.raw,
    reason: item.error,
    message: item.message,
  };
}
